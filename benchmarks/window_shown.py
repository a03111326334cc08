"""The real main window the window benchmarks drive, offscreen in this process."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def shown_window(path: Path | None = None) -> Iterator[tuple[Any, Path]]:
    """A shown main window with its own settings, and a temporary folder; `path` open in
    it when given. Closed (and its plan with it) afterwards."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from finsam_desktop.ui.app import setup_application
    from finsam_desktop.ui.main_window import MainWindow

    _app = setup_application()  # kept alive while the window runs
    with tempfile.TemporaryDirectory() as temp:
        window = MainWindow(QSettings(str(Path(temp) / "settings.ini"),
                                      QSettings.Format.IniFormat))
        window.show()
        QApplication.processEvents()
        try:
            if path is not None:
                if not window.open_path(path):
                    raise RuntimeError(f"{path.name} gick inte att öppna")
                QApplication.processEvents()
            yield window, Path(temp)
        finally:
            window.close_document()
            window.close()
            window.deleteLater()
            QApplication.processEvents()
