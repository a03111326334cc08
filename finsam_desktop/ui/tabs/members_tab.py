"""Medlemmar: who the members are, their keys, and what each pays per plan year."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from ...domain import edits
from ...domain.errors import UserFacingError
from ...domain.money import format_money, format_number, format_share, parse_count
from ...domain.money import parse_money
from ...domain.plan import MEMBER_KIND_LABELS, Plan
from ..delegates import CellDelegate, connect_refusals
from ..plan_model import EditResult
from ..table_view import SortProxy
from ..tables import (RIGHT, Column, PlanTableModel, choice_column,
                      computed_money_column, money_edit_text, text_column)
from ..refusal_label import RefusalLabel


def _key_column(year: int | None) -> Column:
    """The population key: one column when it is the same every year, else one per year."""
    def value(member) -> int | None:
        if year is None:
            return member.key if isinstance(member.key, int) else None
        return member.key_for(year)

    def commit(model, collection, member, typed) -> EditResult:
        text = str(typed).strip()
        try:
            key = parse_count(text) if text else None
        except UserFacingError as error:
            return EditResult(str(error))
        if value(member) == key:
            return EditResult()
        if year is None:
            return model.edit("Ändra folkmängd", edits.set_key, member.id, key)
        return model.edit(f"Ändra folkmängd {year}", edits.set_year_value, "members",
                          member.id, "key", year, key)

    def text(member, model) -> str:
        key = value(member)
        return "" if key is None else format_number(key)
    header = "Folkmängd" if year is None else f"Folkmängd {year}"
    return Column(key=f"key:{year}", header=header, text=text,
                  sort=lambda member, m: value(member) or 0,
                  edit_text=lambda member, m: "" if value(member) is None else str(value(member)),
                  commit=commit, align=RIGHT, editor="count", width=90,
                  tooltip="Fördelningsnyckeln, oftast folkmängden enligt SCB.")


def _previous_column() -> Column:
    def commit(model, collection, member, typed) -> EditResult:
        text = str(typed).strip()
        try:
            amount = parse_money(text, model.plan.unit) if text else None
        except UserFacingError as error:
            return EditResult(str(error))
        if amount == member.previous_contribution:
            return EditResult()
        return model.edit("Ändra fjolårets avgift", edits.update_item, "members", member.id,
                          previous_contribution=amount)
    return Column(key="previous_contribution", header="Fjolåret",
                  text=lambda member, m: "" if member.previous_contribution is None
                  else format_money(member.previous_contribution, m.plan.unit),
                  sort=lambda member, m: member.previous_contribution or 0,
                  edit_text=lambda member, m: money_edit_text(member.previous_contribution,
                                                              m.plan.unit),
                  commit=commit, align=RIGHT, editor="money", width=100,
                  tooltip="Medlemmens avgift förra året, för jämförelse.")


def member_columns(plan: Plan) -> list[Column]:
    """The members table's columns for `plan` (one per plan year for the contributions)."""
    yearly_keys = any(isinstance(m.key, dict) for m in plan.members)
    columns = [text_column("name", "Namn", width=200),
               choice_column("kind", "Slag", MEMBER_KIND_LABELS, width=150)]
    columns += [_key_column(year) for year in plan.years] if yearly_keys else [_key_column(None)]
    columns.append(text_column("key_source", "Källa för nyckeln", width=220))
    columns.append(Column(
        key="share", header="Andel", computed=True, align=RIGHT, width=70,
        text=lambda member, m: format_share(m.outcome.members[member.id].share, 2)
        if member.id in m.outcome.members else "",
        sort=lambda member, m: m.outcome.members[member.id].share
        if member.id in m.outcome.members else 0,
        tooltip="Medlemmens andel av budgetårets medlemsavgifter."))
    for year in plan.years:
        columns.append(computed_money_column(
            f"contribution:{year}", f"Avgift {year}",
            lambda member, m, year=year: m.outcome.years[year].contributions.get(member.id, 0)
            if year in m.outcome.years else None,
            tooltip=f"Medlemmens avgift {year}, beräknad av totalen, andelarna och nyckeln."))
    columns.append(_previous_column())
    columns.append(computed_money_column(
        "change", "Förändring",
        lambda member, m: m.outcome.members[member.id].change
        if member.id in m.outcome.members else None,
        tooltip="Årets avgift jämfört med fjolårets."))
    return columns


