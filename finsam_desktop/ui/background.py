"""Long jobs on a worker thread while the window keeps painting: opening a large plan,
writing its report.

`run_in_background(window, job, message)` runs `job(progress)` on a worker thread and
meanwhile runs the event loop: the window repaints, timers tick, and a progress bar in
the status bar shows `message` and what `progress(done, total)` reports (busy until
then). The user's input to the window and its dialogs is dropped, and their closing
refused, until the job is done (a second open or an edit half-way through would have no
sensible meaning); a dialog that opens during the job takes input. The job's result is
returned, or its error raised, on the GUI thread, as if it had run there.

The job must not touch Qt objects: it hands back plain data. The cycle collector is
paused while it runs: a collection started on the worker would finalize the GUI
thread's Qt objects there (a crash, seen here).
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QProgressBar, QWidget

T = TypeVar("T")
Progress = Callable[[int, int], None]
"""progress(done, total): called on the worker as the job goes."""

SWITCH_INTERVAL = 0.0005
"""The interpreter's switch interval while a job runs (seconds; Python's own is 5 ms).

Each Python call on the GUI thread (an event filter, a model's `data()` for every cell
painted) must take the GIL from the busy worker, which gives it up only once per switch
interval: at 5 ms a repaint of the Insatser table at 50 000 interventions, a few hundred
such calls, stalled the window for 0,5-2 s at the start of a report."""

_RUNNING: list[str] = []
"""The names of the jobs running now (one, unless a job's event loop started another)."""

HELD_BACK = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel, QEvent.Type.Close,
    QEvent.Type.DragEnter, QEvent.Type.Drop, QEvent.Type.ContextMenu,
})
"""The events that would act on the window while a job runs."""


def job_running() -> bool:
    """Whether a job runs now: the code asking runs inside its nested event loop (a timer
    or a slot), and what it would start should wait until the job is done."""
    return bool(_RUNNING)


def reading(path: str | Path) -> str:
    """The status bar's message while a file is read."""
    return QCoreApplication.translate("Background", "Läser {name} …").format(name=Path(path).name)


class _Relay(QObject):
    """Carries the worker's news to the GUI thread (queued: emitted on the worker)."""

    progress = Signal(int, int)
    finished = Signal()


class _HoldInput(QObject):
    """Drops the user's input to one window and its dialogs, and refuses their closing,
    while a job runs. A dialog that opens during the job (a failed write's warning: the
    plan's writer commits on its timer meanwhile) takes input as usual: it must be
    answered before the job's own loop can return."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self._window = window
        self._modal = QApplication.activeModalWidget()
        """The dialog that was modal when the job began (its input is held too)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() not in HELD_BACK or not isinstance(watched, QObject):
            return False
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not self._modal and _inside(watched, modal):
            return False
        if not _inside(watched, self._window):
            return False
        if event.type() == QEvent.Type.Close:
            event.ignore()  # a dialog of the window too: closed, it would be gone mid-job
        return True


def _inside(obj: QObject, window: QMainWindow) -> bool:
    while obj is not None:
        if obj is window:
            return True
        obj = obj.parent()
    return False


class ProgressBar:
    """The progress shown while a job runs: a message and a bar in the window's status bar."""

    def __init__(self, window: QMainWindow, message: str):
        self.bar = QProgressBar()
        self.bar.setObjectName("background_progress")
        self.bar.setMaximumWidth(220)
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.bar.setFormat(window.tr("%p %"))
        window.statusBar().showMessage(message)
        window.statusBar().addPermanentWidget(self.bar)
        self.bar.show()

    def update(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def close(self, window: QMainWindow) -> None:
        window.statusBar().removeWidget(self.bar)
        self.bar.setParent(None)  # gone from the window now, not at the next turn
        self.bar.deleteLater()
        window.statusBar().clearMessage()


def run_in_background(window: QMainWindow, job: Callable[[Progress], T], message: str,
                      name: str = "job", *, freeze: bool = False) -> T:
    """`job(progress)` on a worker thread, the window painting and showing `message`
    until it is done; its result, or its error raised here.

    `freeze`: what the job made is frozen for the collector afterwards (`gc.freeze`):
    the first collection would otherwise walk every object of a large plan just read
    (20-40 ms at 50 000 interventions, in the window's stop), and every full one after
    it. Frozen objects are still freed when nothing refers to them.
    """
    relay = _Relay()
    outcome: list[T] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            outcome.append(job(relay.progress.emit))
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread and raised
            failure.append(error)
        finally:
            relay.finished.emit()

    shown = ProgressBar(window, message)
    loop = QEventLoop()
    relay.progress.connect(shown.update, Qt.ConnectionType.QueuedConnection)
    relay.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    hold = _HoldInput(window)
    app = QApplication.instance()
    app.installEventFilter(hold)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    worker = threading.Thread(target=work, name=name, daemon=True)
    collecting = gc.isenabled()
    gc.disable()  # runs again, on this thread, once the job is done
    _RUNNING.append(name)
    switch = sys.getswitchinterval()
    sys.setswitchinterval(min(SWITCH_INTERVAL, switch))
    try:
        worker.start()
        loop.exec()
        worker.join()
    finally:
        sys.setswitchinterval(switch)
        _RUNNING.remove(name)
        if collecting:
            if freeze:
                gc.freeze()
            gc.enable()
        QApplication.restoreOverrideCursor()
        app.removeEventFilter(hold)
        hold.deleteLater()
        shown.close(window)
    if failure:
        raise failure[0]
    return outcome[0]


def run_for(widget: QWidget | None, job: Callable[[Progress], T], message: str,
            name: str = "job") -> T:
    """`run_in_background` in the main window `widget` belongs to; where there is none (no
    parent, a bare dialog) on this thread, with a wait cursor."""
    window = widget
    while window is not None and not isinstance(window, QMainWindow):
        window = window.parentWidget()
    if window is None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return job(lambda done, total: None)
        finally:
            QApplication.restoreOverrideCursor()
    return run_in_background(window, job, message, name)
