"""Ctrl+Z in a text field: the field's own typing first, then the document's undo (STYLE).

One rule for every editor (cell editors, setting fields, text editors): while the editor
has typing to undo (or redo), the key is the editor's; otherwise it goes on to the
window's undo action, so a cell editor's own undo never fights the document's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _available(widget: QWidget) -> tuple[bool, bool]:
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable(), widget.isRedoAvailable()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        document = widget.document()
        return (widget.isUndoRedoEnabled() and document.isUndoAvailable(),
                widget.isUndoRedoEnabled() and document.isRedoAvailable())
    return False, False


def is_undo_key(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Undo)


def is_redo_key(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Redo) or (
        event.key() == Qt.Key.Key_Z and event.modifiers() == CTRL_SHIFT) or (
        event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)


def goes_to_document(widget: QWidget, event: QEvent) -> bool:
    """For a ShortcutOverride in `widget`: True when this undo/redo key belongs to the
    document (the widget has nothing of its own to undo or redo)."""
    if event.type() != QEvent.Type.ShortcutOverride:
        return False
    undo, redo = is_undo_key(event), is_redo_key(event)
    if not (undo or redo):
        return False
    can_undo, can_redo = _available(widget)
    return (undo and not can_undo) or (redo and not can_redo)
