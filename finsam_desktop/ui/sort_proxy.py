"""The sorting (and filtering) proxy of every plan table: numbers as numbers, names in
Swedish order, the order held in Python lists.

A QSortFilterProxyModel with a Python `lessThan` froze the window for 4–10 s on a header
click at 50 000 interventions: Qt called into Python once per comparison (about 800 000
times), and a filter called `filterAcceptsRow` once per row per keystroke. This proxy
keeps the permutation itself (`QAbstractProxyModel`): a sort is one Python `sorted()`
over keys read once per column (`sort_order`), a filter one pass over the rows (a
subclass's `filter_rows`), and indexes map through lists:

- `_order`: every source row in sort order; `_rows`: the shown ones (view row → source
  row); `_view`: source row → view row, -1 when hidden.

Qt's behaviours the tables rely on are kept: a changed cell moves its row to where its
new value sorts and is shown or hidden by the filter (dynamic sort filter; only the
changed rows are placed again, each by binary search), selection and current index
follow their rows through every sort and filter (persistent indexes, as Qt's
layoutChanged), `sort(-1)` shows the plan's order, and a reset, insert, removal or move
in the source model resets the proxy (our table models reset when rows come or go).
Unlike Qt, equal keys keep the plan's order (not the previous sort's). An edit costs what
it changed: a cell outside the sort column and filter is forwarded as it is; one in it
is a binary search and a list move (about 3 ms at 50 000 rows when the row crosses half
the table), and a row that keeps its place changes no layout.

docs/pitfalls.md: sort on a numeric role, never on display text ("100 kr" before "20 kr"), and
collate names with `QCollator(QLocale("sv_SE"))` because CI's locale is "C" (Ä before Å).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from . import sort_order
from .tables import SORT_ROLE

SWEDISH = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
RESET_SIGNALS = (("modelAboutToBeReset", "modelReset"),
                 ("layoutAboutToBeChanged", "layoutChanged"),
                 ("rowsAboutToBeInserted", "rowsInserted"),
                 ("rowsAboutToBeRemoved", "rowsRemoved"),
                 ("rowsAboutToBeMoved", "rowsMoved"),
                 ("columnsAboutToBeInserted", "columnsInserted"),
                 ("columnsAboutToBeRemoved", "columnsRemoved"),
                 ("columnsAboutToBeMoved", "columnsMoved"))
"""Source signals that reset the proxy (before, after)."""
FEW_ROWS = 64
"""A change of more rows than this re-sorts and re-filters everything at once."""
SORTED = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
RELAID = QAbstractItemModel.LayoutChangeHint.NoLayoutChangeHint
LAYOUT_SIGNATURE = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")
"""PySide emits the argument-less layout signals unless the overload is named."""


class SortProxy(QAbstractProxyModel):
    """Sorts numbers as numbers and text in Swedish order; subclasses add filters
    (`active`, `filter_rows`, `row_shown`, `forget_rows`)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.collator = QCollator(SWEDISH)
        self.collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.collator.setNumericMode(True)
        self._make_keys = sort_order.KeyMaker(self.collator)
        self._keys: dict[int, tuple[str, list]] = {}
        """Per source column sorted on: its kind and each source row's key."""
        self._source: QAbstractItemModel | None = None
        self._sort_column = -1
        self._descending = False
        self._columns = 0
        self._order: list[int] = []
        self._rows: list[int] = []
        self._view: list[int] = []

    # --- filter hooks (a subclass filters; this class shows every row) --------------------

    def active(self) -> bool:
        """Whether a filter is set (False: every row shows)."""
        return False

    def filter_rows(self, rows: list[int]) -> list[int]:
        """The source rows of `rows` the filter shows, in the same order (one pass)."""
        return rows

    def row_shown(self, row: int) -> bool:
        """Whether the filter shows source row `row` (after it changed)."""
        return True

    def forget_rows(self, first: int | None = None, last: int | None = None) -> None:
        """Forget what the filter keeps about source rows first..last (None: all rows)."""

    def refilter(self, narrower: bool = False) -> None:
        """Apply a changed filter in one pass; `narrower`: it shows no row it hid before
        (a longer search text), so only the shown rows are looked at."""
        rows = self.filter_rows(self._rows if narrower else self._order) if self.active() \
            else list(self._order)
        if rows != self._rows:  # the same rows (one more letter, say): nothing to repaint
            self._relayout(lambda: self._show(rows), RELAID)

    def shown_flags(self) -> list[bool]:
        """Per source row, whether the view shows it now."""
        return list(map((-1).__lt__, self._view))

    # --- the source model --------------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt's name
        self.beginResetModel()
        previous = self._source
        if previous is not None:
            previous.dataChanged.disconnect(self._cells_changed)
            previous.headerDataChanged.disconnect(self._headers_changed)
            for before, after in RESET_SIGNALS:
                getattr(previous, before).disconnect(self._source_resetting)
                getattr(previous, after).disconnect(self._source_reset)
        super().setSourceModel(model)
        self._source = model
        if model is not None:
            model.dataChanged.connect(self._cells_changed)
            model.headerDataChanged.connect(self._headers_changed)
            for before, after in RESET_SIGNALS:
                getattr(model, before).connect(self._source_resetting)
                getattr(model, after).connect(self._source_reset)
        self._rebuild()
        self.endResetModel()

    def _source_resetting(self, *_) -> None:
        self.beginResetModel()

    def _source_reset(self, *_) -> None:
        self._rebuild()
        self.endResetModel()

    def _rebuild(self) -> None:
        """Keys forgotten, rows sorted and filtered again (inside a reset)."""
        self._keys.clear()
        self.forget_rows()
        source = self._source
        count = source.rowCount() if source is not None else 0
        self._columns = source.columnCount() if source is not None else 0
        self._order = sort_order.sorted_rows(count, self._sort_keys(), self._descending)
        self._show(self.filter_rows(self._order) if self.active() else list(self._order))

    def _headers_changed(self, orientation: Qt.Orientation, first: int, last: int) -> None:
        if orientation == Qt.Orientation.Horizontal:
            self.headerDataChanged.emit(orientation, first, last)
        elif self._rows:
            self.headerDataChanged.emit(orientation, 0, len(self._rows) - 1)

    # --- keys and order ----------------------------------------------------------------

    def column_keys(self, column: int) -> tuple[str, list]:
        """The kind and each source row's sort key in `column`, read once
        (`PlanTableModel.sort_keys` in one pass; another model cell by cell)."""
        known = self._keys.get(column)
        if known is None:
            model = self._source
            read = getattr(model, "sort_keys", None)
            values = list(read(column)) if read is not None else [
                model.index(row, column).data(SORT_ROLE) for row in range(model.rowCount())]
            known = self._keys[column] = self._make_keys.keys(values)
        return known

    def forget_keys(self) -> None:
        """Forget every key read so far (the next sort reads them as after opening)."""
        self._keys.clear()
        self._make_keys = sort_order.KeyMaker(self.collator)

    def _sort_keys(self) -> list | None:
        if not 0 <= self._sort_column < self._columns:
            return None
        return self.column_keys(self._sort_column)[1]

    def sortColumn(self) -> int:  # noqa: N802 - Qt's name
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:  # noqa: N802 - Qt's name
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on `column` (-1: the plan's order) in one Python sort; selection kept."""
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._sort_column, self._descending):
            return
        self._sort_column, self._descending = column, descending
        self._order = sort_order.sorted_rows(len(self._view), self._sort_keys(), descending)
        rows = self._shown_of(self._order)
        if rows != self._rows:
            self._relayout(lambda: self._show(rows), SORTED)

    def _shown_of(self, order: list[int]) -> list[int]:
        """`order`'s rows that are shown now, in `order`'s order."""
        if len(self._rows) == len(self._view):
            return list(order)
        view = self._view
        return [row for row in order if view[row] >= 0]

    def _show(self, rows: list[int]) -> None:
        """Make `rows` the view's rows (and the inverse map)."""
        rows = list(rows) if rows is self._order else rows  # each is changed in place
        view = [-1] * len(self._order)
        for position, row in enumerate(rows):
            view[row] = position
        self._rows, self._view = rows, view

    def _relayout(self, change: Callable[[], None], hint) -> None:
        """Run `change` (new `_rows`) as one layout change: persistent indexes
        (selection, current cell, open editor) follow their source rows."""
        self.layoutAboutToBeChanged[LAYOUT_SIGNATURE].emit([], hint)
        kept = self.persistentIndexList()
        rows = self._rows
        sources = [(rows[index.row()] if 0 <= index.row() < len(rows) else -1, index.column())
                   for index in kept]
        change()
        view = self._view
        moved = [self.createIndex(view[row], column) if row >= 0 and view[row] >= 0
                 else QModelIndex() for row, column in sources]
        self.changePersistentIndexList(kept, moved)
        self.layoutChanged[LAYOUT_SIGNATURE].emit([], hint)

    # --- a changed cell ----------------------------------------------------------------

    def _cells_changed(self, top_left: QModelIndex, bottom_right: QModelIndex,
                       roles: Sequence[int] = ()) -> None:
        first, last = top_left.row(), bottom_right.row()
        left, right = top_left.column(), bottom_right.column()
        if first < 0 or last >= len(self._view):
            return
        few = last - first < FEW_ROWS
        sorted_on = left <= self._sort_column <= right and self._sort_column < self._columns
        old = self._update_keys(first, last, left, right, few)
        self.forget_rows(first, last)
        if (sorted_on or self.active()) and not few or sorted_on and old is None:
            self._relayout(self._replace_all, RELAID)  # many rows, or the column's kind changed
        elif sorted_on or self.active():
            self._place(range(first, last + 1), old if sorted_on else None)
        self._forward(first, last, left, right, roles)

    def _update_keys(self, first: int, last: int, left: int, right: int,
                     few: bool) -> dict[int, object] | None:
        """New keys for the changed cells of the columns read so far; the sort column's old
        keys of the changed rows (None when that column has to be read again)."""
        old: dict[int, object] | None = {}
        source = self._source
        for column in [c for c in self._keys if left <= c <= right]:
            kind, keys = self._keys[column]
            if column == self._sort_column and old is not None:
                old = {row: keys[row] for row in range(first, last + 1)}
            if not few:
                del self._keys[column]
                continue
            for row in range(first, last + 1):
                key = self._make_keys.key(kind, source.index(row, column).data(SORT_ROLE))
                if key is None:  # a number in a text column, say
                    del self._keys[column]
                    if column == self._sort_column:
                        old = None
                    break
                keys[row] = key
        return old

    def _replace_all(self) -> None:
        self._order = sort_order.sorted_rows(len(self._view), self._sort_keys(),
                                             self._descending)
        self._show(self.filter_rows(self._order) if self.active() else list(self._order))

    def _place(self, changed: range, old: dict[int, object] | None) -> None:
        """Put the changed rows where they sort and filter now: each taken out and put back
        by binary search (log n comparisons and one list move each; nothing else read)."""
        keys = self._sort_keys()
        descending = self._descending
        before: Callable[[int], object] | None = None
        after: Callable[[int], object] | None = None
        if keys is not None:
            after = keys.__getitem__
            before = after if old is None else (lambda row: old[row] if row in old else keys[row])
        view = self._view
        shown_now = {row: self.row_shown(row) for row in changed} if self.active() else \
            dict.fromkeys(changed, True)
        moves = old is not None and keys is not None and not all(
            sort_order.in_place(self._order, sort_order.locate(
                self._order, row, before, descending), after, descending) for row in changed)
        shows = any(shown_now[row] != (view[row] >= 0) for row in changed)
        if not moves and not shows:
            return  # nothing moved, nothing shown or hidden

        def change() -> None:
            order, rows = self._order, self._rows
            if moves:
                for row in changed:
                    del order[sort_order.locate(order, row, before, descending)]
                for row in changed:
                    order.insert(sort_order.position(order, row, after, descending), row)
            taken = sorted((view[row] for row in changed if view[row] >= 0), reverse=True)
            for at in taken:
                del rows[at]
            put = []
            for row in changed:
                view[row] = -1
                if shown_now[row]:
                    at = sort_order.position(rows, row, after, descending)
                    rows.insert(at, row)
                    put.append(at)
            end = len(rows)  # rows after every change keep their place if none came or went
            if len(taken) == len(put):
                end = min(end, max(taken + put, default=-1) + len(put) + 1)
            for at in range(min(taken + put, default=end), end):
                view[rows[at]] = at
        self._relayout(change, RELAID if shows else SORTED)

    def _forward(self, first: int, last: int, left: int, right: int, roles) -> None:
        """The source's dataChanged as the view's, per run of view rows."""
        if not self._rows:
            return
        if first == 0 and last == len(self._view) - 1:
            self.dataChanged.emit(self.index(0, left), self.index(len(self._rows) - 1, right),
                                  roles)
            return
        view = self._view
        shown = sorted(view[row] for row in range(first, last + 1) if view[row] >= 0)
        start = 0
        for at in range(1, len(shown) + 1):
            if at == len(shown) or shown[at] != shown[at - 1] + 1:
                self.dataChanged.emit(self.createIndex(shown[start], left),
                                      self.createIndex(shown[at - 1], right), roles)
                start = at

    # --- the model interface -----------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < self._columns):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: QModelIndex | None = None):  # type: ignore[override]
        """No item has a parent (a table); without an index, the QObject parent."""
        return super().parent() if index is None else QModelIndex()

    def sibling(self, row: int, column: int, index: QModelIndex) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._columns

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and bool(self._rows) and self._columns > 0

    def mapToSource(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:  # noqa: N802
        row = index.row()
        if index.model() is not self or not 0 <= row < len(self._rows):
            return QModelIndex()
        return self._source.createIndex(self._rows[row], index.column())

    def mapFromSource(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:  # noqa: N802
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._view) or self._view[row] < 0:
            return QModelIndex()
        return self.createIndex(self._view[row], index.column())

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        return self._source.data(self._source.createIndex(self._rows[row], index.column()), role)

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        source = self.mapToSource(index)
        return source.isValid() and self._source.setData(source, value, role)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        row = index.row()
        if not 0 <= row < len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        return self._source.flags(self._source.createIndex(self._rows[row], index.column()))

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if self._source is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._rows):
                return None
            section = self._rows[section]
        return self._source.headerData(section, orientation, role)
