"""Bad input: arbitrary text into every editable cell and setting, arbitrary JSON into import.

Nothing crashes, every refusal is a Swedish sentence, nothing invalid reaches
the file (it is re-read and validated as an import would), and undo still
takes the plan all the way back.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_desktop.domain import edits
from finsam_desktop.domain.exchange import plan_from_document, plan_to_document
from finsam_desktop.domain.money import MoneyError, parse_count, parse_money, parse_share
from finsam_desktop.domain.outcome import compute
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.exchange_file import loads_strict, plan_json_text
from finsam_desktop.ui.plan_model import PlanModel
from tests.conftest import plan_document

NASTY = ["", " ", "0", "-0", "−5", "1 234 567", "1 234 567 kr", "4 417,5 tkr", "1,5 mkr",
         "12,5 kr", "1e9", "NaN", "inf", "١٢٣", "２０", "0x10", "1_000", "999999999999999999999",
         "2026-02-30", "2026-13-01", "2026-1-1", "20 %", "120 %", "-0,1", "0,25", "\x00",
         "ä" * 500, "<b>Å & Ö</b>", "🙂", "\u202f1\u00a0000", "1 000 000 000 000", "kr", "tkr",
         "Staten (AF+FK)", "individ", "struktur", "Individinriktade insatser", "x" * 5000]
TEXT = st.one_of(st.sampled_from(NASTY), st.text(max_size=40),
                 st.from_regex(r"-?[0-9]{1,3}( [0-9]{3}){0,3}(,[0-9]{1,3})? ?(kr|tkr|mkr|%)?",
                               fullmatch=True))
SCALE = int(os.environ.get("FINSAM_FUZZ_SCALE", "1"))
"""Multiplies every example count here (FINSAM_FUZZ_SCALE=20 for a long hunt)."""
SLOW = settings(max_examples=120 * SCALE, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def assert_stored_plan_is_valid(model: PlanModel) -> None:
    """The file holds exactly the model's plan, and it passes the import's validation
    (lenient only about what the window allows while editing: shares that do not add up
    to 100 %, totals that do not fit the rounding; findings report those)."""
    with PlanDocument.open(model.document.path, read_only=True) as stored:
        assert stored.plan == model.plan
    checked = plan_from_document(json.loads(json.dumps(plan_to_document(model.plan))),
                                 lenient=True)
    assert plan_to_document(checked) == plan_to_document(model.plan)
    compute(model.plan)


def assert_swedish(message: str) -> None:
    assert isinstance(message, str) and message.strip()
    assert "Traceback" not in message and "Error" not in message


def undo_all(model: PlanModel) -> None:
    while model.undo_stack.canUndo():
        model.undo_stack.undo()


def _tables(model: PlanModel):
    from finsam_desktop.ui.tables import PlanTableModel
    from finsam_desktop.ui.tabs.budget_tab import line_columns
    from finsam_desktop.ui.tabs.goals_tab import goal_columns
    from finsam_desktop.ui.tabs.interventions_tab import intervention_columns
    from finsam_desktop.ui.tabs.members_tab import member_columns
    from finsam_desktop.ui.tabs.text_tab import section_columns
    return [PlanTableModel(model, collection, columns) for collection, columns in (
        ("members", member_columns), ("interventions", intervention_columns),
        ("other_income", line_columns), ("costs", line_columns), ("goals", goal_columns),
        ("sections", section_columns))]


@pytest.mark.parametrize("name", ["sjuharad-2025", "vastra-ostergotland-2026"])
def test_any_text_in_any_table_cell(name, plan_file, qtbot):
    """Typed through the real cell delegate: its editor, then setModelData, as on Enter."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit, QStyleOptionViewItem, QWidget

    from finsam_desktop.ui.delegates import CellDelegate
    path = plan_file(name)
    model = PlanModel(PlanDocument.open(path))
    original = model.plan
    tables = [t for t in _tables(model) if t.rowCount()]
    cells = [(t, c) for t in tables for c in range(t.columnCount())
             if t.flags(t.index(0, c)) & Qt.ItemFlag.ItemIsEditable]
    assert len(cells) >= 10
    delegate = CellDelegate()
    host = QWidget()
    qtbot.addWidget(host)
    accepted = []

    @SLOW
    @given(choice=st.integers(0, len(cells) - 1), row=st.integers(0, 10_000), text=TEXT)
    def type_into_a_cell(choice, row, text):
        table, column = cells[choice]
        if not table.rowCount():
            return
        index = table.index(row % table.rowCount(), column)
        before = model.plan
        shown_before = table.data(index)
        table.last_refusal = None
        editor = delegate.createEditor(host, QStyleOptionViewItem(), index)
        delegate.setEditorData(editor, index)
        if isinstance(editor, QLineEdit):
            editor.setText(text)
            editor.setModified(True)
            delegate.setModelData(editor, table, index)
        else:  # a choice list: pasted text goes straight to the model
            table.setData(index, text)
        editor.deleteLater()
        if model.plan is not before:
            accepted.append(text)
        else:  # refused or unchanged: the cell shows what it showed
            assert table.data(index) == shown_before
            if table.last_refusal:
                assert_swedish(table.last_refusal)
        assert_stored_plan_is_valid(model)

    type_into_a_cell()
    assert accepted, "no typed value was ever accepted: the test would not see a bad write"
    undo_all(model)
    assert model.plan == original
    assert_stored_plan_is_valid(model)
    model.close()


