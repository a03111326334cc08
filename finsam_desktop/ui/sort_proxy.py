"""The sorting proxy of every plan table: numbers as numbers, names in Swedish order.

Qt sorts by asking `lessThan` about n·log n pairs of rows — 800 000 at 50 000
interventions, each a call into Python. Each asked for two `data()` calls, so a click
on a header froze the window for 15 s there. The sort keys of a column are now read
once, in one pass, and kept until the source model changes: a changed cell updates
the keys of its rows, anything that adds, removes or moves rows forgets them. Our
handlers are connected before the proxy's own (Qt calls slots in the order they were
connected), so a re-sort after a change never reads a stale key.

docs/pitfalls.md: sort on a numeric role, never on display text ("100 kr" before "20 kr"), and
collate names with `QCollator(QLocale("sv_SE"))` because CI's locale is "C" (Ä before Å).
"""

from __future__ import annotations

from numbers import Number

from PySide6.QtCore import QAbstractItemModel, QCollator, QLocale, QModelIndex, QSortFilterProxyModel, Qt

from .tables import SORT_ROLE

SWEDISH = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
STRUCTURE_SIGNALS = ("rowsInserted", "rowsRemoved", "rowsMoved", "columnsInserted",
                     "columnsRemoved", "columnsMoved", "modelReset", "layoutChanged")


class SortProxy(QSortFilterProxyModel):
    """Sorts numbers as numbers and text in Swedish order; subclasses add filters."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.collator = QCollator(SWEDISH)
        self.collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.collator.setNumericMode(True)
        self._keys: dict[int, list] = {}
        """Per source column, each source row's sort key (only columns sorted on)."""

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt's name
        previous = self.sourceModel()
        if previous is not None:
            previous.dataChanged.disconnect(self._cells_changed)
            for name in STRUCTURE_SIGNALS:
                getattr(previous, name).disconnect(self.forget_keys)
        self._keys.clear()
        if model is not None:  # before the proxy's own handlers: see the module docstring
            model.dataChanged.connect(self._cells_changed)
            for name in STRUCTURE_SIGNALS:
                getattr(model, name).connect(self.forget_keys)
        super().setSourceModel(model)

    def forget_keys(self, *_) -> None:
        self._keys.clear()

    def _cells_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, *_) -> None:
        if not self._keys:
            return
        rows = range(top_left.row(), bottom_right.row() + 1)
        model = self.sourceModel()
        for column in range(top_left.column(), bottom_right.column() + 1):
            keys = self._keys.get(column)
            if keys is None:
                continue
            if len(rows) > 64 or len(keys) != model.rowCount():  # cheaper read again when sorted
                del self._keys[column]
                continue
            for row in rows:
                keys[row] = model.index(row, column).data(SORT_ROLE)

    def sort_keys(self, column: int) -> list:
        """Each source row's sort key in `column`, read once (`PlanTableModel.sort_keys`
        in one pass; another model cell by cell)."""
        keys = self._keys.get(column)
        if keys is None:
            model = self.sourceModel()
            read = getattr(model, "sort_keys", None)
            keys = list(read(column)) if read is not None else [
                model.index(row, column).data(SORT_ROLE) for row in range(model.rowCount())]
            self._keys[column] = keys
        return keys

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802
        keys = self.sort_keys(left.column())
        a, b = keys[left.row()], keys[right.row()]
        if isinstance(a, str) and isinstance(b, str):
            return self.collator.compare(a, b) < 0
        if isinstance(a, Number) and isinstance(b, Number):  # int, Decimal, Fraction shares
            return a < b
        return str(a) < str(b)
