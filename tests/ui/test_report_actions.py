"""Preview, print and export from the window, with the dialogs patched."""

from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader

from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.ui import dialogs, report_actions
from finsam_desktop.ui.plan_model import PlanModel


@pytest.fixture
def model(plan_file, qtbot):
    document = PlanDocument.open(plan_file("skaraborg-2026"))
    model = PlanModel(document)
    yield model
    model.close()


def test_export_pdf_writes_the_report_where_the_user_said(model, tmp_path, monkeypatch):
    asked = {}
    def ask(parent, title, name_filter, suggested):
        asked.update(title=title, suggested=suggested)
        return str(tmp_path / "plan")
    monkeypatch.setattr(dialogs, "ask_save_path", ask)
    written = report_actions.export_pdf(None, model)
    assert written == tmp_path / "plan.pdf"
    assert asked["suggested"].endswith("Verksamhetsplan 2026 Samordningsförbundet Skaraborg.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(str(written)).pages)
    assert "Skövde kommun" in text.replace("\u00a0", " ")


def test_export_excel_writes_real_numbers(model, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(tmp_path / "plan.xlsx"))
    written = report_actions.export_excel(None, model)
    sheet = openpyxl.load_workbook(written)["Medlemmar"]
    assert sheet["A2"].value == "Staten (AF+FK)" and sheet["E2"].value == 8_450_000


def test_a_cancelled_save_dialog_writes_nothing(model, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: None)
    assert report_actions.export_pdf(None, model) is None
    assert report_actions.export_excel(None, model) is None


def test_an_unwritable_target_is_one_swedish_message(model, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(tmp_path / "saknas" / "plan.pdf"))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: errors.append(message))
    assert report_actions.export_pdf(None, model) is None
    assert errors == [f"Mappen {tmp_path / 'saknas'} finns inte."]


def test_the_preview_shows_the_real_pdf_with_its_pages(model, qtbot):
    dialog = report_actions.preview_report(None, model)
    qtbot.addWidget(dialog)
    pages = len(PdfReader(str(dialog.pdf_path)).pages)
    assert pages >= 5
    assert dialog.document.pageCount() == pages
    assert dialog.pages.text() == f"{pages} sidor"
    assert dialog.view.document() is dialog.document
    dialog.resize(600, 800)
    image = dialog.grab().toImage()
    assert image.width() > 0
    dialog.reject()


def test_printing_prints_every_page_of_the_same_pdf(model, tmp_path, monkeypatch):
    out = tmp_path / "printed.pdf"
    def choose(parent, printer, pages):
        assert pages >= 5
        printer.setOutputFormat(printer.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(72)
        return True
    monkeypatch.setattr(report_actions, "ask_printer", choose)
    printed = report_actions.print_report(None, model)
    assert printed >= 5
    assert len(PdfReader(str(out)).pages) == printed


def test_a_cancelled_print_dialog_prints_nothing(model, monkeypatch):
    monkeypatch.setattr(report_actions, "ask_printer", lambda parent, printer, pages: False)
    assert report_actions.print_report(None, model) == 0


def test_printing_only_the_chosen_pages(model, tmp_path, monkeypatch):
    out = tmp_path / "printed.pdf"
    def choose(parent, printer, pages):
        printer.setOutputFormat(printer.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(72)
        printer.setFromTo(2, 3)
        return True
    monkeypatch.setattr(report_actions, "ask_printer", choose)
    assert report_actions.print_report(None, model) == 2
    assert len(PdfReader(str(out)).pages) == 2


def test_the_real_print_dialog_is_offered_the_page_range(qtbot, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    seen = {}
    def fake_exec(dialog):
        seen.update(range=(dialog.minPage(), dialog.maxPage()), title=dialog.windowTitle())
        return 0
    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    assert report_actions.ask_printer(None, QPrinter(), 7) is False
    assert seen == {"range": (1, 7), "title": "Skriv ut verksamhetsplanen"}
