"""Starting the app: Swedish locale and Qt strings, --example, a file argument, crash log."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from finsam_desktop.ui import app, documents

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_setup_is_swedish(qapp):
    app.setup_application()
    assert QLocale().name() == "sv_SE"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"
    assert QCoreApplication.organizationName() == "FinSam"


def test_example_opens_a_copy(qtbot, tmp_path, monkeypatch, shown, settings):
    monkeypatch.setattr(documents, "documents_folder", lambda: tmp_path / "FinSam")
    window = app.start_window(example=True, settings=settings)
    qtbot.addWidget(window)
    assert window.model is not None
    assert window.model.document.path == tmp_path / "FinSam" / "skaraborg-2026-exempel.finsam"
    assert window.tabs.count() == 7 and shown.errors == []


def test_a_file_argument_that_is_not_a_plan_shows_a_message(qtbot, tmp_path, shown, settings):
    bad = tmp_path / "plan.json.finsam"
    bad.write_text("{}", encoding="utf-8")
    window = app.start_window(str(bad), settings=settings)
    qtbot.addWidget(window)
    assert window.model is None and window.stack.currentIndex() == 0
    assert shown.errors and "plan.json.finsam" in shown.errors[0][1]


def test_unexpected_errors_are_logged_and_told(tmp_path, monkeypatch, shown):
    monkeypatch.setattr(app, "log_path", lambda: tmp_path / "data" / "finsam-desktop.log")
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as error:
        app.report_unexpected(type(error), error, error.__traceback__)
    text = (tmp_path / "data" / "finsam-desktop.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError" in text and "Traceback" in text
    title, message = shown.errors[-1]
    assert title == "Oväntat fel" and "finsam-desktop.log" in message
    assert "Traceback" not in message


def test_the_app_exits_cleanly_after_a_copy():
    """A range copied to the clipboard must not crash the process on exit (PySide6 6.12)."""
    import os
    import subprocess
    import sys
    script = (
        "from finsam_desktop.ui.app import setup_application\n"
        "from finsam_desktop.ui.table_view import grid_mime\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "app = setup_application()\n"
        "QGuiApplication.clipboard().setMimeData(grid_mime([['1 000', 'Kansli']]))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-500:]
