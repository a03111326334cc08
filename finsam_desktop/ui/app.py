"""Starting the window: the application object, locale and the first document."""

from __future__ import annotations

import sys


def run(path: str | None = None, example: bool = False) -> int:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget

    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("FinSam Desktop")
    tabs = QTabWidget()
    for title in ("Översikt", "Medlemmar", "Insatser", "Budget", "Mål", "Text"):
        tabs.addTab(QLabel(title), title)
    window.setCentralWidget(tabs)
    window.show()
    return app.exec()
