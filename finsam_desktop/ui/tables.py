"""One generic table model over a plan collection, described by column specs.

A tab says which collection (members, interventions, costs, ...) and which
columns; `PlanTableModel` shows the rows, forwards typed text to
`PlanModel.edit` and refreshes on `PlanModel.changed` without rebuilding
everything: unchanged rows stay, changed rows and computed columns get
`dataChanged`, and only added/removed/moved rows reset the model.

Money is `int` kronor in the plan and a formatted string in `DisplayRole`
(PITFALLS: floats show as "1,23457×10^+06"); sorting uses `SORT_ROLE`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Mapping, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ..domain import edits
from ..domain.edits import EditError
from ..domain.errors import UserFacingError
from ..domain.money import format_money, format_number, parse_count, parse_money
from ..domain.plan import Plan
from .plan_model import Change, EditResult, PlanModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""A value to sort by: numbers for amounts, a collation key for names."""
ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""The id of the row's plan entity (for `select_item` and findings)."""
EDITOR_ROLE = Qt.ItemDataRole.UserRole + 3
"""Which editor the delegate opens: "text", "money", "count", "date" or "choice"."""
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 4
"""For "choice" cells: a list of (value, Swedish label) pairs."""
COMPUTED_ROLE = Qt.ItemDataRole.UserRole + 5
"""True for cells derived from the outcome (read-only)."""

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
COMPUTED_BACKGROUND = QColor("#ececec")

Commit = Callable[[PlanModel, str, Any, Any], EditResult]
"""commit(model, collection, item, typed value) -> the EditResult of `PlanModel.edit`.

A typed value that does not parse is refused with `EditResult(str(error))`; an unchanged
value is `EditResult()` without an edit."""


@dataclass(frozen=True)
class Column:
    """How one column shows and edits a field of a row.

    `text(item, model)` is the display string, `sort(item, model)` the sort
    value, `edit_text(item, model)` the text an editor starts with, and
    `commit` applies a typed value through `PlanModel.edit`. A column
    without `commit` is read-only; `computed` marks figures from the outcome.
    """

    key: str
    header: str
    text: Callable[[Any, PlanModel], str]
    sort: Callable[[Any, PlanModel], Any] | None = None
    edit_text: Callable[[Any, PlanModel], str] | None = None
    commit: Commit | None = None
    align: Qt.AlignmentFlag = LEFT
    editor: str = "text"
    choices: tuple[tuple[str, str], ...] = ()
    computed: bool = False
    tooltip: str = ""
    width: int = 0
    """A suggested width in pixels for the view (0: fit the contents)."""


# --- column factories ---------------------------------------------------------------------

def _label(header: str) -> str:
    return f"Ändra {header.lower()}"


def _update_commit(field: str, parse: Callable[[Any, Plan], Any], header: str) -> Commit:
    def commit(model: PlanModel, collection: str, item, value) -> EditResult:
        try:
            new = parse(value, model.plan)
        except UserFacingError as error:
            return EditResult(str(error))
        if getattr(item, field) == new:
            return EditResult()
        return model.edit(_label(header), edits.update_item, collection, item.id,
                          **{field: new})
    return commit


def text_column(field: str, header: str, width: int = 0, tooltip: str = "") -> Column:
    """A plain editable text field (name, owner, description)."""
    def parse(value, plan):
        return str(value)
    return Column(key=field, header=header, text=lambda item, m: getattr(item, field),
                  sort=lambda item, m: getattr(item, field).casefold(),
                  edit_text=lambda item, m: getattr(item, field),
                  commit=_update_commit(field, parse, header), width=width, tooltip=tooltip)


