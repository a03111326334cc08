"""The Mål tab: the plan's goals, and for the selected goal its indicators and targets.

Goals are a plan collection (generic table); indicators live inside a goal, so their
small table model writes the goal's whole indicator list with `edits.set_indicators`.
Every change is one undoable command; typing in one cell merges.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHeaderView, QSplitter,
                               QTableView, QVBoxLayout, QWidget)

from ...domain import edits
from ...domain.edits import EditError
from ..delegates import CellDelegate, connect_refusals
from ..plan_model import EditResult, PlanModel
from ..table_view import PlanTableView, button_row
from ..tables import RIGHT, Column, PlanTableModel, computed_text_column, text_column
from ..refusal_label import RefusalLabel

INDICATOR_FIELDS = (("text", "Indikator"), ("target", "Målvärde"))


def goal_columns(plan) -> list[Column]:
    return [text_column("title", "Mål", width=380),
            replace(computed_text_column("count", "Indikatorer",
                                         lambda goal, m: str(len(goal.indicators))),
                    align=RIGHT, width=90)]


class IndicatorsModel(QAbstractTableModel):
    """The indicators of one goal: text and target, both editable."""

    refused = Signal(str, QModelIndex)
    """An edit was refused: the Swedish reason and the cell."""

    def __init__(self, model: PlanModel, parent=None):
        super().__init__(parent)
        self.plan_model = model
        self.goal_id: int | None = None
        self._rows: tuple = ()
        self.last_refusal: str | None = None
        model.changed.connect(self._on_changed)

    def _goal(self):
        if self.goal_id is None:
            return None
        try:
            return edits.find(self.plan_model.plan, "goals", self.goal_id)
        except EditError:
            return None

    def show_goal(self, ident: int | None) -> None:
        self.beginResetModel()
        self.goal_id = ident
        goal = self._goal()
        self._rows = goal.indicators if goal else ()
        self.endResetModel()

    def _on_changed(self, parts: frozenset) -> None:
        if "goals" not in parts:
            return
        goal = self._goal()
        rows = goal.indicators if goal else ()
        if len(rows) != len(self._rows):
            self.show_goal(self.goal_id if goal else None)
            return
        self._rows = rows
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(INDICATOR_FIELDS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(INDICATOR_FIELDS):
            return INDICATOR_FIELDS[section][1]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.plan_model.read_only else flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.EditRole):
            return None
        return getattr(self._rows[index.row()], INDICATOR_FIELDS[index.column()][0])

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.goal_id is None:
            return False
        field = INDICATOR_FIELDS[index.column()][0]
        pairs = [(i.text, i.target) for i in self._rows]
        text, target = pairs[index.row()]
        pairs[index.row()] = (str(value), target) if field == "text" else (text, str(value))
        if pairs[index.row()] == (text, target):
            return True
        message = self.plan_model.edit(
            "Ändra indikator", edits.set_indicators, self.goal_id, pairs).refusal
        if message is not None:
            self.last_refusal = message
            self.refused.emit(message, QModelIndex(index))
            return False
        return True

    def change_rows(self, label: str, pairs: list[tuple[str, str]]) -> EditResult | None:
        """Replace the goal's indicators (add/remove) as one undoable step."""
        if self.goal_id is None:
            return None
        return self.plan_model.edit(label, edits.set_indicators, self.goal_id, pairs)

    def pairs(self) -> list[tuple[str, str]]:
        return [(i.text, i.target) for i in self._rows]


