"""A lock file left behind by a crash never keeps the file read-only for good."""

from __future__ import annotations

import os
import time

from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.lock import UNREADABLE_STALE_AFTER, PlanLock


def test_the_lock_appears_with_its_content_in_one_step(plan_file, monkeypatch):
    path = plan_file("skaraborg-2026")
    seen = []
    real_link = os.link

    def link(source, target):
        with open(source, encoding="utf-8") as handle:
            seen.append(handle.read())
        return real_link(source, target)
    monkeypatch.setattr(os, "link", link)
    lock = PlanLock(path)
    assert lock.acquire() is None
    assert f'"pid": {os.getpid()}' in seen[0]
    assert not list(path.parent.glob("*.lock.*.tmp"))
    lock.release()


def test_an_empty_lock_from_a_crash_is_stale_after_a_while(plan_file):
    path = plan_file("skaraborg-2026")
    lock_file = path.with_name(path.name + ".lock")
    lock_file.write_text("")
    with PlanDocument.open(path) as document:  # fresh: someone may be writing it right now
        assert document.read_only
    old = time.time() - UNREADABLE_STALE_AFTER - 1
    os.utime(lock_file, (old, old))
    with PlanDocument.open(path) as document:
        assert not document.read_only


def test_without_hard_links_the_lock_still_works(plan_file, monkeypatch):
    path = plan_file("skaraborg-2026")

    def no_links(source, target):
        raise OSError(1, "Operation not permitted")
    monkeypatch.setattr(os, "link", no_links)
    first, second = PlanLock(path), PlanLock(path)
    assert first.acquire() is None
    assert second.acquire().pid == os.getpid()
    first.release()
    assert second.acquire() is None
    second.release()


def test_a_symlink_to_an_open_file_opens_read_only(plan_file):
    path = plan_file("skaraborg-2026")
    link = path.with_name("länk.finsam")
    link.symlink_to(path.name)
    with PlanDocument.open(path) as first:
        assert not first.read_only
        with PlanDocument.open(link) as second:
            assert second.read_only
    with PlanDocument.open(link) as first:
        assert not first.read_only
        with PlanDocument.open(path) as second:
            assert second.read_only


def test_a_hard_link_to_an_open_file_opens_read_only(plan_file):
    path = plan_file("skaraborg-2026")
    link = path.with_name("hårdlänk.finsam")
    os.link(path, link)
    with PlanDocument.open(path) as first:
        assert not first.read_only
        with PlanDocument.open(link) as second:
            assert second.read_only
    assert sorted(p.name for p in path.parent.glob("*.lock")) == []
    with PlanDocument.open(link) as first, PlanDocument.open(path) as second:
        assert second.read_only and not first.read_only


def test_a_planted_symlink_as_the_lock_temporary_file_is_never_followed(plan_file, tmp_path):
    path = plan_file("skaraborg-2026")
    victim = tmp_path / "offer.txt"
    victim.write_text("orörd")
    for pid in range(os.getpid() - 2, os.getpid() + 3):
        path.with_name(f"{path.name}.lock.{pid}.tmp").symlink_to(victim)
    with PlanDocument.open(path) as document:
        assert not document.read_only
    assert victim.read_text() == "orörd"


def test_a_lock_with_an_impossible_pid_is_stale_not_a_crash(plan_file):
    path = plan_file("skaraborg-2026")
    lock_file = path.with_name(path.name + ".lock")
    import socket
    lock_file.write_text(f'{{"user": "x", "host": "{socket.gethostname()}", "pid": 1e999}}')
    old = time.time() - UNREADABLE_STALE_AFTER - 1
    os.utime(lock_file, (old, old))
    with PlanDocument.open(path) as document:
        assert not document.read_only
    lock_file.write_text(f'{{"user": "x", "host": "{socket.gethostname()}", "pid": {2**70}}}')
    with PlanDocument.open(path) as document:  # fresh: counts as held by someone unknown
        assert document.read_only
