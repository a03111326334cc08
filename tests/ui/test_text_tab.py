"""The Text tab: sections typed, reordered and undone; typing merges into one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.ui.tabs.text_tab import TextTab

from .plan_models import show_tab


def make_tab(model, qtbot):
    return show_tab(TextTab, model, qtbot, active=True)


def test_shows_the_first_section(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    section = model.plan.sections[0]
    assert tab.title.text() == section.title
    assert tab.text.toPlainText() == section.text


def test_typing_is_written_through_and_undone_in_one_step(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    original = model.plan.sections[0]
    tab.text.setFocus()
    tab.text.moveCursor(tab.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.text, " Nytt stycke.")
    assert model.plan.sections[0].text == original.text + " Nytt stycke."
    assert model.undo_stack.count() == 1  # all keystrokes merged
    with PlanDocument.open(model.document.path, read_only=True) as written:
        assert written.plan.sections[0].text.endswith("Nytt stycke.")
    tab.title.setFocus()
    tab.title.selectAll()
    qtbot.keyClicks(tab.title, "Inledning")
    assert model.plan.sections[0].title == "Inledning"
    assert model.undo_stack.count() == 2
    model.undo_stack.undo()
    assert tab.title.text() == original.title
    model.undo_stack.undo()
    assert tab.text.toPlainText() == original.text
    assert model.plan.sections[0] == original


def test_add_move_and_remove_sections(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    first = model.plan.sections[0]
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert len(model.plan.sections) == 2
    new = model.plan.sections[1]
    assert tab.current_id == new.id and tab.title.text() == new.title
    qtbot.keyClicks(tab.title, "Ekonomi")   # the new title is selected: typing replaces it
    assert model.plan.sections[1].title == "Ekonomi"
    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    assert [s.id for s in model.plan.sections] == [new.id, first.id]
    assert tab.table.index(0, 0).data() == "Ekonomi"
    assert tab.current_id == new.id
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert [s.id for s in model.plan.sections] == [first.id]
    assert tab.title.text() == first.title
    model.undo_stack.undo()
    assert [s.id for s in model.plan.sections] == [new.id, first.id]


def test_plan_without_sections_disables_the_editor(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = make_tab(model, qtbot)
    assert tab.table.rowCount() == 0
    assert not tab.editor_box.isEnabled()
    tab.add_section()
    assert tab.editor_box.isEnabled()
