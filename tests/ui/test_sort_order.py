"""`ui/sort_order.py`: one key per row gives exactly the order the old per-pair
comparison gave, ties in the plan's order, and the binary search finds each row's place."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction
from functools import cmp_to_key
from numbers import Number

from finsam_desktop.ui import sort_order
from finsam_desktop.ui.sort_proxy import SortProxy

WORDS = ["Åre", "Ängelholm", "Ödeshög", "Arboga", "arboga", "Zeta", "Öl 10", "Öl 9", "öl 9",
         "Ålund-2", "É-ön", "Ekö", "ekö", "", "  Bro", "Bro 100", "Bro 20", "Ärla", "Aa", "Z"]


def old_order(values, collator, descending=False):
    """What the QSortFilterProxyModel with its lessThan gave on plan-ordered rows."""
    def less_than(a, b) -> bool:  # the old SortProxy.lessThan
        if isinstance(a, str) and isinstance(b, str):
            return collator.compare(a, b) < 0
        if isinstance(a, Number) and isinstance(b, Number):
            return a < b
        return str(a) < str(b)
    key = cmp_to_key(lambda a, b: -1 if less_than(a, b) else (1 if less_than(b, a) else 0))
    return sorted(range(len(values)), key=lambda row: key(values[row]), reverse=descending)


def test_text_keys_order_as_the_swedish_collator_compares(qapp):
    collator = SortProxy().collator
    maker = sort_order.KeyMaker(collator)
    rng = random.Random(14)
    for _ in range(20):
        values = [rng.choice(WORDS).casefold() for _ in range(40)]
        kind, keys = maker.keys(values)
        assert kind == sort_order.TEXT
        for descending in (False, True):
            assert sort_order.sorted_rows(len(values), keys, descending) == \
                old_order(values, collator, descending)
    ordered = [WORDS[row] for row in sort_order.sorted_rows(
        len(WORDS), maker.keys(WORDS)[1], False) if WORDS[row] in ("Åre", "Ängelholm",
                                                                   "Ödeshög", "Zeta")]
    assert ordered == ["Zeta", "Åre", "Ängelholm", "Ödeshög"]


def test_numbers_and_mixed_columns_order_as_before(qapp):
    collator = SortProxy().collator
    maker = sort_order.KeyMaker(collator)
    numbers = [3, Decimal("2.5"), Fraction(1, 4), 100, 20, 3, -1, 0]
    kind, keys = maker.keys(numbers)
    assert kind == sort_order.NUMBER
    assert sort_order.sorted_rows(len(numbers), keys, False) == [6, 7, 2, 1, 0, 5, 4, 3]
    assert sort_order.sorted_rows(len(numbers), keys, True) == [3, 4, 0, 5, 1, 2, 7, 6]
    mixed = [None, 5, "åre", "", 12, None, "Arboga"]
    kind, keys = maker.keys(mixed)
    assert kind == sort_order.MIXED
    assert sort_order.sorted_rows(len(mixed), keys, False) == old_order(mixed, collator)
    assert maker.key(sort_order.NUMBER, "text") is None  # a new value of another kind


def test_binary_search_places_rows_after_equal_keys_of_earlier_rows(qapp):
    keys = [5, 3, 5, 1, 3, 5]
    for descending in (False, True):
        rows = sort_order.sorted_rows(len(keys), keys, descending)
        for row in range(len(keys)):
            at = sort_order.locate(rows, row, keys.__getitem__, descending)
            assert rows[at] == row
            rest = rows[:at] + rows[at + 1:]
            assert sort_order.position(rest, row, keys.__getitem__, descending) == at
    assert sort_order.sorted_rows(4, None, True) == [3, 2, 1, 0]  # sort(-1, descending)
    assert sort_order.position([0, 2, 5], 3, None, False) == 2
