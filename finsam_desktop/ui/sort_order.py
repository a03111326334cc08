"""The order of a sorted table, computed in Python with one key per row (`SortProxy`).

Qt's QSortFilterProxyModel asks a Python `lessThan` about n·log n pairs of rows (800 000
calls at 50 000 interventions); here every row's key is made once and Python's own sort
compares them without calling back into Python code:

- numbers (int kronor, Decimal, Fraction shares) compare as numbers;
- text compares by `QCollator.sortKey`, which orders exactly as `QCollator.compare`
  (Swedish: … Z, Å, Ä, Ö, whatever the system locale; docs/pitfalls.md);
- a column that mixes kinds compares as the old `lessThan` did (`mixed_less`).

Equal keys keep the plan's order, in both directions (Python's sort is stable, also
with `reverse=True`, as Qt's `std::stable_sort` with its greater-than is): the same
column and direction always give the same rows, whatever was sorted before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cmp_to_key
from numbers import Number

from PySide6.QtCore import QCollator

TEXT, NUMBER, MIXED = "text", "number", "mixed"
CACHE_LIMIT = 200_000
"""Collation keys kept per proxy (names repeat across resets: a row added to a 50 000-row
table does not make 50 000 keys again)."""


def kind_of(values: Sequence) -> str:
    """TEXT when every value is a str, NUMBER when every value is a number, else MIXED."""
    if all(type(value) is str for value in values):
        return TEXT
    if all(isinstance(value, Number) and not isinstance(value, str) for value in values):
        return NUMBER
    return MIXED


def mixed_less(collator: QCollator) -> Callable[[object, object], int]:
    """The old `lessThan` as a cmp function: text collated, numbers as numbers, else str()."""
    def compare(a, b) -> int:
        if isinstance(a, str) and isinstance(b, str):
            return collator.compare(a, b)
        if isinstance(a, Number) and isinstance(b, Number):
            return -1 if a < b else (1 if b < a else 0)  # type: ignore[operator]
        left, right = str(a), str(b)
        return -1 if left < right else (1 if right < left else 0)
    return compare


class KeyMaker:
    """Turns a column's SORT_ROLE values into keys Python compares with `<`."""

    def __init__(self, collator: QCollator):
        self.collator = collator
        self._collation: dict[str, object] = {}
        self._mixed = cmp_to_key(mixed_less(collator))

    def keys(self, values: Sequence) -> tuple[str, list]:
        """The column's kind and one key per row."""
        kind = kind_of(values)
        if kind == TEXT:
            return kind, self._texts(values)
        if kind == NUMBER:
            return kind, list(values)
        return kind, [self._mixed(value) for value in values]

    def key(self, kind: str, value) -> object | None:
        """The key of one new value in a column of `kind`; None when it does not fit."""
        if kind == TEXT:
            return self._texts([value])[0] if type(value) is str else None
        if kind == NUMBER:
            return value if isinstance(value, Number) and not isinstance(value, str) else None
        return self._mixed(value)

    def _texts(self, values: Sequence[str]) -> list:
        cache = self._collation
        if len(cache) > CACHE_LIMIT:
            cache.clear()
        make = self.collator.sortKey
        keys = []
        for text in values:
            key = cache.get(text)
            if key is None:
                key = cache[text] = make(text)
            keys.append(key)
        return keys


def sorted_rows(count: int, keys: Sequence | None, descending: bool) -> list[int]:
    """Rows 0..count-1 in key order (None: the plan's order, or its reverse as Qt does)."""
    if keys is None:
        return list(range(count - 1, -1, -1)) if descending else list(range(count))
    return sorted(range(count), key=keys.__getitem__, reverse=descending)


def position(rows: Sequence[int], row: int, key_of: Callable[[int], object] | None,
             descending: bool) -> int:
    """Where `row` belongs in `rows`, a list in `sorted_rows` order (binary search: a
    changed row moves in log n comparisons). `key_of` None: rows are in plan order."""
    lo, hi = 0, len(rows)
    if key_of is None:
        while lo < hi:
            mid = (lo + hi) // 2
            if (rows[mid] > row) if descending else (rows[mid] < row):
                lo = mid + 1
            else:
                hi = mid
        return lo
    key = key_of(row)
    while lo < hi:
        mid = (lo + hi) // 2
        other = rows[mid]
        other_key = key_of(other)
        if descending:
            before = key < other_key or (not other_key < key and other < row)
        else:
            before = other_key < key or (not key < other_key and other < row)
        if before:
            lo = mid + 1
        else:
            hi = mid
    return lo


def in_place(rows: Sequence[int], at: int, key_of: Callable[[int], object],
             descending: bool) -> bool:
    """Whether `rows[at]` still sorts between its neighbours (then, if every changed row
    does, the whole list is still in order: nothing moves)."""
    def before(a: int, b: int) -> bool:
        key_a, key_b = key_of(a), key_of(b)
        if descending:
            return key_b < key_a or (not key_a < key_b and a < b)
        return key_a < key_b or (not key_b < key_a and a < b)
    row = rows[at]
    return (at == 0 or before(rows[at - 1], row)) and \
        (at == len(rows) - 1 or before(row, rows[at + 1]))


def locate(rows: list[int], row: int, key_of: Callable[[int], object] | None,
           descending: bool) -> int:
    """The index of `row` in `rows` (binary search; a scan if the keys are not a total
    order, as a mixed column's need not be)."""
    at = position(rows, row, key_of, descending)
    return at if at < len(rows) and rows[at] == row else rows.index(row)
