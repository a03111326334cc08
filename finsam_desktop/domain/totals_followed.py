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
from .totals import GroupTotals

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
    sums = {field: dict.fromkeys(years, 0) for field in fields}
    groups: dict[str, tuple[list[int], dict[str, dict[int, int]]]] = {}
    count = 0
    for row in rows:
        if accepts is not None and not accepts(row):
            continue
        count += 1
        group = None
        if group_of is not None:
            key = group_of(row)
            group = groups.get(key)
            if group is None:
                group = groups[key] = ([0], {field: dict.fromkeys(years, 0) for field in fields})
            group[0][0] += 1
        for field in fields:
            totals = sums[field]
            grouped = group[1][field] if group is not None else None
            for year, value in getattr(row, field).items():
                if year in totals:
                    totals[year] += value
                    if grouped is not None:
                        grouped[year] += value
    return ShownTotals(spec, rows, count, sums, tuple(
        GroupTotals(key, counter[0], group_sums) for key, (counter, group_sums) in groups.items()))


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
