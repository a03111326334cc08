"""What the coordinator does in the Dokument tab is what the exported PDF says."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from finsam_desktop.ui import dialogs, report_actions
from finsam_desktop.ui.document_outline import BLOCK_MIME

from .test_text_tab import make_tab, new_line_at_end


def pdf_text(path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")


def fonts(path) -> set[str]:
    names = set()
    for page in PdfReader(str(path)).pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            names.add(str(font.get_object().get("/BaseFont")))
    return names


def test_formatting_pasting_placing_and_switching_off_reach_the_pdf(open_model, qtbot,
                                                                     tmp_path, monkeypatch):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    editor = tab.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)            # a sub-heading
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # "Andra" bold
    new_line_at_end(editor, qtbot)
    pasted = QMimeData()
    pasted.setHtml("<ul><li>Nedan finns en tabell</li></ul>")
    QApplication.clipboard().setMimeData(pasted)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    block = QMimeData()
    block.setData(BLOCK_MIME, b"members")
    tab.outline.dropMimeData(block, Qt.DropAction.CopyAction, 1, 0, QModelIndex())
    findings = QMimeData()
    findings.setData(BLOCK_MIME, b"findings")
    tab.outline.dropMimeData(findings, Qt.DropAction.CopyAction, 3, 0, QModelIndex())
    tab.outline.setData(tab.outline.index(3), Qt.CheckState.Unchecked.value,
                        Qt.ItemDataRole.CheckStateRole)
    assert [(s.kind, s.block, s.included) for s in model.plan.sections] == [
        ("chapter", "", True), ("block", "members", True), ("chapter", "", True),
        ("block", "findings", False)]

    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(tmp_path / "plan.pdf"))
    text = pdf_text(report_actions.export_pdf(None, model))
    heading = text.index("Inledande stycke om förbundet.")
    bold = text.index("Andra stycket.")
    listed = text.index("Nedan finns en tabell")
    table = text.index("Medlemmarnas medfinansiering", listed)
    assert heading < bold < listed < table < text.index("Målen.")
    assert "Skövde kommun" in text[table:]
    assert "Iakttagelser" not in text[heading:]  # the findings are left out of the board's copy
    assert any("Bold" in name for name in fonts(tmp_path / "plan.pdf"))

    while model.undo_stack.canUndo():
        model.undo_stack.undo()
    text = pdf_text(report_actions.export_pdf(None, model))
    assert "Nedan finns en tabell" not in text
