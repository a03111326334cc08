"""Open a real .finsam file as the window's PlanModel (shared by the tab tests)."""

from __future__ import annotations

import pytest

from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.ui.plan_model import PlanModel


@pytest.fixture
def open_model(plan_file, qtbot):
    """open_model("sormland-2026") -> PlanModel over a fresh .finsam copy; closed afterwards."""
    models = []

    def make(name: str = "skaraborg-2026") -> PlanModel:
        model = PlanModel(PlanDocument.open(plan_file(name)))
        models.append(model)
        return model
    yield make
    for model in models:
        model.close()


def show_tab(tab_class, model: PlanModel, qtbot, active: bool = False, in_window: bool = False):
    """A tab shown as the user sees it.

    `active` waits until it has focus (for key presses); `in_window` puts it in a
    QMainWindow, kept alive as `tab.test_window`, like the real window does.
    """
    from PySide6.QtWidgets import QMainWindow
    tab = tab_class(model)
    if in_window:
        top = QMainWindow()
        top.setCentralWidget(tab)
        tab.test_window = top
    else:
        top = tab
        top.resize(1400, 800)
    qtbot.addWidget(top)
    top.show()
    if active:
        top.activateWindow()
        qtbot.waitUntil(top.isActiveWindow)
    return tab
