"""The contract's follow-up example (plan-format.md, `follow_up`) on the Sörmland plan, built
through the edit functions, so tests do not depend on the exchange reader."""

from __future__ import annotations

from finsam_desktop.domain import follow_up_edits as fe
from finsam_desktop.domain.plan import Plan
from tests.conftest import load_plan


def ref(plan: Plan, list_name: str, name: str) -> tuple[str, int]:
    """The LineRef of the line called `name` in `list_name`."""
    for item in getattr(plan, list_name):
        if item.name == name:
            return list_name, item.id
    raise KeyError(name)


def sormland_with_tertial() -> tuple[Plan, int]:
    """Sörmland 2026 with the contract's Tertial 1; returns the plan and the period's id."""
    plan = load_plan("sormland-2026")
    plan, period = fe.add_period(plan, "Tertial 1", "2026-04-30")
    plan = fe.set_actual(plan, period, ref(plan, "costs", "Kansli"), 1_100_000)
    plan = fe.set_actual(plan, period, ref(plan, "interventions", "Sikta mot arbetslivet"),
                         2_000_000)
    plan = fe.set_actual(plan, period, ref(plan, "members", "Regionen"), 1_000_000)
    plan = fe.set_forecast(plan, period, ref(plan, "costs", "Kansli"), 3_400_000)
    plan = fe.set_comment(plan, period, ref(plan, "costs", "Kansli"), "Ny tjänst från maj.")
    plan = fe.set_accounts(plan, ref(plan, "costs", "Kansli"), ["5000-5999", "6110"])
    plan = fe.set_accounts(plan, ref(plan, "interventions", "Sikta mot arbetslivet"), ["4010"])
    return plan, period
