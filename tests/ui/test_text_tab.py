"""The Dokument tab: format with the toolbar and shortcuts, paste, place and switch off blocks,
reorder the outline, undo each step; the file holds what the window shows."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from finsam_desktop.domain.plan import Section
from finsam_desktop.ui.document_outline import BLOCK_MIME
from finsam_desktop.ui.tabs.text_tab import BLOCK, CHAPTER, COVER, DocumentTab

from .plan_models import show_tab

CHAPTER_TEXT = "Inledande stycke om förbundet.\n\nAndra stycket.\n"


def make_tab(model, qtbot, sections=None):
    """The tab over `model`, whose plan is first given two chapters of known text."""
    plan = model.plan
    sections = sections if sections is not None else (Section(id=plan.next_id(), title="Ekonomi", text=CHAPTER_TEXT),
                            Section(id=plan.next_id() + 1, title="Mål", text="Målen.\n"))
    assert model.apply("test setup", replace(plan, sections=sections)).__class__ is not Exception
    model.undo_stack.clear()
    return show_tab(DocumentTab, model, qtbot, active=True)


def new_line_at_end(editor, qtbot) -> None:
    """Put the caret on a new paragraph after the chapter's text, as a user would."""
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def texts(model):
    return [(s.kind, s.title or s.block, s.text) for s in model.plan.sections]


