"""The follow-up during the year: budget, actual, forecast and deviation per line and period.

Pure functions of the plan and its computed years (plan-format.md, `follow_up`). A period
holds, per line, the actual to its end and the full-year forecast (missing = budget). The
deviation is the line's effect on the result against budget, so negative is worse: forecast −
budget for income (other income, members), budget − forecast for costs (costs,
interventions). Nothing here is stored; the window and the reports read it from `Outcome`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeVar

from .plan import FOLLOW_UP_LISTS, LineRef, Period, Plan

if TYPE_CHECKING:
    from .outcome import YearOutcome

_V = TypeVar("_V")

INCOME_LISTS = ("other_income", "members")
COST_LISTS = ("costs", "interventions")
LIST_LABELS = {
    "other_income": "Övriga intäkter",
    "costs": "Kostnader",
    "interventions": "Insatser",
    "members": "Medlemsavgifter",
}
PERIOD_PRESETS = (("Tertial 1", 4, 30), ("Delår", 8, 31), ("Helår", 12, 31))
"""The usual periods: name, month and day of the end in the budget year."""


@dataclass(frozen=True)
class FollowUpLine:
    """One line of a period: its budget, actual to date, full-year forecast and comment."""

    ref: LineRef
    name: str
    budget: int
    actual: int
    forecast: int
    comment: str = ""
    forecast_set: bool = False
    """True when the forecast was entered; False when it is the budget by default."""

    @property
    def list(self) -> str:
        return self.ref[0]

    @property
    def is_income(self) -> bool:
        return self.ref[0] in INCOME_LISTS

    @property
    def deviation(self) -> int:
        """Effect on the result against budget; negative is worse than budget."""
        if self.is_income:
            return self.forecast - self.budget
        return self.budget - self.forecast

    @property
    def deviation_share(self) -> Fraction | None:
        """The deviation as a share of the budget; None when the budget is 0."""
        return Fraction(self.deviation, self.budget) if self.budget else None


@dataclass(frozen=True)
class PeriodOutcome:
    """A period's lines in contract order and its totals (plan-format.md's `check --json`)."""

    period_id: int
    name: str
    end: str
    lines: tuple[FollowUpLine, ...]
    income_budget: int
    income_actual: int
    income_forecast: int
    costs_budget: int
    costs_actual: int
    costs_forecast: int
    contributions_forecast: int
    opening_equity: int

    @property
    def result_budget(self) -> int:
        return self.income_budget - self.costs_budget

    @property
    def result_actual(self) -> int:
        return self.income_actual - self.costs_actual

    @property
    def result_forecast(self) -> int:
        return self.income_forecast - self.costs_forecast

    @property
    def closing_equity_budget(self) -> int:
        return self.opening_equity + self.result_budget

    @property
    def closing_equity_forecast(self) -> int:
        return self.opening_equity + self.result_forecast

    def basis(self, name: str) -> int:
        """A `max_share` rule's basis taken from the forecast."""
        return {"contributions": self.contributions_forecast, "income": self.income_forecast,
                "costs": self.costs_forecast}[name]

    def line(self, ref: LineRef) -> FollowUpLine:
        for line in self.lines:
            if line.ref == ref:
                return line
        raise KeyError(ref)

    def as_json(self) -> dict[str, Any]:
        """The period's entry under `follow_up` in `check --json` (without its name key)."""
        return {
            "end": self.end,
            "lines": [{"list": line.list, "name": line.name, "budget": line.budget,
                       "actual": line.actual, "forecast": line.forecast,
                       "deviation": line.deviation} for line in self.lines],
            "income_budget": self.income_budget, "income_actual": self.income_actual,
            "income_forecast": self.income_forecast,
            "costs_budget": self.costs_budget, "costs_actual": self.costs_actual,
            "costs_forecast": self.costs_forecast,
            "result_budget": self.result_budget, "result_forecast": self.result_forecast,
            "closing_equity_budget": self.closing_equity_budget,
            "closing_equity_forecast": self.closing_equity_forecast,
        }


