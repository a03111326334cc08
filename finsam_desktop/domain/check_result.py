"""The computed result of plan-format.md (`check --json`) and its Swedish text form."""

from __future__ import annotations

from typing import Any

from .findings import SEVERITY_LABELS, checks_made
from .money import format_money
from .outcome import Outcome
from .plan import Plan

YEAR_FIELDS = ("contributions_total", "other_income_total", "income_total",
               "intervention_costs", "other_costs", "costs_total", "result",
               "opening_equity", "closing_equity")

YEAR_LABELS = {
    "contributions_total": "Medlemsavgifter",
    "other_income_total": "Övriga intäkter",
    "income_total": "Summa intäkter",
    "intervention_costs": "Insatser",
    "other_costs": "Övriga kostnader",
    "costs_total": "Summa kostnader",
    "result": "Resultat",
    "opening_equity": "Ingående eget kapital",
    "closing_equity": "Utgående eget kapital",
}


def check_result(plan: Plan, outcome: Outcome) -> dict[str, Any]:
    """The `check --json` document: figures per year and the findings."""
    names = {m.id: m.name for m in plan.members}
    years = {}
    for year, figures in outcome.years.items():
        entry = {"contributions": {names[i]: amount for i, amount in figures.contributions.items()}}
        for field in YEAR_FIELDS:
            entry[field] = getattr(figures, field)
        years[str(year)] = entry
    result = {"years": years, "findings": [f.as_json() for f in outcome.findings]}
    if outcome.follow_up:
        result["follow_up"] = {period.name: period.as_json() for period in outcome.follow_up}
    return result


def check_text(plan: Plan, outcome: Outcome) -> str:
    """A readable Swedish summary: contributions and economy per year, then the findings."""
    unit = plan.unit
    years = list(outcome.years)
    name_width = max([len(m.name) for m in plan.members] + [len(v) for v in YEAR_LABELS.values()])
    column = 14

    def row(label: str, values: list[str]) -> str:
        return label.ljust(name_width) + "".join(v.rjust(column) for v in values)

    lines = [f"{plan.association} – verksamhetsplan och budget {plan.plan_year}",
             f"Belopp i {unit}.", "",
             row("Medlem", [str(y) for y in years])]
    for member in plan.members:
        lines.append(row(member.name, [format_money(outcome.years[y].contributions[member.id], unit)
                                       for y in years]))
    lines += ["", row("Ekonomi", [str(y) for y in years])]
    for field, label in YEAR_LABELS.items():
        lines.append(row(label, [format_money(getattr(outcome.years[y], field), unit)
                                 for y in years]))
    lines.append("")
    if outcome.findings:
        lines.append(f"Iakttagelser ({len(outcome.findings)}):")
        for finding in outcome.findings:
            lines.append(f"- {SEVERITY_LABELS[finding.severity]}: {finding.message}")
    else:
        lines.append("Inga iakttagelser. Kontrollerat:")
        lines += [f"- {check}" for check in checks_made(plan)]
    return "\n".join(lines).replace("\u00a0", " ")
