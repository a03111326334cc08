"""The Budget tab: other income and cost lines per plan year, and the computed economy.

The lines are edited through the generic plan table; the economy (income, costs by area,
result, equity, each rule's margin) is read from `model.outcome` and shown read-only and
grey, with a chart of closing equity against the rule bounds.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QSplitter, QVBoxLayout, QWidget

from ...domain.findings import describe_rule
from ...domain.outcome import Outcome, YearOutcome
from ...domain.plan import AREAS, Plan
from ..collection_editor import CollectionEditor
from ..equity_chart import EquityChart
from ..figures_model import YearFiguresModel, figures_view
from ..plan_model import FIGURE_PARTS, PlanModel
from ..refusal_label import RefusalLabel
from ..table_view import PlanTableView
from ..tables import Column, PlanTableModel, text_column, year_money_column

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
        rows.append((plan.labels.area(area),
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


class EconomyModel(YearFiguresModel):
    """The computed economy per plan year: rows of figures, one column per year (read-only)."""

    def __init__(self, model: PlanModel, parent=None):
        super().__init__(model, economy_rows, parent=parent)


class BudgetTab(QWidget):
    """Edit other income and cost lines; read the economy, rule margins and equity chart."""

    def __init__(self, model: PlanModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.message = RefusalLabel()
        self.tables: dict[str, PlanTableModel] = {}
        self.views: dict[str, PlanTableView] = {}
        self.editors: dict[str, CollectionEditor] = {}
        left = QSplitter(Qt.Orientation.Vertical)
        titles = {"other_income": (self.tr("Övriga intäkter"), self.tr("Ny intäkt")),
                  "costs": (self.tr("Kostnader utöver insatser"), self.tr("Ny kostnad"))}
        for collection in LINE_COLLECTIONS:
            title, add_text = titles[collection]
            left.addWidget(self._line_box(collection, title, add_text))

        self.economy = EconomyModel(model, self)
        self.economy_view = figures_view(self.economy)
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
        nouns = ("intäkt", "intäkter") if collection == "other_income" else \
            ("kostnad", "kostnader")
        self.editors[collection] = CollectionEditor(view, self.message, add_label=add_text,
                                                    movable=True, nouns=nouns)
        self.tables[collection], self.views[collection] = table, view
        box = QGroupBox(title)
        box_layout = QVBoxLayout(box)
        box_layout.addLayout(self.editors[collection].buttons())
        box_layout.addWidget(view)
        return box

    def _on_changed(self, parts: frozenset) -> None:
        self.message.hide()
        if parts.isdisjoint(FIGURE_PARTS | {"labels"}):
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
        self.editors[collection].add()

    def remove_lines(self, collection: str) -> None:
        self.editors[collection].remove_selected()

    def select_item(self, ident: int) -> None:
        """Select the income or cost line `ident`."""
        for view in self.views.values():
            if view.select_id(ident):
                view.setFocus()
                return

    def show_subject(self, subject: str) -> None:
        """Findings about equity or the economy: show the economy table."""
        self.economy_view.setFocus()
