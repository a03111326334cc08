"""Starting the window: the application object, Swedish locale, error log and first document."""

from __future__ import annotations

import atexit
import contextlib
import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QStandardPaths, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

ORGANIZATION = "FinSam"
APPLICATION = "FinSam Desktop"
LOG_NAME = "finsam-desktop.log"

log = logging.getLogger("finsam_desktop")


def release_clipboard() -> None:
    """Let go of clipboard data made in Python while Python still runs.

    Qt destroys what the clipboard holds in its own exit handlers, after Python has
    finalized; a QMimeData created from Python then crashes the process on exit
    (seen with PySide6 6.12: a segmentation fault after every copy).
    """
    app = QGuiApplication.instance()
    if app is not None:
        QGuiApplication.clipboard().clear()


def setup_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names for QSettings, the Swedish locale and Qt's Swedish strings.

    The locale is set explicitly because CI and many laptops run with "C" (docs/pitfalls.md).
    """
    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName(APPLICATION)
    if not getattr(app, "_finsam_clipboard_released", False):
        atexit.register(release_clipboard)
        app._finsam_clipboard_released = True
    if not getattr(app, "_finsam_translator", None):
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden),
                           "qtbase", "_", folder):
            app.installTranslator(translator)
            app._finsam_translator = translator  # keep it alive with the app
    return app


def log_path() -> Path:
    """Where unexpected errors are written: the user's data folder (docs/pitfalls.md, Packaging)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home()) / LOG_NAME


def report_unexpected(exc_type, exc, tb) -> None:
    """Log an unexpected exception to the log file and tell the user in Swedish."""
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    except OSError:
        pass
    print(text, file=sys.stderr)
    from . import dialogs
    with contextlib.suppress(Exception):  # never fail while reporting a failure
        dialogs.show_error(None, "Oväntat fel",
                           "Något gick oväntat fel. Dina ändringar fram till nu är sparade i "
                           f"filen.\n\nFelet har skrivits till {path}.")


def start_window(path: str | None = None, example: bool = False, settings=None):
    """The shown main window with `path`, a copy of the example plan, or the welcome screen."""
    from .main_window import MainWindow
    window = MainWindow(settings)
    window.show()
    if path:
        window.open_path(path)
    elif example:
        window.open_example()
    return window


def run(path: str | None = None, example: bool = False) -> int:
    """Open the window and run until it closes; the exit code for the command line."""
    app = setup_application()
    sys.excepthook = report_unexpected
    window = start_window(path, example)  # noqa: F841 - kept alive while the app runs
    return app.exec()
