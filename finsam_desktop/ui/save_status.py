"""The status bar's word on the file: *Sparar…* while an edit waits to be written,
*Allt är sparat* once it is on disk (PlanModel writes right after the frame)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from .steady_label import SteadyLabel


def _tr(text: str) -> str:
    return QCoreApplication.translate("SaveStatus", text)


class SaveStatus(SteadyLabel):
    """Fixed size: changing its text never relayouts the window."""

    def __init__(self, parent=None):
        super().__init__(1, 0, parent)
        self.set_width(self.fontMetrics().horizontalAdvance(_tr("Allt är sparat")) + 24)
        self.setObjectName("save_status")
        self._model = None
        self.set_saving(False)

    def follow(self, model) -> None:
        """Show `model`'s saving state (None: no plan open)."""
        if self._model is not None:
            self._model.saving.disconnect(self.set_saving)
        self._model = model
        if model is not None:
            model.saving.connect(self.set_saving)
        self.set_saving(False)

    def set_saving(self, saving: bool) -> None:
        # Always visible (a status-bar widget shown later is not laid out again); empty
        # when there is no plan to save.
        if self._model is None or self._model.read_only:
            self.setText("")
        else:
            self.setText(_tr("Sparar…") if saving else _tr("Allt är sparat"))