class MembersTab(QWidget):
    """The members table; Insert adds a municipality, Delete removes the selected members."""

    def __init__(self, model, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.table = PlanTableModel(model, "members", member_columns, self)
        self.proxy = SortProxy(self)  # numbers as numbers, names in Swedish order
        self.proxy.setSourceModel(self.table)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(CellDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setWordWrap(False)
        self.table.modelReset.connect(self._fit_columns)
        self.message = RefusalLabel()
        connect_refusals(self.view, self.table, self.message)
        self.total = QLabel()

        self.add_button = QPushButton(self.tr("Lägg till medlem"))
        self.add_button.setToolTip(self.tr("Lägg till en kommun (Insert)"))
        self.add_button.clicked.connect(self.add_member)
        self.remove_button = QPushButton(self.tr("Ta bort medlem"))
        self.remove_button.setToolTip(self.tr("Ta bort markerade medlemmar (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        for shortcut, slot in ((Qt.Key.Key_Insert, self.add_member),
                               (Qt.Key.Key_Delete, self.remove_selected)):
            action = QAction(self.view)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.view.addAction(action)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        buttons.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        model.changed.connect(self.refresh)
        self._fit_columns()
        self.refresh()

    def _fit_columns(self) -> None:
        for index in range(self.table.columnCount()):
            width = self.table.column(index).width
            if width:
                self.view.setColumnWidth(index, width)
            else:
                self.view.resizeColumnToContents(index)

    def refresh(self, parts: frozenset | None = None) -> None:
        if parts is not None and parts.isdisjoint({"members", "settings"}):
            return
        read_only = self.model.read_only
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)
        plan, outcome = self.model.plan, self.model.outcome
        totals = [f"{year}: {format_money(outcome.years[year].contributions_total, plan.unit, True)}"
                  for year in plan.years]
        self.total.setText(self.tr("Summa avgifter ") + ", ".join(totals))

    def _selected_ids(self) -> list[int]:
        rows = {self.proxy.mapToSource(index).row()
                for index in self.view.selectionModel().selectedIndexes()}
        current = self.view.currentIndex()
        if not rows and current.isValid():
            rows = {self.proxy.mapToSource(current).row()}
        return [self.table.item(row).id for row in sorted(rows)]

    def add_member(self) -> None:
        """Add a municipality after the current row and start editing its name."""
        current = self.view.currentIndex()
        index = self.proxy.mapToSource(current).row() + 1 if current.isValid() else None
        result = self.model.edit(self.tr("Lägg till medlem"), edits.add_item, "members", index)
        self._show(result.refusal)
        if result.ok:
            self.select_item(result.new_id)
            self.view.edit(self.view.currentIndex())

    def remove_selected(self) -> None:
        """Remove the selected members as one undoable step."""
        idents = self._selected_ids()
        if not idents or self.model.read_only:
            return
        plan = self.model.plan
        try:
            for ident in idents:
                plan = edits.remove_item(plan, "members", ident)
        except UserFacingError as error:
            self._show(str(error))
            return
        label = self.tr("Ta bort medlem") if len(idents) == 1 else self.tr("Ta bort medlemmar")
        self._show(self.model.apply(label, plan).refusal)

    def _show(self, refusal: str | None) -> None:
        self.message.set_refusal(refusal)

    def select_item(self, ident: int) -> None:
        """Select the member with id `ident` (used by the findings panel)."""
        row = self.table.row_of(ident)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.table.index(row, 0))
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        self.view.setFocus()
