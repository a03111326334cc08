"""The Mål tab: goals and their indicators, edited and undone on a real file."""

from __future__ import annotations

from PySide6.QtCore import Qt

from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.ui.tabs.goals_tab import GoalsTab

from .plan_models import show_tab


def make_tab(model, qtbot):
    return show_tab(GoalsTab, model, qtbot)


def test_shows_goals_and_the_selected_goals_indicators(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    goals = model.plan.goals
    assert tab.table.rowCount() == len(goals) == 2
    assert tab.table.index(0, 0).data() == goals[0].title
    tab.select_item(goals[1].id)
    assert tab.indicators.rowCount() == len(goals[1].indicators)
    if goals[1].indicators:
        assert tab.indicators.index(0, 1).data() == goals[1].indicators[0].target


def test_edit_indicator_target_and_undo(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    goal = model.plan.goals[0]
    tab.select_item(goal.id)
    tab.add_indicator()
    tab.indicator_view.closePersistentEditor(tab.indicator_view.currentIndex())
    row = len(goal.indicators)
    assert tab.indicators.setData(tab.indicators.index(row, 0), "Andel i arbete")
    assert tab.indicators.setData(tab.indicators.index(row, 1), "70 %")
    indicators = model.plan.goals[0].indicators
    assert (indicators[-1].text, indicators[-1].target) == ("Andel i arbete", "70 %")
    with PlanDocument.open(model.document.path, read_only=True) as written:
        assert written.plan.goals[0].indicators[-1].target == "70 %"
    while model.undo_stack.canUndo():
        model.undo_stack.undo()
    assert model.plan.goals[0].indicators == goal.indicators
    assert tab.indicators.rowCount() == len(goal.indicators)


def test_add_rename_move_remove_goal(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    first = model.plan.goals[0]
    tab.select_item(first.id)
    tab.add_goal()
    tab.view.closePersistentEditor(tab.view.currentIndex())
    assert len(model.plan.goals) == 3
    new = model.plan.goals[1]
    assert tab.view.current_id() == new.id
    assert tab.indicators.goal_id == new.id and tab.indicators.rowCount() == 0
    assert tab.table.setData(tab.table.index(1, 0), "Fler unga i studier")
    assert model.plan.goals[1].title == "Fler unga i studier"
    assert not tab.table.setData(tab.table.index(1, 0), "   ")  # empty title refused
    assert "tomt" in tab.message.text()
    tab.move_goal(-1)
    assert model.plan.goals[0].id == new.id
    tab.remove_goal()
    assert [g.id for g in model.plan.goals] == [g.id for g in model.undo_stack.command(0).old.goals]
    assert not tab.table.flags(tab.table.index(0, 1)) & Qt.ItemFlag.ItemIsEditable


def test_indicator_model_passes_qt_model_checker(open_model, qtbot, qtmodeltester):
    tab = make_tab(open_model("skaraborg-2026"), qtbot)
    qtmodeltester.check(tab.indicators)
    qtmodeltester.check(tab.table)


def test_read_only_file_disables_editing(plan_file, qtbot):
    from finsam_desktop.storage.document import PlanDocument as Document
    from finsam_desktop.ui.plan_model import PlanModel
    with Document.open(plan_file("skaraborg-2026"), read_only=True) as document:
        tab = make_tab(PlanModel(document), qtbot)
        assert not tab.indicators.flags(tab.indicators.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
        assert not tab.add_indicator_button.isEnabled()
