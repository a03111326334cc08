"""The overview tab on its own: settings through the model, refusals, forecast, rules."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from finsam_desktop.domain.money import NBSP
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.planfile import create
from finsam_desktop.ui.plan_model import PlanModel
from finsam_desktop.ui.tabs.overview_tab import FIGURES, OverviewTab

from ..conftest import load_plan
from .plan_models import show_tab

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("This plugin does not support")]


def make_tab(model, qtbot) -> OverviewTab:
    return show_tab(OverviewTab, model, qtbot, in_window=True)


def type_in(field, text: str) -> None:
    field.setText(text)
    field.setModified(True)
    field.editingFinished.emit()


def figure(tab, name: str, column: int = 0) -> str:
    row = [attribute for attribute, _ in FIGURES].index(name)
    return tab.figures_model.index(row, column).data()


def rule_cell(tab, row: int, key: str):
    return tab.rules_table.index(row, tab.rules_table.column_index(key))


def test_shows_the_plan_and_its_key_figures(open_model, qtbot, qtmodeltester):
    tab = make_tab(open_model("sormland-2026"), qtbot)
    assert tab.fields["association"].text() == "Samordningsförbundet Sörmland"
    assert tab.plan_year.text() == "2026"
    assert tab.span.value() == 3
    assert [tab.fields[f"total_{y}"].text() for y in (2026, 2027, 2028)] == [f"16{NBSP}000{NBSP}000"] * 3
    assert tab.fields["share_state"].text() == f"50{NBSP}%"
    assert tab.figures_model.columnCount() == 3
    assert figure(tab, "contributions_total") == f"16{NBSP}000{NBSP}000{NBSP}kr"
    assert figure(tab, "opening_equity") == f"9{NBSP}632{NBSP}000{NBSP}kr"
    qtmodeltester.check(tab.figures.model())


def test_a_new_total_recalculates_and_undo_restores(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = make_tab(model, qtbot)
    before = figure(tab, "closing_equity", 2)
    type_in(tab.fields["total_2026"], "17 000 000 kr")
    assert model.plan.contributions.totals[2026] == 17_000_000
    assert figure(tab, "contributions_total") == f"17{NBSP}000{NBSP}000{NBSP}kr"
    assert figure(tab, "closing_equity", 2) != before
    model.undo_stack.undo()
    assert tab.fields["total_2026"].text() == f"16{NBSP}000{NBSP}000"
    assert figure(tab, "closing_equity", 2) == before


def test_letters_in_an_amount_are_refused_at_the_field(open_model, plan_file, qtbot):
    model = open_model("sormland-2026")
    path = model.document.path
    before = path.read_bytes()
    tab = make_tab(model, qtbot)
    field = tab.fields["total_2026"]
    type_in(field, "abc")
    assert "”abc” är inget belopp" in tab.message.text()
    assert tab.message.isVisibleTo(tab)
    assert field.text() == f"16{NBSP}000{NBSP}000"
    assert "inget belopp" in field.toolTip()
    assert "b00020" in field.styleSheet()
    assert path.read_bytes() == before
    assert model.undo_stack.count() == 0
    type_in(field, "15 000 000")
    assert field.styleSheet() == "" and tab.message.text() == ""
    assert not tab.message.isVisibleTo(tab)


def test_a_share_and_the_unit(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = make_tab(model, qtbot)
    type_in(tab.fields["share_region"], "30 %")
    assert model.plan.contributions.shares.region == Decimal("0.30")
    assert any(f.code == "shares_do_not_sum" for f in model.outcome.findings)
    tab.unit.setCurrentIndex(tab.unit.findData("tkr"))
    tab.unit.activated.emit(tab.unit.currentIndex())
    assert model.plan.unit == "tkr"
    assert tab.fields["total_2026"].text() == f"16{NBSP}000"
    assert figure(tab, "contributions_total") == f"16{NBSP}000{NBSP}tkr"


def test_forecast_marker_follows_the_plan(tmp_path, qtbot):
    plan = load_plan("sormland-2026")
    plan = replace(plan, equity=replace(plan.equity, opening_is_forecast=True))
    path = tmp_path / "prognos.finsam"
    create(path, plan)
    model = PlanModel(PlanDocument.open(path))
    try:
        tab = make_tab(model, qtbot)
        assert tab.forecast.isVisible()
        type_in(tab.fields["opening_equity"], "9 700 000")
        assert model.plan.equity.opening == 9_700_000
        assert not tab.forecast.isVisible()
    finally:
        model.close()


def test_rules_can_be_added_edited_and_removed(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = make_tab(model, qtbot)
    assert tab.rules_table.rowCount() == 0
    tab.add_rule.click()
    assert tab.rules_table.rowCount() == 1
    tab.rules_table.setData(rule_cell(tab, 0, "value"), "2 000 000")
    assert model.plan.equity.rules[0].amount == 2_000_000
    assert rule_cell(tab, 0, "value").data() == f"2{NBSP}000{NBSP}000{NBSP}kr"
    tab.rules_table.setData(rule_cell(tab, 0, "value"), "två miljoner")
    assert "inget belopp" in tab.message.text()
    assert model.plan.equity.rules[0].amount == 2_000_000
    tab.rules_table.setData(rule_cell(tab, 0, "kind"), "max_share")
    assert model.plan.equity.rules[0].kind == "max_share"
    tab.rules_table.setData(rule_cell(tab, 0, "value"), "20 %")
    assert model.plan.equity.rules[0].share == Decimal("0.20")
    tab.select_item(model.plan.equity.rules[0].id)
    assert tab.rules.currentIndex().row() == 0
    tab.remove_rule.click()
    assert model.plan.equity.rules == ()
