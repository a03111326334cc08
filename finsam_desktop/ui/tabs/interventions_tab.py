"""The Insatser tab: every intervention field, money and participants per plan year.

Filter by free text, area, category and municipality; sort on any column (numbers as
numbers, names in Swedish order); group by area, category or municipality (a subtotal
table under the main one, see `intervention_groups`); add, remove and move rows with
buttons or Insert/Delete. The totals under the table are sums of the visible rows from
domain helpers; the view computes nothing itself.
"""

from __future__ import annotations

from functools import cmp_to_key

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.money import format_money, format_number
from ...domain.plan import AREA_LABELS, CATEGORY_LABELS, Plan
from ...domain.totals_followed import ShownTotals, follow_shown
from ..collection_editor import CollectionEditor, show_plan_order
from ..column_menu import ColumnMenu
from ..column_widths import texts_width
from ..plan_model import PlanModel
from ..refusal_label import RefusalLabel
from ..steady_label import SteadyLabel
from ..table_view import PlanTableView
from ..tables import (
    Column,
    PlanTableModel,
    choice_column,
    date_column,
    text_column,
    year_count_column,
    year_money_column,
)
from .intervention_filter import InterventionFilter
from .intervention_groups import FIELDS, GROUP_KEY_ROLE, GROUPING_BY_FIELD, GroupTotalsModel

COLLECTION = "interventions"
HIDEABLE = (("area", "Område"), ("category", "Kategori"), ("amounts", "Belopp per år"),
            ("participants", "Deltagare per år"), ("municipality", "Kommun"),
            ("owner", "Insatsägare"), ("group", "Grupp"), ("start", "Start"), ("end", "Slut"),
            ("external_funding", "Extern finansiering per år"), ("description", "Beskrivning"))
"""The columns *Visa kolumner* turns on and off (the name always shows)."""
HIDDEN_BY_DEFAULT = {"group", "start", "end", "external_funding", "description"}
"""What a coordinator edits less often: hidden at first so that the rest fits a laptop."""


def intervention_columns(plan: Plan) -> list[Column]:
    """Name, area and category, then money and participants per plan year (what is edited
    most, so it is visible without scrolling), then the other fields."""
    columns = [
        text_column("name", "Insats", width=230),
        choice_column("area", "Område", plan.labels.area_names(), width=205, also=AREA_LABELS),
        choice_column("category", "Kategori", CATEGORY_LABELS, allow_empty=True, width=150),
    ]
    for year in plan.years:
        columns.append(year_money_column("amounts", year, f"Belopp {year}", "belopp"))
    for year in plan.years:
        columns.append(year_count_column("participants", year, f"Deltagare {year}", "deltagare"))
    columns += [
        text_column("municipality", "Kommun", width=110),
        text_column("owner", "Insatsägare", width=150),
        text_column("group", "Grupp", width=90),
        date_column("start", "Start"),
        date_column("end", "Slut"),
    ]
    for year in plan.years:
        columns.append(year_money_column("external_funding", year, f"Extern fin. {year}",
                                         "extern finansiering"))
    columns.append(text_column("description", "Beskrivning", width=300))
    return columns


