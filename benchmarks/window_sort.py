"""Sorting the Insatser table: a click on the name header until the window has repainted.

Each run forgets the proxy's keys first (`SortProxy.forget_keys`), so every sample is a
first click after opening: the names' collation keys are made and the rows sorted, in
this process, offscreen. Runs alternate ascending and descending.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from .timing import Stats


def measure_sorts(path: Path, runs: int) -> Stats:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from finsam_desktop.ui.app import setup_application
    from finsam_desktop.ui.main_window import MainWindow

    _app = setup_application()  # kept alive while the window runs
    samples = []
    with tempfile.TemporaryDirectory() as temp:
        window = MainWindow(QSettings(str(Path(temp) / "settings.ini"),
                                      QSettings.Format.IniFormat))
        window.show()
        if not window.open_path(path):
            raise RuntimeError(f"{path.name} gick inte att öppna")
        QApplication.processEvents()
        try:
            tab = window.tabs_by_key["interventions"]
            window.tabs.setCurrentWidget(tab)
            QApplication.processEvents()
            column = tab.table.column_index("name")
            for run in range(runs):
                tab.show_plan_order()
                tab.proxy.forget_keys()
                QApplication.processEvents()
                order = Qt.SortOrder.DescendingOrder if run % 2 else Qt.SortOrder.AscendingOrder
                began = time.perf_counter()
                tab.view.sortByColumn(column, order)
                QApplication.processEvents()
                samples.append(time.perf_counter() - began)
        finally:
            window.close_document()
            window.close()
            window.deleteLater()
            QApplication.processEvents()
    return Stats(tuple(samples))
