"""A line edit for one plan setting: shows the plan's value, forwards edits, shows refusals."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QToolTip, QWidget

from .undo_keys import goes_to_document

REFUSED_STYLE = "QLineEdit { border: 2px solid #b00020; background: #fdecee; }"
WARNED_STYLE = "QLineEdit { border: 2px solid #b07800; background: #fff6dd; }"


class CommitLineEdit(QLineEdit):
    """Commits its text through `commit(text) -> refusal or None` when editing finishes.

    A refused value is shown at the field (red frame and tooltip) and the plan's value
    comes back, so nothing half-typed stays on screen; the frame goes with the next good
    edit anywhere (`clear_refusal`). Escape puts the plan's value back without committing.
    """

    def __init__(self, current: Callable[[], str], commit: Callable[[str], str | None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._current = current
        self._commit = commit
        self.refusal: str | None = None
        self.warning: str | None = None
        self.editingFinished.connect(self.commit)
        self.refresh()

    def event(self, event) -> bool:
        """Ctrl+Z with nothing typed here to undo goes to the document's undo (STYLE)."""
        if goes_to_document(self, event):
            event.ignore()
            return False
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_Escape \
                and self.isModified():
            event.accept()  # Escape is ours while there is typing to revert
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.revert()
            event.accept()
            return
        super().keyPressEvent(event)

    def revert(self) -> None:
        """Escape: the plan's value again, nothing committed."""
        self.setText(self._current())
        self.setModified(False)

    def refresh(self) -> None:
        """Show the plan's value (unless the user is typing in this field)."""
        if not self.hasFocus() or not self.isModified():
            self.setText(self._current())
            self.setModified(False)

    def clear_refusal(self) -> None:
        """Forget an earlier refusal or warning (the plan changed since): no frame, no tip."""
        if self.refusal or self.warning:
            self.refusal = self.warning = None
            self.setStyleSheet("")
            self.setToolTip("")

    def show_warning(self, warning: str) -> None:
        """The value was taken but looks wrong (far beyond the plan's scale): an amber
        frame and the reason, until the next good edit."""
        self.warning = warning
        self.setStyleSheet(WARNED_STYLE)
        self.setToolTip(warning)
        if self.isVisible():
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), warning, self)

    def commit(self) -> str | None:
        text = self.text()
        if text == self._current():
            self.setModified(False)
            return None
        refusal = self._commit(text)
        self.setModified(False)
        self.refusal = refusal
        if refusal:
            self.setStyleSheet(REFUSED_STYLE)
            self.setToolTip(refusal)
            if self.isVisible():
                QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), refusal, self)
        elif not self.warning:  # a warning about this very value stays until the next edit
            self.setStyleSheet("")
            self.setToolTip("")
        self.setText(self._current())
        return refusal