class InterventionsTab(QWidget):
    """Edit the plan's interventions; `select_item(id)` shows one (used by the findings)."""

    def __init__(self, model: PlanModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.table = PlanTableModel(model, COLLECTION, intervention_columns, self)
        self.proxy = InterventionFilter(self)
        self.message = RefusalLabel()
        self.proxy.area_names = model.plan.labels.area_names()
        self.view = PlanTableView(self.table, self.proxy, self.message, self)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Sök på namn, ägare, kommun, beskrivning …"))
        self.search.setClearButtonEnabled(True)
        self.area_filter = self._choices(self.tr("Alla områden"), model.plan.labels.area_names())
        self.category_filter = self._choices(self.tr("Alla kategorier"), CATEGORY_LABELS)
        self.municipality_filter = QComboBox()
        self._municipalities: set[str] | None = None
        self._shown: ShownTotals | None = None
        """The filtered and grouped sums of the last update, followed by the next edit."""
        self.municipality_filter.setMinimumContentsLength(14)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Filter:")))
        filters.addWidget(self.search, 2)
        for combo in (self.area_filter, self.category_filter, self.municipality_filter):
            filters.addWidget(combo, 1)
        self.group_by = QComboBox()
        for field, label in (("", self.tr("Ingen gruppering")), ("area", self.tr("Område")),
                             ("category", self.tr("Kategori")),
                             ("municipality", self.tr("Kommun"))):
            self.group_by.addItem(label, field)
        filters.addSpacing(12)
        filters.addWidget(QLabel(self.tr("Gruppera efter:")))
        filters.addWidget(self.group_by)
        self.groups = GroupTotalsModel(self.proxy.collator, self)
        self.group_view = self._group_view()

        self.rows = CollectionEditor(self.view, self.message, add_label="Ny insats",
                                     movable=True, defaults=self._filtered_values,
                                     after_add=self._show_new, nouns=("insats", "insatser"))
        buttons = self.rows.buttons()
        self.columns = ColumnMenu(self.view, [(key, self.tr(label)) for key, label in HIDEABLE],
                                  HIDDEN_BY_DEFAULT, "interventions/hidden_columns")
        buttons.addWidget(self.columns.button)
        self.add_button, self.remove_button, self.up_button, self.down_button = (
            self.rows.button(key) for key in ("add", "remove", "up", "down"))
        self.totals = SteadyLabel(lines=2)  # new sums per keystroke: no relayout

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.view)
        splitter.addWidget(self.group_view)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.message)

        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.area_filter, self.category_filter, self.municipality_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.group_by.currentIndexChanged.connect(self.apply_grouping)
        self.group_view.activated.connect(self.show_group)
        # the plan's own order until the user clicks a header (no 2 000-row sort on open)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.show_plan_order()
        model.changed.connect(self._on_changed)
        self._fill_municipalities()
        self.apply_filter()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.columns.restore()  # the window's settings are known once the tab is in it
        super().showEvent(event)

    def _group_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.groups)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(24)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.groups.modelReset.connect(self._fit_group_view)
        view.hide()
        return view

    def _fit_group_view(self) -> None:
        """Columns fit their contents; the pane is as tall as its rows (at most eight)."""
        view = self.group_view
        header = view.horizontalHeader()
        for column in range(self.groups.columnCount()):
            least = 230 if column == 0 else 100 if column >= 2 else 0
            header.resizeSection(column, max(
                texts_width(view, column, self.groups.column_texts(column)), least))
        rows = min(max(self.groups.rowCount(), 1), 8)
        wanted = (header.sizeHint().height() + rows * view.verticalHeader().defaultSectionSize()
                  + 2 * view.frameWidth())
        if header.length() > self.splitter.width() - 2 * view.frameWidth():
            wanted += view.horizontalScrollBar().sizeHint().height()  # room to scroll sideways
        total = sum(self.splitter.sizes())
        if total > wanted:
            self.splitter.setSizes([total - wanted, wanted])

    @staticmethod
    def _choices(everything: str, labels: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, "")
        for key, label in labels.items():
            combo.addItem(label, key)
        return combo

    def _fill_municipalities(self) -> None:
        """The municipality filter's choices; rebuilt only when the set of names changes
        (not on every amount edit of a 2 000-row plan)."""
        combo = self.municipality_filter
        current = combo.currentData() or ""
        present = {item.municipality for item in self.model.plan.interventions
                   if item.municipality} | ({current} if current else set())
        if present == self._municipalities:
            return
        self._municipalities = present
        names = sorted(present, key=cmp_to_key(self.proxy.collator.compare))
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Alla kommuner"), "")
        for name in names:
            combo.addItem(name, name)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _new_municipality(self, parts: frozenset) -> bool:
        """Whether the filter's municipalities may have changed: rows came or went, or a
        changed row names a place the filter does not list (not a scan of every row)."""
        rows = parts.rows("interventions") if hasattr(parts, "rows") else None
        if rows is None or self._municipalities is None:
            return True
        interventions = self.model.plan.interventions
        return any(interventions[row].municipality
                   and interventions[row].municipality not in self._municipalities
                   for row in rows)

    def _on_changed(self, parts: frozenset) -> None:
        self.message.hide()
        if "labels" in parts:
            self._name_areas()
        if parts.isdisjoint({"interventions", "settings", "labels"}):
            return
        if "interventions" in parts and self._new_municipality(parts):
            self._fill_municipalities()
        self.update_totals()

    def _name_areas(self) -> None:
        """The area filter and the search use the plan's own area names (Dokument's labels)."""
        names = self.model.plan.labels.area_names()
        self.proxy.set_area_names(names)
        for index in range(1, self.area_filter.count()):
            self.area_filter.setItemText(index, names.get(self.area_filter.itemData(index), ""))

    # --- filter and totals -------------------------------------------------------------

    def apply_filter(self) -> None:
        self.proxy.set_filter(self.search.text(), self.area_filter.currentData() or "",
                              self.category_filter.currentData() or "",
                              self.municipality_filter.currentData() or "")
        self.update_totals()

    def clear_filter(self) -> None:
        for combo in (self.area_filter, self.category_filter, self.municipality_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filter()

    def update_totals(self) -> None:
        """Money and participants per year summed over the rows the filter shows (and per
        group when grouping); followed from the last edit's sums by the rows it replaced."""
        plan, outcome = self.model.plan, self.model.outcome
        grouping = GROUPING_BY_FIELD.get(self.group_by.currentData() or "")
        filtered = self.proxy.active()
        if filtered or grouping is not None:
            # the area names are part of it: the free text searches them (a renamed area
            # changes which rows show while the interventions stay the same objects)
            spec = (self.proxy.text, self.proxy.area, self.proxy.category,
                    self.proxy.municipality, tuple(self.proxy.area_names.items()),
                    grouping and grouping.field, plan.years)
            self._shown = follow_shown(self._shown, spec, plan.interventions,
                                       self.proxy.accepts if filtered else None,
                                       grouping.key if grouping is not None else None,
                                       FIELDS, plan.years)
        if grouping is not None or self.groups.grouping is not None:
            self.groups.set_groups(plan, self._shown.groups if grouping is not None else [],
                                   grouping)
        if filtered:
            money, people = self._shown.sums["amounts"], self._shown.sums["participants"]
            count = self._shown.count
        else:  # everything is shown: the outcome has the sums already
            money = {y: outcome.years[y].intervention_costs for y in plan.years}
            people = {y: sum(outcome.years[y].participants_by_area.values()) for y in plan.years}
            count = len(plan.interventions)
        parts = [self.tr("Visas: {0} av {1} insatser").format(
            format_number(count), format_number(len(plan.interventions)))]
        for year in plan.years:
            parts.append(self.tr("{0}: {1} {2}, {3} deltagare").format(
                year, format_money(money[year], plan.unit), plan.unit,
                format_number(people[year])))
        self.totals.setText("<b>" + self.tr("Summa") + "</b> — " + " · ".join(parts))

    # --- grouping ----------------------------------------------------------------------

    def apply_grouping(self) -> None:
        """Show the subtotal table for the chosen grouping and bring each group's rows
        together by sorting on its column; no grouping goes back to the plan's order."""
        field = self.group_by.currentData() or ""
        self.update_totals()
        self.group_view.setVisible(bool(field))
        if field:
            self._fit_group_view()
        if field:
            self.view.sortByColumn(self.table.column_index(field), Qt.SortOrder.AscendingOrder)
        else:
            self.show_plan_order()

    def show_group(self, index: QModelIndex) -> None:
        """Activating a subtotal row filters the table to that group (when it has a value)."""
        key = index.data(GROUP_KEY_ROLE)
        combo = {"area": self.area_filter, "category": self.category_filter,
                 "municipality": self.municipality_filter}.get(self.groups.grouping.field)
        position = combo.findData(key) if key else -1
        if position > 0:
            combo.setCurrentIndex(position)

    # --- rows --------------------------------------------------------------------------

    def _filtered_values(self) -> dict:
        """A new intervention gets the area and category being filtered on."""
        values = {}
        if self.area_filter.currentData():
            values["area"] = self.area_filter.currentData()
        if self.category_filter.currentData():
            values["category"] = self.category_filter.currentData()
        return values

    def _show_new(self, ident: int) -> None:
        """The text and municipality filters would hide a new row: clear them."""
        if self.search.text() or self.municipality_filter.currentData():
            self.search.clear()
            self.municipality_filter.setCurrentIndex(0)

    def remove_selected(self) -> None:
        """Remove the selected interventions as one undoable step."""
        self.rows.remove_selected()

    def move_current(self, step: int) -> None:
        """Move the current intervention one place up or down in the plan's order."""
        self.rows.move_current(step)

    def show_plan_order(self) -> None:
        """Undo any header sort: rows in the plan's order (where moving rows makes sense)."""
        show_plan_order(self.view)

    def select_item(self, ident: int) -> None:
        """Show and select the intervention `ident`, clearing filters that hide it."""
        if not self.view.select_id(ident):
            self.clear_filter()
            self.view.select_id(ident)
