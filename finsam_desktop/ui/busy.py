"""Say that a long step runs before it blocks: a wait cursor and a status-bar line painted
first (opening a 50 000-intervention plan reads for seconds in the storage layer)."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow


@contextmanager
def busy(window: QMainWindow, message: str):
    """Show `message` and a wait cursor, painted now, for the duration of the block."""
    window.statusBar().showMessage(message)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    if window.isVisible():
        window.statusBar().repaint()  # painted now, without running the event loop (no timer
        # or queued slot may run in the middle of opening a file)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
        window.statusBar().clearMessage()
