"""Writing a plan's rows: what an edit changed, and no more (an insertion at the top of a
large plan moves every row below it, which then get their position alone)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.rows import row_writes


def _with_new(plan, position: int):
    items = plan.interventions
    new = replace(items[0], id=10**6, name="Ny insats")  # an id no row of the file has
    return new, (*items[:position], new, *items[position:])


def test_an_insertion_writes_one_row_and_moves_the_rest_by_position(plan_file):
    with PlanDocument.open(plan_file("sjuharad-2025")) as document:
        old = document.plan.interventions
    new_item, new = _with_new(document.plan, 2)
    whole, moved, removed = row_writes(old, new)
    assert whole == [(2, new_item)] and removed == []
    assert moved == [(position + 1, item.id) for position, item in enumerate(old) if position >= 2]
    whole, moved, removed = row_writes(new, old)  # and its undo: a removal
    assert whole == [] and removed == [new_item.id]
    assert moved == [(position, item.id) for position, item in enumerate(old) if position >= 2]


def test_a_changed_and_moved_row_is_written_whole(plan_file):
    with PlanDocument.open(plan_file("sjuharad-2025")) as document:
        old = document.plan.interventions
    changed = replace(old[0], name="Nytt namn")
    whole, moved, _ = row_writes(old, (*old[1:], changed))
    assert whole == [(len(old) - 1, changed)]
    assert [ident for _, ident in moved] == [item.id for item in old[1:]]


def test_inserting_at_the_top_of_a_large_plan_rewrites_one_row(tmp_path):
    from benchmarks.synthetic import synthetic_plan
    path = tmp_path / "stor.finsam"
    statements: list[str] = []
    with PlanDocument.create(path, synthetic_plan(municipalities=30, interventions=2000)) as doc:
        plan = doc.plan
        new_item, items = _with_new(plan, 0)
        doc._conn.set_trace_callback(statements.append)
        doc.commit(replace(plan, interventions=items))
        doc._conn.set_trace_callback(None)
    whole = [s for s in statements if s.startswith('INSERT OR REPLACE INTO "interventions"')]
    moved = [s for s in statements if s.startswith('UPDATE "interventions" SET position')]
    assert len(whole) == 1 and len(moved) == 2000
    with PlanDocument.open(path, read_only=True) as document:
        assert document.plan.interventions == items
    with sqlite3.connect(path) as conn:
        positions = [row[0] for row in conn.execute(
            "SELECT position FROM interventions ORDER BY position")]
    assert positions == list(range(2001))
