"""The sums a filtered or grouped table shows, followed from edit to edit by the rows the
edit replaced instead of summed over every row again.

`follow_shown(previous, spec, rows, accepts, group_of, fields, years)` gives exactly what
summing the accepted `rows` gives (`totals.year_totals` and `totals.grouped_year_totals`):
when `previous` was made for the same `spec` (the filter and grouping) and the edit only
replaced rows in place without moving one in or out of the filter or between groups,
it moves the previous sums by those rows; otherwise it sums everything. Exact ints.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from . import row_changes
from .totals import GroupTotals, grouped_year_totals, year_totals

Accepts = Callable[[Any], bool] | None
GroupOf = Callable[[Any], str] | None


@dataclass(frozen=True)
class ShownTotals:
    """Count and per-year sums of the accepted rows, overall and per group (first-seen order)."""

    spec: Hashable
    rows: tuple[Any, ...]
    count: int
    sums: dict[str, dict[int, int]]
    groups: tuple[GroupTotals, ...]


def _summed(spec: Hashable, rows: tuple[Any, ...], accepts: Accepts, group_of: GroupOf,
            fields: Sequence[str], years: Sequence[int]) -> ShownTotals:
    shown = rows if accepts is None else [row for row in rows if accepts(row)]
    if group_of is None:
        return ShownTotals(spec, rows, len(shown), {field: year_totals(shown, field, years)
                                                    for field in fields}, ())
    groups = tuple(grouped_year_totals(shown, group_of, fields, years))
    sums = {field: {year: sum([group.sums[field][year] for group in groups]) for year in years}
            for field in fields}  # the groups add up to the whole: no second pass over the rows
    return ShownTotals(spec, rows, len(shown), sums, groups)


def follow_shown(previous: ShownTotals | None, spec: Hashable, rows: tuple[Any, ...],
                 accepts: Accepts, group_of: GroupOf, fields: Sequence[str],
                 years: Sequence[int]) -> ShownTotals:
    """The totals of the accepted `rows` (see the module docstring)."""
    if previous is not None and previous.spec == spec:
        if previous.rows is rows:
            return previous
        moved = _moved(previous, rows, accepts, group_of, fields)
        if moved is not None:
            return moved
    return _summed(spec, rows, accepts, group_of, fields, years)


def _moved(previous: ShownTotals, rows: tuple[Any, ...], accepts: Accepts,
           group_of: GroupOf, fields: Sequence[str]) -> ShownTotals | None:
    delta = row_changes.between(previous.rows, rows)
    if delta is None or delta.positions is None or len(delta.positions) > 64:
        return None
    changes = []
    for old, new in zip(delta.removed, delta.added, strict=True):
        shown = accepts is None or accepts(new)
        if shown != (accepts is None or accepts(old)):
            return None  # a row came into or left the filter: its place in the order counts
        if not shown:
            continue
        key = group_of(new) if group_of is not None else ""
        if group_of is not None and group_of(old) != key:
            return None  # a row changed groups (a group may appear or empty)
        changes.append((key, old, new))
    sums = {field: dict(values) for field, values in previous.sums.items()}
    groups = {group.key: GroupTotals(group.key, group.count,
                                     {field: dict(values) for field, values in group.sums.items()})
              for group in previous.groups}
    for key, old, new in changes:
        targets = [sums] + ([groups[key].sums] if group_of is not None else [])
        for target in targets:
            for field in fields:
                totals = target[field]
                for sign, row in ((-1, old), (1, new)):
                    for year, value in getattr(row, field).items():
                        if year in totals:
                            totals[year] += sign * value
    return ShownTotals(previous.spec, rows, previous.count, sums, tuple(groups.values()))
