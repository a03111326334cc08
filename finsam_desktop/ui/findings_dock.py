"""The findings panel: the live list of broken rules and gaps, visible from every tab."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QStyle, QWidget

from ..domain.findings import SEVERITY_LABELS, Finding, checks_made

SEVERITY_COLOURS = {"error": "#b00020", "warning": "#8a5a00", "info": "#1f4e79"}
_ICONS = {"error": QStyle.StandardPixmap.SP_MessageBoxCritical,
          "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
          "info": QStyle.StandardPixmap.SP_MessageBoxInformation}


class FindingsDock(QDockWidget):
    """Lists `model.outcome.findings`; activating one emits `finding_activated`."""

    finding_activated = Signal(object)
    """The user chose a finding (a domain Finding) to go to what it concerns."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Iakttagelser"), parent)
        self.setObjectName("findings_dock")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activated)
        self.setWidget(self.list)
        self._model = None
        self.findings: tuple[Finding, ...] = ()

    def set_model(self, model) -> None:
        """Follow a PlanModel (or None when no plan is open)."""
        if self._model is not None:
            self._model.changed.disconnect(self.refresh)
        self._model = model
        if model is not None:
            model.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, parts: frozenset | None = None) -> None:
        findings = self._model.outcome.findings if self._model is not None else ()
        if parts is not None and findings and findings == self.findings and self.list.count():
            return  # most keystrokes leave the findings as they were
        self.findings = findings
        self.list.clear()
        style = self.style()
        for index, finding in enumerate(self.findings):
            item = QListWidgetItem(style.standardIcon(_ICONS[finding.severity]), finding.message)
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setForeground(QBrush(QColor(SEVERITY_COLOURS[finding.severity])))
            item.setToolTip(f"{SEVERITY_LABELS[finding.severity]}: {finding.message}")
            self.list.addItem(item)
        if self._model is not None and not self.findings:
            # say what was checked, never more: "the plan adds up" would claim too much
            for text in (self.tr("Inga iakttagelser. Kontrollerat:"),
                         *(f"• {check}" for check in checks_made(self._model.plan))):
                item = QListWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.list.addItem(item)
        count = len(self.findings)
        self.setWindowTitle(self.tr("Iakttagelser") + (f" ({count})" if count else ""))

    def _activated(self, item: QListWidgetItem) -> None:
        index = item.data(Qt.ItemDataRole.UserRole)
        if index is not None:
            self.finding_activated.emit(self.findings[index])
