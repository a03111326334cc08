"""The commands as a coordinator runs them: from a plain environment shaped like `pip install .`.

A developer's environment starts every interpreter with more than the user's does: an
editable install's import finder (pathlib, importlib.resources: about 15 ms), and on some
machines `.pth` files of the system's own site-packages (this sandbox's certificate shim
imports certifi: another 15 ms). `python -c pass` takes about 50 ms there and about 10 ms in a
fresh venv. The whole-process rows therefore run a throwaway venv that has no site-packages
of its own: one `.pth` line puts this checkout first and the current environment's
site-packages after it, as plain paths (their `.pth` files are not run), and `bin/` holds the
console script pip writes for `finsam_desktop.cli:run`.
"""

from __future__ import annotations

import sys
import sysconfig
import venv
from pathlib import Path

from .timing import ROOT

# The launcher pip (distlib) writes for a console_scripts entry point.
SCRIPT = """#!{python}
# -*- coding: utf-8 -*-
import re
import sys
from finsam_desktop.cli import run
if __name__ == "__main__":
    sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])
    sys.exit(run())
"""


def _layout(target: Path) -> dict[str, str]:
    return sysconfig.get_paths(vars={"base": str(target), "platbase": str(target)})


def _library_paths() -> list[str]:
    """Where this interpreter finds the app's dependencies, in its own order."""
    return [path for path in sys.path if Path(path).name in ("site-packages", "dist-packages")]


def installed_environment(folder: Path) -> Path:
    """A user-shaped environment under `folder` (made once); returns its `bin` folder."""
    target = folder / "installerad-miljo"
    layout = _layout(target)
    scripts = Path(layout["scripts"])
    command = scripts / "finsam-desktop"
    if command.exists():
        return scripts
    venv.EnvBuilder(with_pip=False, symlinks=True, clear=True).create(target)
    site_packages = Path(layout["purelib"])
    site_packages.mkdir(parents=True, exist_ok=True)
    lines = [str(ROOT), *_library_paths()]
    (site_packages / "finsam_desktop_checkout.pth").write_text("\n".join(lines) + "\n",
                                                               encoding="utf-8")
    command.write_text(SCRIPT.format(python=_interpreter(scripts)), encoding="utf-8")
    command.chmod(0o755)
    return scripts


def _interpreter(scripts: Path) -> Path:
    named = scripts / Path(sys.executable).name
    return named if named.exists() else scripts / "python"


def installed_python(folder: Path) -> str:
    """The interpreter of the user-shaped environment (for the window's child process)."""
    return str(_interpreter(installed_environment(folder)))


def installed_command(folder: Path, *args: str) -> list[str]:
    """`finsam-desktop ARGS` as the coordinator's installed command."""
    return [str(installed_environment(folder) / "finsam-desktop"), *args]
