"""One writer per file, whatever folder its name is in: hard links in two folders share the
machine-wide identity lock, which lives in a private folder and is never kept by a dead
process or a deleted file."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys

import pytest

from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.lock import PlanLock, machine_lock_folder


@pytest.fixture
def runtime(tmp_path, monkeypatch):
    """A runtime folder of this test's own ($XDG_RUNTIME_DIR)."""
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


def identity_lock(runtime, path):
    status = os.stat(path)
    return runtime / "finsam-locks" / f"{status.st_dev}-{status.st_ino}.lock"


def test_hard_links_in_two_folders_give_one_writer(plan_file, tmp_path, runtime):
    path = plan_file("skaraborg-2026")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first_name = tmp_path / "a" / "plan.finsam"
    os.replace(path, first_name)
    link = tmp_path / "b" / "länk.finsam"
    os.link(first_name, link)
    with PlanDocument.open(first_name) as first:
        assert not first.read_only
        with PlanDocument.open(link) as second:
            assert second.read_only
            assert second.holder is not None and second.holder.pid == os.getpid()
    assert not identity_lock(runtime, link).exists()  # let go with the document
    with PlanDocument.open(link) as first:
        assert not first.read_only
        with PlanDocument.open(first_name) as second:
            assert second.read_only


def test_the_lock_folder_is_private_and_a_planted_one_is_not_used(tmp_path, runtime,
                                                                 monkeypatch):
    folder = machine_lock_folder()
    assert folder == runtime / "finsam-locks"
    assert stat.S_IMODE(os.lstat(folder).st_mode) == 0o700
    folder.rmdir()
    elsewhere = tmp_path / "någon-annans"
    elsewhere.mkdir()
    folder.symlink_to(elsewhere)  # planted before we made ours
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    fallback = machine_lock_folder()
    assert fallback is not None and fallback.parent == tmp_path / "tmp"
    assert not fallback.is_symlink()
    (tmp_path / "tmp" / fallback.name).chmod(0o777)  # others may write in it: not used
    assert machine_lock_folder() is None


def test_an_identity_lock_of_a_gone_process_or_a_deleted_file_is_stale(plan_file, runtime):
    path = plan_file("skaraborg-2026")
    lock_file = identity_lock(runtime, path)
    PlanLock(path)  # makes the folder
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    me = {"user": "x", "host": socket.gethostname(), "path": str(path.resolve())}
    lock_file.write_text(json.dumps({**me, "pid": int(gone)}))
    with PlanDocument.open(path) as document:
        assert not document.read_only
    # held by a live process, but for a file that is gone (its inode number came back)
    lock_file.write_text(json.dumps({**me, "pid": os.getppid(),
                                     "path": str(path.with_name("borta.finsam"))}))
    with PlanDocument.open(path) as document:
        assert not document.read_only
    lock_file.write_text(json.dumps({**me, "pid": os.getppid()}))  # truly held
    with PlanDocument.open(path) as document:
        assert document.read_only
    lock_file.unlink()


def test_a_full_machine_lock_folder_leaves_the_locks_beside_the_file(plan_file, runtime,
                                                                    monkeypatch):
    from finsam_desktop.storage import lock as lock_module
    path = plan_file("skaraborg-2026")

    def full(self, me):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(lock_module._IdentityLock, "_create", full)
    with PlanDocument.open(path) as first:
        assert not first.read_only
        with PlanDocument.open(path) as second:
            assert second.read_only
    assert not path.with_name(path.name + ".lock").exists()
