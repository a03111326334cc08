"""Every plan table behaves the same (one view, one collection editor), driven by keys and
the real clipboard like a user: Insert and Ctrl+- for rows, Delete clears cells, Ctrl+C /
Ctrl+V copy and paste ranges (tab-separated and HTML) as one undo step, Ctrl+R fills right."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication

from finsam_desktop.domain import edits
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.ui.tabs.budget_tab import BudgetTab
from finsam_desktop.ui.tabs.interventions_tab import InterventionsTab
from finsam_desktop.ui.tabs.members_tab import MembersTab
from finsam_desktop.ui.tabs.overview_tab import OverviewTab

from .plan_models import show_tab

CTRL = Qt.KeyboardModifier.ControlModifier

# (tab, how to reach its view, collection)
TABLES = [
    (MembersTab, lambda tab: tab.view, "members"),
    (InterventionsTab, lambda tab: tab.view, "interventions"),
    (BudgetTab, lambda tab: tab.views["costs"], "costs"),
    (BudgetTab, lambda tab: tab.views["other_income"], "other_income"),
    (OverviewTab, lambda tab: tab.rules, "rules"),
]
IDS = ["members", "interventions", "costs", "other_income", "rules"]


def cell(view, row: int, key: str):
    return view.model().index(row, view.table.column_index(key))


def items(model, collection):
    return edits.items(model.plan, collection)


@pytest.mark.parametrize("tab_class, view_of, collection", TABLES, ids=IDS)
def test_every_table_adds_after_current_and_removes_selected_rows(
        open_model, qtbot, tab_class, view_of, collection):
    model = open_model("sjuharad-2025")
    tab = show_tab(tab_class, model, qtbot, active=True, in_window=True)
    view = view_of(tab)
    if not items(model, collection):
        model.edit("Ny", edits.add_item, collection)
    before = [item.id for item in items(model, collection)]
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    editor = view.focusWidget()
    if editor is not None and editor is not view:  # the new row opens for typing
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: view.hasFocus())
    after = [item.id for item in items(model, collection)]
    assert len(after) == len(before) + 1 and after[0] == before[0]
    new = after[1]  # after the current row, not at the end
    assert view.current_id() == new
    assert view.indexWidget(view.currentIndex()) is None  # cells are not widgets
    view.clearSelection()
    view.setCurrentIndex(view.model().index(0, 0))
    view.selectionModel().select(view.model().index(1, 0),
                                 view.selectionModel().SelectionFlag.Select)
    removal = view.collection_editor.remove_label()
    assert removal.startswith("Ta bort 2 ")  # says how many go
    qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    assert [item.id for item in items(model, collection)] == before[1:]
    assert model.undo_stack.undoText() == removal
    model.undo_stack.undo()
    assert [item.id for item in items(model, collection)] == after


def test_delete_clears_the_selected_cells_in_one_step(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = show_tab(InterventionsTab, model, qtbot, active=True)
    first, second = model.plan.interventions[:2]
    view = tab.view
    view.setFocus()
    view.setCurrentIndex(cell(view, 0, "amounts:2025"))
    selection = view.selectionModel()
    for key in ("name", "amounts:2025", "participants:2025"):
        for row in (0, 1):
            selection.select(cell(view, row, key), selection.SelectionFlag.Select)
    count = len(model.plan.interventions)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(model.plan.interventions) == count  # no row goes
    for item in model.plan.interventions[:2]:
        assert 2025 not in item.amounts and 2025 not in item.participants
    assert [i.name for i in model.plan.interventions[:2]] == [first.name, second.name]
    assert model.undo_stack.count() == 1
    model.undo_stack.undo()
    assert model.plan.interventions[:2] == (first, second)


def put_on_clipboard(text: str | None = None, html: str | None = None) -> None:
    mime = QMimeData()
    if text is not None:
        mime.setText(text)
    if html is not None:
        mime.setHtml(html)
    QGuiApplication.clipboard().setMimeData(mime)


def test_copy_puts_tab_separated_text_and_html_on_the_clipboard(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = show_tab(InterventionsTab, model, qtbot, active=True)
    view = tab.view
    view.setFocus()
    view.setCurrentIndex(cell(view, 0, "name"))
    selection = view.selectionModel()
    for row in (0, 1):
        for key in ("name", "area"):
            selection.select(cell(view, row, key), selection.SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL)
    mime = QGuiApplication.clipboard().mimeData()
    first, second = model.plan.interventions[:2]
    assert mime.text() == (f"{first.name}\tIndividinriktat\n"  # the plan's name of the area
                           f"{second.name}\tIndividinriktat\n")
    assert "<table>" in mime.html() and "<td>Individinriktat</td>" in mime.html()


def test_paste_from_a_spreadsheet_is_one_undo_step_and_written(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = show_tab(InterventionsTab, model, qtbot, active=True)
    view = tab.view
    before = model.plan
    put_on_clipboard("100\t5\n200,5\t6\r\n")  # tkr, as Calc writes them
    view.setFocus()
    view.setCurrentIndex(cell(view, 0, "amounts:2025"))
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    first, second = model.plan.interventions[:2]
    assert (first.amounts[2025], second.amounts[2025]) == (100_000, 200_500)
    assert (first.amounts[2026], second.amounts[2026]) == (5_000, 6_000)
    assert model.undo_stack.count() == 1 and model.undo_stack.undoText() == "Klistra in"
    with PlanDocument.open(model.document.path, read_only=True) as written:
        assert written.plan.interventions[1].amounts[2025] == 200_500
    model.undo_stack.undo()
    assert model.plan == before


def test_a_paste_with_a_bad_cell_names_it_and_changes_nothing(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = show_tab(InterventionsTab, model, qtbot, active=True, in_window=True)
    view = tab.view
    before = model.plan
    put_on_clipboard(html="<table><tr><td>100</td></tr><tr><td>tjugo</td></tr>"
                          "<tr><td>300</td></tr></table>")  # HTML only, as a web page gives
    view.setFocus()
    view.setCurrentIndex(cell(view, 0, "amounts:2025"))
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert model.plan is before and model.undo_stack.count() == 0
    assert tab.message.text().startswith("Rad 2, Belopp 2025: ")
    assert "tjugo" in tab.message.text()


def test_a_paste_longer_than_the_table_adds_rows(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = show_tab(BudgetTab, model, qtbot, active=True)
    view = tab.views["costs"]
    count = len(model.plan.costs)
    put_on_clipboard("Lokaler\tKansli\t120\nResor\tKansli\t30\n")
    view.setFocus()
    view.setCurrentIndex(cell(view, count - 1, "name"))
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    names = [line.name for line in model.plan.costs]
    assert names[count - 1:] == ["Lokaler", "Resor"]
    assert model.plan.costs[-1].amounts == {2025: 30_000} and model.plan.costs[-1].group == "Kansli"
    assert model.undo_stack.count() == 1


def test_one_value_pasted_into_a_selection_fills_it(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = show_tab(InterventionsTab, model, qtbot, active=True)
    view = tab.view
    put_on_clipboard("7")
    view.setFocus()
    view.setCurrentIndex(cell(view, 0, "participants:2025"))
    selection = view.selectionModel()
    for row in range(3):
        selection.select(cell(view, row, "participants:2025"), selection.SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert [i.participants[2025] for i in model.plan.interventions[:3]] == [7, 7, 7]


def test_copy_and_paste_back_keeps_the_values_exactly(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = show_tab(MembersTab, model, qtbot, active=True)
    view = tab.view
    source = [m for m in model.plan.members if m.kind == "municipality"]
    view.setFocus()
    view.setCurrentIndex(cell(view, 3, "key:2025"))
    view.selectionModel().select(cell(view, 3, "key:2025"),
                                 view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == f"{source[0].key_for(2025)}\n"
    view.setCurrentIndex(cell(view, 4, "key:2025"))
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert model.plan.members[4].key_for(2025) == source[0].key_for(2025)


def test_fill_right_puts_the_amount_in_the_later_plan_years(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = show_tab(BudgetTab, model, qtbot, active=True)
    view = tab.views["costs"]
    view.setFocus()
    view.setCurrentIndex(cell(view, 1, "amounts:2025"))
    qtbot.keyClick(view, Qt.Key.Key_R, CTRL)
    line = model.plan.costs[1]
    assert line.amounts == {2025: line.amounts[2025], 2026: line.amounts[2025],
                            2027: line.amounts[2025]}
    assert model.undo_stack.count() == 1 and model.undo_stack.undoText() == "Fyll höger"


def test_the_window_menu_has_the_table_actions_and_their_keys_work(make_window, plan_file,
                                                                   qtbot):
    window = make_window()
    assert window.open_path(plan_file("sjuharad-2025"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    shortcuts = dict(action.text().split("\t") for action in
                     window.menuBar().actions()[1].menu().actions() if "\t" in action.text())
    assert shortcuts["Ta bort rad"] == "Ctrl+-" and shortcuts["Ny rad"].startswith("Ins")
    assert shortcuts["Fyll höger"] == "Ctrl+R" and shortcuts["Klistra in"] == "Ctrl+V"
    tab = window.tabs_by_key["interventions"]
    window.tabs.setCurrentWidget(tab)
    model = window.model
    first = model.plan.interventions[0]
    tab.view.setFocus()
    qtbot.waitUntil(tab.view.hasFocus)
    tab.view.setCurrentIndex(cell(tab.view, 0, "amounts:2025"))
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)  # through the window's action
    assert 2025 not in model.plan.interventions[0].amounts
    qtbot.keyClick(tab.view, Qt.Key.Key_Minus, CTRL)
    assert first.id not in [i.id for i in model.plan.interventions]
    assert "Tog bort 1 insats." in window.statusBar().currentMessage()
    overview = window.tabs_by_key["overview"]
    window.tabs.setCurrentWidget(overview)
    field = overview.fields["association"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_C, CTRL)  # a text field keeps its own copy
    assert QGuiApplication.clipboard().text() == model.plan.association
