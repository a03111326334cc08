"""The red line under a tab that says, in Swedish, why an edit was refused."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from .plan_model import EditResult


class RefusalLabel(QLabel):
    """Hidden until there is a refusal to show; every tab has one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet("color: #a00000;")
        self.setWordWrap(True)
        self.hide()

    def report(self, message: EditResult | str | None) -> bool:
        """Show the refusal of an `EditResult` (or a message); True when there was none.

        No refusal leaves an earlier message standing until the plan changes.
        """
        if isinstance(message, EditResult):
            message = message.refusal
        if message is None:
            return True
        self.setText(message)
        self.show()
        return False

    def set_refusal(self, message: str | None) -> None:
        """Show `message`, or hide the line when there is none."""
        self.setText(message or "")
        self.setVisible(bool(message))
