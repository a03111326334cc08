"""Deterministic random edits for the fault tests, shared by the test and its child processes.

`random_edit(plan, seed, step)` depends only on its arguments, so a test can
replay exactly the edits a killed child made and know the plan it must find.
"""

from __future__ import annotations

import random

from finsam_desktop.domain import edits
from finsam_desktop.domain.plan import AREAS, Plan


def random_edit(plan: Plan, seed: str, step: int) -> Plan:
    """One valid edit of the kinds a user makes in the window, chosen by (seed, step)."""
    rng = random.Random(f"{seed}/{step}")
    year = rng.choice(plan.years)
    interventions = plan.interventions
    municipalities = [m for m in plan.members if m.kind == "municipality"]
    kind = rng.choice(("add", "amount", "amount", "key", "total", "move", "remove", "text",
                       "name"))
    if kind == "add" or not interventions:
        new, _ = edits.add_item(plan, "interventions", rng.randrange(len(interventions) + 1),
                                name=f"Insats {seed}-{step}", area=rng.choice(AREAS),
                                amounts={year: rng.randrange(0, 2_000_000, 100)})
        return new
    target = rng.choice(interventions)
    if kind == "amount":
        return edits.set_year_value(plan, "interventions", target.id, "amounts", year,
                                    rng.randrange(0, 5_000_000))
    if kind == "key" and municipalities:
        return edits.set_key(plan, rng.choice(municipalities).id, rng.randrange(0, 900_000))
    if kind == "total":
        rounding = plan.contributions.rounding
        return edits.set_total(plan, year, rng.randrange(0, 40_000) * 1000 // rounding * rounding)
    if kind == "move":
        return edits.move_item(plan, "interventions", target.id,
                               rng.randrange(len(interventions)))
    if kind == "remove" and len(interventions) > 3:
        return edits.remove_item(plan, "interventions", target.id)
    if kind == "text":
        return edits.update_item(plan, "interventions", target.id,
                                 description=f"Ändrad i steg {step} ({seed}) – åäö")
    return edits.update_item(plan, "interventions", target.id, name=f"Namn {seed}-{step}")


def replay(plan: Plan, seed: str, steps: int) -> list[Plan]:
    """The plan after 0, 1, …, `steps` edits."""
    plans = [plan]
    for step in range(1, steps + 1):
        plans.append(random_edit(plans[-1], seed, step))
    return plans


def model_action(seed: str, step: int) -> str:
    """What the window-model child does at `step`: "edit", "undo" or "redo"."""
    roll = random.Random(f"{seed}/{step}/action").random()
    return "undo" if roll < 0.2 else "redo" if roll < 0.3 else "edit"


def replay_model(plan: Plan, seed: str, steps: int) -> list[Plan]:
    """The plan after 0, 1, …, `steps` actions of the window-model child, undo stack included."""
    history, position, plans = [plan], 0, [plan]
    for step in range(1, steps + 1):
        action = model_action(seed, step)
        if action == "undo" and position > 0:
            position -= 1
        elif action == "redo" and position < len(history) - 1:
            position += 1
        elif action == "edit":
            history[position + 1:] = [random_edit(history[position], seed, step)]
            position += 1
        plans.append(history[position])
    return plans
