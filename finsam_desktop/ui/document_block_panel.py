"""The settings of one placed block: its heading, whether it is printed, a chart's text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain import document_edits as de
from ..domain.plan import Section
from ..services.document_preview import block_name, preview_html
from .document_outline import run_edit
from .plan_model import PlanModel
from .refusal_label import RefusalLabel

BLOCK_HELP = {
    "members": "Varje medlems avgift per år, med fjolårets kolumn när den finns.",
    "keys": "Kommunernas fördelningsnyckel, dess källa och andel av kommunernas del.",
    "economy": "Budget och ekonomisk plan: intäkter, kostnader, resultat och eget kapital per år.",
    "interventions": "Insatserna per område och kategori, med summor.",
    "interventions_by_municipality": "Insatsmedlen fördelade per kommun.",
    "intervention_details": "Varje insats med ägare, kommun, datum, extern finansiering, "
                            "deltagare och beskrivning, grupperade med delsummor.",
    "goals": "Målen, delmålen och indikatorerna från fliken Mål.",
    "rules": "Reglerna för eget kapital och varje års marginal.",
    "findings": "Kontrollerna och avvikelserna. Lämna den utanför för styrelsens version.",
    "chart_equity": "Diagram över eget kapital per år.",
    "chart_areas": "Diagram över insatsmedlen per område.",
    "follow_up": "Den senaste uppföljningsperioden.",
}


class BlockPanel(QWidget):
    """Edits the block item `show(section)` was given; every change one undo step."""

    def __init__(self, model: PlanModel, message: RefusalLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.message = message
        self.section: Section | None = None
        self.name = QLabel()
        self.name.setStyleSheet("font-size: 15pt; font-weight: 600; color: #1f3a5f;")
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: #555;")
        self.default_title = QRadioButton()
        self.own_title = QRadioButton(self.tr("Egen rubrik:"))
        self.no_title = QRadioButton(self.tr("Ingen rubrik (kapitlets rubrik räcker)"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Skriv tabellens rubrik"))
        self.choice = QButtonGroup(self)
        for button in (self.default_title, self.own_title, self.no_title):
            self.choice.addButton(button)
        self.included = QCheckBox(self.tr("Med i rapporten"))
        self.alt_text = QPlainTextEdit()
        self.alt_text.setPlaceholderText(self.tr("Lämna tomt så skrivs en text ut ur siffrorna."))
        self.alt_text.setMaximumHeight(90)
        self.alt_label = QLabel(self.tr("Alternativ text för den som inte ser diagrammet:"))

        box = QGroupBox(self.tr("Rubrik i rapporten"))
        titles = QFormLayout(box)
        titles.addRow(self.default_title)
        titles.addRow(self.own_title, self.title)
        titles.addRow(self.no_title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.name)
        layout.addWidget(self.help)
        layout.addSpacing(8)
        layout.addWidget(self.included)
        layout.addWidget(box)
        layout.addWidget(self.alt_label)
        layout.addWidget(self.alt_text)
        layout.addWidget(QLabel(self.tr("Så här ser den ut i rapporten, räknad ur planen:")))
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        layout.addWidget(self.preview, 1)
        model.changed.connect(self._on_changed)

        self.choice.buttonClicked.connect(self._choice_made)
        self.title.textEdited.connect(self._title_typed)
        self.included.clicked.connect(self._included_clicked)
        self.alt_text.textChanged.connect(self._alt_typed)
        self._loading = False
        for widget in (self.default_title, self.own_title, self.no_title, self.title,
                       self.included, self.alt_text):
            widget.setEnabled(not model.read_only)

    def show(self, section: Section) -> None:  # noqa: A003 - shows the block, not the widget
        self.section = section
        self._loading = True
        try:
            label = block_name(section.block)
            self.name.setText(label)
            self.help.setText(self.tr(BLOCK_HELP.get(section.block, "")))
            self.default_title.setText(self.tr("Standardrubrik: ”%1”").replace("%1", label))
            button = self.default_title if section.block_title is None else (
                self.no_title if section.block_title == "" else self.own_title)
            button.setChecked(True)
            if section.block_title and self.title.text() != section.block_title:
                self.title.setText(section.block_title)
            self.title.setEnabled(button is self.own_title and not self.model.read_only)
            self.included.setChecked(section.included)
            chart = section.block.startswith("chart_")
            self.alt_text.setVisible(chart)
            self.alt_label.setVisible(chart)
            if chart and self.alt_text.toPlainText() != section.alt_text:
                self.alt_text.setPlainText(section.alt_text)
        finally:
            self._loading = False
        self.show_preview()

    def show_preview(self) -> None:
        if self.section is not None:
            self.preview.setHtml(preview_html(self.section.block, self.model.plan,
                                              self.model.outcome))

    def _on_changed(self, parts) -> None:
        if self.isVisible() and self.section is not None and getattr(parts, "figures", True):
            self.show_preview()

    def _edit(self, label: str, change, *args, merge_key: str | None = None) -> None:
        if self.section is None or self._loading:
            return
        refusal, _ = run_edit(self.model, label, change, self.section.id, *args,
                              merge_key=merge_key)
        self.message.report(refusal)

    def _choice_made(self, button) -> None:
        if button is self.default_title:
            self._edit(self.tr("Standardrubrik"), de.set_block_title, None)
        elif button is self.no_title:
            self._edit(self.tr("Ingen rubrik"), de.set_block_title, "")
        else:
            self.title.setEnabled(True)
            self.title.setFocus(Qt.FocusReason.OtherFocusReason)
            text = self.title.text().strip() or block_name(self.section.block)
            self._edit(self.tr("Egen rubrik"), de.set_block_title, text)

    def _title_typed(self, text: str) -> None:
        self._edit(self.tr("Ändra tabellens rubrik"), de.set_block_title, text,
                   merge_key=f"sections:{self.section.id}:block_title" if self.section else None)

    def _included_clicked(self, checked: bool) -> None:
        self._edit(self.tr("Ta med i rapporten") if checked else self.tr("Lämna utanför rapporten"),
                   de.set_included, checked)

    def _alt_typed(self) -> None:
        if self.section is not None and self.alt_text.toPlainText() != self.section.alt_text:
            self._edit(self.tr("Alternativ text"), de.set_alt_text, self.alt_text.toPlainText(),
                       merge_key=f"sections:{self.section.id}:alt_text")
