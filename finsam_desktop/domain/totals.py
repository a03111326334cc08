"""Sums over a chosen set of rows, for the totals a view shows under a filtered table.

The outcome sums whole collections; a filtered view needs the same sums over the
visible rows only. Kept here so the views still compute nothing themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


def year_totals(rows: Iterable[object], field: str, years: Sequence[int]) -> dict[int, int]:
    """For each year, the sum of `row.<field>[year]` over `rows` (missing values count 0)."""
    totals = dict.fromkeys(years, 0)
    for row in rows:
        values = getattr(row, field)
        for year in years:
            totals[year] += values.get(year, 0)
    return totals


@dataclass(frozen=True)
class GroupTotals:
    """The rows sharing one group key: how many, and per field the sum per year."""

    key: str
    count: int
    sums: dict[str, dict[int, int]]


def grouped_year_totals(rows: Iterable[object], group_of: Callable[[object], str],
                        fields: Sequence[str], years: Sequence[int]) -> list[GroupTotals]:
    """`year_totals` per group (e.g. interventions by area), groups in first-seen order.

    The group sums of a field add up to `year_totals` of all the rows.
    """
    counts: dict[str, int] = {}
    sums: dict[str, dict[str, dict[int, int]]] = {}
    for row in rows:  # one pass: this runs on every edit of a 2 000-row plan
        key = group_of(row)
        group = sums.get(key)
        if group is None:
            group = sums[key] = {field: dict.fromkeys(years, 0) for field in fields}
            counts[key] = 0
        counts[key] += 1
        for field in fields:
            totals = group[field]
            for year, value in getattr(row, field).items():
                if year in totals:
                    totals[year] += value
    return [GroupTotals(key, counts[key], group) for key, group in sums.items()]
