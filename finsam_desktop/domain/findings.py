"""Rule checks on a computed plan: findings are shown live and never block an edit.

Each message is Swedish, names the year and the figures, and says what to change.
The year figures and margins arrive from `outcome` as plain arguments: this module
does not import it (no cycle). `checks_made` says what was checked, so a window with
no findings can say exactly what holds instead of claiming more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .allocation import PART_NAMES
from .money import NBSP, format_amount, format_share
from .plan import Plan
from .rule_kinds import KINDS, describe_rule

__all__ = ["SEVERITIES", "SEVERITY_LABELS", "Finding", "checks_made", "describe_rule",
           "find_all"]

SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "Fel", "warning": "Varning", "info": "Att notera"}
"""The one Swedish word for each severity: the check text, the findings dock and the report."""


@dataclass(frozen=True)
class Finding:
    """One observation about the plan, as the window and `check` show it."""

    severity: str
    code: str
    year: int | None
    message: str
    subject: str = ""
    """What the finding concerns, for navigation: "member", "intervention", "rule",
    "contributions", "equity" or "" (the plan as a whole)."""
    subject_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {"severity": self.severity, "code": self.code, "year": self.year,
                "message": self.message}


def _kr(amount: int) -> str:
    return format_amount(amount)  # kr, or the report's unit (money.amounts_in)


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


def _equity_findings(plan: Plan, years: Mapping[int, Any], margins: Sequence[Any]
                     ) -> list[Finding]:
    found = []
    if plan.equity.opening is None:
        found.append(Finding(
            "warning", "opening_equity_missing", plan.plan_year,
            f"{plan.plan_year}: ingående eget kapital saknas och räknas som {_kr(0).replace(NBSP, ' ')}. "
            "Fyll i det egna kapitalet från bokslutet eller prognosen.", "equity"))
    elif plan.equity.opening_is_forecast:
        found.append(Finding(
            "info", "opening_equity_forecast", plan.plan_year,
            f"{plan.plan_year}: ingående eget kapital {_kr(plan.equity.opening)} är en prognos"
            + (f" (”{plan.equity.opening_note}”)" if plan.equity.opening_note
               else " från fjolårets plan")
            + ". Stäm av det mot årsbokslutet.", "equity"))
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
        kind = KINDS[rule.kind]
        found.append(Finding(
            "warning", kind.finding_code, margin.year,
            f"{margin.year}: " + kind.advice(rule, margin.actual, margin.bound, margin.margin,
                                             years[margin.year], plan.labels),
            "rule", rule.id))
    if not any(KINDS[r.kind].bound_side == "max" and KINDS[r.kind].bounds_equity
               for r in plan.equity.rules if r.kind in KINDS):
        found.append(Finding(
            "info", "equity_maximum_missing", None,
            "Planen har ingen regel om högsta eget kapital, så ett kapital som växer år efter "
            "år syns inte här. Lägg till en regel, till exempel högst 20 % av årets "
            "medlemsavgifter, om förbundet har en sådan.", "equity"))
    return found


def _year_findings(plan: Plan, years: Mapping[int, Any]) -> list[Finding]:
    """Money no one can take, and years with income but no costs."""
    found = []
    for year, figures in years.items():
        unallocated = figures.contributions_unallocated
        if unallocated:
            parts = " och ".join(f"{PART_NAMES[part]} del {_kr(amount)}"
                                 for part, amount in unallocated.items())
            why = ("ingen kommun har fördelningsnyckel för året"
                   if set(unallocated) == {"municipalities"} and any(
                       m.kind == "municipality" for m in plan.members)
                   else "planen har ingen medlem som kan ta emot den")
            found.append(Finding(
                "error", "contributions_unallocated", year,
                f"{year}: {parts} går inte till någon medlem ({why}) och räknas inte som "
                f"intäkt; medlemsavgifterna blir {_kr(figures.contributions_total)} i stället "
                f"för {_kr(plan.contributions.totals.get(year, 0))}. Fyll i nycklarna eller "
                "lägg till medlemmen.", "contributions"))
        if figures.income_total and not figures.costs_total:
            found.append(Finding(
                "warning", "costs_missing", year,
                f"{year}: planen har intäkter ({_kr(figures.income_total)}) men inga kostnader "
                "alls, så hela beloppet läggs till det egna kapitalet. Fyll i årets kostnader "
                "och insatser.", "equity"))
    return found


def _previous_findings(plan: Plan) -> list[Finding]:
    previous = plan.contributions.previous_total
    given = [m.previous_contribution for m in plan.members if m.previous_contribution is not None]
    if previous is None or not given or sum(given) == previous:
        return []
    return [Finding(
        "warning", "previous_total_mismatch", None,
        f"Fjolårets avgifter per medlem blir tillsammans {_kr(sum(given))}, men fjolårets "
        f"total är {_kr(previous)} (skillnad {_kr(sum(given) - previous)}). Jämförelsekolumnen "
        "visar totalen; rätta medlemmarnas belopp eller totalen.", "contributions")]


def find_all(plan: Plan, years: Mapping[int, Any], margins: Sequence[Any],
             extra: tuple[Finding, ...] = ()) -> tuple[Finding, ...]:
    """All findings (and `extra` ones, the follow-up's), errors first, then by year.

    `years` are the outcome's YearOutcome per year, `margins` its RuleMargins."""
    found = (_contribution_findings(plan) + _year_findings(plan, years)
             + _previous_findings(plan) + _equity_findings(plan, years, margins) + list(extra))
    order = {severity: index for index, severity in enumerate(SEVERITIES)}
    found.sort(key=lambda f: (order[f.severity], f.year or 0))
    return tuple(found)


def checks_made(plan: Plan) -> tuple[str, ...]:
    """What the findings check, in Swedish, so "no findings" never claims more than this."""
    first, last = plan.years[0], plan.years[-1]
    span = f"{first}–{last}" if last != first else str(first)
    out = [f"Medlemsavgifterna {span} fördelas helt på medlemmarna och andelarna blir 100 %.",
           "Varje kommun har fördelningsnyckel varje år.",
           "Ingående eget kapital är angivet.",
           "Varje år med intäkter har kostnader.",
           "Eget kapital blir inte negativt något år."]
    if plan.contributions.previous_total is not None:
        out.append("Fjolårets avgifter per medlem summerar till fjolårets total.")
    out += [f"Regel: {describe_rule(rule, plan.labels)}." for rule in plan.equity.rules]
    if plan.follow_up.periods:
        out.append("Den senaste uppföljningens prognos håller reglerna och ingen rad har "
                   "redan passerat sin budget.")
    return tuple(out)
