"""*Arkiv → Importera text från Word…*: last year's document in as chapters, one undo step.

The user picks a .docx, sees what comes in (each chapter formatted as the editor will show
it) and chooses to add it after the document's chapters or to replace their text; the
placed tables stay either way.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain import document_edits as de
from ..domain.errors import UserFacingError
from ..services.text_import import read_docx
from . import dialogs
from .background import reading, run_for
from .document_markdown import load_markdown
from .plan_model import PlanModel

WORD_FILTER = "Word-dokument (*.docx)"


class ImportPreview(QDialog):
    """What the document holds, chapter by chapter, before anything changes."""

    def __init__(self, chapters: list[tuple[str, str]], name: str, has_text: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Importera text från Word"))
        self.resize(980, 640)
        self.chapters = chapters
        intro = QLabel(self.tr("%1 innehåller %2 kapitel. Rubriker, listor, fet och kursiv "
                               "stil, länkar och tabeller följer med; bilder och "
                               "formatmallar gör det inte.")
                       .replace("%1", name).replace("%2", str(len(chapters))))
        intro.setWordWrap(True)
        self.titles = QListWidget()
        self.titles.addItems([title for title, _ in chapters])
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.chapter_title = QLabel()
        self.chapter_title.setStyleSheet("font-size: 16pt; font-weight: 600; color: #1f3a5f;")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.chapter_title)
        right_layout.addWidget(self.preview, 1)
        splitter = QSplitter()
        splitter.addWidget(self.titles)
        splitter.addWidget(right)
        splitter.setSizes([280, 700])
        self.replace_text = QCheckBox(self.tr("Ersätt dokumentets nuvarande text (tabellerna "
                                              "som är placerade behålls)"))
        self.replace_text.setVisible(has_text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Importera"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        row.addWidget(self.replace_text)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.titles.currentRowChanged.connect(self.show_chapter)
        if chapters:
            self.titles.setCurrentRow(0)

    def show_chapter(self, row: int) -> None:
        if 0 <= row < len(self.chapters):
            title, text = self.chapters[row]
            self.chapter_title.setText(title)
            load_markdown(self.preview.document(), text)


def ask_import(parent: QWidget, chapters: list[tuple[str, str]], name: str,
               has_text: bool) -> bool | None:
    """Show the preview; None when cancelled, else whether to replace the text (tests patch)."""
    dialog = ImportPreview(chapters, name, has_text, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.replace_text.isChecked()


def import_word_text(parent: QWidget, model: PlanModel) -> bool:
    """Ask for a .docx, preview it and bring its chapters in; True when the plan changed."""
    path = dialogs.ask_open_path(parent, parent.tr("Importera text från Word"), WORD_FILTER)
    if not path:
        return False
    try:
        chapters = run_for(parent, lambda _: read_docx(Path(path)), reading(path))
    except UserFacingError as error:
        dialogs.show_error(parent, parent.tr("Kan inte importera"), str(error))
        return False
    if not chapters:
        dialogs.show_error(parent, parent.tr("Kan inte importera"),
                           parent.tr("%1 innehåller ingen text.").replace("%1", Path(path).name))
        return False
    has_text = any(s.kind != "block" for s in model.plan.sections)
    replace_text = ask_import(parent, chapters, Path(path).name, has_text)
    if replace_text is None:
        return False
    result = model.edit(parent.tr("Importera text från Word"), de.import_chapters, chapters,
                        replace_text)
    if not result.ok:
        dialogs.show_error(parent, parent.tr("Kan inte importera"), result.refusal)
        return False
    return True
