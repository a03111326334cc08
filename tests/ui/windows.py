"""Real main windows for the tests: temporary settings, dialogs recorded instead of shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from finsam_desktop.ui import dialogs
from finsam_desktop.ui.main_window import MainWindow


class DialogLog:
    """What the window tried to show; tests set `open_path`/`save_path` for the file dialogs."""

    def __init__(self):
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.open_path: str | None = None
        self.save_path: str | None = None
        self.written: list = []


@pytest.fixture
def shown(monkeypatch):
    log = DialogLog()
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: log.errors.append((title, text)))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: log.infos.append((title, text)))
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a, **k: log.open_path)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a, **k: log.save_path)
    monkeypatch.setattr(dialogs, "show_written", lambda parent, title, target: log.written.append(target))
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: pytest.fail("unexpected question"))
    return log


@pytest.fixture
def settings_path(tmp_path):
    return tmp_path / "settings" / "finsam.ini"


@pytest.fixture
def make_window(qtbot, shown, settings_path):
    """make_window() -> a shown MainWindow with its own temporary QSettings."""
    windows = []

    def make(size: tuple[int, int] | None = (1200, 800)) -> MainWindow:
        settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        qtbot.addWidget(window)
        if size:
            window.resize(*size)
        window.show()
        windows.append(window)
        return window
    yield make
    for window in windows:
        window.close_document()
