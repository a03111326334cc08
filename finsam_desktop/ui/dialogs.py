"""Every modal dialog the window shows goes through these functions.

Tests patch them (monkeypatch.setattr(dialogs, "ask_open_path", ...)) instead of
driving native dialogs; docs/pitfalls.md: patching QMessageBox.question misses
QMessageBox instances run with exec().
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

PLAN_FILTER = "FinSam-plan (*.finsam)"
OPEN_FILTER = "FinSam-plan (*.finsam *.plan.json *.json);;FinSam-plan (*.finsam);;Plan i JSON-format (*.plan.json *.json)"
JSON_FILTER = "Plan i JSON-format (*.json)"
PDF_FILTER = "PDF (*.pdf)"
EXCEL_FILTER = "Excel (*.xlsx)"


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask_open_path(parent: QWidget | None, title: str, name_filter: str = PLAN_FILTER,
                  folder: str = "") -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder or plan_folder(parent),
                                          name_filter)
    return path or None


def ask_save_path(parent: QWidget | None, title: str, name_filter: str = PLAN_FILTER,
                  suggested: str = "") -> str | None:
    if suggested and not Path(suggested).is_absolute() and plan_folder(parent):
        suggested = str(Path(plan_folder(parent)) / suggested)
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested or plan_folder(parent),
                                          name_filter)
    return path or None


def plan_folder(parent: QWidget | None) -> str:
    """The folder of the plan open in `parent`'s window: where file dialogs start."""
    window = parent.window() if parent is not None else None
    model = getattr(window, "model", None)
    document = getattr(model, "document", None)
    return str(Path(document.path).resolve().parent) if document is not None else ""


def open_folder(path: Path) -> bool:
    """Show `path`'s folder in the file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve().parent)))


def show_written(parent: QWidget | None, title: str, target: Path) -> None:
    """Say where a file was written, with *Öppna mappen* beside OK."""
    text = QCoreApplication.translate("Dialogs", "Skrev {name} i mappen {folder}.").format(
        name=target.name, folder=target.resolve().parent)
    box = QMessageBox(QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    folder = box.addButton(QCoreApplication.translate("Dialogs", "Öppna mappen"),
                           QMessageBox.ButtonRole.ActionRole)
    box.exec()
    if box.clickedButton() is folder:
        open_folder(target)
