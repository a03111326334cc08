"""Översikt: the plan's settings, contribution totals, equity and its rules, key figures."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QScrollArea, QSpinBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...domain import edits
from ...domain.errors import UserFacingError
from ...domain.money import format_money, format_share, parse_money, parse_share
from ...domain.plan import AREA_LABELS, AREAS, BASIS_LABELS, ROUNDINGS, RULE_BASES
from ..fields import CommitLineEdit
from ..plan_model import FIGURE_PARTS
from ..refusal_label import RefusalLabel

PRECISIONS = ((None, "Exakta andelar"), (Decimal("0.01"), "1 %"), (Decimal("0.001"), "0,1 %"),
              (Decimal("0.0001"), "0,01 %"))
RULE_LABELS = {"min_amount": "Lägst ett belopp", "max_share": "Högst en andel av",
               "min_area_share": "Minst en andel av insatsmedlen till"}
FIGURES = (("contributions_total", "Medlemsavgifter"), ("other_income_total", "Övriga intäkter"),
           ("income_total", "Summa intäkter"), ("intervention_costs", "Insatser"),
           ("other_costs", "Övriga kostnader"), ("costs_total", "Summa kostnader"),
           ("result", "Resultat"), ("opening_equity", "Ingående eget kapital"),
           ("closing_equity", "Utgående eget kapital"))
COMPUTED_BACKGROUND = QColor("#f2f2f2")


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
            return refusal
        field = CommitLineEdit(current, forward)
        field.setObjectName(key)
        field.setReadOnly(self.model.read_only)
        if key not in ("association", "decided"):
            field.setMaximumWidth(180)
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.fields[key] = field
        return field

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
        self.rules = QTableWidget(0, 3)
        self.rules.setHorizontalHeaderLabels([self.tr("Regel"), self.tr("Belopp eller andel"),
                                              self.tr("Mäts mot")])
        header = self.rules.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 130)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rules.verticalHeader().hide()
        self.rules.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.rules.setMinimumHeight(120)
        self.rules.verticalHeader().setDefaultSectionSize(28)
        self.rules.itemChanged.connect(self._rule_value_changed)
        layout.addWidget(self.rules)
        buttons = QHBoxLayout()
        self.add_rule = QPushButton(self.tr("Lägg till regel"))
        self.add_rule.clicked.connect(lambda: self._edit("Lägg till regel", edits.add_item, "rules"))
        self.remove_rule = QPushButton(self.tr("Ta bort regel"))
        self.remove_rule.clicked.connect(self._remove_rule)
        for button in (self.add_rule, self.remove_rule):
            button.setEnabled(not self.model.read_only)
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)
        return box

    def _figures_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Nyckeltal per år"))
        layout = QVBoxLayout(box)
        self.figures = QTableWidget(len(FIGURES), 0)
        self.figures.setVerticalHeaderLabels([self.tr(label) for _, label in FIGURES])
        self.figures.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.figures.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.figures.verticalHeader().setDefaultSectionSize(24)
        self.figures.setMinimumHeight(self.figures.verticalHeader().length()
                                      + self.figures.horizontalHeader().sizeHint().height() + 4)
        layout.addWidget(self.figures)
        return box

    # --- showing the plan ----------------------------------------------------------------

    def refresh(self, parts: frozenset | None = None) -> None:
        if parts is not None and parts.isdisjoint(FIGURE_PARTS):
            return
        plan, outcome = self.model.plan, self.model.outcome
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
        self._refresh_rules()
        self._refresh_figures(plan, outcome)

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

    def _refresh_rules(self) -> None:
        plan = self.model.plan
        self.rules.blockSignals(True)
        self.rules.setRowCount(len(plan.equity.rules))
        for row, rule in enumerate(plan.equity.rules):
            kind = QComboBox()
            for key, label in RULE_LABELS.items():
                kind.addItem(self.tr(label), key)
            kind.setCurrentIndex(kind.findData(rule.kind))
            kind.setEnabled(not self.model.read_only)
            kind.activated.connect(lambda _=0, ident=rule.id, combo=kind: self._edit(
                "Ändra regel", edits.update_item, "rules", ident, kind=combo.currentData()))
            self.rules.setCellWidget(row, 0, kind)
            text = (format_money(rule.amount, plan.unit, with_unit=True)
                    if rule.kind == "min_amount" else format_share(rule.share, 2))
            value = self.rules.item(row, 1)
            if value is None:  # items are reused: this may run inside their itemChanged
                value = QTableWidgetItem()
                value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if self.model.read_only:
                    value.setFlags(value.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.rules.setItem(row, 1, value)
            value.setText(text)
            value.setData(Qt.ItemDataRole.UserRole, rule.id)
            self.rules.setCellWidget(row, 2, self._rule_basis(rule))
        self.rules.blockSignals(False)

    def _rule_basis(self, rule) -> QWidget:
        if rule.kind == "min_amount":
            return QLabel(self.tr("utgående eget kapital"))
        combo = QComboBox()
        if rule.kind == "max_share":
            for basis in RULE_BASES:
                combo.addItem(self.tr(BASIS_LABELS[basis]), ("basis", basis))
            combo.setCurrentIndex(RULE_BASES.index(rule.basis) if rule.basis in RULE_BASES else 0)
        else:
            for area in AREAS:
                combo.addItem(self.tr(AREA_LABELS[area]), ("area", area))
            combo.setCurrentIndex(AREAS.index(rule.area) if rule.area in AREAS else 0)
        combo.setEnabled(not self.model.read_only)
        combo.activated.connect(lambda _=0: self._edit(
            "Ändra regel", edits.update_item, "rules", rule.id,
            **{combo.currentData()[0]: combo.currentData()[1]}))
        return combo

    def _rule_value_changed(self, item: QTableWidgetItem) -> None:
        ident = item.data(Qt.ItemDataRole.UserRole)
        rule = edits.find(self.model.plan, "rules", ident)
        try:
            if rule.kind == "min_amount":
                change = {"amount": parse_money(item.text(), self.model.plan.unit)}
            else:
                change = {"share": parse_share(item.text())}
            refusal = self._edit("Ändra regel", edits.update_item, "rules", ident, **change)
        except UserFacingError as error:
            refusal = str(error)
            self.message.report(refusal)
        if refusal:
            item.setToolTip(refusal)
            self._refresh_rules()

    def _remove_rule(self) -> None:
        row = self.rules.currentRow()
        rules = self.model.plan.equity.rules
        if 0 <= row < len(rules):
            self._edit("Ta bort regel", edits.remove_item, "rules", rules[row].id)

    def _refresh_figures(self, plan, outcome) -> None:
        self.figures.setColumnCount(len(plan.years))
        self.figures.setHorizontalHeaderLabels([str(year) for year in plan.years])
        for column, year in enumerate(plan.years):
            figures = outcome.years[year]
            for row, (attribute, _) in enumerate(FIGURES):
                item = QTableWidgetItem(format_money(getattr(figures, attribute), plan.unit,
                                                     with_unit=True))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setBackground(QBrush(COMPUTED_BACKGROUND))
                self.figures.setItem(row, column, item)

    # --- navigation from findings ---------------------------------------------------------

    def select_item(self, ident: int) -> None:
        """Select the equity rule with id `ident`."""
        for row, rule in enumerate(self.model.plan.equity.rules):
            if rule.id == ident:
                self.rules.selectRow(row)
                self.rules.setFocus()
                return

    def show_subject(self, subject: str) -> None:
        """Put the cursor in the field a plan-wide finding concerns."""
        key = "opening_equity" if subject == "equity" else f"total_{self.model.plan.plan_year}"
        field = self.fields.get(key)
        if field is not None:
            field.setFocus()