def _setting_edits(plan, text: str):
    """(label, make) for each plan-wide setting; make() parses `text` into
    (edit function, *args[, keywords]) or raises MoneyError."""
    year = plan.plan_year
    tries = [
        ("total", lambda: (edits.set_total, year, parse_money(text, plan.unit))),
        ("previous total", lambda: (edits.set_previous_total, parse_money(text, plan.unit))),
        ("opening", lambda: (edits.set_opening_equity, parse_money(text, plan.unit))),
        ("share", lambda: (edits.set_share, "region", parse_share(text))),
        ("precision", lambda: (edits.set_key_precision, parse_share(text))),
        ("rounding", lambda: (edits.set_rounding, parse_count(text))),
        ("span", lambda: (edits.set_span, parse_count(text))),
        ("unit", lambda: (edits.set_unit, text)),
        ("association", lambda: (edits.set_association, text)),
        ("decided", lambda: (edits.set_decided, text)),
    ]
    if plan.members:
        member = plan.members[-1]
        tries.append(("key", lambda: (edits.set_key, member.id, parse_count(text))))
    for rule in plan.equity.rules:  # the field the rules table edits for each kind
        if rule.kind == "min_amount":
            tries.append(("rule amount", lambda rule=rule: (
                edits.update_item, "rules", rule.id, {"amount": parse_money(text, plan.unit)})))
        else:
            tries.append(("rule share", lambda rule=rule: (
                edits.update_item, "rules", rule.id, {"share": parse_share(text)})))
    return tries


@pytest.mark.parametrize("name", ["skaraborg-2026", "sormland-2026"])
def test_any_text_in_any_setting(name, plan_file, qtbot):
    model = PlanModel(PlanDocument.open(plan_file(name)))
    original = model.plan

    @SLOW
    @given(text=TEXT, which=st.integers(0, 100))
    def type_a_setting(text, which):
        tries = _setting_edits(model.plan, text)
        label, make = tries[which % len(tries)]
        before = model.plan
        try:
            function, *args = make()
        except MoneyError as error:
            assert_swedish(str(error))
            return
        keywords = args.pop() if args and isinstance(args[-1], dict) else {}
        refused = model.edit(label, function, *args, **keywords).refusal
        if refused is not None:
            assert_swedish(refused)
            assert model.plan is before
        assert_stored_plan_is_valid(model)

    type_a_setting()
    undo_all(model)
    assert model.plan == original
    assert_stored_plan_is_valid(model)
    model.close()


# --- arbitrary JSON into import ------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**15, 10**15) | st.floats(allow_nan=False)
    | st.text(max_size=20) | st.sampled_from(["0.5", "municipality", "individ", "2026", "kr"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8) | st.sampled_from(["name", "kind", "key", "2026"]),
                      children, max_size=4),
    max_leaves=12)


def _paths(value, prefix=()):
    """Every path to a value inside a JSON document."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, prefix + (index,))


def _mutated(document, path, replacement, delete: bool):
    if not path:
        return replacement
    copy = json.loads(json.dumps(document))
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = replacement
    return copy


BASE = plan_document("sjuharad-2025")
BASE_PATHS = list(_paths(BASE))


def _import(tmp_path, document, capsys) -> None:
    from finsam_desktop.cli import main
    source = tmp_path / "in.json"
    target = tmp_path / "ut.finsam"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    if target.exists():
        target.unlink()
    code = main(["import", str(source), "-o", str(target)])
    out, err = capsys.readouterr()
    assert code in (0, 1)
    if code == 1:
        assert not target.exists()
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("finsam-desktop: ")
        return
    with PlanDocument.open(target, read_only=True) as document:
        again = plan_from_document(loads_strict(plan_json_text(document.plan)))
        assert plan_to_document(again) == plan_to_document(document.plan)
        compute(document.plan)


@settings(max_examples=150 * SCALE, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=JSON)
def test_import_of_arbitrary_json(document, tmp_path, capsys):
    _import(tmp_path, document, capsys)


@settings(max_examples=300 * SCALE, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(which=st.integers(0, len(BASE_PATHS) - 1), replacement=JSON, delete=st.booleans())
def test_import_of_a_plan_with_one_value_changed(which, replacement, delete, tmp_path, capsys):
    path = BASE_PATHS[which]
    _import(tmp_path, _mutated(BASE, path, replacement, delete and bool(path)), capsys)


def test_decimal_shares_from_text_stay_exact():
    assert parse_share("33,333 %") == Decimal("0.33333")
