"""Rule checks on a computed plan: findings are shown live and never block an edit.

Each message is Swedish, names the year and the figures, and says what to change.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from .money import format_money, format_share
from .plan import AREA_LABELS, BASIS_LABELS, Plan

if TYPE_CHECKING:
    from .outcome import RuleMargin, YearOutcome

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    severity: str
    code: str
    year: int | None
    message: str
    subject: str = ""
    """What the finding concerns, for navigation: "member", "intervention", "rule",
    "contributions", "equity" or "" (the plan as a whole)."""
    subject_id: int | None = None

    def as_json(self) -> dict:
        return {"severity": self.severity, "code": self.code, "year": self.year,
                "message": self.message}


def describe_rule(rule) -> str:
    """An equity rule in a few Swedish words: "eget kapital vid årets slut minst 1 500 000 kr"."""
    if rule.kind == "min_amount":
        return f"eget kapital vid årets slut minst {_kr(rule.amount)}"
    if rule.kind == "max_share":
        return (f"eget kapital vid årets slut högst {format_share(rule.share)} av "
                f"{BASIS_LABELS.get(rule.basis, rule.basis)}")
    if rule.kind == "min_area_share":
        return (f"{AREA_LABELS.get(rule.area, rule.area).lower()} minst "
                f"{format_share(rule.share)} av insatsmedlen")
    return rule.kind


def _kr(amount: int) -> str:
    return format_money(amount, "kr", with_unit=True)


def _contribution_findings(plan: Plan) -> list[Finding]:
    found = []
    settings = plan.contributions
    shares = settings.shares
    if shares.total() != 1:
        found.append(Finding(
            "error", "shares_do_not_sum", None,
            f"Andelarna för staten ({format_share(shares.state)}), regionen "
            f"({format_share(shares.region)}) och kommunerna ({format_share(shares.municipalities)}) "
            f"blir tillsammans {format_share(shares.total())}. Ändra dem så att summan blir 100 %.",
            "contributions"))
    kinds = {m.kind for m in plan.members}
    for year in plan.years:
        total = settings.totals.get(year, 0)
        if total % settings.rounding:
            found.append(Finding(
                "error", "total_not_multiple_of_rounding", year,
                f"{year}: medlemsavgifterna {_kr(total)} går inte jämnt upp i "
                f"avrundningen till {_kr(settings.rounding)}. Ändra totalen eller avrundningen.",
                "contributions"))
        if not total:
            found.append(Finding(
                "warning", "contributions_missing", year,
                f"{year}: inga medlemsavgifter är angivna. Fyll i årets totala tilldelning.",
                "contributions"))
    missing_parts = []
    if shares.state and not kinds & {"state", "fk", "af"}:
        missing_parts.append("staten")
    if shares.region and "region" not in kinds:
        missing_parts.append("regionen")
    if shares.municipalities and "municipality" not in kinds:
        missing_parts.append("kommunerna")
    if missing_parts:
        found.append(Finding(
            "error", "member_missing", None,
            f"Ingen medlem tar emot andelen för {', '.join(missing_parts)}. "
            "Lägg till medlemmen eller sätt andelen till 0 %.", "member"))
    for year in plan.years:
        for member in plan.members:
            if member.kind == "municipality" and member.key_for(year) is None:
                found.append(Finding(
                    "warning", "municipality_key_missing", year,
                    f"{year}: {member.name} saknar fördelningsnyckel (folkmängd) och får "
                    "ingen del av kommunernas andel. Fyll i nyckeln för året.",
                    "member", member.id))
    return found


def _equity_findings(plan: Plan, years: dict[int, "YearOutcome"],
                     margins: tuple["RuleMargin", ...]) -> list[Finding]:
    found = []
    if plan.equity.opening is None:
        found.append(Finding(
            "warning", "opening_equity_missing", plan.plan_year,
            f"{plan.plan_year}: ingående eget kapital saknas och räknas som 0 kr. "
            "Fyll i det egna kapitalet från bokslutet eller prognosen.", "equity"))
    elif plan.equity.opening_is_forecast:
        found.append(Finding(
            "info", "opening_equity_forecast", plan.plan_year,
            f"{plan.plan_year}: ingående eget kapital {_kr(plan.equity.opening)} är en prognos "
            "från fjolårets plan. Stäm av det mot årsbokslutet.", "equity"))
    for year, figures in years.items():
        if figures.closing_equity < 0:
            found.append(Finding(
                "error", "equity_negative", year,
                f"{year}: utgående eget kapital blir {_kr(figures.closing_equity)}. "
                f"Minska kostnaderna eller öka intäkterna med minst {_kr(-figures.closing_equity)}.",
                "equity"))
    rules = {rule.id: rule for rule in plan.equity.rules}
    for margin in margins:
        if margin.margin >= 0:
            continue
        rule = rules[margin.rule_id]
        year = margin.year
        if rule.kind == "min_amount":
            found.append(Finding(
                "warning", "equity_below_minimum", year,
                f"{year}: utgående eget kapital {_kr(margin.actual)} är under lägstanivån "
                f"{_kr(margin.bound)}. Minska kostnaderna med {_kr(-margin.margin)} eller ändra regeln.",
                "rule", rule.id))
        elif rule.kind == "max_share":
            found.append(Finding(
                "warning", "equity_above_maximum", year,
                f"{year}: utgående eget kapital {_kr(margin.actual)} är över "
                f"{format_share(rule.share)} av {BASIS_LABELS[rule.basis]} ({_kr(margin.bound)}). "
                f"Planera in {_kr(-margin.margin)} mer i insatser eller ändra regeln.",
                "rule", rule.id))
        elif rule.kind == "min_area_share":
            total = years[year].intervention_costs
            share = format_share(Fraction(margin.actual, total)) if total else "0 %"
            found.append(Finding(
                "warning", "area_share_below_minimum", year,
                f"{year}: {AREA_LABELS[rule.area].lower()} får {_kr(margin.actual)}, {share} av "
                f"insatsmedlen, under målet {format_share(rule.share)} ({_kr(margin.bound)}). "
                f"Flytta minst {_kr(-margin.margin)} dit eller ändra regeln.",
                "rule", rule.id))
    return found


def find_all(plan: Plan, years: dict[int, "YearOutcome"],
             margins: tuple["RuleMargin", ...], extra: tuple[Finding, ...] = ()
             ) -> tuple[Finding, ...]:
    """All findings (and `extra` ones, the follow-up's), errors first, then by year."""
    found = _contribution_findings(plan) + _equity_findings(plan, years, margins) + list(extra)
    order = {severity: index for index, severity in enumerate(SEVERITIES)}
    found.sort(key=lambda f: (order[f.severity], f.year or 0))
    return tuple(found)
