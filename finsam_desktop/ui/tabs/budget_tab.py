"""The Budget tab: other income and cost lines per plan year, and the computed economy.

The lines are edited through the generic plan table; the economy (income, costs by area,
result, equity, each rule's margin) is read from `model.outcome` and shown read-only and
grey, with a chart of closing equity against the rule bounds.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import edits
from ...domain.findings import describe_rule
from ...domain.money import format_money
from ...domain.outcome import Outcome, YearOutcome
from ...domain.plan import AREA_LABELS, AREAS, Plan
from ..equity_chart import EquityChart
from ..plan_model import FIGURE_PARTS, PlanModel
from ..refusal_label import RefusalLabel
from ..table_view import PlanTableView, button_row
from ..tables import (
    COMPUTED_BACKGROUND,
    RIGHT,
    Column,
    PlanTableModel,
    text_column,
    year_money_column,
)

LINE_COLLECTIONS = ("other_income", "costs")


def line_columns(plan: Plan) -> list[Column]:
    return [text_column("name", "Post", width=210), text_column("group", "Grupp", width=90)] + \
        [year_money_column("amounts", year, str(year), "belopp") for year in plan.years]


def rule_label(rule) -> str:
    """A rule in a few Swedish words, for the margin rows."""
    return f"Marginal: {describe_rule(rule)}"


Figure = Callable[[YearOutcome], int]


def economy_rows(plan: Plan, outcome: Outcome) -> list[tuple[str, Callable[[int], int], bool]]:
    """(label, year -> kronor, is a sum) for every row of the economy table."""
    def figure(get: Figure) -> Callable[[int], int]:
        return lambda year: get(outcome.years[year])
    rows = [
        ("Medlemsavgifter", figure(lambda y: y.contributions_total), False),
        ("Övriga intäkter", figure(lambda y: y.other_income_total), False),
        ("Summa intäkter", figure(lambda y: y.income_total), True),
    ]
    for area in AREAS:
        rows.append((AREA_LABELS[area],
                     figure(lambda y, area=area: y.interventions_by_area.get(area, 0)), False))
    rows += [
        ("Summa insatser", figure(lambda y: y.intervention_costs), True),
        ("Övriga kostnader", figure(lambda y: y.other_costs), False),
        ("Summa kostnader", figure(lambda y: y.costs_total), True),
        ("Årets resultat", figure(lambda y: y.result), True),
        ("Ingående eget kapital", figure(lambda y: y.opening_equity), False),
        ("Utgående eget kapital", figure(lambda y: y.closing_equity), True),
    ]
    for rule in plan.equity.rules:
        margins = {m.year: m.margin for m in outcome.margins if m.rule_id == rule.id}
        rows.append((rule_label(rule), lambda year, margins=margins: margins.get(year, 0), False))
    return rows


class EconomyModel(QAbstractTableModel):
    """The computed economy per plan year: rows of figures, one column per year (read-only)."""

    def __init__(self, model: PlanModel, parent=None):
        super().__init__(parent)
        self.plan_model = model
        self._refresh_rows()
        model.changed.connect(self._on_changed)

    def _refresh_rows(self) -> None:
        self._years = self.plan_model.plan.years
        self._rows = economy_rows(self.plan_model.plan, self.plan_model.outcome)

    def _on_changed(self, parts: frozenset) -> None:
        if parts.isdisjoint(FIGURE_PARTS):
            return
        labels = [row[0] for row in self._rows]
        years = self._years
        rows = economy_rows(self.plan_model.plan, self.plan_model.outcome)
        if [row[0] for row in rows] != labels or self.plan_model.plan.years != years:
            self.beginResetModel()
            self._refresh_rows()
            self.endResetModel()
            return
        self._rows = rows
        self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(years) - 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._years)

    def row_of(self, label: str) -> int:
        return next((row for row, item in enumerate(self._rows) if item[0] == label), -1)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._years):
                return str(self._years[section])
            if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
                return self._rows[section][0]
        if role == Qt.ItemDataRole.FontRole and orientation == Qt.Orientation.Vertical \
                and 0 <= section < len(self._rows) and self._rows[section][2]:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        label, value, is_sum = self._rows[index.row()]
        year = self._years[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_money(value(year), self.plan_model.plan.unit)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(COMPUTED_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and is_sum:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and value(year) < 0:
            return QBrush(Qt.GlobalColor.darkRed)
        if role == Qt.ItemDataRole.UserRole:
            return value(year)
        return None


class BudgetTab(QWidget):
    """Edit other income and cost lines; read the economy, rule margins and equity chart."""

    def __init__(self, model: PlanModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.message = RefusalLabel()
        self.tables: dict[str, PlanTableModel] = {}
        self.views: dict[str, PlanTableView] = {}
        left = QSplitter(Qt.Orientation.Vertical)
        titles = {"other_income": (self.tr("Övriga intäkter"), self.tr("Ny intäkt")),
                  "costs": (self.tr("Kostnader utöver insatser"), self.tr("Ny kostnad"))}
        for collection in LINE_COLLECTIONS:
            title, add_text = titles[collection]
            left.addWidget(self._line_box(collection, title, add_text))

        self.economy = EconomyModel(model, self)
        self.economy_view = QTableView()
        self.economy_view.setModel(self.economy)
        self.economy_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.economy_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.economy_view.verticalHeader().setDefaultSectionSize(21)
        self.economy_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.chart = EquityChart()
        economy_box = QGroupBox(self.tr("Ekonomi per år (beräknas, %s)") % model.plan.unit)
        self.economy_box = economy_box
        box_layout = QVBoxLayout(economy_box)
        box_layout.addWidget(self.economy_view)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(economy_box)
        right.addWidget(self.chart)
        right.setSizes([440, 330])

        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(left)
        main.addWidget(right)
        main.setSizes([700, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(main, 1)
        layout.addWidget(self.message)
        self._stale = True
        model.changed.connect(self._on_changed)
        self._show_computed()

    def _line_box(self, collection: str, title: str, add_text: str) -> QGroupBox:
        table = PlanTableModel(self.model, collection, line_columns, self)
        view = PlanTableView(table, None, self.message)
        view.insert_requested.connect(lambda: self.add_line(collection))
        view.delete_requested.connect(lambda: self.remove_lines(collection))
        buttons, made = button_row((add_text, lambda: self.add_line(collection)),
                                   (self.tr("Ta bort"), lambda: self.remove_lines(collection)))
        for button in made:
            button.setEnabled(not self.model.read_only)
        self.tables[collection], self.views[collection] = table, view
        box = QGroupBox(title)
        box_layout = QVBoxLayout(box)
        box_layout.addLayout(buttons)
        box_layout.addWidget(view)
        return box

    def _on_changed(self, parts: frozenset) -> None:
        self.message.hide()
        if parts.isdisjoint(FIGURE_PARTS):
            return
        if self.isVisible():
            self._show_computed()
        else:  # redrawn when the tab is shown: keeps edits in other tabs fast
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._stale:
            self._show_computed()
        super().showEvent(event)

    def _show_computed(self) -> None:
        self._stale = False
        self.economy_box.setTitle(self.tr("Ekonomi per år (beräknas, %s)") % self.model.plan.unit)
        self.chart.show_outcome(self.model.plan, self.model.outcome)

    def add_line(self, collection: str) -> None:
        view = self.views[collection]
        current = view.current_id()
        index = None if current is None else self.tables[collection].row_of(current) + 1
        label = self.tr("Lägg till intäkt") if collection == "other_income" else \
            self.tr("Lägg till kostnad")
        result = self.model.edit(label, edits.add_item, collection, index)
        if self.message.report(result):
            ident = result.new_id
            if view.select_id(ident):
                view.edit(view.currentIndex())

    def remove_lines(self, collection: str) -> None:
        ids = self.views[collection].selected_ids()
        if not ids:
            return

        def remove_all(plan: Plan) -> Plan:
            for ident in ids:
                plan = edits.remove_item(plan, collection, ident)
            return plan
        self.message.report(self.model.edit(self.tr("Ta bort budgetrad"), remove_all))

    def select_item(self, ident: int) -> None:
        """Select the income or cost line `ident`."""
        for view in self.views.values():
            if view.select_id(ident):
                view.setFocus()
                return

    def show_subject(self, subject: str) -> None:
        """Findings about equity or the economy: show the economy table."""
        self.economy_view.setFocus()
