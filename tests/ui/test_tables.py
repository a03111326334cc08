"""The generic plan table model: Qt's model checker, display, edits, refusals, refresh."""

from __future__ import annotations

from PySide6.QtCore import Qt

from finsam_desktop.domain import edits
from finsam_desktop.domain.money import format_money, to_tkr
from finsam_desktop.domain.plan import AREA_LABELS
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.ui.tables import (
    COMPUTED_ROLE,
    SORT_ROLE,
    PlanTableModel,
    choice_column,
    computed_money_column,
    date_column,
    text_column,
    year_count_column,
    year_money_column,
)

NBSP = "\u00a0"


def intervention_columns(plan):
    columns = [text_column("name", "Namn"), choice_column("area", "Område", AREA_LABELS),
               date_column("start", "Start")]
    for year in plan.years:
        columns.append(year_money_column("amounts", year))
        columns.append(year_count_column("participants", year, f"Delt. {year}"))
    columns.append(computed_money_column(
        "total", "Summa", lambda item, m: sum(item.amounts.values())))
    return columns


def table(model):
    return PlanTableModel(model, "interventions", intervention_columns)


def cell(tab, row, key):
    return tab.index(row, tab.column_index(key))


def test_qt_model_checker_passes(open_model, qtmodeltester):
    tab = table(open_model("sormland-2026"))
    qtmodeltester.check(tab)


def test_money_is_formatted_text_and_sorts_on_numbers(open_model):
    model = open_model("sormland-2026")
    tab = table(model)
    first = model.plan.interventions[0]
    index = cell(tab, 0, "amounts:2026")
    shown = tab.data(index)
    assert isinstance(shown, str)
    assert shown.replace(NBSP, "").replace("\u2212", "-") == str(first.amounts[2026])
    assert tab.data(index, SORT_ROLE) == first.amounts[2026]
    assert tab.headerData(index.column(), Qt.Orientation.Horizontal) == "2026"


def test_tkr_plan_shows_thousands(open_model):
    model = open_model("sjuharad-2025")
    tab = table(model)
    item = model.plan.interventions[0]
    year, amount = next(iter(item.amounts.items()))
    text = tab.data(cell(tab, 0, f"amounts:{year}"))
    assert text.replace(NBSP, "").replace(",", ".") == str(to_tkr(amount)).removesuffix(".0")
    assert tab.data(cell(tab, 0, f"amounts:{year}"), SORT_ROLE) == amount


def test_tkr_editor_text_is_exact_and_tkr_input_is_thousands(open_model):
    model = open_model("sjuharad-2025")
    tab = table(model)
    index = cell(tab, 0, f"amounts:{model.plan.years[1]}")
    assert tab.setData(index, "1 234,567")
    assert model.plan.interventions[0].amounts[model.plan.years[1]] == 1234567
    assert tab.data(index, Qt.ItemDataRole.EditRole) == f"1{NBSP}234,567"
    assert tab.data(index) == f"1{NBSP}234,6"


def test_edit_writes_the_file_and_refreshes(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = table(model)
    index = cell(tab, 0, "amounts:2027")
    with qtbot.waitSignal(tab.dataChanged):
        assert tab.setData(index, "1 234 567 kr")
    assert tab.data(index) == f"1{NBSP}234{NBSP}567"
    ident = model.plan.interventions[0].id
    with PlanDocument.open(model.document.path, read_only=True) as again:
        assert edits.find(again.plan, "interventions", ident).amounts[2027] == 1234567


def test_refused_edit_keeps_old_value_and_says_why(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = table(model)
    before = model.plan
    for key, text in (("amounts:2026", "abc"), ("participants:2026", "-5"),
                      ("start", "2026-13-01")):
        index = cell(tab, 0, key)
        old = tab.data(index)
        with qtbot.waitSignal(tab.refused) as signal:
            assert not tab.setData(index, text)
        assert signal.args[0] and signal.args[1] == index
        assert tab.data(index) == old
    assert model.plan is before
    assert model.undo_stack.count() == 0
    assert "datum" in tab.last_refusal


def test_computed_cells_are_read_only_and_grey(open_model):
    tab = table(open_model("sormland-2026"))
    index = cell(tab, 0, "total")
    assert not tab.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert tab.data(index, COMPUTED_ROLE)
    assert tab.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert tab.flags(cell(tab, 0, "name")) & Qt.ItemFlag.ItemIsEditable
    assert tab.data(cell(tab, 0, "name"), Qt.ItemDataRole.BackgroundRole) is None


def test_cell_edit_does_not_reset_but_row_add_does(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = table(model)
    resets = []
    tab.modelReset.connect(lambda: resets.append(1))
    tab.setData(cell(tab, 1, "name"), "Nytt namn")
    assert resets == []
    assert tab.data(cell(tab, 1, "name")) == "Nytt namn"
    model.edit("Ny insats", edits.add_item, "interventions")
    assert resets == [1]
    assert tab.rowCount() == len(model.plan.interventions)
    model.undo_stack.undo()
    assert tab.rowCount() == len(model.plan.interventions)
    model.undo_stack.undo()
    assert tab.data(cell(tab, 1, "name")) != "Nytt namn"


def test_same_value_makes_no_undo_step(open_model):
    model = open_model("sormland-2026")
    tab = table(model)
    index = cell(tab, 0, "amounts:2026")
    assert tab.setData(index, tab.data(index, Qt.ItemDataRole.EditRole))
    assert model.undo_stack.count() == 0


def test_choice_accepts_key_or_label(open_model):
    model = open_model("sormland-2026")
    tab = table(model)
    index = cell(tab, 0, "area")
    assert tab.setData(index, "struktur")
    assert model.plan.interventions[0].area == "struktur"
    assert tab.setData(index, AREA_LABELS["ovrigt"])
    assert model.plan.interventions[0].area == "ovrigt"
    assert not tab.setData(index, "nonsens")


def test_read_only_document_has_no_editable_cells(plan_file, qtbot):
    from finsam_desktop.ui.plan_model import PlanModel
    path = plan_file("sormland-2026")
    with PlanDocument.open(path, read_only=True) as document:
        tab = table(PlanModel(document))
        assert not tab.flags(tab.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
        assert not tab.setData(tab.index(0, 0), "x")
        assert tab.last_refusal


def test_unit_change_redisplays_every_amount_without_reset(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = table(model)
    index = cell(tab, 0, "amounts:2026")
    resets = []
    tab.modelReset.connect(lambda: resets.append(1))
    assert model.edit("Enhet", edits.set_unit, "tkr").ok
    assert resets == []
    assert tab.data(index) == format_money(model.plan.interventions[0].amounts[2026], "tkr")
