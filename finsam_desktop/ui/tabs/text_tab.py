"""The Dokument tab: the whole plan document, written and laid out in the window.

Left: the cover, then the outline (chapters, their continued text and the placed blocks in
reading order; drag and drop or *Flytta upp/ned* reorder, the check box is *med i
rapporten*) and the blocks to drag in. Right: the selected chapter in a formatted editor,
a block's settings, or the cover. Typing is written through at once and successive typing
in one chapter merges into one undo step; each formatting command, move or placement is a
step of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import document_edits as de
from ...domain.plan import BLOCK_KINDS, Section
from ...services.document_preview import block_name
from ..cover_panel import CoverPanel
from ..document_block_panel import BlockPanel
from ..document_editor import ChapterEditor
from ..document_footnotes import add_footnote_action
from ..document_markdown_write import item_at, to_markdown, top_level_items
from ..document_outline import BlockPalette, OutlineModel, OutlineView, run_edit
from ..plan_model import PlanModel
from ..refusal_label import RefusalLabel
from ..table_view import button_row
from ..tables import Column, text_column

EMPTY, CHAPTER, BLOCK, COVER = range(4)


def section_columns(plan) -> list[Column]:
    """The outline as a plain table (the fault tests type into it through the delegate)."""
    return [text_column("title", "Avsnitt")]


class DocumentTab(QWidget):
    """Outline and cover (left), the selected item's editor (right)."""

    def __init__(self, model: PlanModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.message = RefusalLabel()
        self.current_id: int | None = None
        self._shown_text: str | None = None
        self._loading = False

        self.cover_button = QPushButton(self.tr("Försättsblad och namn"))
        self.cover_button.setCheckable(True)
        self.cover_button.setStyleSheet("text-align: left; padding: 6px 8px; font-weight: 600;")
        self.cover_button.clicked.connect(self.show_cover)
        self.outline = OutlineModel(model, self)
        self.view = OutlineView(self.outline)
        self.outline.refused.connect(self.message.report)
        self.outline.placed.connect(self.select_item)
        self.outline.modelReset.connect(self._after_reset)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        buttons, made = button_row((self.tr("Nytt kapitel"), self.add_chapter),
                                   (self.tr("Ta bort"), self.remove_item),
                                   (self.tr("Flytta upp"), lambda: self.move_item(-1)),
                                   (self.tr("Flytta ned"), lambda: self.move_item(1)))
        self.add_button, self.remove_button, self.up_button, self.down_button = made
        self.insert_button = QToolButton()
        self.insert_button.setText(self.tr("Infoga tabell"))
        self.insert_button.setToolTip(self.tr("Placera en tabell som räknas fram ur planen där "
                                              "markören står i texten"))
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.insert_button)
        for kind in BLOCK_KINDS:
            menu.addAction(block_name(kind),
                           lambda k=kind: self.insert_block(k))
        self.insert_button.setMenu(menu)
        buttons.insertWidget(1, self.insert_button)
        self.palette = BlockPalette()
        self.palette.setMaximumHeight(150)
        self.palette.itemDoubleClicked.connect(
            lambda item: self.insert_block(item.data(Qt.ItemDataRole.UserRole + 2)))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.cover_button)
        left_layout.addWidget(_caption(self.tr("Disposition")))
        left_layout.addWidget(self.view, 1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(_caption(self.tr("Tabeller att dra in i dispositionen")))
        left_layout.addWidget(self.palette)

        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Kapitlets rubrik"))
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(max(title_font.pointSizeF(), 10) + 8)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setFrame(False)
        self.title.setStyleSheet("color: #1f3a5f; padding: 14px 18px 2px 18px; background: white;")
        self.continued = _caption("")
        self.editor = ChapterEditor()
        self.editor.setFrameShape(self.editor.Shape.NoFrame)
        self.toolbar = self.editor.toolbar(self)
        add_footnote_action(self.editor, self.toolbar)
        chapter_page = QWidget()
        chapter_page.setObjectName("chapter_page")
        chapter_page.setStyleSheet("#chapter_page { background: white; }")
        chapter_layout = QVBoxLayout(chapter_page)
        chapter_layout.setContentsMargins(0, 0, 0, 0)
        chapter_layout.setSpacing(0)
        chapter_layout.addWidget(self.toolbar)
        chapter_layout.addWidget(self.title)
        chapter_layout.addWidget(self.continued)
        chapter_layout.addWidget(self.editor, 1)
        self.block_panel = BlockPanel(model, self.message)
        self.cover_panel = CoverPanel(model, self.message)
        empty = QLabel(self.tr("Välj ett kapitel i dispositionen till vänster, eller lägg till "
                               "ett med Nytt kapitel."))
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setStyleSheet("color: #666;")
        self.pages = QStackedWidget()
        for page in (empty, chapter_page, self.block_panel, self.cover_panel):
            self.pages.addWidget(page)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 1060])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        read_only = model.read_only
        for widget in made + [self.insert_button]:
            widget.setEnabled(not read_only)
        self.title.setReadOnly(read_only)
        self.editor.setReadOnly(read_only)
        self.toolbar.setEnabled(not read_only)
        self.title.textEdited.connect(self._title_typed)
        self.title.returnPressed.connect(lambda: self.editor.setFocus())
        self.title.installEventFilter(self)
        self.editor.installEventFilter(self)
        for keys, slot in (("Alt+Up", lambda: self.move_item(-1)),
                           ("Alt+Down", lambda: self.move_item(1)),
                           ("Delete", self.remove_item)):
            shortcut = QShortcut(QKeySequence(keys), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.editor.document().contentsChanged.connect(self._text_typed)
        self.editor.formatted.connect(self._formatted)
        model.changed.connect(self._on_changed)
        if self.outline.rowCount():
            self.view.setCurrentIndex(self.outline.index(0))
        self._show_current()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """Leaving the title or the text ends its typing session: the next typing is a new
        undo step (PlanModel.end_merge)."""
        if event.type() == QEvent.Type.FocusOut and watched in (self.title, self.editor):
            self.model.end_merge()
        return super().eventFilter(watched, event)

    # --- showing ---------------------------------------------------------------------

    def section(self) -> Section | None:
        row = -1 if self.current_id is None else self.outline.row_of(self.current_id)
        return self.outline.section(row) if row >= 0 else None

    def _chapter_of(self, section: Section) -> Section | None:
        chapter = None
        for item in self.model.plan.sections:
            if item.kind == "chapter":
                chapter = item
            if item.id == section.id:
                return chapter
        return None

    def _show_current(self) -> None:
        if self.view.current_id() != self.current_id:
            self.model.end_merge()  # typing in another item is another undo step
        self.current_id = self.view.current_id()
        if self.current_id is not None:
            self.cover_button.setChecked(False)
        self._load()

    def _load(self) -> None:
        """Show the current item, leaving an editor alone that already shows it."""
        section = self.section()
        if self.cover_button.isChecked():
            self.pages.setCurrentIndex(COVER)
            return
        if section is None:
            self.pages.setCurrentIndex(EMPTY)
            return
        if section.kind == "block":
            self.block_panel.show(section)
            self.pages.setCurrentIndex(BLOCK)
            return
        self.pages.setCurrentIndex(CHAPTER)
        self.title.setVisible(section.kind == "chapter")
        self.continued.setVisible(section.kind == "text")
        if section.kind == "text":
            chapter = self._chapter_of(section)
            self.continued.setText(self.tr("Fortsatt text i kapitlet ”%1”").replace(
                "%1", chapter.title if chapter else ""))
        elif self.title.text() != section.title:
            self.title.setText(section.title)
        if self._shown_text != (section.id, section.text):
            self._loading = True
            try:
                with QSignalBlocker(self.editor.document()):
                    self.editor.set_markdown(section.text)
                self.editor.viewport().update()
            finally:
                self._loading = False
            self._shown_text = (section.id, section.text)

    def _after_reset(self) -> None:
        if (self.current_id is None or not self.view.select_id(self.current_id)) \
                and self.outline.rowCount() and not self.cover_button.isChecked():
            self.view.setCurrentIndex(self.outline.index(0))
        self._show_current()

    def _on_changed(self, parts) -> None:
        self.message.hide()
        if "sections" in parts:
            self._load()

    def show_cover(self) -> None:
        """The cover and printed names on the right; nothing selected in the outline."""
        self.cover_button.setChecked(True)
        self.view.clearSelection()
        self.view.setCurrentIndex(self.outline.index(-1))
        self.current_id = None
        self.cover_panel.refresh()
        self.pages.setCurrentIndex(COVER)

    # --- writing -----------------------------------------------------------------------

    def _title_typed(self, title: str) -> None:
        section = self.section()
        if section is not None and section.kind == "chapter":
            refusal, _ = run_edit(self.model, self.tr("Ändra rubrik"), de.set_title, section.id,
                                  title, merge_key=f"sections:{section.id}:title")
            self.message.report(refusal)

    def _text_typed(self) -> None:
        if not self._loading and self.editor.pending_label is None:
            self._write_text(self.tr("Skriv text"), merge=True)

    def _formatted(self, label: str) -> None:
        self._write_text(label, merge=False)

    def _write_text(self, label: str, merge: bool) -> None:
        section = self.section()
        if section is None or section.kind == "block":
            return
        text = self.editor.markdown()
        if text == section.text:
            return
        self._shown_text = (section.id, text)
        refusal, _ = run_edit(self.model, label, de.set_text, section.id, text,
                              merge_key=f"sections:{section.id}:text" if merge else None)
        if refusal:
            self._shown_text = None
        self.message.report(refusal)

    # --- outline -------------------------------------------------------------------------

    def add_chapter(self) -> None:
        """A new chapter after the current chapter and what belongs to it."""
        sections = self.model.plan.sections
        row = self.outline.row_of(self.current_id) if self.current_id is not None else -1
        index = len(sections)
        if row >= 0:
            index = next((n for n in range(row + 1, len(sections))
                          if sections[n].kind == "chapter"), len(sections))
        refusal, ident = run_edit(self.model, self.tr("Nytt kapitel"), de.add_chapter, index,
                                  self.tr("Nytt kapitel"))
        if self.message.report(refusal) and ident is not None:
            self.select_item(ident)
            self.title.setFocus()
            self.title.selectAll()

    def insert_block(self, kind: str) -> None:
        """Place block `kind` where the cursor stands in the text, or after the current item."""
        section = self.section()
        label = self.tr("Infoga tabell")
        if section is not None and section.kind != "block":
            document = self.editor.document()
            items = top_level_items(document)
            cursor = self.editor.textCursor()
            split = item_at(document, cursor.position()) + 1
            block = cursor.block()
            if cursor.atBlockStart() and block.length() > 1 and not cursor.currentTable():
                split -= 1  # the cursor stands before this paragraph: the table comes first
            before, after = to_markdown(document, items[:split]), to_markdown(document, items[split:])
            refusal, ident = run_edit(self.model, label, de.split_and_insert_block, section.id,
                                      kind, before, after)
        else:
            row = self.outline.row_of(self.current_id) if self.current_id is not None else -1
            refusal, ident = run_edit(self.model, label, de.insert_block, kind,
                                      row + 1 if row >= 0 else None)
        if self.message.report(refusal) and ident is not None:
            self.select_item(ident)

    def remove_item(self) -> None:
        if self.current_id is not None:
            row = self.outline.row_of(self.current_id)
            refusal, _ = run_edit(self.model, self.tr("Ta bort ur dokumentet"),
                                  de.remove_section, self.current_id)
            if self.message.report(refusal) and self.outline.rowCount():
                self.view.setCurrentIndex(self.outline.index(max(0, row - 1)))

    def move_item(self, step: int) -> None:
        ident = self.current_id
        if ident is None:
            return
        target = self.outline.row_of(ident) + step
        if 0 <= target < self.outline.rowCount():
            refusal, _ = run_edit(self.model, self.tr("Flytta i dokumentet"), de.move_section,
                                  ident, target)
            if self.message.report(refusal):
                self.view.select_id(ident)

    def select_item(self, ident: int) -> None:
        """Show the item `ident` (a chapter, text or block)."""
        self.cover_button.setChecked(False)
        if self.view.select_id(ident):
            self._show_current()


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: #555; font-weight: 600; padding: 6px 2px 2px 2px;")
    return label
