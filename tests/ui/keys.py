"""Drive table cells with the keyboard, as a user does (shared by the table tests)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView


def type_in_cell(qtbot, view: QAbstractItemView, index: QModelIndex, text: str,
                 finish: Qt.Key = Qt.Key.Key_Return) -> None:
    """Select the cell, type `text` (the first key opens the editor, as in a spreadsheet)
    and press `finish` (Return commits, Escape reverts); wait until the editor is gone."""
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, text[0])
    editor = view.focusWidget()
    assert editor is not view, "no editor opened"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, finish)
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.NoState)
    qtbot.wait(1)  # the closed editor is deleted on the next event loop pass
