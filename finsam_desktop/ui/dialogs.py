"""Every modal dialog the window shows goes through these functions.

Tests patch them (monkeypatch.setattr(dialogs, "ask_open_path", ...)) instead of
driving native dialogs; PITFALLS: patching QMessageBox.question misses
QMessageBox instances run with exec().
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

PLAN_FILTER = "FinSam-plan (*.finsam)"
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
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, name_filter)
    return path or None


def ask_save_path(parent: QWidget | None, title: str, name_filter: str = PLAN_FILTER,
                  suggested: str = "") -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, name_filter)
    return path or None
