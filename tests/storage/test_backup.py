"""Rolling backups beside a plan file: made on each writable open, at most five, restorable."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from finsam_desktop.domain import edits
from finsam_desktop.storage import backup as backups
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.errors import PlanFileError


def _rename_member(path, name):
    with PlanDocument.open(path) as document:
        member = document.plan.members[0]
        document.commit(edits.update_item(document.plan, "members", member.id, name=name))


def _first_member(path):
    with PlanDocument.open(path, read_only=True) as document:
        return document.plan.members[0].name


@pytest.fixture
def fast_clock(monkeypatch):
    """Each backup a second later than the one before, so the names sort as taken."""
    start = dt.datetime(2026, 11, 23, 16, 0, 0)
    ticks = iter(range(10_000))

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return start + dt.timedelta(seconds=next(ticks))
    monkeypatch.setattr(backups.dt, "datetime", Clock)


def test_opening_for_writing_keeps_the_previous_state(plan_file, fast_clock):
    path = plan_file("skaraborg-2026")
    original = _first_member(path)
    _rename_member(path, "Staten efter första öppningen")
    kept = backups.list_backups(path)
    assert len(kept) == 1
    assert kept[0].path.parent == path.parent / f".{path.name}.backups"
    assert kept[0].path.name == f"{path.stem}-20261123-160000.finsam"
    assert kept[0].describe() == "2026-11-23 kl. 16.00.00"
    assert _first_member(kept[0].path) == original
    with sqlite3.connect(kept[0].path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x46696E53


def test_read_only_opens_make_no_backup(plan_file):
    path = plan_file("sormland-2026")
    PlanDocument.open(path, read_only=True).close()
    assert backups.list_backups(path) == []
    assert not backups.backup_folder(path).exists()


def test_at_most_five_newest_first_and_unchanged_states_not_repeated(plan_file, fast_clock):
    path = plan_file("sormland-2026")
    for number in range(8):
        _rename_member(path, f"Namn {number}")
    for _ in range(3):  # opened without edits: the same state is not backed up again
        PlanDocument.open(path).close()
    kept = backups.list_backups(path)
    assert len(kept) == backups.KEEP
    assert [k.taken for k in kept] == sorted((k.taken for k in kept), reverse=True)
    assert [_first_member(k.path) for k in kept] == ["Namn 7", "Namn 6", "Namn 5", "Namn 4",
                                                     "Namn 3"]


def test_restore_puts_the_old_state_back_and_backs_up_the_current(plan_file, fast_clock):
    path = plan_file("vastra-ostergotland-2026")
    original = _first_member(path)
    _rename_member(path, "Ändrat namn")
    oldest = backups.list_backups(path)[-1]
    saved = backups.restore_backup(path, oldest.path)
    assert _first_member(path) == original
    assert saved is not None and _first_member(saved) == "Ändrat namn"
    with PlanDocument.open(path) as document:  # a normal, writable plan file again
        assert not document.read_only


def test_restore_is_refused_while_the_file_is_open(plan_file, fast_clock):
    path = plan_file("skaraborg-2026")
    _rename_member(path, "Ändrat namn")
    before = path.read_bytes()
    backup = backups.list_backups(path)[0]
    with PlanDocument.open(path), pytest.raises(PlanFileError, match="är öppnad av .*Stäng den"):
        backups.restore_backup(path, backup.path)
    assert _first_member(path) == "Ändrat namn"
    assert len(path.read_bytes()) == len(before)


def test_a_broken_backup_is_refused_and_nothing_changes(plan_file, tmp_path):
    path = plan_file("skaraborg-2026")
    broken = tmp_path / "trasig.finsam"
    broken.write_bytes(b"SQLite format 3\x00" + bytes(50))
    before = path.read_bytes()
    with pytest.raises(PlanFileError):
        backups.restore_backup(path, broken)
    assert path.read_bytes() == before


def test_a_failed_backup_does_not_stop_opening(plan_file, monkeypatch):
    path = plan_file("skaraborg-2026")

    def refuse(*_args, **_kw):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(backups, "make_backup", refuse)
    with PlanDocument.open(path) as document:
        assert not document.read_only


def test_a_broken_file_can_be_restored_and_its_bytes_are_kept(plan_file, fast_clock):
    path = plan_file("skaraborg-2026")
    original = _first_member(path)
    PlanDocument.open(path).close()
    backup = backups.list_backups(path)[0]
    garbage = b"SQLite format 3\x00" + bytes(range(256)) * 20
    path.write_bytes(garbage)
    saved = backups.restore_backup(path, backup.path)
    assert _first_member(path) == original
    assert saved.suffix == ".trasig" and saved.read_bytes() == garbage
    assert backups.list_backups(path) == [backup]


def test_a_half_written_backup_is_never_listed_and_is_cleared(plan_file, fast_clock):
    path = plan_file("skaraborg-2026")
    folder = backups.backup_folder(path)
    folder.mkdir()
    half = folder / f".{path.stem}-20261123-150000.finsam.tmp"
    half.write_bytes(b"SQLite format 3\x00")
    assert backups.list_backups(path) == []
    PlanDocument.open(path).close()
    assert not half.exists()
    assert len(backups.list_backups(path)) == 1


def test_a_symlinked_backup_folder_never_lets_pruning_touch_another_folder(plan_file, tmp_path,
                                                                          fast_clock):
    path = plan_file("skaraborg-2026")
    elsewhere = tmp_path / "annan mapp"
    elsewhere.mkdir()
    theirs = [elsewhere / f"{path.stem}-2020010{i}-000000.finsam" for i in range(1, 8)]
    for file in theirs:
        file.write_bytes(b"someone else's")
    backups.backup_folder(path).symlink_to(elsewhere)
    with PlanDocument.open(path) as document:
        assert "länk" in document.backup_problem
    for name in ("A", "B"):
        with pytest.raises(PlanFileError, match="länk"):
            backups.make_backup(path)
        _rename_member(path, name)
    assert all(file.read_bytes() == b"someone else's" for file in theirs)
    assert sorted(p.name for p in elsewhere.iterdir()) == sorted(f.name for f in theirs)


def test_a_file_with_the_folders_name_is_said_not_silently_skipped(plan_file):
    path = plan_file("skaraborg-2026")
    backups.backup_folder(path).write_text("en fil")
    with PlanDocument.open(path) as document:
        assert not document.read_only
        assert "En fil heter" in document.backup_problem
    with pytest.raises(PlanFileError, match="En fil heter"):
        backups.make_backup(path)


def test_a_normal_open_has_no_backup_problem(plan_file):
    with PlanDocument.open(plan_file("skaraborg-2026")) as document:
        assert document.backup_problem is None


def test_broken_copies_are_pruned_too(plan_file, fast_clock):
    path = plan_file("skaraborg-2026")
    for _ in range(backups.KEEP + 3):
        path.write_bytes(b"garbage" * 100)
        backups._keep_broken(path)
    kept = sorted(backups.backup_folder(path).glob("*.trasig"))
    assert len(kept) == backups.KEEP


def test_backups_and_restores_keep_the_plans_permissions(plan_file, fast_clock):
    import stat
    path = plan_file("skaraborg-2026")
    path.chmod(0o600)
    _rename_member(path, "Ny")
    (kept,) = backups.list_backups(path)
    assert stat.S_IMODE(kept.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backups.backup_folder(path).stat().st_mode) & 0o077 == 0
    backups.restore_backup(path, kept.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert all(stat.S_IMODE(b.path.stat().st_mode) == 0o600 for b in backups.list_backups(path))


def test_restore_runs_the_writable_check_on_the_copy_first(plan_file, tmp_path, fast_clock,
                                                            monkeypatch):
    from finsam_desktop.storage import planfile
    path = plan_file("skaraborg-2026")
    _rename_member(path, "Före")
    (kept,) = backups.list_backups(path)
    before = path.read_bytes()
    opened = []
    real_connect = planfile.connect

    def connect(target, read_only=False):
        opened.append((Path(target).name, read_only))
        if not read_only:
            raise PlanFileError("kan inte skrivas (som en CHECK som bara slår till vid skrivning)")
        return real_connect(target, read_only)
    monkeypatch.setattr(planfile, "connect", connect)
    with pytest.raises(PlanFileError, match="kan inte återställas"):
        backups.restore_backup(path, kept.path)
    assert path.read_bytes() == before
    assert any(not read_only for _, read_only in opened)
    assert not list(path.parent.glob(".*.restore.tmp*"))
