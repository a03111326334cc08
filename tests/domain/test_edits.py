"""Edits make a new plan or refuse with a Swedish message, leaving the plan as it was."""

from __future__ import annotations

import pytest

from finsam_desktop.domain import edits
from finsam_desktop.domain.edits import EditError
from finsam_desktop.domain.outcome import compute
from tests.conftest import load_plan


@pytest.fixture
def plan():
    return load_plan("vastra-ostergotland-2026")


def test_changing_a_population_moves_every_municipality_but_not_the_total(plan):
    motala = plan.members[2]
    before = compute(plan).years[2026].contributions
    after = compute(edits.set_key(plan, motala.id, 50000)).years[2026].contributions
    municipalities = [m.id for m in plan.members if m.kind == "municipality"]
    assert all(before[i] != after[i] for i in municipalities)
    assert sum(after[i] for i in municipalities) == 2146000


@pytest.mark.parametrize("change", [
    lambda p: edits.set_key(p, p.members[2].id, -1),
    lambda p: edits.update_item(p, "members", p.members[2].id, name="Mjölby kommun"),
    lambda p: edits.update_item(p, "members", p.members[2].id, name=" "),
    lambda p: edits.set_year_value(p, "interventions", p.interventions[0].id, "amounts", 2030, 5),
    lambda p: edits.set_year_value(p, "interventions", p.interventions[0].id, "amounts", 2026, -5),
    lambda p: edits.update_item(p, "interventions", p.interventions[0].id, end="2026-13-01"),
    lambda p: edits.add_item(p, "members", kind="region"),
    lambda p: edits.set_total(p, 2026, 10**13),
    lambda p: edits.set_rounding(p, 7),
])
def test_invalid_changes_are_refused(plan, change):
    with pytest.raises(EditError) as error:
        change(plan)
    assert error.value.args[0]


def test_add_move_remove_and_insert_back(plan):
    added, ident = edits.add_item(plan, "interventions", name="Ny insats", area="struktur")
    assert added.interventions[-1].id == ident and ident not in {i.id for i in plan.interventions}
    moved = edits.move_item(added, "interventions", ident, 0)
    assert moved.interventions[0].id == ident
    removed = edits.remove_item(moved, "interventions", ident)
    assert removed.interventions == plan.interventions
    back = edits.insert_item(removed, "interventions", moved.interventions[0], 0)
    assert back == moved


def test_a_key_that_differs_by_year_becomes_a_year_map(plan):
    from dataclasses import replace
    plan = edits.set_span(replace(plan), 2)
    motala = plan.members[2]
    changed = edits.set_year_value(plan, "members", motala.id, "key", 2027, 44000)
    assert changed.members[2].key == {2026: 43505, 2027: 44000}
    same = edits.set_year_value(changed, "members", motala.id, "key", 2027, 43505)
    assert same.members[2].key == 43505


def test_setting_the_opening_equity_clears_the_forecast_mark(plan):
    from dataclasses import replace
    forecast = replace(plan, equity=replace(plan.equity, opening=100, opening_is_forecast=True))
    assert not edits.set_opening_equity(forecast, 200).equity.opening_is_forecast
