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
    assert '"pid": %d' % os.getpid() in seen[0]
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
