"""Reading checks a whole column at a time and tells its progress; a refused value is
still named by its row and field exactly as the row-by-row read names it."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from benchmarks.synthetic import synthetic_plan
from finsam_desktop.storage import rows
from finsam_desktop.storage.errors import PlanFileError
from finsam_desktop.storage.planfile import connect, create, read_plan
from tests.conftest import PLAN_NAMES, load_plan

PLAN = synthetic_plan(municipalities=20, interventions=1200, span=3)


@pytest.fixture
def plan_path(tmp_path):
    path = tmp_path / "plan.finsam"
    create(path, PLAN)
    return path


def _read(path, progress=None):
    conn = connect(path, read_only=True)
    try:
        return read_plan(conn, path.name, progress)
    finally:
        conn.close()


def _row_by_row(monkeypatch):
    monkeypatch.setattr(rows, "_read_by_column", lambda *args: None)


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_the_column_read_gives_the_row_read_s_plan(name, tmp_path, monkeypatch):
    path = tmp_path / f"{name}.finsam"
    create(path, load_plan(name))
    fast = _read(path)
    _row_by_row(monkeypatch)
    slow = _read(path)
    assert fast == slow == load_plan(name)
    for mine, theirs in zip(fast.interventions, slow.interventions, strict=True):
        assert vars(mine) == vars(theirs)
        with pytest.raises(dataclasses.FrozenInstanceError):
            mine.name = "x"  # type: ignore[misc]


def test_progress_counts_every_row_once_in_order(plan_path):
    told: list[tuple[int, int]] = []
    assert _read(plan_path, lambda done, total: told.append((done, total))) == PLAN
    total = (len(PLAN.members) + len(PLAN.interventions) + len(PLAN.costs)
             + len(PLAN.other_income) + len(PLAN.equity.rules) + len(PLAN.goals)
             + len(PLAN.sections))
    assert told[0] == (0, total) and told[-1] == (total, total)
    assert all(t == total for _, t in told)
    assert [done for done, _ in told] == sorted(done for done, _ in told)
    assert len(told) > 10  # the interventions' columns tell it as they go


@pytest.mark.parametrize(("column", "value", "path"), [
    ("amounts", '{"2026": -5}', "interventions[700].amounts.2026"),
    ("owner", b"\x00", "interventions[700].owner"),
    ("name", "  ", "interventions[700].name"),
    ("start", "2026-13-01", "interventions[700].start"),
    ("area", "annat", "interventions[700].area"),
    ("participants", '{"1999": 3}', "interventions[700].participants.1999"),
])
def test_a_bad_value_deep_in_a_big_list_is_named_as_before(plan_path, monkeypatch, column,
                                                           value, path):
    conn = sqlite3.connect(plan_path)
    ident = PLAN.interventions[700].id
    conn.execute(f"UPDATE interventions SET [{column}] = ? WHERE id = ?", (value, ident))
    conn.commit()
    conn.close()
    with pytest.raises(PlanFileError) as fast:
        _read(plan_path)
    _row_by_row(monkeypatch)
    with pytest.raises(PlanFileError) as slow:
        _read(plan_path)
    assert str(fast.value) == str(slow.value)
    assert path in str(fast.value)



@pytest.mark.parametrize("raw", ['{"2026": 1000, "2027": 0}', "{}", '{"2026": 1.5}',
                                 '{"2026": NaN}', '{"2026": 1} ', ' {"2026": 1}',
                                 '{"2026": 1}{"2027": 2}', '{"2026": 1, "2026": 2}',
                                 '{"2026": ' + "9" * 5000 + "}", '{"a": {"b": {}}}',
                                 '{"2026": 1', '{"2026": -5}', '{"2031": 5}',
                                 "{" * 100_000 + "}" * 100_000, "[1]", "", "null", None])
def test_a_year_map_read_by_the_scanner_reads_as_the_json_reader_does(raw, monkeypatch):
    from finsam_desktop.storage import codecs

    def read():
        try:
            return codecs.year_map(raw, "amounts", codecs.Context((2026, 2027)))
        except codecs.RowError as error:
            return error.path, error.message
    fast = read()
    monkeypatch.setattr(codecs, "_flat_object", lambda raw: None)  # the JSON reader only
    assert fast == read()
