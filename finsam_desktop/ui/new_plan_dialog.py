"""The small "Ny plan" dialog: association, plan year, span and unit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QSpinBox, QWidget)


@dataclass(frozen=True)
class NewPlanChoice:
    association: str
    plan_year: int
    span: int
    unit: str


class NewPlanDialog(QDialog):
    """Asks what a new plan needs before the file can be created."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ny plan"))
        form = QFormLayout(self)
        self.association = QLineEdit()
        self.association.setPlaceholderText(self.tr("Samordningsförbundet …"))
        self.plan_year = QSpinBox()
        self.plan_year.setRange(2000, 2100)
        self.plan_year.setValue(dt.date.today().year + 1)
        self.span = QSpinBox()
        self.span.setRange(1, 5)
        self.span.setValue(3)
        self.span.setSuffix(self.tr(" år"))
        self.unit = QComboBox()
        self.unit.addItem(self.tr("kronor (kr)"), "kr")
        self.unit.addItem(self.tr("tusental kronor (tkr)"), "tkr")
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        form.addRow(self.tr("Förbundets namn:"), self.association)
        form.addRow(self.tr("Budgetår:"), self.plan_year)
        form.addRow(self.tr("Antal år i planen:"), self.span)
        form.addRow(self.tr("Belopp visas i:"), self.unit)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        if not self.association.text().strip():
            self.message.setText(self.tr("Skriv förbundets namn."))
            self.association.setFocus()
            return
        super().accept()

    def choice(self) -> NewPlanChoice:
        return NewPlanChoice(self.association.text().strip(), self.plan_year.value(),
                             self.span.value(), self.unit.currentData())


def ask_new_plan(parent: QWidget | None) -> NewPlanChoice | None:
    """Show the dialog; None when the user cancels. Tests patch this function."""
    dialog = NewPlanDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()
