"""The Text tab: the narrative sections of the plan, each a title and a multi-line text.

Add, remove and reorder sections; each is one undoable command. Typing is written
through as the user types (no unsaved state), and successive typing in one field of a
section merges into one undo step (merge_key). The editors' own undo is switched off
so Ctrl+Z always reaches the document's undo (STYLE: no editor undo fighting it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QLineEdit,
                               QPlainTextEdit, QSplitter, QVBoxLayout, QWidget)

from ...domain import edits
from ...domain.edits import EditError
from ..plan_model import PlanModel
from ..table_view import PlanTableView, button_row
from ..tables import Column, PlanTableModel, text_column
from ..refusal_label import RefusalLabel

COLLECTION = "sections"


def section_columns(plan) -> list[Column]:
    return [text_column("title", "Avsnitt")]


class TextTab(QWidget):
    """Sections list (left) and the selected section's title and text (right)."""

    def __init__(self, model: PlanModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self._loading = False
        self.message = RefusalLabel()
        self.table = PlanTableModel(model, COLLECTION, section_columns, self)
        self.view = PlanTableView(self.table, None, self.message)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.insert_requested.connect(self.add_section)
        self.view.delete_requested.connect(self.remove_section)
        buttons, made = button_row((self.tr("Nytt avsnitt"), self.add_section),
                                   (self.tr("Ta bort"), self.remove_section),
                                   (self.tr("Flytta upp"), lambda: self.move_section(-1)),
                                   (self.tr("Flytta ned"), lambda: self.move_section(1)))
        self.add_button, self.remove_button, self.up_button, self.down_button = made
        sections_box = QGroupBox(self.tr("Avsnitt i verksamhetsplanen"))
        sections_layout = QVBoxLayout(sections_box)
        sections_layout.addLayout(buttons)
        sections_layout.addWidget(self.view)

        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Rubrik"))
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.text = QPlainTextEdit()
        self.text.setUndoRedoEnabled(False)
        self.text.setPlaceholderText(self.tr("Skriv avsnittets text här …"))
        for editor in (self.title, self.text):
            editor.installEventFilter(self)
            editor.setReadOnly(model.read_only)
        self.editor_box = QGroupBox(self.tr("Avsnittet"))
        form = QFormLayout(self.editor_box)
        form.addRow(self.tr("Rubrik:"), self.title)
        form.addRow(self.tr("Text:"), self.text)
        for button in made:
            button.setEnabled(not model.read_only)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(sections_box)
        splitter.addWidget(self.editor_box)
        splitter.setSizes([420, 980])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self.title.textEdited.connect(self._title_typed)
        self.text.textChanged.connect(self._text_typed)
        self.view.selectionModel().currentRowChanged.connect(self._show_current)
        self.table.modelReset.connect(self._after_reset)
        model.changed.connect(self._on_changed)
        self.current_id: int | None = None
        if self.table.rowCount():
            self.view.selectRow(0)
        self._show_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Let Ctrl+Z / Ctrl+Shift+Z pass from the editors to the window's undo actions."""
        if event.type() == QEvent.Type.ShortcutOverride and watched in (self.title, self.text) \
                and (event.matches(QKeySequence.StandardKey.Undo)
                     or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    # --- showing ---------------------------------------------------------------------

    def _section(self):
        if self.current_id is None:
            return None
        try:
            return edits.find(self.model.plan, COLLECTION, self.current_id)
        except EditError:
            return None

    def _show_current(self, *args) -> None:
        self.current_id = self.view.current_id()
        self._load_editors()

    def _load_editors(self) -> None:
        """Put the section's title and text in the editors, unless they already show them."""
        section = self._section()
        self._loading = True
        try:
            title = section.title if section else ""
            text = section.text if section else ""
            if self.title.text() != title:
                self.title.setText(title)
            if self.text.toPlainText() != text:
                self.text.setPlainText(text)
        finally:
            self._loading = False
        self.editor_box.setEnabled(section is not None)

    def _after_reset(self) -> None:
        if self.current_id is None or not self.view.select_id(self.current_id):
            if self.table.rowCount():
                self.view.selectRow(0)
        self._show_current()

    def _on_changed(self, parts: frozenset) -> None:
        self.message.hide()
        if COLLECTION in parts:
            self._load_editors()

    # --- typing ----------------------------------------------------------------------

    def _title_typed(self, title: str) -> None:
        self._write("title", title, self.tr("Ändra rubrik"))

    def _text_typed(self) -> None:
        if not self._loading:
            self._write("text", self.text.toPlainText(), self.tr("Skriv text"))

    def _write(self, field: str, value: str, label: str) -> None:
        section = self._section()
        if section is None or getattr(section, field) == value:
            return
        self.message.report(self.model.edit(label, edits.update_item, COLLECTION, section.id,
                                     merge_key=f"{COLLECTION}:{section.id}:{field}",
                                     **{field: value}))

    # --- rows ------------------------------------------------------------------------

    def add_section(self) -> None:
        index = None if self.current_id is None else self.table.row_of(self.current_id) + 1
        result = self.model.edit(self.tr("Lägg till avsnitt"), edits.add_item, COLLECTION, index)
        if self.message.report(result):
            self.current_id = result.new_id
            self.view.select_id(self.current_id)
            self._show_current()
            self.title.setFocus()
            self.title.selectAll()

    def remove_section(self) -> None:
        if self.current_id is not None:
            self.message.report(self.model.edit(self.tr("Ta bort avsnitt"), edits.remove_item,
                                         COLLECTION, self.current_id))

    def move_section(self, step: int) -> None:
        ident = self.current_id
        if ident is None:
            return
        target = self.table.row_of(ident) + step
        if 0 <= target < self.table.rowCount() and self.message.report(self.model.edit(
                self.tr("Flytta avsnitt"), edits.move_item, COLLECTION, ident, target)):
            self.view.select_id(ident)

    def select_item(self, ident: int) -> None:
        """Show the section `ident`."""
        if self.view.select_id(ident):
            self._show_current()
