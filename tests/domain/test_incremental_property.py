"""Random edit sequences with undo and redo: what the incremental paths give equals a fresh
computation exactly — the outcome (sums followed by the changed rows, allocations reused
for years the edit cannot move), the rows an edit changed, and the rows a write touches."""

from __future__ import annotations

import random
from dataclasses import asdict, replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import synthetic_plan
from finsam_desktop.domain import edits, outcome, row_changes
from finsam_desktop.domain.edits import EditError
from finsam_desktop.domain.plan import AREAS, Plan
from finsam_desktop.storage import rows as storage_rows
from tests.conftest import PLAN_NAMES, load_plan

PLANS = {name: load_plan(name) for name in PLAN_NAMES}
PLANS["syntetisk"] = synthetic_plan(municipalities=9, interventions=70, span=3)
PLANS["precision"] = replace(PLANS["syntetisk"], contributions=replace(
    PLANS["syntetisk"].contributions, key_precision=Decimal("0.001"), rounding=100))


def _edit(plan: Plan, rng: random.Random) -> Plan:
    """One valid edit of the kinds the window makes (refused ones leave the plan as is)."""
    year = rng.choice(plan.years)
    towns = [m for m in plan.members if m.kind == "municipality"]
    rows = plan.interventions
    kind = rng.choice(("amount", "amount", "participants", "external", "area", "place", "key",
                       "year_key", "total", "add", "remove", "move", "name", "line", "text"))
    target = rng.choice(rows) if rows else None
    try:
        if kind in ("amount", "participants", "external") and target:
            field = {"amount": "amounts", "participants": "participants",
                     "external": "external_funding"}[kind]
            value = None if rng.random() < 0.1 else rng.randrange(0, 3_000_000)
            return edits.set_year_value(plan, "interventions", target.id, field, year, value)
        if kind == "area" and target:
            return edits.update_item(plan, "interventions", target.id, area=rng.choice(AREAS))
        if kind == "place" and target:
            return edits.update_item(plan, "interventions", target.id,
                                     municipality=rng.choice(["", *(t.name for t in towns[:4])]))
        if kind == "key" and towns:
            return edits.set_key(plan, rng.choice(towns).id, rng.randrange(0, 900_000))
        if kind == "year_key" and towns:
            return edits.set_year_value(plan, "members", rng.choice(towns).id, "key", year,
                                        rng.randrange(0, 900_000))
        if kind == "total":
            unit = plan.contributions.rounding
            return edits.set_total(plan, year, rng.randrange(0, 40_000) * 1000 // unit * unit)
        if kind == "add" or not rows:
            return edits.add_item(plan, "interventions", rng.randrange(len(rows) + 1),
                                  area=rng.choice(AREAS),
                                  amounts={year: rng.randrange(0, 2_000_000, 100)})[0]
        if kind == "remove" and len(rows) > 2:
            return edits.remove_item(plan, "interventions", target.id)
        if kind == "move":
            return edits.move_item(plan, "interventions", target.id, rng.randrange(len(rows)))
        if kind == "line" and plan.costs:
            line = rng.choice(plan.costs)
            return edits.set_year_value(plan, "costs", line.id, "amounts", year,
                                        rng.randrange(0, 900_000))
        if kind == "name":
            return edits.update_item(plan, "interventions", target.id,
                                     name=f"Insats {rng.randrange(10**9)}")
        return edits.update_item(plan, "interventions", target.id, description="åäö ändrad")
    except EditError:
        return plan


def _scanned_positions(before: tuple, after: tuple) -> tuple[int, ...] | None:
    """The rows that differ, found the slow way (the reference)."""
    if len(before) != len(after) or any(a.id != b.id for a, b in zip(before, after, strict=True)):
        return None
    return tuple(p for p, (a, b) in enumerate(zip(before, after, strict=True)) if a is not b)


def _scanned_write(old: tuple, new: tuple) -> tuple[list, list]:
    """What a write of `new` over `old` must touch, found without any remembered delta."""
    before = {item.id: (position, item) for position, item in enumerate(old)}
    upserts = []
    for position, item in enumerate(new):
        previous = before.pop(item.id, None)
        if previous is None or previous[0] != position or previous[1] is not item:
            upserts.append((position, item))
    return upserts, list(before)


@settings(max_examples=80, deadline=None)
@given(name=st.sampled_from(sorted(PLANS)), seed=st.integers(0, 10**9),
       steps=st.lists(st.sampled_from(("edit", "edit", "edit", "undo", "redo", "jump")),
                      max_size=25))
def test_incremental_outcome_equals_a_fresh_compute(name, seed, steps):
    rng = random.Random(seed)
    history, position = [PLANS[name]], 0
    recompute = outcome.Recompute()
    shown = history[0]
    assert asdict(recompute(shown)) == asdict(outcome.compute(shown))
    for step in steps:
        if step == "undo" and position > 0:
            position -= 1
        elif step == "redo" and position < len(history) - 1:
            position += 1
        elif step == "jump":  # the undo view's click: many steps at once
            position = rng.randrange(len(history))
        else:
            history[position + 1:] = [_edit(history[position], rng)]
            position += 1
        before, shown = shown, history[position]
        for part in ("interventions", "members", "costs"):
            old, new = getattr(before, part), getattr(shown, part)
            delta = row_changes.between(old, new)
            if delta is not None and delta.positions is not None:
                changed = tuple(p for p in delta.positions if old[p] is not new[p])
                assert changed == _scanned_positions(old, new)
            assert storage_rows.changed_rows(old, new) == _scanned_write(old, new)
        followed = recompute(shown)
        assert asdict(followed) == asdict(outcome.compute(shown))


def test_a_cell_edit_is_known_without_comparing_rows():
    plan = PLANS["syntetisk"]
    item = plan.interventions[30]
    edited = edits.set_year_value(plan, "interventions", item.id, "amounts", plan.plan_year, 5)
    delta = row_changes.between(plan.interventions, edited.interventions)
    assert delta is not None and delta.positions == (30,)
    assert delta.removed == (item,) and delta.added == (edited.interventions[30],)
    back = row_changes.between(edited.interventions, plan.interventions)  # undo
    assert back is not None and back.positions == (30,) and back.added == (item,)


def test_unrelated_tuples_are_not_known():
    plan = PLANS["syntetisk"]
    copy = tuple(plan.interventions)[::-1]
    assert row_changes.between(plan.interventions, copy) is None


def test_only_the_years_a_key_edit_moves_are_allocated_again(monkeypatch):
    plan = PLANS["syntetisk"]
    recompute = outcome.Recompute()
    recompute(plan)
    allocated = []
    real = outcome.allocate
    monkeypatch.setattr(outcome, "allocate",
                        lambda p, year: allocated.append(year) or real(p, year))
    item = plan.interventions[0]
    recompute(edits.set_year_value(plan, "interventions", item.id, "amounts", plan.plan_year, 9))
    assert allocated == []  # an intervention moves no contribution
    town = next(m for m in plan.members if m.kind == "municipality")
    year = plan.years[1]
    keyed = edits.set_year_value(plan, "members", town.id, "key", year, 12_345)
    recompute(keyed)
    assert allocated == [year]
    assert asdict(recompute(keyed)) == asdict(outcome.compute(keyed))


def _plain_sums(rows, field, years):
    """The oracle: every year of every row added up one by one."""
    totals = dict.fromkeys(years, 0)
    for row in rows:
        for year, value in getattr(row, field).items():
            if year in totals:
                totals[year] += value
    return totals


def _plain_groups(rows, group_of, fields, years):
    from finsam_desktop.domain.totals import GroupTotals
    keys = list(dict.fromkeys(map(group_of, rows)))
    return tuple(GroupTotals(key, sum(1 for row in rows if group_of(row) == key),
                             {field: _plain_sums([row for row in rows if group_of(row) == key],
                                                 field, years) for field in fields})
                 for key in keys)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**9), steps=st.lists(st.sampled_from(("edit", "undo", "respec")),
                                                   max_size=20))
