"""Footnotes in the chapter editor: a marker at the cursor and its text at the chapter's end.

The contract's footnotes are `[^1]` in the text and `[^1]: text` after it; the report
prints them at the end of the chapter. The editor shows both as they are, marked raw so
they are written back as footnotes and not as escaped brackets.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QToolBar

from .document_markdown import RAW_PROPERTY, body_block_format, body_char_format, raw_format


def next_label(editor) -> int:
    """One more than the highest numbered footnote marker in the editor's text."""
    highest = 0
    block = editor.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            iterator += 1
            text = fragment.text()
            if fragment.charFormat().property(RAW_PROPERTY) and text.startswith("[^"):
                label = text[2:].split("]", 1)[0]
                if label.isdigit():
                    highest = max(highest, int(label))
        block = block.next()
    return highest + 1


def insert_footnote(editor) -> None:
    """A marker at the cursor, its definition at the end, and the cursor there to write it."""
    label = next_label(editor)
    with editor._edit_block(editor.tr("Fotnot")) as cursor:
        cursor.clearSelection()
        cursor.insertText(f"[^{label}]", raw_format(cursor.charFormat()))
        cursor.insertText("", body_char_format())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock(body_block_format(), body_char_format())
        cursor.insertText(f"[^{label}]: ", raw_format())
        cursor.setCharFormat(body_char_format())
    editor.setTextCursor(cursor)
    editor.setCurrentCharFormat(body_char_format())


def add_footnote_action(editor, toolbar: QToolBar) -> QAction:
    """The *Fotnot* command (Ctrl+Alt+F) in the editor and on its toolbar."""
    action = QAction(editor.tr("Fotnot"), editor)
    action.setShortcut(QKeySequence("Ctrl+Alt+F"))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(editor.tr("Fotnot: en siffra här och texten sist i kapitlet (Ctrl+Alt+F)"))
    action.triggered.connect(lambda: insert_footnote(editor))
    editor.addAction(action)
    editor.actions_by_key["footnote"] = action
    toolbar.insertAction(editor.actions_by_key["table"], action)
    action.setEnabled(not editor.isReadOnly())
    return action
