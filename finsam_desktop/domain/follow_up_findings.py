"""Findings of the follow-up: the latest period's forecast against the plan's equity rules,
and lines whose actual to date already exceeds their full-year budget.

The same rules as the plan's own equity findings (findings.py), measured on the forecast
closing equity, with a `max_share` basis taken from the forecast; `year` is the budget year.
"""

from __future__ import annotations

from .findings import Finding
from .follow_up import PeriodOutcome
from .money import format_amount, format_share
from .plan import BASIS_LABELS, Plan
from .rule_kinds import KINDS

COST_LISTS = ("costs", "interventions")
SUBJECT = "follow_up"
"""Every follow-up finding leads to the Uppföljning tab (a line's finding: to its row)."""


def _kr(amount: int) -> str:
    return format_amount(amount)  # kr, or the report's unit (money.amounts_in)


class _Forecast:
    """The forecast's figures as a rule measures them (rule_kinds): closing equity, bases."""

    def __init__(self, closing: int, latest: PeriodOutcome):
        self.closing_equity = closing
        self.basis = latest.basis


def _date(end: str) -> str:
    """"2026-04-30" as "30 april 2026"."""
    months = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
              "september", "oktober", "november", "december")
    year, month, day = end.split("-")
    return f"{int(day)} {months[int(month) - 1]} {year}"


def forecast_findings(plan: Plan, latest: PeriodOutcome | None) -> list[Finding]:
    """The follow-up findings of the latest period (none without a period)."""
    if latest is None:
        return []
    year = plan.plan_year
    where = f"{year}, prognos {latest.name} ({_date(latest.end)})"
    closing = latest.closing_equity_forecast
    found = []
    if closing < 0:
        found.append(Finding(
            "error", "forecast_equity_negative", year,
            f"{where}: utgående eget kapital blir enligt prognosen {_kr(closing)}. "
            f"Minska kostnaderna eller öka intäkterna med minst {_kr(-closing)}.", SUBJECT))
    forecast = _Forecast(closing, latest)
    for rule in plan.equity.rules:
        kind = KINDS.get(rule.kind)
        if kind is None or not kind.forecast_code:
            continue
        bound, actual, margin = kind.measure(rule, forecast)
        if margin >= 0:
            continue
        if kind.uses_amount:
            found.append(Finding(
                "warning", kind.forecast_code, year,
                f"{where}: utgående eget kapital enligt prognosen {_kr(closing)} är under "
                f"lägstanivån {_kr(bound)}. Minska kostnaderna med "
                f"{_kr(-margin)} under resten av året eller ändra regeln.",
                SUBJECT))
        else:
            found.append(Finding(
                "warning", kind.forecast_code, year,
                f"{where}: utgående eget kapital enligt prognosen {_kr(closing)} är över "
                f"{format_share(rule.share)} av {BASIS_LABELS[rule.basis]} enligt prognosen "
                f"({_kr(bound)}). Använd {_kr(-margin)} mer i insatser under året "
                "eller ändra regeln.", SUBJECT))
    for line in latest.lines:
        if line.list in COST_LISTS and line.actual > line.budget:
            found.append(Finding(
                "warning", "actual_exceeds_budget", year,
                f"{where}: utfallet för {line.name} hittills, {_kr(line.actual)}, är redan över "
                f"helårsbudgeten {_kr(line.budget)} (med {_kr(line.actual - line.budget)}). "
                "Se över prognosen eller budgeten för raden.",
                SUBJECT, line.ref[1]))
    return found
