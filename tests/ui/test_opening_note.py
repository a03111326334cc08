"""Where the opening equity comes from: typed beside the amount in Översikt, undoable, saved
in the file, printed under the economy table of the exported PDF."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.ui import dialogs, report_actions

from .test_document_pdf import pdf_text
from .test_overview_tab import make_tab

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("This plugin does not support")]

NOTE = "Prognos per 31 augusti 2025"


def test_the_opening_note_is_typed_undone_saved_and_printed(open_model, qtbot, tmp_path,
                                                            monkeypatch):
    model = open_model("sormland-2026")
    seed = "Prognos per 30 juni 2025 av ej förbrukade medel från tidigare år"
    assert model.plan.equity.opening_note == seed  # the seed's "prognos per 30 juni"
    tab = make_tab(model, qtbot)
    field = tab.fields["opening_note"]
    assert field.text() == seed
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, NOTE)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert model.plan.equity.opening_note == NOTE

    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(tmp_path / "plan.pdf"))
    text = " ".join(pdf_text(report_actions.export_pdf(None, model)).split())
    assert f"Ingående eget kapital: {NOTE}." in text  # under the economy table
    assert seed not in text

    model.undo_stack.undo()
    assert model.plan.equity.opening_note == seed
    assert field.text() == seed
    model.undo_stack.redo()
    assert field.text() == NOTE
    path = model.document.path
    model.close()
    reopened = PlanDocument.open(path)
    try:
        assert reopened.plan.equity.opening_note == NOTE
    finally:
        reopened.close()
