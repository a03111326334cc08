"""Placeholder for the overview tab; replaced by the real tab."""

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class OverviewTab(QWidget):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Kommer snart")))
