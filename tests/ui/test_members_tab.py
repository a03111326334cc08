"""The members tab on its own: columns, Qt's model checks, Insert/Delete, navigation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from finsam_desktop.domain.money import NBSP
from finsam_desktop.ui.tabs.members_tab import MembersTab

from .plan_models import show_tab

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("This plugin does not support")]


def make_tab(model, qtbot) -> MembersTab:
    return show_tab(MembersTab, model, qtbot, active=True, in_window=True)


def row_texts(tab, key: str) -> list[str]:
    column = tab.table.column_index(key)
    return [tab.proxy.index(row, column).data() for row in range(tab.proxy.rowCount())]


def test_columns_show_keys_shares_and_contributions(open_model, qtbot, qtmodeltester):
    tab = make_tab(open_model("vastra-ostergotland-2026"), qtbot)
    qtmodeltester.check(tab.table)
    qtmodeltester.check(tab.proxy)
    headers = [tab.table.headerData(i, Qt.Orientation.Horizontal) for i in
               range(tab.table.columnCount())]
    assert headers == ["Namn", "Slag", "Folkmängd", "Källa för nyckeln", "Andel", "Avgift 2026",
                       "Fjolåret", "Förändring"]
    assert row_texts(tab, "name")[2] == "Motala kommun"
    assert row_texts(tab, "key:None")[2] == f"43{NBSP}505"
    assert row_texts(tab, "contribution:2026")[:3] == [
        f"4{NBSP}292{NBSP}000", f"2{NBSP}146{NBSP}000", f"1{NBSP}032{NBSP}226"]
    assert row_texts(tab, "share")[0] == f"50{NBSP}%"
    assert "8\u00a0584\u00a0000" in tab.total.text()
    computed = tab.table.index(0, tab.table.column_index("contribution:2026"))
    assert not tab.table.flags(computed) & Qt.ItemFlag.ItemIsEditable
    assert tab.table.data(computed, Qt.ItemDataRole.BackgroundRole) is not None


def test_multi_year_plan_has_a_contribution_column_per_year(open_model, qtbot, qtmodeltester):
    model = open_model("sormland-2026")
    tab = make_tab(model, qtbot)
    qtmodeltester.check(tab.table)
    keys = [tab.table.column(i).key for i in range(tab.table.columnCount())]
    assert [k for k in keys if k.startswith("contribution:")] == [
        "contribution:2026", "contribution:2027", "contribution:2028"]


def test_insert_adds_a_municipality_and_delete_removes_it_undoably(open_model, qtbot):
    model = open_model("vastra-ostergotland-2026")
    tab = make_tab(model, qtbot)
    tab.view.setFocus()
    tab.view.setCurrentIndex(tab.proxy.index(6, 0))
    qtbot.keyClick(tab.view, Qt.Key.Key_Insert)
    editor = tab.view.focusWidget()
    if editor is not tab.view:  # the new row's name opens for typing
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert len(model.plan.members) == 8
    assert row_texts(tab, "name")[7] == "Ny kommun"
    assert row_texts(tab, "kind")[7] == "Kommun"

    tab.view.setFocus()
    tab.view.setCurrentIndex(tab.proxy.index(7, 0))
    tab.view.selectRow(7)
    qtbot.keyClick(tab.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)  # Ta bort rad
    assert [m.name for m in model.plan.members][-1] == "Ödeshögs kommun"
    assert tab.proxy.rowCount() == 7
    model.undo_stack.undo()
    assert tab.proxy.rowCount() == 8


def test_a_duplicate_name_is_refused_at_the_cell(open_model, qtbot):
    model = open_model("vastra-ostergotland-2026")
    tab = make_tab(model, qtbot)
    index = tab.proxy.index(3, tab.table.column_index("name"))
    assert not tab.proxy.setData(index, "Motala kommun")
    assert "redan en medlem" in tab.message.text()
    assert index.data() == "Mjölby kommun"
    assert model.undo_stack.count() == 0


def test_select_item_selects_the_members_row(open_model, qtbot):
    model = open_model("vastra-ostergotland-2026")
    tab = make_tab(model, qtbot)
    vadstena = next(m for m in model.plan.members if m.name == "Vadstena kommun")
    tab.select_item(vadstena.id)
    assert tab.view.currentIndex().row() == 4
    assert tab.view.selectionModel().isRowSelected(4)


def test_a_key_that_differs_by_year_gets_a_column_per_year(open_model, qtbot, qtmodeltester):
    from finsam_desktop.domain import edits
    model = open_model("sormland-2026")
    tab = make_tab(model, qtbot)
    qtmodeltester.check(tab.table)
    municipalities = next(m for m in model.plan.members if m.kind == "municipality")
    assert model.edit("Nyckel", edits.set_year_value, "members", municipalities.id, "key",
                      2027, 2).ok
    headers = [tab.table.headerData(i, Qt.Orientation.Horizontal)
               for i in range(tab.table.columnCount())]
    assert headers[2:5] == ["Folkmängd\n2026", "Folkmängd\n2027", "Folkmängd\n2028"]  # two lines
    assert row_texts(tab, "key:2027")[2] == "2"
    assert row_texts(tab, "key:2026")[2] == "1"
    index = tab.proxy.index(2, tab.table.column_index("key:2028"))
    assert tab.proxy.setData(index, "3")
    assert model.plan.members[2].key == {2026: 1, 2027: 2, 2028: 3}
    model.undo_stack.undo()
    model.undo_stack.undo()
    assert tab.table.column_index("key:None") == 2
