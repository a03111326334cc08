"""A label whose text changes on every keystroke without relayouting the window.

`QLabel.setText` asks its parent's layout for a new geometry every time, and in the main
window that relayouts and repaints every widget (measured: the whole window painted per
edit, 10 ms of the 16 ms frame). This label has a fixed height, paints its (rich) text
itself and only repaints itself when the text changes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QSizePolicy, QWidget


class SteadyLabel(QWidget):
    """Text (plain or simple HTML) in `lines` lines; `setText` never changes the layout."""

    def __init__(self, lines: int = 1, width: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self._text = ""
        self._wrap = lines > 1
        self._document = QTextDocument(self)
        self._document.setDocumentMargin(2)
        self._document.setDefaultFont(self.font())
        colour = self.palette().color(QPalette.ColorRole.WindowText).name()
        self._document.setDefaultStyleSheet(f"body {{ color: {colour}; }}")
        height = lines * self.fontMetrics().lineSpacing() + 6
        self.setFixedHeight(height)
        self._hint = QSize(width or 100, height)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        if width:
            self.set_width(width)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._hint

    def set_width(self, width: int) -> None:
        """A fixed width (the layout gets it as size hint and minimum too)."""
        self._hint = QSize(width, self._hint.height())
        self.setFixedWidth(width)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name
        if text == self._text:
            return
        self._text = text
        self._document.setHtml(text)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        self._document.setTextWidth(self.width() if self._wrap else -1)  # one line: no wrap
        self._document.drawContents(painter)
        painter.end()
