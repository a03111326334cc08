"""Everything derived from a plan, as one pure function: `compute(plan) -> Outcome`.

Contributions per member, income, costs, result and equity per year, each
rule's margin, and the findings. Nothing here is stored; it is recomputed after
every edit, so it must stay cheap (see benchmarks/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .allocation import allocate_year
from .findings import Finding, find_all
from .follow_up import PeriodOutcome, follow_up_outcomes
from .follow_up_findings import forecast_findings
from .plan import AREAS, Plan


@dataclass(frozen=True)
class YearOutcome:
    year: int
    contributions: dict[int, int]
    contributions_total: int
    other_income_total: int
    income_total: int
    intervention_costs: int
    interventions_by_area: dict[str, int]
    participants_by_area: dict[str, int]
    costs_by_municipality: dict[str, int]
    external_funding_total: int
    other_costs: int
    costs_total: int
    result: int
    opening_equity: int
    closing_equity: int

    def basis(self, name: str) -> int:
        """The year's figure a rule is measured against."""
        return {
            "contributions": self.contributions_total,
            "income": self.income_total,
            "costs": self.costs_total,
            "interventions": self.intervention_costs,
        }[name]


@dataclass(frozen=True)
class RuleMargin:
    """How a rule stands in one year: the bound, the figure and the room left.

    `margin` is positive while the rule holds and negative when it is broken.
    """

    rule_id: int
    year: int
    bound: int
    actual: int
    margin: int


@dataclass(frozen=True)
class MemberFigures:
    """A member's share of the budget year's total and its change from last year."""

    share: Fraction
    change: int | None


@dataclass(frozen=True)
class Outcome:
    years: dict[int, YearOutcome]
    margins: tuple[RuleMargin, ...] = ()
    members: dict[int, MemberFigures] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    follow_up: tuple[PeriodOutcome, ...] = ()
    """Each follow-up period's lines and totals, in the plan's order (follow_up.py)."""

    def for_year(self, year: int) -> YearOutcome:
        return self.years[year]


def _sum_year(rows, attribute: str, year: int) -> int:
    return sum(getattr(row, attribute).get(year, 0) for row in rows)


def _sum_at(year_maps: list, year: int) -> int:
    return sum([values.get(year, 0) for values in year_maps])


def _add(totals: dict, key: str, values, sign: int) -> None:
    for year, amount in values.items():
        if year in totals:
            row = totals[year]
            row[key] = row.get(key, 0) + sign * amount


class _InterventionSums:
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
        amounts: dict[str, list] = {area: [] for area in AREAS}
        participants: dict[str, list] = {area: [] for area in AREAS}
        places: dict[str, list] = {}
        external = []
        for item in plan.interventions:
            amounts.setdefault(item.area, []).append(item.amounts)
            participants.setdefault(item.area, []).append(item.participants)
            external.append(item.external_funding)
            if item.municipality:
                places.setdefault(item.municipality, []).append(item.amounts)
        self.items = plan.interventions
        self.years = plan.years
        self.by_area, self.participants, self.places, self.external = {}, {}, {}, {}
        for year in plan.years:
            self.by_area[year] = {area: _sum_at(maps, year) for area, maps in amounts.items()}
            self.participants[year] = {area: _sum_at(maps, year)
                                       for area, maps in participants.items()}
            self.places[year] = {place: _sum_at(maps, year) for place, maps in places.items()}
            self.external[year] = {"": _sum_at(external, year)}

    def follow(self, plan: Plan) -> "_InterventionSums | None":
        """These sums moved to `plan` by its changed interventions; None when a full
        recompute is as cheap (other years, or many interventions changed)."""
        if plan.years != self.years:
            return None
        if plan.interventions is self.items:
            return self
        new_ids = {id(item) for item in plan.interventions}
        old_ids = {id(item) for item in self.items}
        removed = [item for item in self.items if id(item) not in new_ids]
        added = [item for item in plan.interventions if id(item) not in old_ids]
        if len(removed) + len(added) > 64:
            return None
        moved = object.__new__(_InterventionSums)
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

    def for_year(self, year: int) -> tuple[dict, dict, dict, int]:
        """(by area, participants by area, by municipality, external) as new dicts."""
        return (dict(self.by_area[year]), dict(self.participants[year]),
                {place: total for place, total in self.places[year].items() if total},
                self.external[year][""])


