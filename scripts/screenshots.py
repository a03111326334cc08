"""Regenerate docs/screenshots/*.png: the welcome screen and every tab, grabbed offscreen.

The window has the size it first opens with on a 1366×768 laptop, so the pictures show
what such a screen shows (every header without scrolling sideways).

    python scripts/screenshots.py [--example skaraborg-2026] [--out docs/screenshots]

Runs the real window on a copy of a bundled example plan in a temporary folder,
with temporary settings, so nothing of the user's is read or written.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LAPTOP = (1366, 768 - 40)
"""The screen the pictures are taken for, less a task bar."""
TABS = ("overview", "members", "interventions", "budget", "goals", "text", "follow_up")
TAB_EXAMPLES = {"interventions": "sjuharad-2025", "budget": "sormland-2026",
                "follow_up": "sormland-2026"}
"""Tabs shown on the example where they have the most to show (rows, plan years)."""
FOLLOW_UP = (("Kansli", "actual", "1 100 000"), ("Sikta mot arbetslivet", "actual", "2 000 000"),
             ("Regionen", "actual", "1 000 000"), ("Kansli", "forecast", "3 400 000"),
             ("Kansli", "comment", "Ny tjänst från maj."))
"""A first tertial typed into Sörmland's Uppföljning (the examples have no follow-up yet)."""


def fill_follow_up(tab) -> None:
    """Add *Tertial 1* and type a few actuals, a forecast and a comment, as a user would."""
    from PySide6.QtCore import Qt
    tab.add_period("Tertial 1", "2026-04-30")
    names = tab.table.column_index("name")
    rows = {tab.proxy.index(row, names).data(): row for row in range(tab.proxy.rowCount())}
    for name, key, text in FOLLOW_UP:
        index = tab.proxy.index(rows[name], tab.table.column_index(key))
        tab.proxy.setData(index, text, Qt.ItemDataRole.EditRole)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", default="skaraborg-2026")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QSettings, QSize
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from finsam_desktop import resources
    from finsam_desktop.ui.app import setup_application
    from finsam_desktop.ui.documents import example_copy
    from finsam_desktop.ui.main_window import MainWindow
    from finsam_desktop.ui.window_support import first_size

    app = setup_application([sys.argv[0]])
    for font in sorted(resources.FONTS.glob("*.ttf")):  # the same look on every machine
        QFontDatabase.addApplicationFont(str(font))
    app.setFont(QFont("DejaVu Sans", 9))
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as temp:
        os.environ["HOME"] = temp  # the recent-files list then reads "~/Dokument/FinSam"
        folder = Path(temp) / "Dokument" / "FinSam"
        source = resources.EXAMPLES / f"{args.example}.plan.json"
        path = example_copy(source, folder)
        settings = QSettings(str(Path(temp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(first_size(QSize(*LAPTOP)))
        window.show()

        def grab(name: str) -> None:
            if window.model is not None:
                window.model.flush()  # typed edits written: the status says "Allt är sparat"
            for _ in range(3):
                QApplication.processEvents()
            target = args.out / f"{name}.png"
            window.grab().save(str(target))
            print(f"Skrev {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")

        window.open_path(path)
        window.close_document()
        grab("00-valkommen")
        for number, key in enumerate(TABS, start=1):
            name = TAB_EXAMPLES.get(key, args.example)
            plan = example_copy(resources.EXAMPLES / f"{name}.plan.json", folder)
            if window.model is None or window.model.document.path != plan:
                window.open_path(plan)
            window.tabs.setCurrentWidget(window.tabs_by_key[key])
            if key == "interventions":  # show the subtotals per area too
                QApplication.processEvents()
                tab = window.tabs_by_key[key]
                tab.group_by.setCurrentIndex(tab.group_by.findData("area"))
            if key == "follow_up":
                fill_follow_up(window.tabs_by_key[key])
            grab(f"{number:02d}-{key}")
        window.close_document()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
