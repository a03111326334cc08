"""The Mål tab: goals with their own text, sub-goals and indicators, edited and undone on a real
file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from finsam_desktop.domain.plan import Indicator
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.ui.tabs.goals_tab import GoalsTab

from .plan_models import show_tab


def make_tab(model, qtbot, active=False):
    return show_tab(GoalsTab, model, qtbot, active=active)


def test_shows_goals_and_the_selected_goals_indicators(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    goals = model.plan.goals
    assert tab.tree.rowCount() == len(goals) == 4
    assert tab.tree.index(0, 0).data() == goals[0].title
    assert tab.title.text() == goals[0].title
    tab.select_item(goals[1].id)
    assert tab.path == (1,)
    assert tab.indicators.rowCount() == len(goals[1].indicators)
    if goals[1].indicators:
        assert tab.indicators.index(0, 1).data() == goals[1].indicators[0].target


def test_a_long_goal_title_shows_its_start(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot, active=True)
    longest = max(model.plan.goals, key=lambda goal: len(goal.title))
    tab.select_item(longest.id)
    assert tab.title.fontMetrics().horizontalAdvance(longest.title) > tab.title.width()
    assert tab.title.cursorPosition() == 0
    assert tab.title.cursorRect().left() < tab.title.width() // 4


def test_sub_goal_with_text_and_indicator_with_method_and_period(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot, active=True)
    tab.select_path((0,))
    tab.add_sub_goal()
    assert tab.path == (0, len(model.plan.goals[0].goals) - 1)
    qtbot.keyClicks(tab.title, "Resultat")
    sub = model.plan.goals[0].goals[-1]
    assert sub.title == "Resultat" and sub.id == 0
    tab.editor.setFocus()
    qtbot.keyClicks(tab.editor, "Minst 75 procent")
    cursor = tab.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    cursor.movePosition(QTextCursor.MoveOperation.NextWord, QTextCursor.MoveMode.KeepAnchor, 3)
    tab.editor.setTextCursor(cursor)
    qtbot.keyClick(tab.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert model.plan.goals[0].goals[-1].text == "**Minst 75 procent**\n"
    tab.add_indicator()
    tab.indicator_view.closePersistentEditor(tab.indicator_view.currentIndex())
    for column, value in enumerate(("Andel nöjda deltagare", "75 %", "Enkät", "helår")):
        assert tab.indicators.setData(tab.indicators.index(0, column), value)
    assert model.plan.goals[0].goals[-1].indicators == (
        Indicator("Andel nöjda deltagare", "75 %", method="Enkät", period="helår"),)
    assert tab.tree.index_of(tab.path).siblingAtColumn(1).data() == "1"
    steps = model.undo_stack.count()
    assert steps == 9  # add, title, text, bold, indicator, four cells
    while model.undo_stack.canUndo():
        model.undo_stack.undo()
    assert tab.tree.rowCount(tab.tree.index(0, 0)) == len(model.plan.goals[0].goals)


def test_add_rename_move_remove_goal(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    first = model.plan.goals[0]
    tab.add_goal()
    assert len(model.plan.goals) == 5 and tab.path == (1,)
    assert tab.tree.setData(tab.tree.index(1, 0), "Fler unga i studier")
    assert model.plan.goals[1].title == "Fler unga i studier"
    assert not tab.tree.setData(tab.tree.index(1, 0), "   ")  # empty title refused
    assert "tom" in tab.message.text()
    tab.move_goal(-1)
    assert model.plan.goals[0].title == "Fler unga i studier" and tab.path == (0,)
    tab.remove_goal()
    assert model.plan.goals[0] == first
    with PlanDocument.open(model.document.path, read_only=True) as written:
        assert [g.title for g in written.plan.goals] == [g.title for g in model.plan.goals]


def test_models_pass_qt_model_checker(open_model, qtbot, qtmodeltester):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    tab.add_sub_goal()
    qtmodeltester.check(tab.indicators)
    qtmodeltester.check(tab.tree)


def test_read_only_file_disables_editing(plan_file, qtbot):
    from finsam_desktop.ui.plan_model import PlanModel
    with PlanDocument.open(plan_file("skaraborg-2026"), read_only=True) as document:
        model = PlanModel(document)
        tab = make_tab(model, qtbot)
        assert not tab.add_button.isEnabled()
        assert not tab.tree.flags(tab.tree.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
        assert not tab.indicators.flags(tab.indicators.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
        assert tab.title.isReadOnly() and tab.editor.isReadOnly()
