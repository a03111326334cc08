"""What `finsam-desktop actuals` prints: each line's actual and every unmapped account."""

from __future__ import annotations

from decimal import Decimal

from ..domain.follow_up import line_names
from ..domain.money import format_money, format_number
from ..services.follow_up import ActualsDone
from .printing import say


def _kr(amount: int) -> str:
    return format_money(amount, "kr", with_unit=True).replace("\u00a0", " ")


def print_actuals(done: ActualsDone, source_name: str, plan_name: str) -> None:
    names = line_names(done.plan)
    action = "Lade till perioden" if done.created else "Perioden"
    say(f"{action} {done.period_name} (till och med {done.end}).", one_line=True)
    for ref, amount in done.preview.actuals.items():
        say(f"{names[ref]}: {_kr(amount)}", one_line=True)
    if done.preview.unmapped:
        say(f"Resultatkonton med belopp som ingen rad har ({len(done.preview.unmapped)} st, "
            "togs inte med):", one_line=True)
        for item in done.preview.unmapped:
            sum_text = format_number(item.amount.quantize(Decimal("0.01")), 2).replace("\u00a0", " ")
            say(f"  {item.account} {item.name}: {sum_text} kr".replace("  :", ":"), one_line=True)
    say(f"Läste in utfallet från {source_name} i {plan_name}.", one_line=True)
