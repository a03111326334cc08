"""Opening a plan reads it on a worker thread: the window's event loop keeps running,
a progress bar counts the rows, the user's input waits, and then the plan is shown;
refusals and the lock behave as they always did."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QProgressBar

from benchmarks.synthetic import synthetic_plan
from finsam_desktop.storage import document as document_module
from finsam_desktop.storage.lock import PlanLock
from finsam_desktop.storage.planfile import create

BIG = synthetic_plan(municipalities=40, interventions=3000, span=3)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "stor.finsam"
    create(path, BIG)
    return path


def _progress_bar(window) -> QProgressBar | None:
    return window.statusBar().findChild(QProgressBar, "background_progress")


def test_the_window_runs_and_shows_progress_while_a_big_plan_loads(make_window, big_file,
                                                                  monkeypatch):
    window = make_window()
    seen: list[tuple] = []
    ticked = threading.Event()
    timer = QTimer()
    timer.setInterval(5)

    def tick() -> None:  # runs on the GUI thread, only if its event loop runs
        bar = _progress_bar(window)
        seen.append((bar is not None and bar.isVisible(), window.statusBar().currentMessage(),
                     threading.current_thread() is threading.main_thread()))
        if len(seen) >= 5:
            ticked.set()
    timer.timeout.connect(tick)
    timer.start()

    real_read = document_module.read_plan
    readers = []

    def slow_read(*args, **kwargs):
        readers.append(threading.current_thread())
        # The read does not finish before the GUI thread has ticked five times: if the
        # window were frozen this would wait out its timeout and the test would fail.
        assert ticked.wait(timeout=20), "the event loop did not run during the read"
        return real_read(*args, **kwargs)
    monkeypatch.setattr(document_module, "read_plan", slow_read)

    assert window.open_path(big_file)
    timer.stop()
    assert readers and readers[0] is not threading.main_thread()
    assert len(seen) >= 5
    assert all(visible for visible, _, _ in seen[:5])
    assert all(message == "Öppnar stor.finsam …" for _, message, _ in seen[:5])
    assert all(on_gui for _, _, on_gui in seen)
    assert window.model.plan == BIG  # then the plan is shown
    assert len(window.model.plan.interventions) == 3000
    assert "stor.finsam" in window.windowTitle()
    assert _progress_bar(window) is None
    assert QApplication.overrideCursor() is None
    assert window.statusBar().currentMessage() == ""


def test_the_progress_bar_counts_the_rows_read(make_window, big_file, monkeypatch):
    window = make_window()
    values: list[tuple[int, int]] = []
    from finsam_desktop.ui import background
    real_update = background.ProgressBar.update

    def update(self, done, total):
        values.append((done, total))
        real_update(self, done, total)
        assert self.bar.maximum() == total and self.bar.value() == done
    monkeypatch.setattr(background.ProgressBar, "update", update)
    assert window.open_path(big_file)
    rows = (len(BIG.members) + len(BIG.interventions) + len(BIG.costs)
            + len(BIG.other_income) + len(BIG.equity.rules) + len(BIG.goals) + len(BIG.sections))
    assert values[0] == (0, rows) and values[-1] == (rows, rows)
    assert [done for done, _ in values] == sorted(done for done, _ in values)


def test_input_and_closing_wait_while_the_plan_loads(make_window, big_file, monkeypatch):
    window = make_window()
    results = []
    real_read = document_module.read_plan

    def read_while_the_user_acts(*args, **kwargs):
        done = threading.Event()

        def act() -> None:  # on the GUI thread, during the read
            results.append(window.close())  # a close is held back, not done
            results.append(window.isVisible())
            done.set()
        QTimer.singleShot(0, window, act)
        assert done.wait(timeout=20)
        return real_read(*args, **kwargs)
    monkeypatch.setattr(document_module, "read_plan", read_while_the_user_acts)
    assert window.open_path(big_file)
    assert results == [False, True]
    assert window.model is not None and window.isVisible()


def test_a_refused_file_releases_the_lock_and_says_why(make_window, shown, tmp_path):
    window = make_window()
    path = tmp_path / "trasig.finsam"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    assert not window.open_path(path)
    assert shown.errors and "trasig.finsam" in shown.errors[-1][1]
    assert window.model is None and _progress_bar(window) is None
    lock = PlanLock(path)
    assert lock.acquire() is None  # nobody holds it any more
    lock.release()


def test_a_second_window_opens_the_plan_read_only(make_window, big_file):
    first, second = make_window(), make_window()
    assert first.open_path(big_file)
    assert second.open_path(big_file)
    assert second.model.read_only and not first.model.read_only
    assert second.model.plan == first.model.plan
    assert second.banner.isVisibleTo(second)


def test_held_back_events_are_only_the_users(make_window):
    from finsam_desktop.ui.background import HELD_BACK
    assert QEvent.Type.Paint not in HELD_BACK and QEvent.Type.Timer not in HELD_BACK
    assert QEvent.Type.KeyPress in HELD_BACK and QEvent.Type.Close in HELD_BACK


def test_no_garbage_collection_runs_while_the_worker_reads(make_window, big_file, monkeypatch):
    import gc
    window = make_window()
    during = []
    real_read = document_module.read_plan

    def read(*args, **kwargs):
        during.append(gc.isenabled())
        return real_read(*args, **kwargs)
    monkeypatch.setattr(document_module, "read_plan", read)
    assert gc.isenabled()
    assert window.open_path(big_file)
    assert during == [False] and gc.isenabled()


def test_what_was_read_is_frozen_for_the_collector_until_the_plan_closes(make_window, big_file):
    """The first collection after the read would walk every object it made (20-40 ms at
    50 000 interventions, while the window waits); frozen, it does not, and closing the
    plan lets the collector see them again."""
    import gc
    window = make_window()
    assert window.open_path(big_file)
    interventions = window.model.plan.interventions
    assert gc.isenabled() and gc.get_freeze_count() > len(interventions)
    tracked = {id(obj) for obj in gc.get_objects()}  # the generations a collection walks
    assert not any(id(item) in tracked for item in interventions[:50])
    window.close_document()
    assert gc.get_freeze_count() == 0


def test_the_file_is_page_checked_once_when_opened_and_again_for_a_read_only_copy(
        make_window, big_file, monkeypatch):
    """The worker checks the file under the lock; the window's own connection does not
    check it a second time on the window's thread. A read-only open holds no lock (a
    writer may commit in between): its copy is checked again."""
    from finsam_desktop.storage import planfile
    checks = []
    real_check = planfile._quick_check

    def check(conn, name):
        checks.append(threading.current_thread() is threading.main_thread())
        return real_check(conn, name)
    monkeypatch.setattr(planfile, "_quick_check", check)
    writer = make_window()
    assert writer.open_path(big_file) and not writer.model.read_only
    assert checks == [False]  # on the worker only
    checks.clear()
    reader = make_window()
    assert reader.open_path(big_file) and reader.model.read_only
    assert checks == [False, True]
