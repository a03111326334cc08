"""Recompute follows the previous plan's intervention sums; it must equal a fresh compute."""

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
    return outcome.compute(plan)


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(sorted(PLANS)), seeds=st.lists(st.integers(0, 10**6), max_size=12),
       back=st.booleans())
def test_following_edits_gives_what_a_fresh_recompute_gives(name, seeds, back):
    plan = PLANS[name]
    recompute = outcome.Recompute()
    recompute(plan)
    plans, followed = [plan], []
    for step, seed in enumerate(seeds):  # a chain: each recompute follows the one before
        plan = random_edit(plan, str(seed), step)
        plans.append(plan)
        followed.append(recompute(plan))
    if back:  # undo jumps back over many edits at once
        plans.append(plans[0])
        followed.append(recompute(plans[0]))
    for plan, result in zip(plans[1:], followed, strict=True):
        assert asdict(result) == asdict(fresh(plan))


def test_an_outcome_is_not_changed_by_later_edits():
    plan = PLANS["sjuharad-2025"]
    recompute = outcome.Recompute()
    first = recompute(plan)
    year = plan.plan_year
    before = dict(first.years[year].interventions_by_area)
    item = plan.interventions[0]
    later = edits.set_year_value(plan, "interventions", item.id, "amounts", year,
                                 item.amounts.get(year, 0) + 1000)
    recompute(later)
    assert first.years[year].interventions_by_area == before


def test_compute_keeps_no_state_between_calls():
    plan = PLANS["syntetisk"]
    assert not hasattr(outcome, "_last_sums")
    assert asdict(outcome.compute(plan)) == asdict(outcome.compute(plan))
    item = plan.interventions[3]
    later = edits.set_year_value(plan, "interventions", item.id, "amounts", plan.plan_year, 7)
    assert asdict(outcome.Recompute()(later)) == asdict(outcome.compute(later))