def plan_lines(plan: Plan, first: YearOutcome) -> Iterator[tuple[LineRef, str, int]]:
    """Every follow-up line in contract order: (ref, name, budget of the budget year)."""
    year = plan.plan_year
    for list_name in ("other_income", "costs", "interventions"):
        for item in getattr(plan, list_name):
            yield (list_name, item.id), item.name, item.amounts.get(year, 0)
    for member in plan.members:
        yield ("members", member.id), member.name, first.contributions.get(member.id, 0)


def line_names(plan: Plan) -> dict[LineRef, str]:
    """Each line's name by its ref, for messages and the exchange format."""
    names: dict[LineRef, str] = {}
    for list_name in FOLLOW_UP_LISTS:
        for item in getattr(plan, list_name):
            names[(list_name, item.id)] = item.name
    return names


def period_outcome(plan: Plan, period: Period, first: YearOutcome) -> PeriodOutcome:
    """The period's lines and totals; `first` is the budget year's computed figures."""
    lines = []
    sums = {"income": [0, 0, 0], "costs": [0, 0, 0]}
    contributions_forecast = 0
    for ref, name, budget in plan_lines(plan, first):
        forecast_set = ref in period.forecast
        line = FollowUpLine(ref, name, budget, period.actuals.get(ref, 0),
                            period.forecast[ref] if forecast_set else budget,
                            period.comments.get(ref, ""), forecast_set)
        lines.append(line)
        total = sums["income" if line.is_income else "costs"]
        total[0] += line.budget
        total[1] += line.actual
        total[2] += line.forecast
        if ref[0] == "members":
            contributions_forecast += line.forecast
    income, costs = sums["income"], sums["costs"]
    return PeriodOutcome(period.id, period.name, period.end, tuple(lines),
                         income[0], income[1], income[2], costs[0], costs[1], costs[2],
                         contributions_forecast, plan.equity.opening or 0)


def follow_up_outcomes(plan: Plan, first: YearOutcome) -> tuple[PeriodOutcome, ...]:
    """Every period's outcome, in the plan's (date) order."""
    return tuple(period_outcome(plan, period, first) for period in plan.follow_up.periods)


def year_fraction(end: str) -> Fraction:
    """How much of the year lies from 1 January to `end`: whole months at a month end
    (30 April = 4/12), otherwise days (so any date extrapolates sensibly)."""
    date = dt.date.fromisoformat(end)
    following = date + dt.timedelta(days=1)
    if following.day == 1:
        return Fraction(date.month, 12)
    start = dt.date(date.year, 1, 1)
    days = (dt.date(date.year + 1, 1, 1) - start).days
    return Fraction((date - start).days + 1, days)


def round_half_away(value: Fraction) -> int:
    """Whole kronor, halves away from zero (as the contract reads SIE amounts)."""
    whole, rest = divmod(abs(value.numerator), value.denominator)
    if 2 * rest >= value.denominator:
        whole += 1
    return whole if value >= 0 else -whole


def extrapolated(actual: int, end: str) -> int:
    """*Prognos = utfall uppräknat till helår*: the actual to `end` scaled to twelve months."""
    return round_half_away(Fraction(actual) / year_fraction(end))


def without_line(plan: Plan, ref: LineRef) -> Plan:
    """The plan with every follow-up value and the account mapping of `ref` dropped
    (used when the line itself is removed, so no reference outlives its line)."""
    from dataclasses import replace
    follow_up = plan.follow_up
    if ref not in follow_up.accounts and not any(
            ref in p.actuals or ref in p.forecast or ref in p.comments for p in follow_up.periods):
        return plan

    def drop(values: Mapping[LineRef, _V]) -> dict[LineRef, _V]:
        return {key: value for key, value in values.items() if key != ref}

    periods = tuple(replace(p, actuals=drop(p.actuals), forecast=drop(p.forecast),
                            comments=drop(p.comments)) for p in follow_up.periods)
    return replace(plan, follow_up=replace(follow_up, periods=periods,
                                           accounts=drop(follow_up.accounts)))
