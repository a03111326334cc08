"""Ny plan: the small dialog (association, plan year, span, unit) and creating the file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ..services.session import PlanDocument, PlanFileError, holder_of, reason
from . import dialogs
from .documents import new_plan, with_suffix


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


def _tr(text: str) -> str:
    return QCoreApplication.translate("NewPlanDialog", text)


def create_new_plan(parent: QWidget | None) -> PlanDocument | None:
    """Ask for the basics and a file name, and create the plan file; None if cancelled/refused.

    A file the save dialog allowed to replace is replaced only when nobody has it open.
    """
    choice = ask_new_plan(parent)
    if choice is None:
        return None
    path = dialogs.ask_save_path(parent, _tr("Spara den nya planen"),
                                 suggested=f"{choice.association} {choice.plan_year}.finsam")
    if not path:
        return None
    target = with_suffix(path)
    title = _tr("Kan inte skapa planen")
    if target.exists():
        if holder_of(target) is not None:
            dialogs.show_error(parent, title, _tr(
                "{name} är öppen och kan inte ersättas. Välj ett annat namn.").format(
                    name=target.name))
            return None
        try:
            target.unlink()  # the save dialog has asked about replacing it
        except OSError as error:
            dialogs.show_error(parent, title, f"{target.name} kunde inte ersättas: {reason(error)}.")
            return None
    plan = new_plan(choice.association, choice.plan_year, choice.span, choice.unit)
    try:
        return PlanDocument.create(target, plan)
    except PlanFileError as error:
        dialogs.show_error(parent, title, str(error))
        return None
