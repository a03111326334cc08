"""Sorting the Insatser table: a click on the name header until the window has repainted.

Each run forgets the proxy's keys first (`SortProxy.forget_keys`), so every sample is a
first click after opening: the names' collation keys are made and the rows sorted, in
this process, offscreen. Runs alternate ascending and descending.
"""

from __future__ import annotations

import time
from pathlib import Path

from .timing import Stats
from .window_shown import shown_window


def measure_sorts(path: Path, runs: int) -> Stats:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    samples = []
    with shown_window(path) as (window, _):
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
    return Stats(tuple(samples))
