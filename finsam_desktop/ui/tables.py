"""One generic table model over a plan collection, described by column specs.

A tab says which collection (members, interventions, costs, ...) and which columns
(`columns.py`); `PlanTableModel` shows the rows, turns typed text into one plan change
through the columns' pure `update` functions (`setData` for one cell, `set_cells` for a
pasted or cleared range: one undo step either way) and refreshes on `PlanModel.changed`
only for what the change names: the changed rows, the computed columns when the figures
moved, and a reset only when rows came, went or moved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ..domain import edits
from ..domain.errors import UserFacingError
from ..domain.money import parse_money
from ..domain.plan import Plan
from ..domain.scale import scale_warning
from .column_widths import header_text, header_tooltip
from .columns import (  # noqa: F401 - re-exported
    LEFT,
    RIGHT,
    Column,
    Update,
    choice_column,
    computed_money_column,
    computed_text_column,
    date_column,
    money_edit_text,
    text_column,
    year_count_column,
    year_money_column,
)
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

COPY_ROLE = Qt.ItemDataRole.UserRole + 6
"""The text Kopiera puts on the clipboard: exact amounts without group separators
("4417,55"), labels for choices; what a paste of it back reads as the same value."""

COMPUTED_BACKGROUND = QColor("#ececec")
_SEPARATORS = str.maketrans({"\u00a0": None, "\u202f": None, " ": None, "\u2212": "-"})


def column_header(columns: Sequence, section: int, role: int):
    """A column's header text, tooltip or alignment: one definition for every table model
    (a year column's header on two lines, see `column_widths`)."""
    if not 0 <= section < len(columns):
        return None
    column = columns[section]
    if role == Qt.ItemDataRole.DisplayRole:
        return header_text(column)
    if role == Qt.ItemDataRole.ToolTipRole:
        return header_tooltip(column) or None
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(column.align)
    return None


class CellError(UserFacingError):
    """A refused cell of a multi-cell change ("Rad 3, Belopp 2026: …")."""


def apply_cell(plan: Plan, collection: str, column: Column, ident: int, text: str,
               row_name: str) -> Plan:
    """`column.update` for one cell; a refusal names the cell."""
    try:
        return column.update(plan, collection, ident, text)
    except UserFacingError as error:
        raise CellError(f"{row_name}, {column.header}: {error}") from None


class PlanTableModel(QAbstractTableModel):
    """Rows of one plan collection, columns from `columns(plan)` (regenerated for years/unit)."""

    refused = Signal(str, QModelIndex)
    """An edit was refused: the Swedish reason and the (source) cell it concerns."""
    warned = Signal(str, QModelIndex)
    """An edit was applied but looks wrong (an amount far beyond the plan's scale)."""

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

    def items(self) -> tuple:
        """Every row's entity, in row order (a filter's one pass over the rows)."""
        return self._items

    def sort_keys(self, position: int) -> list:
        """Every row's SORT_ROLE value in column `position`, in one pass (`SortProxy`)."""
        column = self._columns[position]
        key, model = column.sort or column.text, self.plan_model
        return [key(item, model) for item in self._items]

    def row_of(self, ident: int) -> int:
        """The row showing the entity with id `ident`, or -1 (a map kept until the rows move)."""
        if self._rows_by_id is None:
            self._rows_by_id = {item.id: row for row, item in enumerate(self._items)}
        return self._rows_by_id.get(ident, -1)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            return column_header(self._columns, section, role)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self._columns[index.column()]
        if not self.plan_model.read_only and column.can_edit(self._items[index.row()]):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        item = self._items[index.row()]
        column = self._columns[index.column()]
        return self._data(item, column, role)

    def _data(self, item, column: Column, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item, self.plan_model)
        if role == Qt.ItemDataRole.EditRole:
            source = column.edit_text or column.text
            return source(item, self.plan_model)
        if role == SORT_ROLE:
            return (column.sort or column.text)(item, self.plan_model)
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
            choices = column.choices_for(item)
            return list(choices) if choices else None
        if role == COMPUTED_ROLE:
            return column.computed
        if role == COPY_ROLE:
            source = column.text if column.editor == "choice" or column.edit_text is None \
                else column.edit_text
            text = source(item, self.plan_model)
            return text.translate(_SEPARATORS) if column.align == RIGHT else text
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Forward typed text to the plan; on refusal emit `refused` and keep the old value."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self._columns[index.column()]
        item = self._items[index.row()]
        if not column.can_edit(item):
            return False
        result = self.plan_model.edit(column.undo_label(), column.update, self.collection,
                                      item.id, "" if value is None else str(value))
        if not result.ok:
            self.last_refusal = result.refusal
            self.refused.emit(result.refusal, QModelIndex(index))
            return False
        self.last_refusal = None
        if column.editor == "money":
            warning = self._scale_warning(str(value))
            if warning:
                self.warned.emit(warning, QModelIndex(index))
        return True

    def _scale_warning(self, text: str) -> str | None:
        plan = self.plan_model.plan
        try:
            amount = parse_money(text, plan.unit) if text.strip() else None
        except UserFacingError:
            return None
        return None if amount is None else scale_warning(plan, amount, plan.unit)

    def set_cells(self, label: str, cells: Sequence[tuple[int, int, str]],
                  new_rows: Sequence[Sequence[tuple[int, str]]] = (),
                  row_names: Callable[[int], str] | None = None) -> EditResult:
        """Apply (row, column, text) triples, then add `new_rows` of (column, text) at the
        end, as ONE undoable change (paste, clear, fill right).

        Read-only cells are skipped. A refusal names the first bad cell ("Rad 3,
        Belopp 2026: …", rows numbered by `row_names(row)` as the user sees them) and
        nothing changes.
        """
        name = row_names or (lambda row: f"Rad {row + 1}")
        items, columns = self._items, self._columns
        triples = [(items[row].id, columns[column], text, name(row))
                   for row, column, text in cells
                   if 0 <= row < len(items) and columns[column].can_edit(items[row])]
        collection = self.collection

        def change(plan: Plan) -> Plan:
            for ident, column, text, row_name in triples:
                plan = apply_cell(plan, collection, column, ident, text, row_name)
            for offset, values in enumerate(new_rows):
                plan, ident = edits.add_item(plan, collection)
                item = edits.find(plan, collection, ident)
                for position, text in values:
                    if columns[position].can_edit(item):
                        plan = apply_cell(plan, collection, columns[position], ident, text,
                                          name(len(items) + offset))
            return plan
        return self.plan_model.edit(label, change)

    def clearable(self, cells: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The (row, column, text) cells whose update the plan accepts on its own (Delete
        leaves a name that must not be empty as it is)."""
        plan, kept = self.plan_model.plan, []
        for row, position, text in cells:
            column, item = self._columns[position], self._items[row]
            try:
                column.update(plan, self.collection, item.id, text)
            except UserFacingError:
                continue
            kept.append((row, position, text))
        return kept

    # refresh
    def _on_changed(self, change: frozenset) -> None:
        """Refresh only what `change` names: the changed rows, and the computed columns when
        the figures moved; a reset only when rows came, went or moved or the columns did."""
        plan = self.plan_model.plan
        if not isinstance(change, Change):  # a plain set of parts: find the rows ourselves
            change = Change(change, {self.collection: None})
        own = self.collection in change
        renamed = "labels" in change  # the plan's own names of its areas
        if not own and "settings" not in change and not change.figures and not renamed:
            return
        if own or "settings" in change or renamed:
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
        if plan.unit != self._unit or renamed:  # every amount (or area) reads differently
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
