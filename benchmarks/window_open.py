"""Opening without freezing: the longest pause of the window's event loop while a plan opens.

The window reads the plan on a worker thread and keeps running its event loop; a
timer ticking every `TICK_MS` records when the loop ran. The figure is the longest
gap between two ticks from the call of `open_path` until the plan is shown (what
the user sees as the window not answering), in this process, offscreen.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from .timing import Stats

TICK_MS = 5


def measure_pauses(path: Path, runs: int) -> Stats:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from finsam_desktop.ui.app import setup_application
    from finsam_desktop.ui.main_window import MainWindow

    _app = setup_application()  # kept alive while the window runs
    samples = []
    with tempfile.TemporaryDirectory() as temp:
        for _ in range(runs):
            window = MainWindow(QSettings(str(Path(temp) / "settings.ini"),
                                          QSettings.Format.IniFormat))
            window.show()
            QApplication.processEvents()
            ticks: list[float] = []
            timer = QTimer()
            timer.setInterval(TICK_MS)
            timer.timeout.connect(lambda ticks=ticks: ticks.append(time.perf_counter()))
            timer.start()
            began = time.perf_counter()
            try:
                if not window.open_path(path):
                    raise RuntimeError(f"{path.name} gick inte att öppna")
                QApplication.processEvents()  # the shown plan's first paint
                ended = time.perf_counter()
            finally:
                timer.stop()
                window.close_document()
                window.close()
                window.deleteLater()
                QApplication.processEvents()
            moments = [began, *(t for t in ticks if t < ended), ended]
            samples.append(max(b - a for a, b in zip(moments, moments[1:], strict=False)))
    return Stats(tuple(samples))
