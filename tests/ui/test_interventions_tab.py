"""The Insatser tab driven like a user, on real .finsam files."""

from __future__ import annotations

from PySide6.QtCore import Qt

from finsam_desktop.domain.money import format_money
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.ui.tables import ID_ROLE
from finsam_desktop.ui.tabs.budget_tab import BudgetTab
from finsam_desktop.ui.tabs.interventions_tab import InterventionsTab

from .plan_models import show_tab

NBSP = "\u00a0"


def make_tab(model, qtbot):
    return show_tab(InterventionsTab, model, qtbot, active=True)


def economy_text(budget, label, year):
    row = budget.economy.row_of(label)
    column = budget.model.plan.years.index(year)
    return budget.economy.data(budget.economy.index(row, column))


def view_cell(tab, row, key):
    return tab.proxy.index(row, tab.table.column_index(key))


def shown_names(tab):
    return [view_cell(tab, row, "name").data() for row in range(tab.proxy.rowCount())]


def test_new_intervention_moves_result_and_every_later_equity(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = make_tab(model, qtbot)
    budget = BudgetTab(model)
    qtbot.addWidget(budget)
    years = model.plan.years
    assert years == (2026, 2027, 2028)
    result_before = economy_text(budget, "Årets resultat", 2026)
    equity_before = {y: economy_text(budget, "Utgående eget kapital", y) for y in years}
    rows_before = tab.proxy.rowCount()

    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.proxy.rowCount() == rows_before + 1
    new_id = tab.view.current_id()
    row = tab.view.currentIndex().row()
    tab.view.closePersistentEditor(tab.view.currentIndex())
    assert tab.proxy.setData(view_cell(tab, row, "name"), "Unga till arbete")
    assert tab.proxy.setData(view_cell(tab, row, "amounts:2026"), "500 000 kr")

    assert economy_text(budget, "Årets resultat", 2026) != result_before
    expected_result = model.outcome.years[2026].result
    assert economy_text(budget, "Årets resultat", 2026) == format_money(expected_result)
    for year in years:  # the 2026 money lowers every later year's closing equity
        now = economy_text(budget, "Utgående eget kapital", year)
        assert now != equity_before[year]
        assert now == format_money(model.outcome.years[year].closing_equity)
    with PlanDocument.open(model.document.path, read_only=True) as written:
        assert any(i.id == new_id and i.amounts == {2026: 500_000}
                   for i in written.plan.interventions)

    while model.undo_stack.canUndo():
        model.undo_stack.undo()
    assert economy_text(budget, "Årets resultat", 2026) == result_before
    assert {y: economy_text(budget, "Utgående eget kapital", y) for y in years} == equity_before
    assert tab.proxy.rowCount() == rows_before


def test_bad_input_is_refused_and_nothing_is_written(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = make_tab(model, qtbot)
    path = model.document.path
    bytes_before = path.read_bytes()
    for key, text, words in (("amounts:2026", "abc", "inget belopp"),
                             ("participants:2027", "-5", "negativt"),
                             ("start", "2026-13-01", "inget datum")):
        index = view_cell(tab, 0, key)
        old = index.data()
        assert not tab.proxy.setData(index, text)
        assert index.data() == old
        assert words in tab.message.text()
        assert tab.message.isVisibleTo(tab)
    assert model.undo_stack.count() == 0
    assert path.read_bytes() == bytes_before


def test_filters_by_text_area_and_municipality_with_totals(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    plan = model.plan
    everything = tab.proxy.rowCount()
    assert everything == len(plan.interventions)
    assert f"{everything} av {everything}" in tab.totals.text()

    area = plan.interventions[0].area
    tab.area_filter.setCurrentIndex(tab.area_filter.findData(area))
    wanted = [i for i in plan.interventions if i.area == area]
    assert tab.proxy.rowCount() == len(wanted) < everything
    year = plan.years[0]
    assert format_money(sum(i.amounts.get(year, 0) for i in wanted), plan.unit) in \
        tab.totals.text()
    tab.area_filter.setCurrentIndex(0)

    target = plan.interventions[3]
    tab.search.setText(target.name[:6].upper())
    assert target.name in shown_names(tab)
    assert tab.proxy.rowCount() < everything
    tab.search.clear()
    municipalities = {i.municipality for i in plan.interventions if i.municipality}
    if municipalities:
        name = sorted(municipalities)[0]
        tab.municipality_filter.setCurrentIndex(tab.municipality_filter.findData(name))
        assert tab.proxy.rowCount() == sum(i.municipality == name for i in plan.interventions)


def test_sorts_money_as_numbers_and_names_in_swedish_order(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    year = model.plan.years[0]
    column = tab.table.column_index(f"amounts:{year}")
    tab.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    amounts = [model.plan.interventions[tab.table.row_of(
        tab.proxy.index(r, 0).data(ID_ROLE))].amounts.get(year, 0)
        for r in range(tab.proxy.rowCount())]
    assert amounts == sorted(amounts)
    # Swedish collation puts Å before Ä before Ö, and after Z (CI's "C" locale would not)
    names = ["Örebro", "Ängen", "Åsen", "Zeta", "alfa"]
    for row, name in enumerate(names):
        assert tab.proxy.setData(view_cell(tab, row, "name"), name)
    tab.view.sortByColumn(tab.table.column_index("name"), Qt.SortOrder.AscendingOrder)
    ordered = [n for n in shown_names(tab) if n in names]
    assert ordered == ["alfa", "Zeta", "Åsen", "Ängen", "Örebro"]


def test_insert_delete_move_and_select_item(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    first, second = model.plan.interventions[0], model.plan.interventions[1]
    tab.select_item(second.id)
    assert tab.view.current_id() == second.id
    assert shown_names(tab) == [i.name for i in model.plan.interventions]  # plan order
    tab.view.sortByColumn(tab.table.column_index("name"), Qt.SortOrder.DescendingOrder)
    tab.select_item(second.id)
    tab.move_current(-1)
    assert [i.id for i in model.plan.interventions[:2]] == [second.id, first.id]
    assert shown_names(tab) == [i.name for i in model.plan.interventions]  # back to plan order
    assert tab.view.current_id() == second.id
    count = len(model.plan.interventions)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Insert)
    assert len(model.plan.interventions) == count + 1
    tab.view.closePersistentEditor(tab.view.currentIndex())
    qtbot.wait(10)
    tab.select_item(first.id)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)  # Ta bort rad
    assert first.id not in [i.id for i in model.plan.interventions]
    model.undo_stack.undo()
    assert first.id in [i.id for i in model.plan.interventions]
    # a filtered-away row is still found: the filter is cleared
    tab.search.setText("zzzz-ingen-träff")
    assert tab.proxy.rowCount() == 0
    tab.select_item(first.id)
    assert tab.view.current_id() == first.id
    assert tab.search.text() == ""
