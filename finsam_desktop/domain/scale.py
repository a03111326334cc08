"""A warning when a typed amount is far beyond the plan's own scale (a likely unit slip).

1 500 000 typed into a tkr column is 1,5 billion kronor: valid, but almost surely meant as
kronor. `scale_warning` compares an amount with the largest yearly figure the plan already
has (the members' contributions, or else its largest line) and says so in Swedish; the
window shows it at the cell and keeps the value — it never refuses.
"""

from __future__ import annotations

from .money import format_money
from .plan import Plan

FACTOR = 10
"""More than ten times the plan's largest yearly figure is "far beyond" it."""
FLOOR = 1_000_000
"""Below a million kronor no amount is suspicious, whatever the plan's scale."""


def plan_scale(plan: Plan) -> int:
    """The plan's largest yearly figure: contributions, or else its largest line amount."""
    totals = [abs(v) for v in plan.contributions.totals.values()]
    if any(totals):
        return max(totals)
    amounts = [abs(v) for rows in (plan.other_income, plan.costs, plan.interventions)
               for row in rows for v in row.amounts.values()]
    return max(amounts, default=0)


def scale_warning(plan: Plan, amount: int, unit: str = "kr") -> str | None:
    """A Swedish warning when `amount` (kronor, as entered in `unit`) is far beyond the
    plan's scale, else None."""
    scale = plan_scale(plan)
    if abs(amount) < FLOOR or not scale or abs(amount) <= FACTOR * scale:
        return None
    text = format_money(amount, "kr", with_unit=True)
    basis = format_money(scale, "kr", with_unit=True)
    hint = ""
    if unit == "tkr":
        meant = format_money(amount // 1000, "kr", with_unit=True)
        hint = f" Kolumnen är i tkr; menade du {meant}? Skriv då {format_money(amount // 10**6, 'kr')}."
    return (f"{text} är mer än {FACTOR} gånger planens största årsbelopp ({basis})."
            f"{hint} Kontrollera beloppet.")