def test_followed_shown_totals_equal_summing_the_shown_rows(seed, steps):
    from finsam_desktop.domain.totals_followed import follow_shown
    rng = random.Random(seed)
    specs = [("", ""), ("individ", ""), ("", "area"), ("struktur", "municipality"),
             ("Insats", "category")]
    history = [PLANS["syntetisk"]]
    spec = rng.choice(specs)
    followed = None
    for step in steps:
        if step == "undo" and len(history) > 1:
            history.pop()
        elif step == "respec":
            spec = rng.choice(specs)
        else:
            history.append(_edit(history[-1], rng))
        plan = history[-1]
        wanted, field = spec

        def accepts(item, wanted=wanted):
            return not wanted or item.area == wanted or item.name.startswith(wanted)

        def group_of(item, field=field):
            return getattr(item, field)
        followed = follow_shown(followed, (spec, plan.years), plan.interventions, accepts,
                                group_of if field else None, ("amounts", "participants"),
                                plan.years)
        shown = [item for item in plan.interventions if accepts(item)]
        assert followed.count == len(shown)
        for name in ("amounts", "participants"):
            assert followed.sums[name] == _plain_sums(shown, name, plan.years)
        if field:
            assert followed.groups == _plain_groups(
                shown, group_of, ("amounts", "participants"), plan.years)
