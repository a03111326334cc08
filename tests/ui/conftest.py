"""Fixtures for the window tests: a PlanModel over a real file, and the real MainWindow."""

import pytest

from finsam_desktop.ui.app import release_clipboard

from .plan_models import open_model  # noqa: F401 - fixture
from .windows import make_window, settings_path, shown  # noqa: F401 - fixtures


@pytest.fixture(autouse=True)
def _no_written_notice(monkeypatch):
    """The "Skrev … / Öppna mappen" notice is modal; window tests record it instead."""
    from finsam_desktop.ui import dialogs
    monkeypatch.setattr(dialogs, "show_written", lambda parent, title, target: None)


@pytest.fixture(autouse=True)
def _release_clipboard(qapp):
    """Tests put Python-made QMimeData on the clipboard; Qt would free it after Python."""
    yield
    release_clipboard()
