"""The sorting and filtering proxy (`ui/sort_proxy.py`) behind the Insatser tab, driven
through the real tab: order of ties, selection through sorts and filters, edits through a
sorted and filtered view, rows that move or leave the filter when a cell changes."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from finsam_desktop.domain import edits
from finsam_desktop.ui.tables import ID_ROLE
from finsam_desktop.ui.tabs.interventions_tab import InterventionsTab

from .plan_models import show_tab

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def make_tab(model, qtbot):
    return show_tab(InterventionsTab, model, qtbot, active=True)


def shown_ids(tab) -> list[int]:
    return [tab.proxy.index(row, 0).data(ID_ROLE) for row in range(tab.proxy.rowCount())]


def cell(tab, row: int, key: str):
    return tab.proxy.index(row, tab.table.column_index(key))


def by_id(model, ident: int):
    return next(item for item in model.plan.interventions if item.id == ident)


def row_of_id(tab, ident: int) -> int:
    return shown_ids(tab).index(ident)


def selected_ids(tab) -> set[int]:
    return set(tab.view.selected_ids())


def test_equal_keys_keep_the_plan_order_in_both_directions(open_model, qtbot):
    """Sorting on the area puts each area's interventions in the plan's order, whatever was
    sorted before (Qt's proxy kept the previous sort's order among equal keys)."""
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    plan_order = [item.id for item in model.plan.interventions]
    areas = {item.id: item.area for item in model.plan.interventions}
    tab.view.sortByColumn(tab.table.column_index("name"), DESC)
    by_name = shown_ids(tab)
    individ = [ident for ident in plan_order if areas[ident] == "individ"]
    assert [i for i in by_name if areas[i] == "individ"] != individ  # names reorder them
    area = tab.table.column_index("area")
    for order in (ASC, DESC):
        tab.view.sortByColumn(area, order)
        shown = shown_ids(tab)
        labels = [tab.proxy.index(row, area).data() for row in range(len(shown))]
        assert labels == sorted(labels, key=tab.proxy.collator.sortKey, reverse=order == DESC)
        assert labels[0] != labels[-1]
        for name in set(areas.values()):
            assert [i for i in shown if areas[i] == name] == \
                [i for i in plan_order if areas[i] == name]
    tab.show_plan_order()
    assert shown_ids(tab) == plan_order


def test_selection_and_current_cell_follow_their_rows_through_sorts_and_filters(
        open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    view, selection = tab.view, tab.view.selectionModel()
    wanted = [model.plan.interventions[i].id for i in (1, 4, 7)]
    for ident in wanted:
        selection.select(cell(tab, row_of_id(tab, ident), "name"),
                         QItemSelectionModel.SelectionFlag.Select)
    current = wanted[1]
    selection.setCurrentIndex(cell(tab, row_of_id(tab, current), "amounts:2025"),
                              QItemSelectionModel.SelectionFlag.NoUpdate)
    for key, order in (("name", ASC), ("amounts:2025", DESC), ("area", ASC)):
        view.sortByColumn(tab.table.column_index(key), order)
        assert selected_ids(tab) == set(wanted), key
        assert view.current_id() == current
        assert view.currentIndex().column() == tab.table.column_index("amounts:2025")
    kept = by_id(model, current)
    tab.search.setText(kept.name)
    assert current in shown_ids(tab) and len(shown_ids(tab)) < len(model.plan.interventions)
    assert view.current_id() == current
    assert current in selected_ids(tab)
    tab.search.clear()
    assert view.current_id() == current


def test_an_edit_through_a_sorted_filtered_view_changes_the_row_shown(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    tab.area_filter.setCurrentIndex(tab.area_filter.findData("individ"))
    tab.view.sortByColumn(tab.table.column_index("amounts:2025"), DESC)
    ids = shown_ids(tab)
    assert len(ids) == 9 and ids != [i.id for i in model.plan.interventions if i.area == "individ"]
    target = ids[2]
    others = {i.id: i for i in model.plan.interventions if i.id != target}
    assert tab.proxy.setData(cell(tab, 2, "name"), "Ändrad insats")
    assert by_id(model, target).name == "Ändrad insats"
    assert {i.id: i for i in model.plan.interventions if i.id != target} == others
    # a paste into a sorted, filtered view lands on the rows shown there
    QGuiApplication.clipboard().setText("11\n22")
    tab.view.setCurrentIndex(cell(tab, 4, "owner"))
    pasted = shown_ids(tab)[4:6]
    assert tab.view.paste()
    assert [by_id(model, ident).owner for ident in pasted] == ["11", "22"]


def test_a_changed_cell_moves_its_row_and_the_selection_follows(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    column = tab.table.column_index("amounts:2025")
    tab.view.sortByColumn(column, ASC)
    first = shown_ids(tab)[0]
    tab.view.setCurrentIndex(cell(tab, 0, "amounts:2025"))
    assert tab.proxy.setData(cell(tab, 0, "amounts:2025"), "999 999")
    assert shown_ids(tab)[-1] == first  # the largest amount now
    assert tab.view.current_id() == first and tab.view.currentIndex().row() == \
        tab.proxy.rowCount() - 1
    amounts = [by_id(model, i).amounts.get(2025, 0) for i in shown_ids(tab)]
    assert amounts == sorted(amounts)
    model.undo_stack.undo()
    assert shown_ids(tab)[0] == first and tab.view.current_id() == first


def test_an_edit_that_leaves_the_search_hides_the_row_and_undo_brings_it_back(
        open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    tab.view.sortByColumn(tab.table.column_index("name"), DESC)
    tab.search.setText(", B")  # Bollebygd and Borås by name only
    before = shown_ids(tab)
    assert before and len(before) < len(model.plan.interventions)
    target = before[0]
    assert tab.proxy.setData(cell(tab, 0, "name"), "Zzz ingen träff")
    assert target not in shown_ids(tab) and len(shown_ids(tab)) == len(before) - 1
    assert not tab.proxy.accepts(by_id(model, target))
    model.undo_stack.undo()
    assert shown_ids(tab) == before


def test_a_change_of_many_rows_sorts_them_all_again(open_model, qtbot):
    """More rows than the proxy places one by one (a paste over 80 rows) re-sort at once."""
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)

    def add_many(plan):
        for _ in range(80):
            plan, _ident = edits.add_item(plan, "interventions")
        return plan
    assert model.edit("Nya insatser", add_many).ok
    column = tab.table.column_index("amounts:2026")
    tab.view.sortByColumn(column, DESC)
    count = tab.table.rowCount()
    cells = [(row, column, str(row * 7 % 83)) for row in range(count)]
    assert tab.table.set_cells("Klistra in", cells).ok
    amounts = [by_id(model, i).amounts.get(2026, 0) for i in shown_ids(tab)]
    assert len(amounts) == count and amounts == sorted(amounts, reverse=True)
    ties = [i for i in shown_ids(tab) if by_id(model, i).amounts.get(2026, 0) == 0]
    assert ties == sorted(ties, key=tab.table.row_of)  # plan order among equal amounts


def test_the_proxy_passes_qt_s_model_checks_while_sorted_filtered_and_edited(
        open_model, qtbot, qtmodeltester):
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    tab.view.sortByColumn(tab.table.column_index("name"), ASC)
    tab.search.setText("a")
    qtmodeltester.check(tab.proxy)
    assert tab.proxy.setData(cell(tab, 0, "name"), "Öppen verkstad")
    tab.view.sortByColumn(tab.table.column_index("amounts:2025"), DESC)
    tab.search.setText("")
    assert tab.rows.add() is not None
    model.undo_stack.undo()
    qtmodeltester.check(tab.proxy)


def test_an_edit_that_keeps_the_row_s_place_changes_no_layout(open_model, qtbot):
    """Only a row whose new value sorts elsewhere moves (a layout change repaints the view)."""
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    tab.view.sortByColumn(tab.table.column_index("amounts:2025"), ASC)
    ids = shown_ids(tab)
    below, target, above = (by_id(model, i).amounts.get(2025, 0) for i in ids[3:6])
    assert below < target < above
    with qtbot.assertNotEmitted(tab.proxy.layoutChanged):
        assert tab.proxy.setData(cell(tab, 4, "amounts:2025"), str((below + above) // 2000))
    assert shown_ids(tab) == ids
    with qtbot.waitSignal(tab.proxy.layoutChanged, timeout=0):
        assert tab.proxy.setData(cell(tab, 4, "amounts:2025"), "0")
    assert shown_ids(tab)[0] == ids[4]


def test_the_totals_follow_rows_that_enter_and_leave_the_search(open_model, qtbot):
    """The totals ask `accepts` of every intervention; the answers kept from the last
    filtering must not outlive an edit that moves a row in or out."""
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    tab.view.sortByColumn(tab.table.column_index("name"), DESC)
    tab.search.setText(", B")  # Bollebygd and Borås by name only

    def totals_say(count: int) -> None:
        shown = [i for i in model.plan.interventions if tab.proxy.accepts(i)]
        assert [i.id for i in shown] == sorted(shown_ids(tab), key=tab.table.row_of)
        assert len(shown) == count and f"Visas: {count} av 11 insatser" in tab.totals.text()
        money = sum(i.amounts.get(2025, 0) for i in shown) // 1000
        assert f"2025: {money:,} tkr".replace(",", "\u00a0") in tab.totals.text()
    totals_say(2)
    outside = next(i for i in model.plan.interventions if i.id not in shown_ids(tab))
    assert tab.table.setData(tab.table.index(tab.table.row_of(outside.id), 0), "Ny, Bygd")
    totals_say(3)
    assert tab.proxy.setData(cell(tab, 0, "name"), "Utanför sökningen")
    totals_say(2)
    assert tab.proxy.setData(cell(tab, 0, "amounts:2025"), "1 234")
    totals_say(2)
    for _ in range(3):
        model.undo_stack.undo()
    totals_say(2)


def test_the_count_of_shown_interventions_reads_in_swedish(open_model, qtbot):
    """Large counts are grouped as everywhere else ("1 111 av 50 000")."""
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)

    def add_many(plan):
        for _ in range(1200):
            plan, _ident = edits.add_item(plan, "interventions")  # "Ny insats 2" …
        return plan
    assert model.edit("Nya insatser", add_many).ok
    tab.search.setText("Ny insats")
    assert "Visas: 1\u00a0200 av 1\u00a0204 insatser" in tab.totals.text()
