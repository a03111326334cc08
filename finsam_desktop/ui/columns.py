"""Column specs for plan tables: how one column shows, sorts and changes a field of a row.

A column's `update(plan, collection, id, typed text) -> Plan` is a pure function: it parses
the text (raising a `UserFacingError` in Swedish) and returns the new plan, or the same
plan object when nothing changes. Because it does not touch the model, one cell edit,
a pasted range, a cleared selection and *Fyll höger* are all the same function applied
to one or many cells, and each of them is one undo step (`PlanTableModel.set_cells`).

Money is `int` kronor in the plan and a formatted string in `DisplayRole`
(docs/pitfalls.md: floats show as "1,23457×10^+06"); sorting uses `SORT_ROLE`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from ..domain import edits
from ..domain.edits import EditError
from ..domain.money import format_number, parse_count, parse_money
from ..domain.plan import Plan
from .formatting import money_text, number_text

if TYPE_CHECKING:
    from .plan_model import PlanModel

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

Update = Callable[[Plan, str, int, str], Plan]
"""update(plan, collection, item id, typed text) -> new plan (the same object if unchanged)."""
Choices = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Column:
    """How one column shows and edits a field of a row.

    `text(item, model)` is the display string, `sort(item, model)` the sort value,
    `edit_text(item, model)` the text an editor starts with (and what Kopiera puts on
    the clipboard), `update` the pure change a typed text makes, `label` its undo label.
    A column without `update` is read-only; `computed` marks figures from the outcome.
    `series`/`year` name a year column of a year map (for *Fyll höger*).
    """

    key: str
    header: str
    text: Callable[[Any, PlanModel], str]
    sort: Callable[[Any, PlanModel], Any] | None = None
    edit_text: Callable[[Any, PlanModel], str] | None = None
    update: Update | None = None
    label: str = ""
    align: Qt.AlignmentFlag = LEFT
    editor: str = "text"
    choices: Choices | Callable[[Any], Choices] = ()
    """The (value, Swedish label) pairs of a "choice" editor, or a function of the row."""
    editable: Callable[[Any], bool] | None = None
    """Whether this row's cell can be edited (default: when `update` is set)."""
    computed: bool = False
    tooltip: str = ""
    width: int = 0
    """A suggested width in pixels of a text column (0: fit the contents); figure columns
    fit their header and figures (`column_widths`)."""
    series: str = ""
    year: int | None = None
    figure: str = ""
    """What a figure column holds, "money" or "count" (the editor's kind when empty): its
    width fits such a figure (`column_widths`)."""

    def undo_label(self) -> str:
        return self.label or f"Ändra {self.header.lower()}"

    def choices_for(self, item) -> Choices:
        return self.choices(item) if callable(self.choices) else self.choices

    def can_edit(self, item) -> bool:
        return self.update is not None and (self.editable is None or self.editable(item))


# --- updates ------------------------------------------------------------------------------

def field_update(field: str, parse: Callable[[str, Plan], Any]) -> Update:
    """Set `field` of the row to `parse(text, plan)`."""
    def update(plan: Plan, collection: str, ident: int, text: str) -> Plan:
        item = edits.find(plan, collection, ident)
        new = parse(text, plan)
        if getattr(item, field) == new:
            return plan
        return edits.update_item(plan, collection, ident, **{field: new})
    return update


def year_update(field: str, year: int, parse: Callable[[str, Plan], int]) -> Update:
    """Set one year of the row's year map; empty text clears it."""
    def update(plan: Plan, collection: str, ident: int, text: str) -> Plan:
        text = str(text).strip()
        new = parse(text, plan) if text else None
        if getattr(edits.find(plan, collection, ident), field).get(year) == new:
            return plan
        return edits.set_year_value(plan, collection, ident, field, year, new)
    return update


# --- column factories ---------------------------------------------------------------------

def text_column(field: str, header: str, width: int = 0, tooltip: str = "") -> Column:
    """A plain editable text field (name, owner, description)."""
    return Column(key=field, header=header, text=lambda item, m: getattr(item, field),
                  sort=lambda item, m: getattr(item, field).casefold(),
                  edit_text=lambda item, m: getattr(item, field),
                  update=field_update(field, lambda text, plan: str(text)), width=width,
                  tooltip=tooltip)


