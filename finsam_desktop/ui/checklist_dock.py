"""The "Att göra" panel: what *Nytt år* asked the user to check, kept in the plan until ticked.

The items are `Plan.checklist`; ticking one is an undoable edit (`domain.checklist_edits`).
The panel shows only while something is left to do, and the window's Visa menu toggles it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QWidget

from ..domain.checklist_edits import set_done


class ChecklistDock(QDockWidget):
    """Lists `model.plan.checklist` with a check box each; ticking commits at once."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Att göra"), parent)
        self.setObjectName("checklist_dock")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemChanged.connect(self._ticked)
        self.setWidget(self.list)
        self._model = None
        self._filling = False

    def set_model(self, model) -> None:
        """Follow a PlanModel (or None when no plan is open)."""
        if self._model is not None:
            self._model.changed.disconnect(self._changed)
        self._model = model
        if model is not None:
            model.changed.connect(self._changed)
        self.refresh()

    def open_items(self) -> int:
        """How many items are not yet ticked off."""
        plan = self._model.plan if self._model is not None else None
        return 0 if plan is None else sum(not item.done for item in plan.checklist)

    def _changed(self, parts: frozenset) -> None:
        if "checklist" in parts:
            self.refresh()

    def refresh(self) -> None:
        self._filling = True
        self.list.clear()
        items = self._model.plan.checklist if self._model is not None else ()
        read_only = self._model is None or self._model.read_only
        for entry in items:
            item = QListWidgetItem(entry.text)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if not read_only:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if entry.done else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self._filling = False
        left = self.open_items()
        self.setWindowTitle(self.tr("Att göra ({n} kvar)").format(n=left) if left
                            else self.tr("Att göra"))

    def _ticked(self, item: QListWidgetItem) -> None:
        if self._filling or self._model is None:
            return
        done = item.checkState() == Qt.CheckState.Checked
        text = self.tr("Bocka av ”{text}”") if done else self.tr("Ångra avbockning")
        self._model.edit(text.format(text=item.text()[:40]), set_done,
                         item.data(Qt.ItemDataRole.UserRole), done)
