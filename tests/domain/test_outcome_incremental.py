"""The recompute follows the previous plan's intervention sums; it must equal a fresh one."""

from __future__ import annotations

from dataclasses import asdict

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import synthetic_plan
from finsam_desktop.domain import edits, outcome
from tests.conftest import PLAN_NAMES, load_plan
from tests.fault_edits import random_edit

PLANS = {name: load_plan(name) for name in PLAN_NAMES}
PLANS["syntetisk"] = synthetic_plan(municipalities=12, interventions=80, span=3)


def fresh(plan):
    outcome._last_sums.clear()
    return outcome.compute(plan)


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(sorted(PLANS)), seeds=st.lists(st.integers(0, 10**6), max_size=12),
       back=st.booleans())
def test_following_edits_gives_what_a_fresh_recompute_gives(name, seeds, back):
    plan = PLANS[name]
    fresh(plan)
    plans, followed = [plan], []
    for step, seed in enumerate(seeds):  # a chain: each recompute follows the one before
        plan = random_edit(plan, str(seed), step)
        plans.append(plan)
        followed.append(outcome.compute(plan))
    if back:  # undo jumps back over many edits at once
        plans.append(plans[0])
        followed.append(outcome.compute(plans[0]))
    for plan, result in zip(plans[1:], followed):
        assert asdict(result) == asdict(fresh(plan))


def test_an_outcome_is_not_changed_by_later_edits():
    plan = PLANS["sjuharad-2025"]
    first = outcome.compute(plan)
    year = plan.plan_year
    before = dict(first.years[year].interventions_by_area)
    item = plan.interventions[0]
    later = edits.set_year_value(plan, "interventions", item.id, "amounts", year,
                                 item.amounts.get(year, 0) + 1000)
    outcome.compute(later)
    assert first.years[year].interventions_by_area == before
