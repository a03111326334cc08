"""Medlemmar: who the members are, their keys, and what each pays per plan year."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...domain import edits
from ...domain.money import format_money, format_number, format_share, parse_count, parse_money
from ...domain.plan import MEMBER_KIND_LABELS, Plan
from ..collection_editor import CollectionEditor
from ..columns import field_update
from ..refusal_label import RefusalLabel
from ..sort_proxy import SortProxy
from ..steady_label import SteadyLabel
from ..table_view import PlanTableView
from ..tables import (
    RIGHT,
    Column,
    PlanTableModel,
    choice_column,
    computed_money_column,
    money_edit_text,
    text_column,
)


def _key_column(year: int | None) -> Column:
    """The population key: one column when it is the same every year, else one per year."""
    def value(member) -> int | None:
        if year is None:
            return member.key if isinstance(member.key, int) else None
        return member.key_for(year)

    def update(plan, collection, ident, typed) -> Plan:
        text = str(typed).strip()
        key = parse_count(text) if text else None
        if value(edits.find(plan, collection, ident)) == key:
            return plan
        if year is None:
            return edits.set_key(plan, ident, key)
        return edits.set_year_value(plan, "members", ident, "key", year, key)

    def text(member, model) -> str:
        key = value(member)
        return "" if key is None else format_number(key)
    header = "Folkmängd" if year is None else f"Folkmängd {year}"
    return Column(key=f"key:{year}", header=header, text=text,
                  sort=lambda member, m: value(member) or 0,
                  edit_text=lambda member, m: "" if value(member) is None else str(value(member)),
                  update=update, label="Ändra folkmängd" if year is None
                  else f"Ändra folkmängd {year}", align=RIGHT, editor="count", width=90,
                  tooltip="Fördelningsnyckeln, oftast folkmängden enligt SCB.",
                  series="" if year is None else "key", year=year)


def _previous_column() -> Column:
    def parse(text, plan):
        text = str(text).strip()
        return parse_money(text, plan.unit) if text else None
    return Column(key="previous_contribution", header="Fjolåret",
                  text=lambda member, m: "" if member.previous_contribution is None
                  else format_money(member.previous_contribution, m.plan.unit),
                  sort=lambda member, m: member.previous_contribution or 0,
                  edit_text=lambda member, m: money_edit_text(member.previous_contribution,
                                                              m.plan.unit),
                  update=field_update("previous_contribution", parse),
                  label="Ändra fjolårets avgift", align=RIGHT, editor="money", width=100,
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
    """The members table; Insert adds a municipality, Ctrl+- removes the selected members."""

    def __init__(self, model, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.table = PlanTableModel(model, "members", member_columns, self)
        self.proxy = SortProxy(self)  # numbers as numbers, names in Swedish order
        self.message = RefusalLabel()
        self.view = PlanTableView(self.table, self.proxy, self.message)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.rows = CollectionEditor(self.view, self.message, add_label="Lägg till medlem",
                                     nouns=("medlem", "medlemmar"))
        self.total = SteadyLabel(lines=1, width=520)
        buttons = self.rows.buttons()
        self.add_button, self.remove_button = self.rows.button("add"), self.rows.button("remove")
        self.add_button.setToolTip(self.tr("Lägg till en kommun (Insert)"))
        buttons.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        model.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, parts: frozenset | None = None) -> None:
        if parts is not None and parts.isdisjoint({"members", "settings"}):
            return
        plan, outcome = self.model.plan, self.model.outcome
        totals = [f"{year}: {format_money(outcome.years[year].contributions_total, plan.unit, True)}"
                  for year in plan.years]
        self.total.setText(self.tr("Summa avgifter ") + ", ".join(totals))

    def remove_selected(self) -> None:
        """Remove the selected members as one undoable step."""
        self.rows.remove_selected()

    def select_item(self, ident: int) -> None:
        """Select the member with id `ident` (used by the findings panel)."""
        if self.view.select_id(ident):
            self.view.setFocus()
