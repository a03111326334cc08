"""The report's cover and printed names: title, subtitle, logo, decision note, area names.

The logo is picked in a file dialog, checked (PNG or JPEG, at most 5 MB) and stored in the
plan itself as bytes, so the file can be mailed on and still print with its logo.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain import document_edits as de
from ..domain.plan import AREA_LABELS, AREAS
from ..services.session import reason
from . import dialogs
from .document_outline import run_edit
from .plan_model import PlanModel
from .refusal_label import RefusalLabel

IMAGE_FILTER = "Bilder (*.png *.jpg *.jpeg)"
LOGO_BOX = (240, 120)
"""The logo preview's size in pixels; the picture is scaled to fit, keeping its shape."""


class CoverPanel(QWidget):
    """Edits `plan.cover` and `plan.labels`; every change one undo step, typing merges."""

    def __init__(self, model: PlanModel, message: RefusalLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.message = message
        heading = QLabel(self.tr("Försättsblad"))
        heading.setStyleSheet("font-size: 15pt; font-weight: 600; color: #1f3a5f;")
        self.fields: dict[str, QLineEdit] = {}
        cover_box = QGroupBox(self.tr("Det som står på första sidan"))
        form = QFormLayout(cover_box)
        for key, label in (("title", self.tr("Titel:")), ("subtitle", self.tr("Undertitel:")),
                           ("note", self.tr("Beslut:"))):
            field = QLineEdit()
            field.textEdited.connect(lambda text, k=key: self._cover_typed(k, text))
            field.setReadOnly(model.read_only)
            self.fields[key] = field
            form.addRow(label, field)
        self.fields["note"].setPlaceholderText(self.tr("Beslutad av styrelsen 2025-11-25, § 47"))
        self.fields["subtitle"].setPlaceholderText(self.tr("Till exempel förbundets namn"))

        self.logo = QLabel()
        self.logo.setFixedSize(*LOGO_BOX)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo.setStyleSheet("background: white; color: #888;")
        self.pick_button = QPushButton(self.tr("Välj bild…"))
        self.remove_button = QPushButton(self.tr("Ta bort logotyp"))
        self.pick_button.clicked.connect(self.pick_logo)
        self.remove_button.clicked.connect(self.remove_logo)
        buttons = QVBoxLayout()
        buttons.addWidget(self.pick_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo)
        logo_row.addLayout(buttons)
        logo_row.addStretch(1)
        form.addRow(self.tr("Logotyp:"), logo_row)

        labels_box = QGroupBox(self.tr("Namn på insatsområdena"))
        labels_form = QFormLayout(labels_box)
        self.areas: dict[str, QLineEdit] = {}
        for area in AREAS:
            field = QLineEdit()
            field.setPlaceholderText(AREA_LABELS[area])
            field.textEdited.connect(lambda text, a=area: self._area_typed(a, text))
            field.setReadOnly(model.read_only)
            self.areas[area] = field
            labels_form.addRow(self.tr(AREA_LABELS[area]) + ":", field)
        hint = QLabel(self.tr("Namnen visas i fönstret och skrivs i rapporten. Lämna tomt för "
                              "standardnamnet. Skaraborg skriver till exempel "
                              "”Strukturinriktade insatser”."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        labels_form.addRow(hint)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(cover_box)
        layout.addWidget(labels_box)
        layout.addStretch(1)
        for button in (self.pick_button, self.remove_button):
            button.setEnabled(not model.read_only)
        model.changed.connect(lambda parts: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """Show the plan's cover and labels, leaving fields that already show them alone."""
        plan = self.model.plan
        self.fields["title"].setPlaceholderText(
            self.tr("Verksamhetsplan och budget %1").replace("%1", str(plan.plan_year)))
        for key, field in self.fields.items():
            value = getattr(plan.cover, key)
            if field.text() != value:
                field.setText(value)
        for area, field in self.areas.items():
            value = plan.labels.areas.get(area, "")
            if field.text().strip() != value:
                field.setText(value)
        if plan.cover.logo:
            pixmap = QPixmap()
            pixmap.loadFromData(QByteArray(plan.cover.logo))
            self.logo.setPixmap(pixmap.scaled(*LOGO_BOX, Qt.AspectRatioMode.KeepAspectRatio,
                                              Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo.setPixmap(QPixmap())
            self.logo.setText(self.tr("Ingen logotyp"))
        self.remove_button.setEnabled(bool(plan.cover.logo) and not self.model.read_only)

    def _cover_typed(self, key: str, text: str) -> None:
        refusal, _ = run_edit(self.model, self.tr("Ändra försättsbladet"), de.set_cover,
                              merge_key=f"cover:{key}", **{key: text})
        self.message.report(refusal)

    def _area_typed(self, area: str, text: str) -> None:
        refusal, _ = run_edit(self.model, self.tr("Ändra områdets namn"), de.set_area_label,
                              area, text, merge_key=f"labels:{area}")
        self.message.report(refusal)

    def pick_logo(self) -> None:
        """Ask for a PNG or JPEG file and put it in the plan."""
        path = dialogs.ask_open_path(self, self.tr("Välj logotyp"), IMAGE_FILTER)
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            self.message.report(self.tr("%1 kunde inte läsas: %2.").replace(
                "%1", Path(path).name).replace("%2", reason(error)))
            return
        if not QImage().loadFromData(QByteArray(data)):
            self.message.report(self.tr("%1 är ingen bild som går att visa (PNG eller JPEG).")
                                .replace("%1", Path(path).name))
            return
        refusal, _ = run_edit(self.model, self.tr("Byt logotyp"), de.set_logo, data)
        self.message.report(refusal)

    def remove_logo(self) -> None:
        refusal, _ = run_edit(self.model, self.tr("Ta bort logotyp"), de.set_logo, b"")
        self.message.report(refusal)