def test_shows_the_outline_and_the_first_chapter_formatted(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    assert tab.outline.rowCount() == 2
    assert tab.pages.currentIndex() == CHAPTER
    assert tab.title.text() == "Ekonomi"
    assert tab.editor.toPlainText() == "Inledande stycke om förbundet.\nAndra stycket."
    assert model.undo_stack.count() == 0  # showing a chapter changes nothing


def test_typing_merges_into_one_step_and_undo_restores(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    tab.editor.setFocus()
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(tab.editor, " Mer text.")
    assert model.plan.sections[0].text == "Inledande stycke om förbundet.\n\nAndra stycket. Mer text.\n"
    assert model.undo_stack.count() == 1
    model.undo_stack.undo()
    assert model.plan.sections[0].text == CHAPTER_TEXT
    assert tab.editor.toPlainText().endswith("Andra stycket.")


def test_shortcuts_make_heading_bold_and_italic_each_one_undo_step(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    editor = tab.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    assert model.plan.sections[0].text.startswith("### Inledande stycke om förbundet.\n")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert model.plan.sections[0].text == ("### Inledande stycke om förbundet.\n\n"
                                           "***Andra*** stycket.\n")
    assert model.undo_stack.count() == 3
    model.undo_stack.undo()
    assert model.plan.sections[0].text == "### Inledande stycke om förbundet.\n\n**Andra** stycket.\n"
    model.undo_stack.undo()
    model.undo_stack.undo()
    assert model.plan.sections[0].text == CHAPTER_TEXT
    assert editor.document().firstBlock().blockFormat().headingLevel() == 0


def test_toolbar_lists_and_link(open_model, qtbot, monkeypatch):
    from finsam_desktop.ui import document_editor
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    editor = tab.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    editor.setTextCursor(cursor)
    editor.actions_by_key["bullets"].trigger()
    assert model.plan.sections[0].text == ("- Inledande stycke om förbundet.\n"
                                           "- Andra stycket.\n")
    editor.actions_by_key["numbers"].trigger()
    assert model.plan.sections[0].text == ("1. Inledande stycke om förbundet.\n"
                                           "2. Andra stycket.\n")
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert model.plan.sections[0].text == ("1. Inledande stycke om förbundet.\n"
                                           "   1. Andra stycket.\n")
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    monkeypatch.setattr(document_editor, "ask_link", lambda parent, current: "https://finsam.se")
    qtbot.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert "   1. [Andra](https://finsam.se) stycket.\n" in model.plan.sections[0].text
    assert model.undo_stack.count() == 4
    for _ in range(4):
        model.undo_stack.undo()
    assert model.plan.sections[0].text == CHAPTER_TEXT


def test_paste_html_keeps_headings_lists_and_emphasis_only(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    editor = tab.editor
    new_line_at_end(editor, qtbot)
    data = QMimeData()
    data.setHtml('<html><body><h2 style="color:red">Mål 2026</h2><p><span style="font-family:'
                 'Comic Sans">Vi ska <b>öka</b> och <i>stärka</i>:</span></p><ul><li>samverkan'
                 '</li><li>hälsa</li></ul><img src="x.png"><script>x()</script></body></html>')
    data.setText("Mål 2026 Vi ska öka och stärka: samverkan hälsa")
    QApplication.clipboard().setMimeData(data)
    steps = model.undo_stack.count()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert model.plan.sections[0].text == (
        "Inledande stycke om förbundet.\n\nAndra stycket.\n\n## Mål 2026\n\n"
        "Vi ska **öka** och *stärka*:\n\n- samverkan\n- hälsa\n")
    assert model.undo_stack.count() == steps + 1
    model.undo_stack.undo()
    assert model.plan.sections[0].text.rstrip() == CHAPTER_TEXT.rstrip()


def test_insert_block_at_the_cursor_splits_the_chapter(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    cursor = tab.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    tab.editor.setTextCursor(cursor)
    tab.insert_block("members")
    assert texts(model) == [("chapter", "Ekonomi", "Inledande stycke om förbundet.\n"),
                            ("block", "members", ""), ("text", "", "Andra stycket.\n"),
                            ("chapter", "Mål", "Målen.\n")]
    assert tab.pages.currentIndex() == BLOCK and tab.section().block == "members"
    assert model.undo_stack.count() == 1
    model.undo_stack.undo()
    assert texts(model) == [("chapter", "Ekonomi", CHAPTER_TEXT), ("chapter", "Mål", "Målen.\n")]


def test_drag_a_block_in_and_move_it_by_drag_and_drop(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    data = QMimeData()
    data.setData(BLOCK_MIME, b"economy")
    tab.outline.dropMimeData(data, Qt.DropAction.CopyAction, 2, 0, QModelIndex())
    assert [s.block for s in model.plan.sections] == ["", "", "economy"]
    assert tab.section().block == "economy"
    moving = tab.outline.mimeData([tab.outline.index(2)])
    tab.outline.dropMimeData(moving, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert [s.title or s.block for s in model.plan.sections] == ["Ekonomi", "economy", "Mål"]
    refused = tab.outline.mimeData([tab.outline.index(1)])
    tab.outline.dropMimeData(refused, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert "börja med ett kapitel" in tab.message.text()
    assert model.undo_stack.count() == 2
    model.undo_stack.undo()
    assert [s.title or s.block for s in model.plan.sections] == ["Ekonomi", "Mål", "economy"]
    model.undo_stack.undo()
    assert len(model.plan.sections) == 2


def test_switch_a_block_off_and_on_in_the_outline(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    tab.select_item(model.plan.sections[1].id)
    tab.insert_block("findings")
    index = tab.outline.index(2)
    assert tab.outline.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert tab.outline.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.plan.sections[2].included is False
    assert not tab.block_panel.included.isChecked()
    model.undo_stack.undo()
    assert model.plan.sections[2].included is True
    tab.block_panel.no_title.click()
    assert model.plan.sections[2].block_title == ""


def test_move_buttons_and_new_chapter(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert [s.title for s in model.plan.sections] == ["Ekonomi", "Nytt kapitel", "Mål"]
    qtbot.keyClicks(tab.title, "Bakgrund")
    assert model.plan.sections[1].title == "Bakgrund"
    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    assert [s.title for s in model.plan.sections] == ["Bakgrund", "Ekonomi", "Mål"]
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert [s.title for s in model.plan.sections] == ["Ekonomi", "Mål"]
    model.undo_stack.undo()
    assert [s.title for s in model.plan.sections] == ["Bakgrund", "Ekonomi", "Mål"]


def test_cover_page(open_model, qtbot):
    model = open_model("sjuharad-2025")  # the example without a cover of its own
    tab = make_tab(model, qtbot)
    qtbot.mouseClick(tab.cover_button, Qt.MouseButton.LeftButton)
    assert tab.pages.currentIndex() == COVER
    qtbot.keyClicks(tab.cover_panel.fields["title"], "Verksamhetsplan 2026")
    assert model.plan.cover.title == "Verksamhetsplan 2026"
    assert model.undo_stack.count() == 1


def test_plan_without_sections_shows_the_empty_page(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = make_tab(model, qtbot, sections=())
    assert tab.outline.rowCount() == 0
    tab.add_chapter()
    assert tab.pages.currentIndex() == CHAPTER


def test_outline_cover_and_logo_are_in_the_file(open_model, qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QColor, QImage

    from finsam_desktop.storage.document import PlanDocument
    from finsam_desktop.ui import dialogs
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    tab.insert_block("keys")
    tab.outline.setData(tab.outline.index(1), Qt.CheckState.Unchecked.value,
                        Qt.ItemDataRole.CheckStateRole)
    tab.show_cover()
    image = QImage(300, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f3a5f"))
    image.save(str(tmp_path / "logo.png"))
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a, **k: str(tmp_path / "logo.png"))
    tab.cover_panel.pick_logo()
    assert model.plan.cover.logo_type == "image/png"
    assert not tab.cover_panel.logo.pixmap().isNull()
    assert tab.cover_panel.logo.pixmap().width() <= 240
    (tmp_path / "not.png").write_bytes(b"\x89PNG\r\n\x1a\n trasig")
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a, **k: str(tmp_path / "not.png"))
    logo = model.plan.cover.logo
    tab.cover_panel.pick_logo()
    assert "not.png" in tab.message.text() and model.plan.cover.logo == logo
    with PlanDocument.open(model.document.path, read_only=True) as written:
        assert written.plan.sections == model.plan.sections
        assert written.plan.cover == model.plan.cover
        assert [s.kind for s in written.plan.sections][:3] == ["chapter", "block", "text"]


def test_a_placed_block_shows_what_the_report_prints(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    tab.insert_block("members")
    assert tab.pages.currentIndex() == BLOCK
    assert tab.block_panel.name.text() == "Medlemmarnas medfinansiering"
    shown = tab.block_panel.preview.toPlainText().replace("\u00a0", " ")
    assert "Skövde kommun" in shown
    assert tab.outline.index(1).data() == "▦  Medlemmarnas medfinansiering"


def test_dropping_on_the_outline_view_places_between_the_rows(open_model, qtbot):
    """The view's own drop handling: a block dropped on the lower half of row 0 lands after it."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    data = QMimeData()
    data.setData(BLOCK_MIME, b"keys")
    rect = tab.view.visualRect(tab.outline.index(0))
    point = QPointF(rect.center().x(), rect.bottom() - 2)
    event = QDropEvent(point, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    tab.view.dropEvent(event)
    assert [s.block or s.title for s in model.plan.sections] == ["Ekonomi", "keys", "Mål"]
    assert tab.section().block == "keys"


def test_typing_a_dash_or_hashes_formats_as_word_does(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    editor = tab.editor
    new_line_at_end(editor, qtbot)
    qtbot.keyClicks(editor, "## Rubrik")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "- ett")
    assert model.plan.sections[0].text == CHAPTER_TEXT + "\n## Rubrik\n\n- ett\n"
    labels = [model.undo_stack.text(i) for i in range(model.undo_stack.count())]
    assert labels == ["Skriv text", "Rubrik", "Skriv text", "Lista", "Skriv text"]
    model.undo_stack.undo()
    model.undo_stack.undo()  # undoing the list leaves what was typed, as Word's Ctrl+Z does
    assert model.plan.sections[0].text == CHAPTER_TEXT + "\n## Rubrik\n\n\\-\n"


def test_outline_keys_move_and_remove(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    tab.select_item(model.plan.sections[1].id)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [s.title for s in model.plan.sections] == ["Mål", "Ekonomi"]
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert [s.title for s in model.plan.sections] == ["Ekonomi"]
    model.undo_stack.undo()
    model.undo_stack.undo()
    assert [s.title for s in model.plan.sections] == ["Ekonomi", "Mål"]


def test_a_table_in_the_text_grows_by_rows_and_columns(open_model, qtbot):
    from PySide6.QtWidgets import QMenu

    from finsam_desktop.ui import document_table_menu as tables
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    editor = tab.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.actions_by_key["table"].trigger()
    qtbot.keyClicks(editor, "Motala")
    assert "| Rubrik | Rubrik | Rubrik |\n|---|---|---|\n| Motala |  |  |\n|  |  |  |\n" \
        in model.plan.sections[0].text
    menu = QMenu()
    tables.add_table_actions(editor, menu)
    assert [a.text() for a in menu.actions()][:2] == ["Infoga rad nedanför",
                                                      "Infoga kolumn till höger"]
    steps = model.undo_stack.count()
    tables.insert_row(editor)
    tables.insert_column(editor)
    text = model.plan.sections[0].text
    assert "| Motala |  |  |  |\n|  |  |  |  |\n|  |  |  |  |\n" in text
    assert model.undo_stack.count() == steps + 2
    model.undo_stack.undo()
    model.undo_stack.undo()
    assert "| Motala |  |  |\n|  |  |  |\n" in model.plan.sections[0].text


def test_typing_again_after_leaving_the_text_is_a_new_undo_step(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    tab.editor.setFocus()
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(tab.editor, " Ett.")
    tab.title.setFocus()
    tab.editor.setFocus()
    qtbot.keyClicks(tab.editor, " Tva.")
    assert model.undo_stack.count() == 2
    model.undo_stack.undo()
    assert model.plan.sections[0].text.endswith("Andra stycket. Ett.\n")


def test_hostile_paste_is_text_and_never_breaks_the_chapter(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    editor = tab.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    nested = "<ul><li>djup" * 300 + "</li></ul>" * 300
    data = QMimeData()
    data.setHtml(f"<p>klocka\x07 &lt;para&gt; {'x' * 10_000}</p>{nested}")
    QApplication.clipboard().setMimeData(data)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    text = model.plan.sections[0].text
    assert "klocka \\<para>" in text and "x" * 10_000 in text and "\x07" not in text
    assert "djup" in text
    assert tab.message.isHidden()
    plain = QMimeData()
    plain.setText("rad\x00ett")
    QApplication.clipboard().setMimeData(plain)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert model.plan.sections[0].text.rstrip().endswith("radett")


def test_a_read_only_plan_shows_the_document_and_changes_nothing(plan_file, qtbot):
    from finsam_desktop.storage.document import PlanDocument
    from finsam_desktop.ui.plan_model import PlanModel
    with PlanDocument.open(plan_file("skaraborg-2026"), read_only=True) as document:
        model = PlanModel(document)
        tab = show_tab(DocumentTab, model, qtbot)
        assert tab.editor.isReadOnly() and tab.title.isReadOnly()
        assert not tab.add_button.isEnabled() and not tab.insert_button.isEnabled()
        assert not tab.outline.flags(tab.outline.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
        data = QMimeData()
        data.setData(BLOCK_MIME, b"members")
        assert not tab.outline.canDropMimeData(data, Qt.DropAction.CopyAction, 1, 0, QModelIndex())
        tab.show_cover()
        assert tab.cover_panel.fields["title"].isReadOnly()
        assert not tab.cover_panel.pick_button.isEnabled()
        assert model.undo_stack.count() == 0


def test_a_footnote_is_written_as_the_contract_writes_it(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    editor = tab.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.movePosition(QTextCursor.MoveOperation.Left)  # before the full stop
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(editor, "Enligt SCB.")
    assert model.plan.sections[0].text == ("Inledande stycke om förbundet[^1].\n\n"
                                           "Andra stycket.\n\n[^1]: Enligt SCB.\n")
    assert model.undo_stack.count() == 2
    model.undo_stack.undo()
    model.undo_stack.undo()
    assert model.plan.sections[0].text == CHAPTER_TEXT
