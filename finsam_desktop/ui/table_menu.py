"""The table actions in the window's Redigera menu, with their keys: they act on the plan
table that has the focus, exactly as its keys do (`PlanTableView.handle_key`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from .table_view import PlanTableView, focused_table


def _tr(text: str) -> str:
    return QCoreApplication.translate("TableMenu", text)


def _run(window: QMainWindow, act) -> None:
    view = focused_table()
    if view is None:
        window.statusBar().showMessage(_tr("Markera först en cell i en tabell."), 5000)
        return
    act(view)


def _add_row(view: PlanTableView) -> None:
    view.insert_requested.emit()


def _remove_rows(view: PlanTableView) -> None:
    view.delete_requested.emit()


ACTIONS = (
    ("copy", "Kopiera", [QKeySequence.StandardKey.Copy], PlanTableView.copy_selection),
    ("paste", "Klistra in", [QKeySequence.StandardKey.Paste], PlanTableView.paste),
    ("clear", "Rensa celler", [QKeySequence("Delete")], PlanTableView.clear_selection),
    ("fill_right", "Fyll höger", [QKeySequence("Ctrl+R")], PlanTableView.fill_right),
    (None, None, None, None),
    ("add_row", "Ny rad", [QKeySequence("Insert"), QKeySequence("Ctrl++")], _add_row),
    ("remove_rows", "Ta bort rad", [QKeySequence("Ctrl+-")], _remove_rows),
    ("move_up", "Flytta upp", [QKeySequence("Alt+Up")],
     lambda view: view.move_requested.emit(-1)),
    ("move_down", "Flytta ned", [QKeySequence("Alt+Down")],
     lambda view: view.move_requested.emit(1)),
)


def add_table_actions(window: QMainWindow, menu: QMenu) -> dict[str, QAction]:
    """Add the table actions to `menu`; returns them by key (for enabling with a plan)."""
    made = {}
    for key, text, shortcuts, act in ACTIONS:
        if key is None:
            menu.addSeparator()
            continue
        # The keys themselves are the focused table's (PlanTableView.handle_key); the menu
        # shows them after a tab but does not register them, so no shortcut is ambiguous
        # with a table's or a text field's own.
        keys = ", ".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText)
                         for s in shortcuts)
        action = QAction(_tr(text) + "\t" + keys, window)
        action.triggered.connect(lambda _=False, act=act: _run(window, act))
        action.setProperty("needs_plan", True)
        menu.addAction(action)
        made[key] = action
    return made
