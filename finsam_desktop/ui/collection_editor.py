"""One collection editor for every plan table: add after current, remove selected, move.

A tab makes a `PlanTableView` and one `CollectionEditor` per editable collection; the
editor answers the view's row keys (Insert/Ctrl++, Ctrl+-, Alt+Up/Down) and gives the
buttons (*Ny …*, *Ta bort rad*, *Flytta upp*, *Flytta ned*), so every table adds, removes
and moves rows the same way. Ranges (copy, paste, Delete, *Fyll höger*) are the view's.

    editor = CollectionEditor(view, message, add_label="Ny kostnad")
    layout.addLayout(editor.buttons())

`defaults()` gives field values for a new row (the filter's area, say); `after_add(id)`
runs before the new row is selected (to clear a filter that would hide it).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QPushButton

from ..domain import edits
from ..domain.plan import Plan
from .plan_model import EditResult
from .refusal_label import RefusalLabel
from .table_view import PlanTableView


class CollectionEditor(QObject):
    """Row operations on the collection a PlanTableView shows, each one undo step."""

    def __init__(self, view: PlanTableView, message: RefusalLabel | None = None, *,
                 add_label: str = "Ny rad", movable: bool = False,
                 defaults: Callable[[], dict] | None = None,
                 after_add: Callable[[int], None] | None = None,
                 nouns: tuple[str, str] = ("rad", "rader")):
        super().__init__(view)
        self.view = view
        self.table = view.table
        self.model = view.table.plan_model
        self.message = message
        self.add_label = add_label
        self.movable = movable
        self.defaults = defaults
        self.after_add = after_add
        self.nouns = nouns
        self._buttons: dict[str, QPushButton] = {}
        view.can_add_rows = True
        view.collection_editor = self
        view.insert_requested.connect(self.add)
        view.delete_requested.connect(self.remove_selected)
        view.move_requested.connect(self.move_current)

    # --- the operations ----------------------------------------------------------------

    def _report(self, result: EditResult) -> bool:
        if self.message is not None:
            self.message.report(result)
        return result.ok

    def add(self) -> int | None:
        """A new row after the current one; its first editable cell opens for typing."""
        current = self.view.current_id()
        index = None if current is None else self.table.row_of(current) + 1
        values = self.defaults() if self.defaults is not None else {}
        result = self.model.edit(self.tr(self.add_label), edits.add_item, self.table.collection,
                                 index, **values)
        if not self._report(result):
            return None
        if self.after_add is not None:
            self.after_add(result.new_id)
        first = next((position for position in range(self.table.columnCount())
                      if self.table.column(position).update is not None), 0)
        if self.view.select_id(result.new_id, first):
            self.view.setFocus()
            self.view.edit(self.view.currentIndex())
        return result.new_id

    def remove_label(self, count: int | None = None) -> str:
        """ "Ta bort rad" or "Ta bort 3 rader": says how many go."""
        count = len(self.view.selected_ids()) if count is None else count
        if count <= 1:
            return self.tr("Ta bort {0}").format(self.nouns[0])
        return self.tr("Ta bort {0} {1}").format(count, self.nouns[1])

    def remove_selected(self) -> bool:
        """Remove the rows of the selected cells as one undo step, and say how many went."""
        ids = [ident for ident in self.view.selected_ids() if ident is not None]
        if not ids:
            return False
        collection = self.table.collection

        def remove_all(plan: Plan) -> Plan:
            return reduce(lambda p, ident: edits.remove_item(p, collection, ident), ids, plan)
        if not self._report(self.model.edit(self.remove_label(len(ids)), remove_all)):
            return False
        window = self.view.window()
        if isinstance(window, QMainWindow):
            text = self.tr("Tog bort 1 {0}.").format(self.nouns[0]) if len(ids) == 1 else \
                self.tr("Tog bort {0} {1}.").format(len(ids), self.nouns[1])
            window.statusBar().showMessage(text + " " + self.tr("Ctrl+Z ångrar."), 8000)
        return True

    def move_current(self, step: int) -> bool:
        """Move the current row one place up or down in the plan's order."""
        ident = self.view.current_id()
        if not self.movable or ident is None:
            return False
        target = self.table.row_of(ident) + step
        if not 0 <= target < self.table.rowCount():
            return False
        column = max(0, self.view.currentIndex().column())
        show_plan_order(self.view)
        result = self.model.edit(self.tr("Flytta {0}").format(self.nouns[0]), edits.move_item,
                                 self.table.collection, ident, target)
        if self._report(result):
            self.view.select_id(ident, column)
        return result.ok

    # --- buttons -------------------------------------------------------------------------

    def buttons(self, add_text: str | None = None) -> QHBoxLayout:
        """*Ny …*, *Ta bort rad* (its text says how many), and *Flytta upp/ned* if movable."""
        layout = QHBoxLayout()
        specs = [("add", add_text or self.add_label, self.add,
                  self.tr("Ny rad efter den markerade (Insert eller Ctrl++)")),
                 ("remove", self.remove_label(1), self.remove_selected,
                  self.tr("Ta bort de markerade raderna (Ctrl+-)"))]
        if self.movable:
            specs += [("up", self.tr("Flytta upp"), lambda: self.move_current(-1),
                       self.tr("Alt+Upp")),
                      ("down", self.tr("Flytta ned"), lambda: self.move_current(1),
                       self.tr("Alt+Ned"))]
        for key, text, slot, tip in specs:
            button = QPushButton(self.tr(text))
            button.setToolTip(tip)
            button.setEnabled(not self.model.read_only)
            button.clicked.connect(slot)
            layout.addWidget(button)
            self._buttons[key] = button
        layout.addStretch(1)
        self.view.selectionModel().selectionChanged.connect(self._name_remove_button)
        return layout

    def button(self, key: str) -> QPushButton:
        """The button "add", "remove", "up" or "down" made by `buttons()`."""
        return self._buttons[key]

    def _name_remove_button(self) -> None:
        button = self._buttons.get("remove")
        if button is not None:
            button.setText(self.remove_label())


def show_plan_order(view: PlanTableView) -> None:
    """Undo any header sort: rows in the plan's order (where moving rows makes sense)."""
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    if view.proxy is not None:
        view.proxy.sort(-1, Qt.SortOrder.AscendingOrder)
