"""Rolling a plan forward keeps every kind of municipal key the format allows."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from finsam_desktop.domain.outcome import compute
from finsam_desktop.domain.rollover import roll_forward
from tests.conftest import load_plan


def test_decimal_keys_roll_forward_unchanged():
    """An agreed percentage (a Decimal key for every year) crashed *Nytt år* with
    AttributeError: it was taken for a year map."""
    plan = load_plan("sormland-2026")
    members = tuple(replace(m, key=Decimal("12.5")) if m.kind == "municipality" else m
                    for m in plan.members)
    plan = replace(plan, members=members)
    new, _ = roll_forward(plan, compute(plan))
    keys = [m.key for m in new.members if m.kind == "municipality"]
    assert keys and all(type(key) is Decimal and key == Decimal("12.5") for key in keys)
