"""Writing a plan's rows: what an edit changed, and no more (an insertion at the top of a
large plan moves every row below it by one, in one statement)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam_desktop.domain import edits
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.rows import RowWrites, row_writes


def _with_new(plan, position: int):
    items = plan.interventions
    new = replace(items[0], id=10**6, name="Ny insats")  # an id no row of the file has
    return new, (*items[:position], new, *items[position:])


def test_an_insertion_writes_one_row_and_shifts_the_rest(plan_file):
    with PlanDocument.open(plan_file("sjuharad-2025")) as document:
        old = document.plan.interventions
    new_item, new = _with_new(document.plan, 2)
    assert row_writes(old, new) == RowWrites([(2, new_item)], [], [], (2, 1))
    assert row_writes(new, old) == RowWrites([], [], [new_item.id], (3, -1))  # its undo
    at_end = (*old, new_item)
    assert row_writes(old, at_end) == RowWrites([(len(old), new_item)], [], [])
    assert row_writes(at_end, old) == RowWrites([], [], [new_item.id])


def test_a_row_put_in_while_another_moved_is_no_shift(plan_file):
    with PlanDocument.open(plan_file("sjuharad-2025")) as document:
        old = document.plan.interventions
    new_item = _with_new(document.plan, 0)[0]
    new = (old[1], new_item, old[0], *old[2:])
    assert row_writes(old, new) == RowWrites(
        [(1, new_item)],
        [(0, old[1].id), (2, old[0].id), *((p + 1, item.id) for p, item in enumerate(old) if p >= 2)],
        [])


def test_a_changed_and_moved_row_is_written_whole(plan_file):
    with PlanDocument.open(plan_file("sjuharad-2025")) as document:
        old = document.plan.interventions
    changed = replace(old[0], name="Nytt namn")
    whole, moved, _, shift = row_writes(old, (*old[1:], changed))
    assert shift is None
    assert whole == [(len(old) - 1, changed)]
    assert [ident for _, ident in moved] == [item.id for item in old[1:]]


def test_inserting_at_the_top_of_a_large_plan_is_two_statements(tmp_path):
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
    assert len(whole) == 1 and len(moved) == 1
    with PlanDocument.open(path, read_only=True) as document:
        assert document.plan.interventions == items
    assert _positions(path, "interventions") == list(range(2001))


def _positions(path, table: str, where: str = "1") -> list[int]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute(
            f"SELECT position FROM {table} WHERE {where} ORDER BY position")]


@pytest.mark.parametrize("part", ["costs", "other_income"])
@pytest.mark.parametrize("at", [0, 1, -1])
def test_adding_and_removing_a_line_shifts_only_its_own_list(plan_file, part, at):
    """Costs and other income share one table: a shift moves one list's rows alone."""
    path = plan_file("sormland-2026")  # one other income, three costs
    with PlanDocument.open(path) as doc:
        plan = doc.plan
        before = {table: _positions(path, "lines", f"section = '{table}'")
                  for table in ("cost", "income")}
        rows = getattr(plan, part)
        added = replace(rows[0], id=plan.next_id(), name="Ny rad")
        index = len(rows) if at == -1 else at
        grown = (*rows[:index], added, *rows[index:])
        doc.commit(replace(plan, **{part: grown}))
        section = "cost" if part == "costs" else "income"
        other = "income" if section == "cost" else "cost"
        assert _positions(path, "lines", f"section = '{section}'") == list(range(len(grown)))
        assert _positions(path, "lines", f"section = '{other}'") == before[other]
        doc.commit(replace(doc.plan, **{part: rows}))
    with PlanDocument.open(path, read_only=True) as document:
        assert getattr(document.plan, part) == rows
    assert _positions(path, "lines", f"section = '{section}'") == before[section]


@settings(max_examples=40, deadline=None)
@given(steps=st.lists(st.tuples(st.sampled_from(("add", "remove", "move", "back")),
                                st.integers(0, 10**6)), max_size=12))
def test_any_run_of_adds_removals_moves_and_undo_reads_back_as_written(tmp_path_factory, steps):
    """Whatever the order of edits and undos, the file holds the plan, positions 0..n-1."""
    from tests.conftest import load_plan
    path = tmp_path_factory.mktemp("rader") / "plan.finsam"
    history = [load_plan("sjuharad-2025")]
    with PlanDocument.create(path, history[0]) as doc:
        for kind, number in steps:
            plan = history[-1]
            rows = plan.interventions
            if kind == "add":
                plan = edits.add_item(plan, "interventions", number % (len(rows) + 1))[0]
            elif kind == "remove" and rows:
                plan = edits.remove_item(plan, "interventions", rows[number % len(rows)].id)
            elif kind == "move" and rows:
                plan = edits.move_item(plan, "interventions", rows[number % len(rows)].id,
                                       (number // 7) % len(rows))
            elif kind == "back":  # undo to an earlier state, as the undo view's click
                plan = history[number % len(history)]
            history.append(plan)
            doc.commit(plan)
    with PlanDocument.open(path, read_only=True) as document:
        assert document.plan.interventions == history[-1].interventions
    assert _positions(path, "interventions") == list(range(len(history[-1].interventions)))
