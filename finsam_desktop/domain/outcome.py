"""Everything derived from a plan, as one pure function: `compute(plan) -> Outcome`.

Contributions per member, income, costs, result and equity per year, each
rule's margin, and the findings. Nothing here is stored; it is recomputed after
every edit, so it must stay cheap (see benchmarks/). `compute` keeps no state; the
owner of a plan that changes edit by edit (the open document) holds a `Recompute`,
which follows the last plan's intervention sums instead of summing every row again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from .allocation import allocate, unchanged_years
from .findings import Finding, find_all
from .follow_up import PeriodOutcome, follow_up_outcomes
from .follow_up_findings import forecast_findings
from .intervention_sums import InterventionSums
from .plan import Plan
from .rule_kinds import KINDS


@dataclass(frozen=True)
class YearOutcome:
    """One year's computed figures: contributions, income, costs, result and equity."""

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
    contributions_unallocated: dict[str, int] = field(default_factory=dict)
    """The parts of the year's total no member can take, by part ("municipalities");
    not in `contributions_total`, not income."""

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
    """Everything computed from a plan: each year, each rule's margin, the findings."""

    years: dict[int, YearOutcome]
    margins: tuple[RuleMargin, ...] = ()
    members: dict[int, MemberFigures] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    follow_up: tuple[PeriodOutcome, ...] = ()
    """Each follow-up period's lines and totals, in the plan's order (follow_up.py)."""

    def for_year(self, year: int) -> YearOutcome:
        return self.years[year]


def _sum_year(rows: Iterable[object], attribute: str, year: int) -> int:
    return sum(getattr(row, attribute).get(year, 0) for row in rows)


def _year_outcome(plan: Plan, year: int, opening: int, sums: InterventionSums,
                  allocated: YearOutcome | None = None) -> YearOutcome:
    """The year's figures; the allocation is taken from `allocated` (the previous
    outcome's year, when its allocation inputs are unchanged) instead of allocating."""
    if allocated is None:
        contributions, unallocated = allocate(plan, year)
    else:
        contributions = dict(allocated.contributions)
        unallocated = dict(allocated.contributions_unallocated)
    contributions_total = sum(contributions.values())  # the rows' sum, always
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
        contributions_unallocated=unallocated,
    )


def rule_margins(plan: Plan, years: dict[int, YearOutcome]) -> tuple[RuleMargin, ...]:
    """Each rule's bound and margin in each plan year, rounded in the rule's favour."""
    margins = []
    for rule in plan.equity.rules:
        kind = KINDS.get(rule.kind)
        if kind is None:
            continue
        for year, figures in years.items():
            margins.append(RuleMargin(rule.id, year, *kind.measure(rule, figures)))
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
    return _compute(plan, InterventionSums(plan))


class Recompute:
    """`compute` for a plan that changes edit by edit, held by the plan's owner.

    Calling it gives exactly what `compute(plan)` gives, but follows the intervention
    sums of the plan it computed last: an edit that replaced one intervention costs one
    intervention, not all of them.
    """

    def __init__(self) -> None:
        self._sums: InterventionSums | None = None
        self._last: tuple[Plan, Outcome] | None = None

    def __call__(self, plan: Plan) -> Outcome:
        sums = self._sums.follow(plan) if self._sums is not None else None
        if sums is None:
            sums = InterventionSums(plan)
        self._sums = sums
        reused: dict[int, YearOutcome] = {}
        if self._last is not None:  # the years whose allocation the edit cannot have moved
            last_plan, last_outcome = self._last
            reused = {year: last_outcome.years[year]
                      for year in unchanged_years(last_plan, plan) if year in last_outcome.years}
        outcome = _compute(plan, sums, reused)
        self._last = (plan, outcome)
        return outcome


def _compute(plan: Plan, sums: InterventionSums,
             allocated: dict[int, YearOutcome] | None = None) -> Outcome:
    years: dict[int, YearOutcome] = {}
    opening = plan.equity.opening or 0
    for year in plan.years:
        outcome = _year_outcome(plan, year, opening, sums, (allocated or {}).get(year))
        years[year] = outcome
        opening = outcome.closing_equity
    margins = rule_margins(plan, years)
    members = member_figures(plan, years[plan.plan_year])
    follow_up = follow_up_outcomes(plan, years[plan.plan_year])
    return Outcome(years=years, margins=margins, members=members,
                   findings=findings_of(plan, years, margins, follow_up), follow_up=follow_up)


def findings_of(plan: Plan, years: dict[int, YearOutcome], margins: tuple[RuleMargin, ...],
                follow_up: tuple[PeriodOutcome, ...]) -> tuple[Finding, ...]:
    """The findings of an outcome's figures, worded in the unit in force (`money.amounts_in`).

    The report words them again in tkr from the outcome it has, without computing it again
    (at 50 000 interventions that was a sixth of a second).
    """
    return find_all(plan, years, margins,
                    tuple(forecast_findings(plan, follow_up[-1] if follow_up else None)))
