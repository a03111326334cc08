"""The README's pictures: one per tab of the window (and the welcome screen), each made by
scripts/screenshots.py and each one the README shows present in docs/screenshots."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def screenshot_script():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_tab_of_the_window_has_a_screenshot_in_the_readme():
    from finsam_desktop.ui.main_window import TABS
    script = screenshot_script()
    assert list(script.TABS) == [key for key, _tab, _title in TABS]
    made = {"00-valkommen.png"} | {f"{number:02d}-{key}.png"
                                   for number, key in enumerate(script.TABS, start=1)}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\(docs/screenshots/([^)]+\.png)\)", readme))
    assert shown == made
    assert {path.name for path in (ROOT / "docs" / "screenshots").glob("*.png")} == made
