"""Arkiv → Importera text från Word…: a real .docx through mammoth into the Dokument tab."""

from __future__ import annotations

from finsam_desktop.ui import document_import_dialog
from finsam_desktop.ui.document_import_dialog import ImportPreview

from ..storage.docx_files import seed_like_docx


def test_word_text_comes_in_as_chapters_in_one_undo_step(make_window, plan_file, shown,
                                                         tmp_path, qtbot, monkeypatch):
    window = make_window()
    assert window.open_path(plan_file("skaraborg-2026"))
    model = window.model
    before = model.plan.sections
    shown.open_path = str(seed_like_docx(tmp_path / "fjol.docx"))
    previews = []
    monkeypatch.setattr(document_import_dialog, "ask_import",
                        lambda parent, chapters, name, has_text: previews.append(
                            (name, [t for t, _ in chapters], has_text)) or False)
    window.actions_by_key["word"].trigger()
    assert previews == [("fjol.docx", ["Inledning", "Bakgrund", "Verksamhetsmål"], True)]
    titles = [s.title for s in model.plan.sections]
    assert titles[-3:] == ["Inledning", "Bakgrund", "Verksamhetsmål"]
    assert "**den 1 januari 2015**" in model.plan.sections[-2].text
    assert window.tabs.currentWidget() is window.tabs_by_key["text"]
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Dokument"
    model.undo_stack.undo()
    assert model.plan.sections == before
    assert shown.errors == []


def test_a_broken_file_is_refused_in_swedish_and_nothing_changes(make_window, plan_file,
                                                                 shown, tmp_path):
    window = make_window()
    window.open_path(plan_file("skaraborg-2026"))
    before = window.model.plan
    bad = tmp_path / "trasig.docx"
    bad.write_bytes(b"PK\x03\x04 inte ett dokument")
    shown.open_path = str(bad)
    window.actions_by_key["word"].trigger()
    assert window.model.plan is before
    assert shown.errors and "trasig.docx" in shown.errors[0][1]


def test_the_preview_shows_each_chapter_formatted(qtbot, tmp_path):
    from finsam_desktop.storage.word_import import read_docx
    chapters = read_docx(seed_like_docx(tmp_path / "plan.docx"))
    dialog = ImportPreview(chapters, "plan.docx", has_text=True)
    qtbot.addWidget(dialog)
    dialog.titles.setCurrentRow(1)
    text = dialog.preview.toPlainText()
    assert dialog.chapter_title.text() == "Bakgrund"
    assert text.startswith("Samordningsförbundet bildades den 1 januari 2015")
    assert "en verksamhetsutvecklare" in text
    dialog.show()
    dialog.grab().save(str(tmp_path / "preview.png"))
