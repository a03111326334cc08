"""Two processes on one file: the second gets it read-only, and the first's edits are intact."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from finsam_desktop.domain import edits
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.errors import PlanFileError
from tests.fault_edits import replay

ROOT = Path(__file__).resolve().parents[1]


class Writer:
    """A child process holding the file through PlanDocument, driven line by line."""

    def __init__(self, path: Path, seed: str):
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.storage.writer_child", str(path), seed], cwd=ROOT,
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        self.greeting = self.process.stdout.readline().strip()

    def send(self, command: str) -> str:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def quit(self) -> None:
        if self.process.poll() is None:
            assert self.send("quit") == "closed"
            self.process.wait(timeout=30)
        assert "Traceback" not in self.process.stderr.read()


@pytest.fixture
def writers():
    started = []

    def start(path: Path, seed: str) -> Writer:
        writer = Writer(path, seed)
        started.append(writer)
        return writer
    yield start
    for writer in started:
        if writer.process.poll() is None:
            writer.process.kill()
            writer.process.wait()
        for pipe in (writer.process.stdin, writer.process.stdout, writer.process.stderr):
            pipe.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_second_process_is_read_only_and_the_first_keeps_its_edits(plan_file, writers):
    path = plan_file("sjuharad-2025")
    with PlanDocument.open(path, read_only=True) as document:
        original = document.plan
    first = writers(path, "first")
    assert first.greeting == "writable"
    assert [first.send("edit") for _ in range(3)] == ["1", "2", "3"]

    before = _digest(path)
    second = writers(path, "second")
    assert second.greeting.startswith("read-only ")
    assert second.greeting.endswith(f"på den här datorn (process {first.process.pid})")
    assert second.send("edit").startswith("refused sjuharad-2025.finsam är öppnad skrivskyddat")
    second.quit()
    assert _digest(path) == before  # the reader wrote nothing

    assert [first.send("edit") for _ in range(3)] == ["4", "5", "6"]
    first.quit()
    with PlanDocument.open(path) as document:  # free again once the first has closed it
        assert not document.read_only
        assert document.plan == replay(original, "first", 6)[-1]


def test_in_this_process_a_file_held_elsewhere_opens_read_only(plan_file, writers):
    path = plan_file("skaraborg-2026")
    first = writers(path, "first")
    assert first.greeting == "writable"
    with PlanDocument.open(path) as document:
        assert document.read_only and document.holder.pid == first.process.pid
        member = document.plan.members[0]
        with pytest.raises(PlanFileError, match="skrivskyddat"):
            document.commit(edits.update_item(document.plan, "members", member.id, name="Annat"))
    assert first.send("edit") == "1"
    first.quit()


def test_the_window_shows_who_holds_the_file(plan_file, writers, qtbot, tmp_path, monkeypatch):
    from finsam_desktop.ui import dialogs
    from finsam_desktop.ui.main_window import MainWindow
    monkeypatch.setattr(dialogs, "show_error", lambda *a: pytest.fail(f"error shown: {a}"))
    path = plan_file("sormland-2026")
    first = writers(path, "first")
    before = _digest(path)
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(path)
    assert window.model.read_only
    assert f"process {first.process.pid}" in window.banner.text()
    assert window.banner.isVisible()
    member = window.model.plan.members[0]
    assert window.model.edit("Byt namn", edits.update_item, "members", member.id,
                             name="Annat").refusal is not None
    window.close_document()
    assert _digest(path) == before
    assert first.send("edit") == "1"
    first.quit()
