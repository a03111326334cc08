"""The screen shown when no plan is open: start a plan, open one, or explore the example."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def _short_folder(folder: Path) -> str:
    """The folder with the home folder shown as "~", as file managers do."""
    try:
        return str(Path("~") / folder.relative_to(Path.home()))
    except (ValueError, RuntimeError):
        return str(folder)


class WelcomeScreen(QWidget):
    """Buttons for the first steps and the recent files; the window does the work."""

    new_plan = Signal()
    open_plan = Signal()
    new_year = Signal()
    open_example = Signal()
    open_recent = Signal(str)
    """A recent file was chosen (its path)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel(self.tr("FinSam Desktop"))
        title.setStyleSheet("font-size: 22pt; font-weight: bold;")
        subtitle = QLabel(self.tr("Verksamhetsplan och budget för samordningsförbund"))
        subtitle.setStyleSheet("font-size: 12pt; color: #555;")

        self.buttons: dict[str, QPushButton] = {}
        actions = QVBoxLayout()
        for key, text, signal in (
                ("new", self.tr("Ny plan…"), self.new_plan),
                ("open", self.tr("Öppna…"), self.open_plan),
                ("new_year", self.tr("Nytt år från fjolårets fil…"), self.new_year),
                ("example", self.tr("Öppna exempelplan"), self.open_example)):
            button = QPushButton(text)
            button.setMinimumWidth(260)
            button.setMinimumHeight(34)
            button.clicked.connect(signal)
            actions.addWidget(button)
            self.buttons[key] = button
        hint = QLabel(self.tr("Allt du skriver sparas direkt i planfilen – det finns ingen "
                              "Spara-knapp att glömma. Ångra med Ctrl+Z."))
        hint.setWordWrap(True)
        hint.setMaximumWidth(260)
        hint.setStyleSheet("color: #555; margin-top: 12px;")
        actions.addWidget(hint)
        actions.addStretch()

        self.recent = QListWidget()
        self.recent.setMinimumWidth(360)
        self.recent.setMaximumHeight(320)
        self.recent.setStyleSheet("QListWidget::item { padding: 4px; }")
        self.recent.itemActivated.connect(self._recent_chosen)
        self.recent_empty = QLabel(self.tr("Inga senaste filer ännu."))
        self.recent_empty.setStyleSheet("color: #777;")
        recent_box = QVBoxLayout()
        recent_title = QLabel(self.tr("Senaste filer"))
        recent_title.setStyleSheet("font-weight: bold;")
        recent_box.addWidget(recent_title)
        recent_box.addWidget(self.recent)
        recent_box.addWidget(self.recent_empty)
        recent_box.addStretch()

        columns = QHBoxLayout()
        columns.addLayout(actions)
        columns.addSpacing(32)
        columns.addLayout(recent_box, 1)

        page = QWidget()
        page.setMaximumWidth(900)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(24)
        layout.addLayout(columns, 1)
        outer = QHBoxLayout(self)
        outer.addStretch()
        outer.addWidget(page, 4)
        outer.addStretch()

    def set_recent(self, paths: list[str]) -> None:
        """Show the recent files (name, then folder), newest first."""
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{Path(path).name}\n{_short_folder(Path(path).parent)}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
        self.recent_empty.setVisible(not paths)

    def _recent_chosen(self, item: QListWidgetItem) -> None:
        self.open_recent.emit(item.data(Qt.ItemDataRole.UserRole))