class GoalsTab(QWidget):
    """Edit goals (left) and the selected goal's indicators and targets (right)."""

    def __init__(self, model: PlanModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.message = RefusalLabel()
        self.table = PlanTableModel(model, "goals", goal_columns, self)
        self.view = PlanTableView(self.table, None, self.message)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.insert_requested.connect(self.add_goal)
        self.view.delete_requested.connect(self.remove_goal)
        goal_buttons, made = button_row((self.tr("Nytt mål"), self.add_goal),
                                        (self.tr("Ta bort"), self.remove_goal),
                                        (self.tr("Flytta upp"), lambda: self.move_goal(-1)),
                                        (self.tr("Flytta ned"), lambda: self.move_goal(1)))
        goals_box = QGroupBox(self.tr("Mål"))
        goals_layout = QVBoxLayout(goals_box)
        goals_layout.addLayout(goal_buttons)
        goals_layout.addWidget(self.view)

        self.indicators = IndicatorsModel(model, self)
        self.indicator_view = QTableView()
        self.indicator_view.setModel(self.indicators)
        self.indicator_view.setItemDelegate(CellDelegate(self.indicator_view))
        self.indicator_view.verticalHeader().setVisible(False)
        self.indicator_view.setWordWrap(False)
        self.indicator_view.verticalHeader().setDefaultSectionSize(24)
        header = self.indicator_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 180)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        connect_refusals(self.indicator_view, self.indicators, self.message)
        indicator_buttons, made_too = button_row(
            (self.tr("Ny indikator"), self.add_indicator),
            (self.tr("Ta bort indikator"), self.remove_indicator))
        self.indicator_box = QGroupBox(self.tr("Indikatorer och målvärden"))
        indicator_layout = QVBoxLayout(self.indicator_box)
        indicator_layout.addLayout(indicator_buttons)
        indicator_layout.addWidget(self.indicator_view)
        self.add_indicator_button = made_too[0]
        for button in made + made_too:
            button.setEnabled(not model.read_only)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(goals_box)
        splitter.addWidget(self.indicator_box)
        splitter.setSizes([560, 840])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.view.selectionModel().currentRowChanged.connect(self._goal_selected)
        self.table.modelReset.connect(self._after_reset)
        model.changed.connect(lambda parts: self.message.hide())
        if self.table.rowCount():
            self.view.selectRow(0)
        self._goal_selected()

    def _goal_selected(self, *args) -> None:
        ident = self.view.current_id()
        self.indicators.show_goal(ident)
        self.indicator_box.setEnabled(ident is not None)

    def _after_reset(self) -> None:
        ident = self.indicators.goal_id
        if ident is None or not self.view.select_id(ident):
            if self.table.rowCount():
                self.view.selectRow(0)
        self._goal_selected()

    def add_goal(self) -> None:
        current = self.view.current_id()
        index = None if current is None else self.table.row_of(current) + 1
        result = self.model.edit(self.tr("Lägg till mål"), edits.add_item, "goals", index)
        if self.message.report(result):
            ident = result.new_id
            self.indicators.goal_id = ident
            self.view.select_id(ident)
            self._goal_selected()
            self.view.edit(self.view.currentIndex())

    def remove_goal(self) -> None:
        ident = self.view.current_id()
        if ident is not None:
            self.message.report(self.model.edit(self.tr("Ta bort mål"), edits.remove_item, "goals",
                                         ident))

    def move_goal(self, step: int) -> None:
        ident = self.view.current_id()
        if ident is None:
            return
        target = self.table.row_of(ident) + step
        if 0 <= target < self.table.rowCount() and self.message.report(self.model.edit(
                self.tr("Flytta mål"), edits.move_item, "goals", ident, target)):
            self.view.select_id(ident)

    def add_indicator(self) -> None:
        pairs = self.indicators.pairs() + [(self.tr("Ny indikator"), "")]
        if self.message.report(self.indicators.change_rows(self.tr("Lägg till indikator"), pairs)):
            index = self.indicators.index(len(pairs) - 1, 0)
            self.indicator_view.setCurrentIndex(index)
            self.indicator_view.edit(index)

    def remove_indicator(self) -> None:
        index = self.indicator_view.currentIndex()
        if not index.isValid():
            return
        pairs = self.indicators.pairs()
        del pairs[index.row()]
        self.message.report(self.indicators.change_rows(self.tr("Ta bort indikator"), pairs))

    def select_item(self, ident: int) -> None:
        """Select the goal `ident` and show its indicators."""
        if self.view.select_id(ident):
            self._goal_selected()