def choice_column(field: str, header: str, labels: Mapping[str, str],
                  allow_empty: bool = False, width: int = 0) -> Column:
    """A field with a fixed set of values shown by their Swedish labels (area, category)."""
    choices = ((("", "—"),) if allow_empty else ()) + tuple(labels.items())

    def parse(value, plan):
        value = str(value)
        if value in labels or (allow_empty and value == ""):
            return value
        for key, label in labels.items():  # a label typed or pasted
            if label.casefold() == value.strip().casefold():
                return key
        raise EditError(f"”{value}” är inget giltigt val för {header.lower()}.")
    return Column(key=field, header=header,
                  text=lambda item, m: labels.get(getattr(item, field), getattr(item, field)),
                  sort=lambda item, m: labels.get(getattr(item, field), "").casefold(),
                  edit_text=lambda item, m: getattr(item, field),
                  commit=_update_commit(field, parse, header), editor="choice",
                  choices=choices, width=width)


def date_column(field: str, header: str) -> Column:
    """A date typed as ÅÅÅÅ-MM-DD; the domain refuses anything else."""
    return Column(key=field, header=header, text=lambda item, m: getattr(item, field),
                  sort=lambda item, m: getattr(item, field),
                  edit_text=lambda item, m: getattr(item, field),
                  commit=_update_commit(field, lambda value, plan: str(value).strip(), header),
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


def _year_commit(field: str, year: int, parse: Callable[[str, Plan], int], header: str) -> Commit:
    def commit(model: PlanModel, collection: str, item, value) -> EditResult:
        text = str(value).strip()
        try:
            new = parse(text, model.plan) if text else None
        except UserFacingError as error:
            return EditResult(str(error))
        if getattr(item, field).get(year) == new:
            return EditResult()
        return model.edit(f"Ändra {header.lower()} {year}", edits.set_year_value, collection,
                          item.id, field, year, new)
    return commit


def year_money_column(field: str, year: int, header: str | None = None,
                      what: str = "belopp") -> Column:
    """Money for one plan year from a year map (amounts, external funding); empty clears."""
    def text(item, model):
        value = getattr(item, field).get(year)
        return "" if value is None else format_money(value, model.plan.unit)
    return Column(key=f"{field}:{year}", header=header or str(year), text=text,
                  sort=lambda item, m: getattr(item, field).get(year, 0),
                  edit_text=lambda item, m: money_edit_text(getattr(item, field).get(year),
                                                            m.plan.unit),
                  commit=_year_commit(field, year, lambda t, plan: parse_money(t, plan.unit), what),
                  align=RIGHT, editor="money", width=100)


def year_count_column(field: str, year: int, header: str | None = None,
                      what: str = "antal") -> Column:
    """A whole number for one plan year (participants); negative and letters are refused."""
    def text(item, model):
        value = getattr(item, field).get(year)
        return "" if value is None else format_number(value)
    return Column(key=f"{field}:{year}", header=header or str(year), text=text,
                  sort=lambda item, m: getattr(item, field).get(year, 0),
                  edit_text=lambda item, m: "" if getattr(item, field).get(year) is None
                  else str(getattr(item, field)[year]),
                  commit=_year_commit(field, year, lambda t, plan: parse_count(t), what),
                  align=RIGHT, editor="count", width=80)


def computed_money_column(key: str, header: str, value: Callable[[Any, PlanModel], int | None],
                          tooltip: str = "") -> Column:
    """A read-only figure (from the outcome or a domain helper), shown grey."""
    def text(item, model):
        amount = value(item, model)
        return "" if amount is None else format_money(amount, model.plan.unit)
    return Column(key=key, header=header, text=text,
                  sort=lambda item, m: value(item, m) or 0, align=RIGHT, computed=True,
                  tooltip=tooltip, width=100)


def computed_text_column(key: str, header: str, value: Callable[[Any, PlanModel], str]) -> Column:
    return Column(key=key, header=header, text=value, computed=True)


# --- the model ----------------------------------------------------------------------------

class PlanTableModel(QAbstractTableModel):
    """Rows of one plan collection, columns from `columns(plan)` (regenerated for years/unit)."""

    refused = Signal(str, QModelIndex)
    """An edit was refused: the Swedish reason and the (source) cell it concerns."""

    def __init__(self, model: PlanModel, collection: str,
                 columns: Callable[[Plan], Sequence[Column]], parent=None):
        super().__init__(parent)
        self.plan_model = model
        self.collection = collection
        self._columns_for = columns
        self._columns: tuple[Column, ...] = tuple(columns(model.plan))
        self._items: tuple = edits.items(model.plan, collection)
        self._unit = model.plan.unit
        self._rows_by_id: dict[int, int] | None = None
        self.last_refusal: str | None = None
        model.changed.connect(self._on_changed)

    # structure
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def column(self, index: int) -> Column:
        return self._columns[index]

    def column_index(self, key: str) -> int:
        """The position of the column with `key`, or -1."""
        for position, column in enumerate(self._columns):
            if column.key == key:
                return position
        return -1

    def item(self, row: int):
        return self._items[row]

    def row_of(self, ident: int) -> int:
        """The row showing the entity with id `ident`, or -1 (a map kept until the rows move)."""
        if self._rows_by_id is None:
            self._rows_by_id = {item.id: row for row, item in enumerate(self._items)}
        return self._rows_by_id.get(ident, -1)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            column = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
                return column.tooltip
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(column.align)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self._columns[index.column()]
        if column.commit is not None and not self.plan_model.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        item = self._items[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item, self.plan_model)
        if role == Qt.ItemDataRole.EditRole:
            source = column.edit_text or column.text
            return source(item, self.plan_model)
        if role == SORT_ROLE:
            value = (column.sort or column.text)(item, self.plan_model)
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.BackgroundRole and column.computed:
            return QBrush(COMPUTED_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and column.computed:
            return "Beräknas – kan inte ändras här."
        if role == ID_ROLE:
            return item.id
        if role == EDITOR_ROLE:
            return column.editor
        if role == CHOICES_ROLE:
            return list(column.choices) if column.choices else None
        if role == COMPUTED_ROLE:
            return column.computed
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Forward typed text to the plan; on refusal emit `refused` and keep the old value."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self._columns[index.column()]
        if column.commit is None:
            return False
        result = column.commit(self.plan_model, self.collection, self._items[index.row()], value)
        if not result.ok:
            self.last_refusal = result.refusal
            self.refused.emit(result.refusal, QModelIndex(index))
            return False
        self.last_refusal = None
        return True

    # refresh
    def _on_changed(self, change: frozenset) -> None:
        """Refresh only what `change` names: the changed rows, and the computed columns when
        the figures moved; a reset only when rows came, went or moved or the columns did."""
        plan = self.plan_model.plan
        if not isinstance(change, Change):  # a plain set of parts: find the rows ourselves
            change = Change(change, {self.collection: None})
        own = self.collection in change
        if not own and "settings" not in change and not change.figures:
            return
        if own or "settings" in change:
            columns = tuple(self._columns_for(plan))
            if [(c.key, c.header) for c in columns] != [(c.key, c.header) for c in self._columns]:
                self._reset(plan, columns)
                return
            self._columns = columns
        rows = change.rows(self.collection)
        if rows is None:
            self._reset(plan, self._columns)
            return
        self._items = edits.items(plan, self.collection)
        if not self._items or not self._columns:
            return
        last_column = len(self._columns) - 1
        if plan.unit != self._unit:  # every amount reads differently
            self._unit = plan.unit
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._items) - 1, last_column))
            return
        for first, last in _runs(rows):
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_column))
        computed = [i for i, c in enumerate(self._columns) if c.computed]
        if computed and change.figures:
            self.dataChanged.emit(self.index(0, min(computed)),
                                  self.index(len(self._items) - 1, max(computed)))

    def _reset(self, plan: Plan, columns: tuple[Column, ...]) -> None:
        self.beginResetModel()
        self._columns, self._unit = columns, plan.unit
        self._items = edits.items(plan, self.collection)
        self._rows_by_id = None
        self.endResetModel()


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Contiguous (first, last) ranges of sorted row positions."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
