"""A full disk (a file-size limit in a child process): a Swedish message, nothing half-written.

RLIMIT_FSIZE makes every write past the limit fail with EFBIG, as a full disk
makes them fail with ENOSPC; Python ignores SIGXFSZ, so the app sees the error.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from finsam_desktop.storage.document import PlanDocument
from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[1]


def _limited(size: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return apply


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = str(ROOT)
    return env


@pytest.mark.parametrize("limit", [0, 4096, 20_000])
def test_import_onto_a_full_disk_leaves_no_file(tmp_path, limit):
    target = tmp_path / "ny.finsam"
    result = subprocess.run(
        [sys.executable, "-m", "finsam_desktop", "import",
         str(EXAMPLES / "skaraborg-2026.plan.json"), "-o", str(target)],
        capture_output=True, text=True, env=_env(), preexec_fn=_limited(limit), timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("finsam-desktop: ny.finsam kunde inte skrivas: ")
    assert "disk" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_export_onto_a_full_disk_leaves_no_file(plan_file, tmp_path, suffix):
    path = plan_file("skaraborg-2026")
    before = path.read_bytes()
    target = tmp_path / f"ut{suffix}"
    result = subprocess.run(
        [sys.executable, "-m", "finsam_desktop", "export", str(path), "-o", str(target)],
        capture_output=True, text=True, env=_env(), preexec_fn=_limited(2048), timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"finsam-desktop: ut{suffix} kunde inte skrivas: ")
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    assert path.read_bytes() == before


WINDOW_CHILD = r"""
import json, resource, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from finsam_desktop.domain import edits
from finsam_desktop.ui import dialogs
from finsam_desktop.ui.app import setup_application
from finsam_desktop.ui.main_window import MainWindow

errors = []
dialogs.show_error = lambda parent, title, text: errors.append(text)
app = setup_application()
path = Path(sys.argv[1])
window = MainWindow(QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show()
assert window.open_path(path)
model = window.model
size = path.stat().st_size
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
model.edit("Ny insats", edits.add_item, "interventions", name="Stor insats",
           area="individ", description="å" * 300_000)
refused = model.flush().refusal  # the window writes right after the frame
result = {"refused": refused, "errors": errors, "rows": len(model.plan.interventions),
          "undo": model.undo_stack.count(), "title": window.windowTitle()}
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
window.close_document()
print(json.dumps(result, ensure_ascii=False))
"""


def test_an_edit_on_a_full_disk_is_refused_in_the_window_and_the_file_is_intact(plan_file,
                                                                                 tmp_path):
    path = plan_file("sormland-2026")
    with PlanDocument.open(path, read_only=True) as document:
        before = document.plan
    result = subprocess.run([sys.executable, "-c", WINDOW_CHILD, str(path),
                             str(tmp_path / "settings.ini")],
                            capture_output=True, text=True, env=_env(), timeout=120)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["refused"] and shown["refused"].startswith("Ändringen kunde inte sparas i "
                                                            "sormland-2026.finsam: ")
    assert "disk" in shown["refused"]
    assert shown["errors"] == [shown["refused"]]  # the window told the user, once
    assert shown["rows"] == len(before.interventions) and shown["undo"] == 0
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with PlanDocument.open(path, read_only=True) as document:
        assert document.plan == before


def test_opening_for_writing_on_a_full_disk_is_a_swedish_refusal(plan_file, monkeypatch):
    from finsam_desktop.storage import document as document_module
    from finsam_desktop.storage.errors import PlanFileError
    path = plan_file("skaraborg-2026")

    def full(db):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(document_module, "mark_written", full)
    with pytest.raises(PlanFileError, match="kan inte öppnas för att ändras: disken är full"):
        PlanDocument.open(path)
    assert not path.with_name(path.name + ".lock").exists()  # the lock was let go
    with PlanDocument.open(path, read_only=True) as document:
        assert document.plan.association


def test_a_lock_that_cannot_be_written_leaves_nothing_behind(plan_file, tmp_path):
    path = plan_file("skaraborg-2026")
    code = ("import resource, sys; from finsam_desktop.storage.document import PlanDocument; "
            "soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE); "
            "resource.setrlimit(resource.RLIMIT_FSIZE, (0, hard)); "
            "d = PlanDocument.open(sys.argv[1]); print(d.read_only); d.close()")
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                            text=True, env=_env(), timeout=60)
    assert result.stdout.strip() == "True", result.stderr  # opened read-only, not refused
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)) == \
        [path.name]
