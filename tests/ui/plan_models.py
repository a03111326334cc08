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