def choice_parser(header: str, labels: Mapping[str, str],
                  allow_empty: bool = False) -> Callable[[str, Plan], str]:
    """A key, or a label typed or pasted (any case), to the key; anything else is refused."""
    def parse(value, plan) -> str:
        value = str(value)
        if value in labels or (allow_empty and value == ""):
            return value
        for key, label in labels.items():
            if label.casefold() == value.strip().casefold():
                return key
        raise EditError(f"”{value}” är inget giltigt val för {header.lower()}.")
    return parse


def choice_column(field: str, header: str, labels: Mapping[str, str],
                  allow_empty: bool = False, width: int = 0,
                  also: Mapping[str, str] | None = None) -> Column:
    """A field with a fixed set of values shown by their Swedish labels (area, category);
    `also` are other labels read as the same keys (the default names of renamed areas)."""
    choices = ((("", "—"),) if allow_empty else ()) + tuple(labels.items())
    read = choice_parser(header, labels, allow_empty)
    if also:
        read_also = choice_parser(header, also, allow_empty)

        def read_either(value, plan) -> str:
            try:
                return read(value, plan)
            except EditError:
                return read_also(value, plan)
        parse = read_either
    else:
        parse = read
    return Column(key=field, header=header,
                  text=lambda item, m: labels.get(getattr(item, field), getattr(item, field)),
                  sort=lambda item, m: labels.get(getattr(item, field), "").casefold(),
                  edit_text=lambda item, m: getattr(item, field),
                  update=field_update(field, parse),
                  editor="choice", choices=choices, width=width)


def date_column(field: str, header: str) -> Column:
    """A date typed as ÅÅÅÅ-MM-DD; the domain refuses anything else."""
    return Column(key=field, header=header, text=lambda item, m: getattr(item, field),
                  sort=lambda item, m: getattr(item, field),
                  edit_text=lambda item, m: getattr(item, field),
                  update=field_update(field, lambda text, plan: str(text).strip()),
                  editor="date", width=90)


def money_edit_text(kronor: int | None, unit: str) -> str:
    """The exact amount in the plan's unit, for an editor ("4 417,55" tkr, not rounded)."""
    if kronor is None:
        return ""
    if unit == "tkr":
        value = (Decimal(kronor) / 1000).normalize()
        decimals = max(0, -value.as_tuple().exponent)
        return format_number(value, decimals)
    return format_number(kronor)


def year_money_column(field: str, year: int, header: str | None = None,
                      what: str = "belopp") -> Column:
    """Money for one plan year from a year map (amounts, external funding); empty clears."""
    def text(item, model):
        value = getattr(item, field).get(year)
        return "" if value is None else money_text(value, model.plan.unit)
    return Column(key=f"{field}:{year}", header=header or str(year), text=text,
                  sort=lambda item, m: getattr(item, field).get(year, 0),
                  edit_text=lambda item, m: money_edit_text(getattr(item, field).get(year),
                                                            m.plan.unit),
                  update=year_update(field, year, lambda t, plan: parse_money(t, plan.unit)),
                  label=f"Ändra {what} {year}", align=RIGHT, editor="money",
                  series=field, year=year)


def year_count_column(field: str, year: int, header: str | None = None,
                      what: str = "antal") -> Column:
    """A whole number for one plan year (participants); negative and letters are refused."""
    def text(item, model):
        value = getattr(item, field).get(year)
        return "" if value is None else number_text(value)
    return Column(key=f"{field}:{year}", header=header or str(year), text=text,
                  sort=lambda item, m: getattr(item, field).get(year, 0),
                  edit_text=lambda item, m: "" if getattr(item, field).get(year) is None
                  else str(getattr(item, field)[year]),
                  update=year_update(field, year, lambda t, plan: parse_count(t)),
                  label=f"Ändra {what} {year}", align=RIGHT, editor="count",
                  series=field, year=year)


def computed_money_column(key: str, header: str, value: Callable[[Any, PlanModel], int | None],
                          tooltip: str = "") -> Column:
    """A read-only figure (from the outcome or a domain helper), shown grey."""
    def text(item, model):
        amount = value(item, model)
        return "" if amount is None else money_text(amount, model.plan.unit)
    return Column(key=key, header=header, text=text,
                  sort=lambda item, m: value(item, m) or 0, align=RIGHT, computed=True,
                  tooltip=tooltip, figure="money")


def computed_text_column(key: str, header: str,
                         value: Callable[[Any, PlanModel], str]) -> Column:
    return Column(key=key, header=header, text=value, computed=True)
