"""The plan's own area names (Dokument's labels) are what the window shows, as the report
prints them: in the Insatser table, its filter, its groups and the Budget tab's economy."""

from __future__ import annotations

from PySide6.QtCore import Qt

from finsam_desktop.domain import document_edits as de
from finsam_desktop.ui.document_outline import run_edit
from finsam_desktop.ui.tabs.budget_tab import BudgetTab

from .plan_models import show_tab
from .test_interventions_grouping import group_by, subtotals
from .test_interventions_tab import make_tab, view_cell


def economy_labels(budget) -> list[str]:
    return [budget.economy.headerData(row, Qt.Orientation.Vertical)
            for row in range(budget.economy.rowCount())]


def area_texts(tab) -> set[str]:
    return {view_cell(tab, row, "area").data() for row in range(tab.proxy.rowCount())}


def test_the_window_names_areas_as_the_plan_does_and_follows_a_rename(open_model, qtbot):
    model = open_model("sjuharad-2025")  # Individinriktat / Strukturövergripande
    tab = make_tab(model, qtbot)
    budget = show_tab(BudgetTab, model, qtbot)
    assert area_texts(tab) == {"Individinriktat", "Strukturövergripande"}
    filters = [tab.area_filter.itemText(i) for i in range(tab.area_filter.count())]
    assert filters[1:3] == ["Individinriktat", "Strukturövergripande"]
    group_by(tab, "area")
    assert set(subtotals(tab)) == {"Individinriktat", "Strukturövergripande"}
    assert {"Individinriktat", "Strukturövergripande"} <= set(economy_labels(budget))
    tab.search.setText("individinriktat")
    assert tab.proxy.rowCount() == 9

    refusal, _ = run_edit(model, "Ändra områdets namn", de.set_area_label, "individ",
                          "Individstöd")
    assert refusal is None
    assert tab.proxy.rowCount() == 0  # the search looks for the plan's names
    model.undo_stack.undo()
    assert tab.proxy.rowCount() == 9
    tab.search.clear()

    refusal, _ = run_edit(model, "Ändra områdets namn", de.set_area_label, "individ",
                          "Individstöd")
    assert refusal is None
    assert "Individstöd" in area_texts(tab)
    assert "Individstöd" in subtotals(tab)
    assert tab.area_filter.itemText(1) == "Individstöd"
    assert "Individstöd" in economy_labels(budget)
    model.undo_stack.undo()
    assert "Individinriktat" in area_texts(tab) and "Individstöd" not in area_texts(tab)
    assert tab.area_filter.itemText(1) == "Individinriktat"
    assert "Individinriktat" in economy_labels(budget)


def test_a_typed_area_is_read_by_the_plans_name(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    row = next(r for r in range(tab.proxy.rowCount())
               if view_cell(tab, r, "area").data() == "Individinriktat")
    assert tab.proxy.setData(view_cell(tab, row, "area"), "strukturövergripande")
    assert view_cell(tab, row, "area").data() == "Strukturövergripande"


def test_the_shown_totals_follow_a_renamed_area_into_the_search(open_model, qtbot):
    """A rename changes which rows the search shows while every intervention stays the same
    object: the totals under the table must count what it shows."""
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    tab.search.setText("zzqx")
    assert tab.proxy.rowCount() == 0 and "Visas: 0 av 11 insatser" in tab.totals.text()
    refusal, _ = run_edit(model, "Ändra områdets namn", de.set_area_label, "individ",
                          "Zzqx-område")
    assert refusal is None
    assert tab.proxy.rowCount() == 9
    assert "Visas: 9 av 11 insatser" in tab.totals.text()
    model.undo_stack.undo()
    assert tab.proxy.rowCount() == 0 and "Visas: 0 av 11 insatser" in tab.totals.text()
