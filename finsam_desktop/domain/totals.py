"""Sums over a chosen set of rows, for the totals a view shows under a filtered table.

The outcome sums whole collections; a filtered view needs the same sums over the
visible rows only. Kept here so the views still compute nothing themselves.
"""

from __future__ import annotations

from typing import Iterable, Sequence


def year_totals(rows: Iterable, field: str, years: Sequence[int]) -> dict[int, int]:
    """For each year, the sum of `row.<field>[year]` over `rows` (missing values count 0)."""
    totals = dict.fromkeys(years, 0)
    for row in rows:
        values = getattr(row, field)
        for year in years:
            totals[year] += values.get(year, 0)
    return totals