_last_sums: list[_InterventionSums] = []
"""The sums of the last computed plan, for `_InterventionSums.follow`."""


def _intervention_sums(plan: Plan) -> _InterventionSums:
    sums = _last_sums[0].follow(plan) if _last_sums else None
    if sums is None:
        sums = _InterventionSums(plan)
    _last_sums[:] = [sums]
    return sums


def _year_outcome(plan: Plan, year: int, opening: int, sums: _InterventionSums) -> YearOutcome:
    contributions = allocate_year(plan, year)
    contributions_total = plan.contributions.totals.get(year, 0)
    other_income = _sum_year(plan.other_income, "amounts", year)
    by_area, participants, by_municipality, external = sums.for_year(year)
    intervention_costs = sum(by_area.values())
    other_costs = _sum_year(plan.costs, "amounts", year)
    income_total = contributions_total + other_income
    costs_total = intervention_costs + other_costs
    result = income_total - costs_total
    return YearOutcome(
        year=year,
        contributions=contributions,
        contributions_total=contributions_total,
        other_income_total=other_income,
        income_total=income_total,
        intervention_costs=intervention_costs,
        interventions_by_area=by_area,
        participants_by_area=participants,
        costs_by_municipality=by_municipality,
        external_funding_total=external,
        other_costs=other_costs,
        costs_total=costs_total,
        result=result,
        opening_equity=opening,
        closing_equity=opening + result,
    )


def _ceil(value: Fraction) -> int:
    return -((-value.numerator) // value.denominator)


def _floor(value: Fraction) -> int:
    return value.numerator // value.denominator


def rule_margins(plan: Plan, years: dict[int, YearOutcome]) -> tuple[RuleMargin, ...]:
    """Each rule's bound and margin in each plan year, rounded in the rule's favour."""
    margins = []
    for rule in plan.equity.rules:
        for year, figures in years.items():
            if rule.kind == "min_amount":
                bound, actual = rule.amount, figures.closing_equity
                margin = actual - bound
            elif rule.kind == "max_share":
                bound = _floor(Fraction(rule.share) * figures.basis(rule.basis))
                actual = figures.closing_equity
                margin = bound - actual
            elif rule.kind == "min_area_share":
                bound = _ceil(Fraction(rule.share) * figures.intervention_costs)
                actual = figures.interventions_by_area.get(rule.area, 0)
                margin = actual - bound
            else:
                continue
            margins.append(RuleMargin(rule.id, year, bound, actual, margin))
    return tuple(margins)


def member_figures(plan: Plan, first: YearOutcome) -> dict[int, MemberFigures]:
    total = first.contributions_total
    figures = {}
    for member in plan.members:
        amount = first.contributions.get(member.id, 0)
        share = Fraction(amount, total) if total else Fraction(0)
        change = None if member.previous_contribution is None else amount - member.previous_contribution
        figures[member.id] = MemberFigures(share, change)
    return figures


def compute(plan: Plan) -> Outcome:
    """The whole derived state of `plan`; pure and deterministic."""
    years: dict[int, YearOutcome] = {}
    opening = plan.equity.opening or 0
    sums = _intervention_sums(plan)
    for year in plan.years:
        outcome = _year_outcome(plan, year, opening, sums)
        years[year] = outcome
        opening = outcome.closing_equity
    margins = rule_margins(plan, years)
    members = member_figures(plan, years[plan.plan_year])
    follow_up = follow_up_outcomes(plan, years[plan.plan_year])
    findings = find_all(plan, years, margins,
                        tuple(forecast_findings(plan, follow_up[-1] if follow_up else None)))
    return Outcome(years=years, margins=margins, members=members, findings=findings,
                   follow_up=follow_up)
