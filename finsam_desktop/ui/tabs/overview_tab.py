"""Översikt: the plan's settings, contribution totals, equity and its rules, key figures."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain import document_edits, edits
from ...domain.errors import UserFacingError
from ...domain.money import format_money, format_share, parse_money, parse_share
from ...domain.plan import ROUNDINGS
from ...domain.scale import scale_warning
from ..collection_editor import CollectionEditor
from ..fields import CommitLineEdit
from ..figures_model import YearFiguresModel, figures_view
from ..refusal_label import RefusalLabel
from ..table_view import PlanTableView
from ..tables import PlanTableModel
from .rule_columns import RULE_LABELS, rule_columns  # noqa: F401 - RULE_LABELS re-exported

PRECISIONS = ((None, "Exakta andelar"), (Decimal("0.01"), "1 %"), (Decimal("0.001"), "0,1 %"),
              (Decimal("0.0001"), "0,01 %"))
FIGURES = (("contributions_total", "Medlemsavgifter"), ("other_income_total", "Övriga intäkter"),
           ("income_total", "Summa intäkter"), ("intervention_costs", "Insatser"),
           ("other_costs", "Övriga kostnader"), ("costs_total", "Summa kostnader"),
           ("result", "Resultat"), ("opening_equity", "Ingående eget kapital"),
           ("closing_equity", "Utgående eget kapital"))


def figure_rows(plan, outcome) -> list:
    """The key figures per year, for the figures table."""
    return [(label, lambda year, attribute=attribute: getattr(outcome.years[year], attribute),
             attribute in ("income_total", "costs_total", "result", "closing_equity"))
            for attribute, label in FIGURES]


def _is_money_field(key: str) -> bool:
    """The setting fields that hold an amount (warned about when far beyond the plan's scale)."""
    return key.startswith("total_") or key in ("previous_total", "opening_equity")


def _money_or_none(text: str, unit: str) -> int | None:
    return parse_money(text, unit) if text.strip() else None


class OverviewTab(QWidget):
    """The plan as a whole; every change goes through `model.edit`."""

    def __init__(self, model, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.fields: dict[str, CommitLineEdit] = {}
        self.message = RefusalLabel()
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.message)
        grid = QGridLayout()
        grid.addWidget(self._plan_box(), 0, 0)
        grid.addWidget(self._contributions_box(), 0, 1)
        grid.addWidget(self._equity_box(), 1, 0)
        grid.addWidget(self._figures_box(), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        model.changed.connect(self.refresh)
        self.refresh()

    # --- building ------------------------------------------------------------------------

    def _field(self, key: str, current, commit) -> CommitLineEdit:
        def forward(text: str) -> str | None:
            try:
                refusal = commit(text).refusal
            except UserFacingError as error:  # the typed text did not parse
                refusal = str(error)
            self.message.set_refusal(refusal)
            if refusal is None and _is_money_field(key):
                self._warn_at(field, text)
            return refusal
        field = CommitLineEdit(current, forward)
        field.setObjectName(key)
        field.setReadOnly(self.model.read_only)
        if key not in ("association", "decided", "opening_note"):
            field.setMaximumWidth(180)
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.fields[key] = field
        return field

    def _warn_at(self, field: CommitLineEdit, text: str) -> None:
        """An accepted amount far beyond the plan's scale: say so at the field."""
        try:
            amount = parse_money(text, self.model.plan.unit) if text.strip() else None
        except UserFacingError:
            return
        warning = None if amount is None else scale_warning(self.model.plan, amount,
                                                             self.model.plan.unit)
        if warning:
            field.show_warning(warning)
            self.message.set_refusal(self.tr("Obs: ") + warning)

    def _edit(self, label: str, function, *args, merge_key=None, **kwargs) -> str | None:
        refusal = self.model.edit(self.tr(label), function, *args, merge_key=merge_key,
                                  **kwargs).refusal
        self.message.set_refusal(refusal)
        return refusal

    def _plan_box(self) -> QGroupBox:
        plan = lambda: self.model.plan  # noqa: E731 - always the current plan
        box = QGroupBox(self.tr("Förbundet och planen"))
        form = QFormLayout(box)
        form.addRow(self.tr("Förbund:"), self._field(
            "association", lambda: plan().association,
            lambda text: self.model.edit(self.tr("Ändra förbundets namn"), edits.set_association,
                                         text)))
        form.addRow(self.tr("Beslutad:"), self._field(
            "decided", lambda: plan().decided,
            lambda text: self.model.edit(self.tr("Ändra beslutsdatum"), edits.set_decided, text)))
        self.fields["decided"].setPlaceholderText(self.tr("ÅÅÅÅ-MM-DD"))
        self.plan_year = QLabel()
        form.addRow(self.tr("Budgetår:"), self.plan_year)
        self.span = QSpinBox()
        self.span.setRange(1, 5)
        self.span.setSuffix(self.tr(" år"))
        self.span.setKeyboardTracking(False)
        self.span.valueChanged.connect(
            lambda value: value != plan().plan_span
            and self._edit("Ändra antal planår", edits.set_span, value))
        form.addRow(self.tr("Planen omfattar:"), self.span)
        self.unit = QComboBox()
        self.unit.addItem(self.tr("kronor (kr)"), "kr")
        self.unit.addItem(self.tr("tusental kronor (tkr)"), "tkr")
        self.unit.activated.connect(
            lambda: self._edit("Ändra enhet", edits.set_unit, self.unit.currentData()))
        form.addRow(self.tr("Belopp visas i:"), self.unit)
        return box

    def _contributions_box(self) -> QGroupBox:
        plan = lambda: self.model.plan  # noqa: E731
        box = QGroupBox(self.tr("Medlemsavgifter"))
        form = QFormLayout(box)
        self.totals_grid = QGridLayout()
        form.addRow(self.tr("Total tilldelning:"), self.totals_grid)
        form.addRow(self.tr("Fjolårets total:"), self._field(
            "previous_total",
            lambda: "" if plan().contributions.previous_total is None
            else format_money(plan().contributions.previous_total, plan().unit),
            lambda text: self.model.edit(self.tr("Ändra fjolårets total"),
                                         edits.set_previous_total,
                                         _money_or_none(text, plan().unit))))
        for part, label in (("state", "Statens andel:"), ("region", "Regionens andel:"),
                            ("municipalities", "Kommunernas andel:")):
            form.addRow(self.tr(label), self._field(
                f"share_{part}",
                lambda part=part: format_share(getattr(plan().contributions.shares, part), 2),
                lambda text, part=part: self.model.edit(
                    self.tr("Ändra andel"), edits.set_share, part, parse_share(text))))
        self.rounding = QComboBox()
        for rounding in ROUNDINGS:
            self.rounding.addItem(self.tr("till {kr}").format(
                kr=format_money(rounding, "kr", with_unit=True)), rounding)
        self.rounding.activated.connect(lambda: self._edit(
            "Ändra avrundning", edits.set_rounding, self.rounding.currentData()))
        form.addRow(self.tr("Avrundning:"), self.rounding)
        self.precision = QComboBox()
        for value, label in PRECISIONS:
            self.precision.addItem(self.tr(label), value)
        self.precision.activated.connect(lambda: self._edit(
            "Ändra nyckelns precision", edits.set_key_precision, self.precision.currentData()))
        form.addRow(self.tr("Kommunernas andelar:"), self.precision)
        return box

    def _equity_box(self) -> QGroupBox:
        plan = lambda: self.model.plan  # noqa: E731
        box = QGroupBox(self.tr("Eget kapital"))
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Ingående eget kapital:")))
        row.addWidget(self._field(
            "opening_equity",
            lambda: "" if plan().equity.opening is None
            else format_money(plan().equity.opening, plan().unit),
            lambda text: self.model.edit(self.tr("Ändra ingående eget kapital"),
                                         edits.set_opening_equity,
                                         _money_or_none(text, plan().unit))))
        self.forecast = QLabel(self.tr("prognos"))
        self.forecast.setObjectName("forecast_marker")
        self.forecast.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 2px 6px;"
                                    "border-radius: 3px;")
        self.forecast.setToolTip(self.tr("Beloppet är en prognos från fjolårets plan. Stäm av "
                                         "det mot bokslutet och skriv in det rätta beloppet."))
        row.addWidget(self.forecast)
        row.addStretch()
        layout.addLayout(row)
        note = QHBoxLayout()
        note.addWidget(QLabel(self.tr("Varifrån beloppet kommer:")))
        note.addWidget(self._field(
            "opening_note", lambda: plan().equity.opening_note,
            lambda text: self.model.edit(self.tr("Ändra noteringen om eget kapital"),
                                         document_edits.set_opening_note, text.strip())))
        self.fields["opening_note"].setPlaceholderText(self.tr("t.ex. Prognos per 30 juni 2025"))
        self.fields["opening_note"].setToolTip(self.tr(
            "Skrivs under tabellen Budget och ekonomisk plan i rapporten."))
        layout.addLayout(note)
        self.rules_table = PlanTableModel(self.model, "rules", rule_columns, self)
        self.rules = PlanTableView(self.rules_table, None, self.message)
        self.rules.setMinimumHeight(120)
        self.rule_rows = CollectionEditor(self.rules, self.message, add_label="Lägg till regel",
                                          nouns=("regel", "regler"))
        buttons = self.rule_rows.buttons()
        self.add_rule, self.remove_rule = (self.rule_rows.button(key) for key in ("add", "remove"))
        layout.addWidget(self.rules)
        layout.addLayout(buttons)
        return box

    def _figures_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Nyckeltal per år"))
        layout = QVBoxLayout(box)
        self.figures_model = YearFiguresModel(self.model, figure_rows, with_unit=True,
                                              parent=self)
        self.figures = figures_view(self.figures_model)
        self.figures.setMinimumHeight(self.figures.verticalHeader().length()
                                      + self.figures.horizontalHeader().sizeHint().height() + 4)
        layout.addWidget(self.figures)
        return box

    # --- showing the plan ----------------------------------------------------------------

    def refresh(self, parts: frozenset | None = None) -> None:
        """A good edit anywhere clears old refusals; the fields follow the settings."""
        if parts is not None:
            self.message.set_refusal(None)
            for field in self.fields.values():
                field.clear_refusal()
            if "settings" not in parts:
                return
        plan = self.model.plan
        for field in self.fields.values():
            field.refresh()
        self.plan_year.setText(str(plan.plan_year))
        self.span.blockSignals(True)
        self.span.setValue(plan.plan_span)
        self.span.blockSignals(False)
        self.span.setEnabled(not self.model.read_only)
        for combo, value in ((self.unit, plan.unit), (self.rounding, plan.contributions.rounding),
                             (self.precision, plan.contributions.key_precision)):
            index = combo.findData(value)
            if index < 0:  # a precision the list does not offer: show it as it is
                combo.addItem(format_share(value, 3), value)
                index = combo.count() - 1
            combo.setCurrentIndex(index)
            combo.setEnabled(not self.model.read_only)
        self.forecast.setVisible(plan.equity.opening is not None and plan.equity.opening_is_forecast)
        self._refresh_totals()

    def _refresh_totals(self) -> None:
        plan = self.model.plan
        if getattr(self, "_total_years", None) == plan.years:
            return
        self._total_years = plan.years
        while self.totals_grid.count():
            widget = self.totals_grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for column, year in enumerate(plan.years):
            self.totals_grid.addWidget(QLabel(str(year)), 0, column)
            field = self._field(
                f"total_{year}",
                lambda year=year: format_money(self.model.plan.contributions.totals[year],
                                               self.model.plan.unit)
                if year in self.model.plan.contributions.totals else "",
                lambda text, year=year: self.model.edit(
                    self.tr("Ändra medlemsavgifter {year}").format(year=year), edits.set_total,
                    year, _money_or_none(text, self.model.plan.unit)))
            self.totals_grid.addWidget(field, 1, column)
        for key in [k for k in self.fields if k.startswith("total_")]:
            if int(key[6:]) not in plan.years:
                del self.fields[key]

    # --- navigation from findings ---------------------------------------------------------

    def select_item(self, ident: int) -> None:
        """Select the equity rule with id `ident`."""
        if self.rules.select_id(ident):
            self.rules.setFocus()

    def show_subject(self, subject: str) -> None:
        """Put the cursor in the field a plan-wide finding concerns."""
        key = "opening_equity" if subject == "equity" else f"total_{self.model.plan.plan_year}"
        field = self.fields.get(key)
        if field is not None:
            field.setFocus()
