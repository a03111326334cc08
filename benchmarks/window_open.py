"""The window not answering: the longest pause of its event loop while it opens a plan or
writes its report.

The window reads a plan, and writes a report, on a worker thread and keeps running its
event loop; a timer ticking every `TICK_MS` records when the loop ran. The figure is the
longest gap between two ticks from the start of the action until it is done and painted
(what the user sees as the window not answering), in this process, offscreen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .timing import Stats
from .window_shown import shown_window

TICK_MS = 5


def longest_pause(action: Callable[[], Any]) -> float:
    """The longest gap between the event loop's ticks while `action` runs (seconds),
    through the first paint after it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    began = time.perf_counter()
    try:
        action()
        QApplication.processEvents()  # the first paint after it
        ended = time.perf_counter()
    finally:
        timer.stop()
    moments = [began, *(t for t in ticks if t < ended), ended]
    return max(b - a for a, b in zip(moments, moments[1:], strict=False))


def _windows(runs: int, each: Callable[[Any, Path], float]) -> Stats:
    """`each(window, folder)` in a fresh shown window per run; its figures."""
    samples = []
    for _ in range(runs):
        with shown_window() as (window, folder):
            samples.append(each(window, folder))
    return Stats(tuple(samples))


def measure_pauses(path: Path, runs: int) -> Stats:
    """The longest pause while `path` opens and is shown."""
    def open_plan(window: Any, _: Path) -> float:
        def action() -> None:
            if not window.open_path(path):
                raise RuntimeError(f"{path.name} gick inte att öppna")
        return longest_pause(action)
    return _windows(runs, open_plan)


def measure_report_pauses(path: Path, runs: int) -> Stats:
    """The longest pause while the window, with `path` open, exports its report (the
    save dialog answered at once, the "written" notice left out)."""
    from finsam_desktop.ui import dialogs

    def export(window: Any, folder: Path) -> float:
        if not window.open_path(path):
            raise RuntimeError(f"{path.name} gick inte att öppna")
        target = folder / f"{path.stem}.pdf"
        target.unlink(missing_ok=True)
        errors: list[str] = []
        saved = dialogs.ask_save_path, dialogs.show_written, dialogs.show_error
        dialogs.ask_save_path = lambda *args, **kwargs: str(target)
        dialogs.show_written = lambda *args: None
        dialogs.show_error = lambda parent, title, message: errors.append(message)
        try:
            pause = longest_pause(window.export_pdf)
        finally:
            dialogs.ask_save_path, dialogs.show_written, dialogs.show_error = saved
        if errors or not target.exists():
            raise RuntimeError(f"rapporten skrevs inte: {' '.join(errors)[-400:]}")
        return pause
    return _windows(runs, export)
