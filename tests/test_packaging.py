"""The app as a user installs it: a wheel built from the tree, installed (not editable) into a
fresh environment, opens the example, writes a report and lists every command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ("import", "export", "check", "report", "new", "keys")


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_of_the_tree_is_listed_for_the_wheel():
    listed = set(pyproject()["tool"]["setuptools"]["packages"])
    found = {".".join(path.parent.relative_to(ROOT).parts)
             for path in (ROOT / "finsam_desktop").rglob("__init__.py")}
    assert listed == found | {"finsam_desktop.resources"}
    assert pyproject()["tool"]["setuptools"]["package-dir"] == {
        "finsam_desktop.resources": "resources"}
    assert (ROOT / "resources" / "__init__.py").exists()
    assert not (ROOT / "finsam_desktop" / "resources").exists()


def test_each_example_plan_is_kept_once():
    from finsam_desktop.resources import example_plans
    names = [path.name for path in example_plans()]
    assert len(names) == 4
    copies = [path for path in ROOT.rglob("*.plan.json")
              if path.name in names and ".git" not in path.parts and "build" not in path.parts]
    assert sorted(copies) == sorted(example_plans())


def _run(argv, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(argv, capture_output=True, text=True, timeout=300, **kwargs)
    assert result.returncode == 0, (argv, result.stdout[-2000:], result.stderr[-2000:])
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the wheel built from a copy of the tree; its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    tree = work / "tree"
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(
        ".git", "__pycache__", "*.egg-info", "build", ".venv", "*.pyc"))
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
          "--disable-pip-version-check", "-w", str(work / "dist"), str(tree)])
    wheel = next((work / "dist").glob("finsam_desktop-*.whl"))
    venv = work / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    _run([base, "-m", "venv", str(venv)])
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    # The dependencies are this run's own (the base interpreter may have none): their
    # folders as plain paths after the venv's own, so that no editable install's .pth runs.
    purelib = _run([str(bin_dir / "python"), "-c",
                    "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    libraries = [path for path in sys.path if Path(path).name in ("site-packages", "dist-packages")]
    (Path(purelib) / "test_dependencies.pth").write_text("\n".join(libraries) + "\n",
                                                        encoding="utf-8")
    _run([str(bin_dir / "python"), "-m", "pip", "install", "--no-deps", "--quiet",
          "--disable-pip-version-check", str(wheel)])
    return bin_dir


def _env(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_DOCUMENTS_DIR=str(home / "Dokument"))
    return env


OPEN_EXAMPLE = """
import sys
from pathlib import Path
import finsam_desktop
assert "site-packages" in finsam_desktop.__file__, finsam_desktop.__file__
from PySide6.QtCore import QSettings
from finsam_desktop.ui.app import setup_application, start_window
app = setup_application()
window = start_window(example=True, settings=QSettings(sys.argv[1], QSettings.Format.IniFormat))
app.processEvents()
model = window.model
assert model is not None and not model.read_only, "the example did not open"
print(model.document.path)
print(model.plan.association)
window.close()
"""


@pytest.mark.slow
def test_the_installed_wheel_opens_the_example_writes_a_report_and_lists_its_commands(
        installed, tmp_path):
    from pypdf import PdfReader
    env = _env(tmp_path)
    opened = _run([str(installed / "python"), "-c", OPEN_EXAMPLE, str(tmp_path / "s.ini")],
                  cwd=tmp_path, env=env)
    path_line, association = opened.stdout.strip().splitlines()[-2:]
    copy = Path(path_line)
    assert copy.exists() and copy.suffix == ".finsam" and tmp_path in copy.parents
    assert association == "Samordningsförbundet Skaraborg"

    finsam = installed / ("finsam-desktop.exe" if os.name == "nt" else "finsam-desktop")
    pdf = tmp_path / "plan.pdf"
    _run([str(finsam), "report", str(copy), "-o", str(pdf)], cwd=tmp_path, env=env)
    assert "Samordningsförbundet Skaraborg" in PdfReader(pdf).pages[0].extract_text()

    shown = _run([str(finsam), "--help"], cwd=tmp_path, env=env).stdout
    for command in COMMANDS:
        assert f"\n    {command} " in shown, command
    assert "--example" in shown and "FIL.finsam" in shown
