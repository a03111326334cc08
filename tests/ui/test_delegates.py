"""Cell editors in a real table view: typing commits, refusals keep the old value, and
Ctrl+Z in an editor does not fight the document's undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QMainWindow, QTableView

from finsam_desktop.domain.plan import CATEGORY_LABELS
from finsam_desktop.ui.delegates import CellDelegate, connect_refusals
from finsam_desktop.ui.tables import PlanTableModel, choice_column, year_money_column


def make_view(model, qtbot):
    def columns(plan):
        return [choice_column("category", "Kategori", CATEGORY_LABELS, allow_empty=True)] + \
            [year_money_column("amounts", year) for year in plan.years]
    table = PlanTableModel(model, "interventions", columns)
    window = QMainWindow()
    view = QTableView()
    view.setModel(table)
    view.setItemDelegate(CellDelegate(view))
    connect_refusals(view, table)
    window.setCentralWidget(view)
    undo = QAction("Ångra", window)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.triggered.connect(model.undo_stack.undo)
    window.addAction(undo)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, view, table


def open_editor(view, index, qtbot):
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, (QLineEdit, QComboBox))
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    return editor


def test_typing_in_a_money_cell_commits(open_model, qtbot):
    model = open_model("sormland-2026")
    window, view, table = make_view(model, qtbot)
    index = table.index(0, 1)
    editor = open_editor(view, index, qtbot)
    editor.selectAll()
    qtbot.keyClicks(editor, "2 500 000")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)  # the delegate commits through a queued call
    assert model.plan.interventions[0].amounts[2026] == 2_500_000
    assert table.data(index) == "2\u00a0500\u00a0000"


def test_letters_are_refused_in_the_status_bar(open_model, qtbot):
    model = open_model("sormland-2026")
    window, view, table = make_view(model, qtbot)
    index = table.index(0, 1)
    old = table.data(index)
    editor = open_editor(view, index, qtbot)
    editor.selectAll()
    qtbot.keyClicks(editor, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)  # the delegate commits through a queued call
    assert table.data(index) == old
    assert "inget belopp" in window.statusBar().currentMessage()
    assert model.undo_stack.count() == 0


def test_choice_editor_offers_swedish_labels(open_model, qtbot):
    model = open_model("sormland-2026")
    window, view, table = make_view(model, qtbot)
    editor = open_editor(view, table.index(0, 0), qtbot)
    labels = [editor.itemText(i) for i in range(editor.count())]
    assert CATEGORY_LABELS["kompetenshojande"] in labels
    editor.setCurrentIndex(editor.findData("kompetenshojande"))
    view.commitData(editor)
    assert model.plan.interventions[0].category == "kompetenshojande"


def test_ctrl_z_in_editor_undoes_typing_then_the_document(open_model, qtbot):
    model = open_model("sormland-2026")
    window, view, table = make_view(model, qtbot)
    table.setData(table.index(0, 2), "777")   # one document step to undo
    assert model.plan.interventions[0].amounts[2027] == 777
    editor = open_editor(view, table.index(1, 1), qtbot)
    qtbot.keyClicks(editor, "9")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # the editor's own typing was undone, the document untouched
    assert model.plan.interventions[0].amounts[2027] == 777
    assert not editor.isUndoAvailable()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # nothing left to undo in the editor: the document's undo ran, and the editor did not
    # write its stale text back
    assert model.plan.interventions[0].amounts.get(2027) != 777
    assert model.undo_stack.index() == 0
    qtbot.wait(10)
    assert model.undo_stack.count() == 1
