"""The interventions' money, participants and funding summed per year, and followed
from one plan to the next by only the interventions an edit replaced.

`InterventionSums(plan)` is a full sum; `sums.follow(new_plan)` moves it to a plan that
shares most intervention objects with the old one (edits replace only what they change),
so a keystroke in one cell of a 20 000-row plan does not re-add 20 000 rows. Which object
keeps the last sums is the caller's business (`outcome.Recompute`); nothing here is global.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import row_changes
from .plan import AREAS, Plan, YearMap

# year -> group key (area, municipality or "") -> sum
_Sums = dict[int, dict[str, int]]


def _sum_at(year_maps: list[YearMap], year: int) -> int:
    return sum([values.get(year, 0) for values in year_maps])


def _add(totals: _Sums, key: str, values: Mapping[int, int], sign: int) -> None:
    for year, amount in values.items():
        if year in totals:
            row = totals[year]
            row[key] = row.get(key, 0) + sign * amount


class InterventionSums:
    """The interventions' money, participants and funding summed per year.

    The interventions are grouped once by area and by municipality; each year's
    sums are then list comprehensions rather than dict updates per intervention
    and year, which keeps the recompute cheap with thousands of interventions.
    `follow` updates the sums of the previous plan by the few interventions an
    edit replaced, since edits share every untouched intervention object.
    Amounts are never negative, so a municipality is listed in a year exactly
    when its sum is not zero.
    """

    def __init__(self, plan: Plan):
        amounts: dict[str, list[YearMap]] = {area: [] for area in AREAS}
        participants: dict[str, list[YearMap]] = {area: [] for area in AREAS}
        places: dict[str, list[YearMap]] = {}
        external: list[YearMap] = []
        for item in plan.interventions:
            amounts.setdefault(item.area, []).append(item.amounts)
            participants.setdefault(item.area, []).append(item.participants)
            external.append(item.external_funding)
            if item.municipality:
                places.setdefault(item.municipality, []).append(item.amounts)
        self.items = plan.interventions
        self.years = plan.years
        self.by_area: _Sums = {}
        self.participants: _Sums = {}
        self.places: _Sums = {}
        self.external: _Sums = {}
        for year in plan.years:
            self.by_area[year] = {area: _sum_at(maps, year) for area, maps in amounts.items()}
            self.participants[year] = {area: _sum_at(maps, year)
                                       for area, maps in participants.items()}
            self.places[year] = {place: _sum_at(maps, year) for place, maps in places.items()}
            self.external[year] = {"": _sum_at(external, year)}

    def follow(self, plan: Plan) -> InterventionSums | None:
        """These sums moved to `plan` by its changed interventions; None when a full
        recompute is as cheap (other years, or many interventions changed)."""
        if plan.years != self.years:
            return None
        if plan.interventions is self.items:
            return self
        delta = row_changes.between(self.items, plan.interventions)
        if delta is not None:  # known from the edit: no pass over the rows
            removed, added = list(delta.removed), list(delta.added)
        else:
            new_ids = {id(item) for item in plan.interventions}
            old_ids = {id(item) for item in self.items}
            removed = [item for item in self.items if id(item) not in new_ids]
            added = [item for item in plan.interventions if id(item) not in old_ids]
        if len(removed) + len(added) > 64:
            return None
        moved = object.__new__(InterventionSums)
        moved.items, moved.years = plan.interventions, self.years
        moved.by_area = {year: dict(row) for year, row in self.by_area.items()}
        moved.participants = {year: dict(row) for year, row in self.participants.items()}
        moved.places = {year: dict(row) for year, row in self.places.items()}
        moved.external = {year: dict(row) for year, row in self.external.items()}
        for sign, items in ((-1, removed), (1, added)):
            for item in items:
                _add(moved.by_area, item.area, item.amounts, sign)
                _add(moved.participants, item.area, item.participants, sign)
                _add(moved.external, "", item.external_funding, sign)
                if item.municipality:
                    _add(moved.places, item.municipality, item.amounts, sign)
        return moved

    def for_year(self, year: int) -> tuple[dict[str, int], dict[str, int], dict[str, int], int]:
        """(by area, participants by area, by municipality, external) as new dicts."""
        return (dict(self.by_area[year]), dict(self.participants[year]),
                {place: total for place, total in self.places[year].items() if total},
                self.external[year][""])
