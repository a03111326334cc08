"""Opening a plan file without freezing the window: the read runs on a worker thread.

A 50 000-intervention plan takes seconds to check and read. `open_document` takes the
lock here, lets a worker thread read the file on its own SQLite connection (a
connection never moves between threads) into the immutable Plan and its outcome,
and meanwhile runs the event loop: the window repaints, timers tick, and a progress
bar in the status bar counts the rows read. The user's input to the window is held
back until the plan is there (a second open or a close half-way through would have
no sensible meaning). Then the document is finished here, on the GUI thread, with its
own connection, and returned just as `PlanDocument.open` returns it, refusals
(PlanFileError, OSError) included.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QProgressBar

from ..services.session import Opening, PlanDocument

_HELD_BACK = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel, QEvent.Type.Close,
    QEvent.Type.DragEnter, QEvent.Type.Drop, QEvent.Type.ContextMenu,
})
"""The events that would act on the window while it opens a plan."""


class _Relay(QObject):
    """Carries the worker's news to the GUI thread (queued: emitted on the worker)."""

    progress = Signal(int, int)
    finished = Signal()


class _HoldInput(QObject):
    """Drops the user's input to one window (and the window's closing) while it loads."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() not in _HELD_BACK:
            return False
        if watched is self._window:
            if event.type() == QEvent.Type.Close:
                event.ignore()
            return True
        return isinstance(watched, QObject) and _inside(watched, self._window)


def _inside(obj: QObject, window: QMainWindow) -> bool:
    while obj is not None:
        if obj is window:
            return True
        obj = obj.parent()
    return False


class Loading:
    """The progress shown while a plan loads: a bar in the window's status bar."""

    def __init__(self, window: QMainWindow, name: str):
        self.bar = QProgressBar()
        self.bar.setObjectName("loading_progress")
        self.bar.setMaximumWidth(220)
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.bar.setFormat(window.tr("%p %"))
        window.statusBar().showMessage(window.tr("Öppnar {name} …").format(name=name))
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


def open_document(window: QMainWindow, path: str | Path, read_only: bool = False
                  ) -> PlanDocument:
    """`PlanDocument.open(path, read_only)` with the read on a worker thread and the
    window painting, showing progress, until the plan is read."""
    path = Path(path)
    opening = Opening(path, read_only)  # the lock: here, where the document will live
    relay = _Relay()
    failure: list[BaseException] = []

    def read() -> None:
        try:
            opening.read(relay.progress.emit)
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread and raised
            failure.append(error)
        finally:
            relay.finished.emit()

    loading = Loading(window, path.name)
    loop = QEventLoop()
    relay.progress.connect(loading.update, Qt.ConnectionType.QueuedConnection)
    relay.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    hold = _HoldInput(window)
    app = QApplication.instance()
    app.installEventFilter(hold)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    worker = threading.Thread(target=read, name=f"read {path.name}", daemon=True)
    # No cyclic garbage collection while the worker runs: a collection started on the
    # worker would finalize the GUI thread's Qt objects there (a crash, seen here). It
    # runs again, on this thread, once the read is done; the read makes no cycles.
    # What was read is then frozen (`gc.freeze`): the first collection after enabling
    # would otherwise walk every object the read made (20-40 ms at 50 000 interventions,
    # in the window's stop), and every full one after it while the user edits (55 ms).
    # Frozen objects are still freed when nothing refers to them; `thaw` at closing lets
    # the collector look at them again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        worker.start()
        loop.exec()
        worker.join()
    finally:
        if collecting:
            gc.freeze()
            gc.enable()
        QApplication.restoreOverrideCursor()
        app.removeEventFilter(hold)
        hold.deleteLater()
        loading.close(window)
    if failure:
        raise failure[0]  # the lock is already released (Opening.read)
    return opening.finish()


def thaw() -> None:
    """Let the garbage collector see again what opening froze (call when a plan closes:
    cycles among the closed plan's window objects are then collected)."""
    gc.unfreeze()
