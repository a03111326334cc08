"""Rows and columns of a table written in the text: the editor's context menu adds them.

Each command is one edit block of the editor, so it is one undo step of the plan.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu


def insert_row(editor) -> None:
    """A row below the cursor's row."""
    table = editor.textCursor().currentTable()
    if table is not None:
        row = table.cellAt(editor.textCursor()).row()
        with editor._edit_block(editor.tr("Ny rad i tabellen")):
            table.insertRows(row + 1, 1)


def insert_column(editor) -> None:
    """A column right of the cursor's column."""
    table = editor.textCursor().currentTable()
    if table is not None:
        column = table.cellAt(editor.textCursor()).column()
        with editor._edit_block(editor.tr("Ny kolumn i tabellen")):
            table.insertColumns(column + 1, 1)


def remove_row(editor) -> None:
    """The cursor's row; the header row and a table's last body row stay."""
    table = editor.textCursor().currentTable()
    if table is not None and table.rows() > 2:
        row = table.cellAt(editor.textCursor()).row()
        if row > 0:
            with editor._edit_block(editor.tr("Ta bort rad i tabellen")):
                table.removeRows(row, 1)


def remove_column(editor) -> None:
    """The cursor's column; a table keeps at least one."""
    table = editor.textCursor().currentTable()
    if table is not None and table.columns() > 1:
        column = table.cellAt(editor.textCursor()).column()
        with editor._edit_block(editor.tr("Ta bort kolumn i tabellen")):
            table.removeColumns(column, 1)


def add_table_actions(editor, menu: QMenu) -> None:
    """When the cursor is in a table, its row and column commands at the top of `menu`."""
    if editor.textCursor().currentTable() is None or editor.isReadOnly():
        return
    first = menu.actions()[0] if menu.actions() else None
    for text, slot in ((editor.tr("Infoga rad nedanför"), insert_row),
                       (editor.tr("Infoga kolumn till höger"), insert_column),
                       (editor.tr("Ta bort raden"), remove_row),
                       (editor.tr("Ta bort kolumnen"), remove_column)):
        action = menu.addAction(text)
        action.triggered.connect(lambda _=False, run=slot: run(editor))
        if first is not None:
            menu.insertAction(first, action)
    if first is not None:
        menu.insertSeparator(first)
