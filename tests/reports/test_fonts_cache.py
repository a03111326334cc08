"""The fonts' stored metrics are what reportlab's parser makes of the TTFs, and a report
set with them is the same file as one set with parsed fonts."""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from finsam_desktop.resources import FONTS
from reportlab.pdfbase.ttfonts import TTFont

from finsam_desktop.reports import fonts_cache
from finsam_desktop.reports.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR

ROOT = Path(__file__).resolve().parents[2]
FACES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)


def same_font(cached, parsed) -> None:
    assert isinstance(cached.face, type(parsed.face))
    assert cached.face.glyphToChar == parsed.face.glyphToChar  # unpacked when first read
    assert vars(cached).keys() == vars(parsed).keys()
    assert cached.fontName == parsed.fontName
    assert (cached._asciiReadable, cached._shapable) == (parsed._asciiReadable, parsed._shapable)
    assert type(cached.encoding) is type(parsed.encoding)
    ours = {k: v for k, v in vars(cached.face).items() if k != "_pdfScale"}
    theirs = {k: v for k, v in vars(parsed.face).items() if k != "_pdfScale"}
    assert ours.keys() == theirs.keys()
    for key, value in theirs.items():
        assert ours[key] == value and type(ours[key]) is type(value), key
    assert cached.face.name.ustr == parsed.face.name.ustr
    for units in (0, 1, 1000, 2048, -77, 1234.5):
        assert cached.face._pdfScale(units) == parsed.face._pdfScale(units)


@pytest.mark.parametrize("name", FACES)
def test_each_shipped_face_loads_from_its_metrics_as_reportlab_parses_it(name, monkeypatch):
    ttf = FONTS / f"{name}.ttf"
    parsed = TTFont(name, str(ttf))

    def no_parse(*args, **kwargs):
        raise AssertionError(f"{name}.metrics does not fit the font or this reportlab: "
                             "run python -m finsam_desktop.reports.fonts_cache")
    import reportlab.pdfbase.ttfonts as ttfonts
    monkeypatch.setattr(ttfonts.TTFontFile, "extractInfo", no_parse)
    cached = fonts_cache.load_font(name, ttf)
    monkeypatch.undo()
    same_font(cached, parsed)
    assert cached.stringWidth("Åländsk −1 234 kr", 10) == parsed.stringWidth("Åländsk −1 234 kr", 10)


@pytest.mark.parametrize("damage", ["missing", "other font", "garbage", "truncated"])
def test_metrics_that_do_not_fit_are_ignored_and_the_font_parsed(tmp_path, damage):
    ttf = tmp_path / f"{REGULAR}.ttf"
    shutil.copyfile(FONTS / f"{REGULAR}.ttf", ttf)
    metrics = fonts_cache.metrics_path(ttf)
    if damage == "other font":
        shutil.copyfile(FONTS / f"{BOLD}.metrics", metrics)
    elif damage == "garbage":
        metrics.write_bytes(b"not metrics at all")
    elif damage == "truncated":
        metrics.write_bytes((FONTS / f"{REGULAR}.metrics").read_bytes()[:5000])
    same_font(fonts_cache.load_font(REGULAR, ttf), TTFont(REGULAR, str(ttf)))


def test_written_metrics_load_back_exactly(tmp_path):
    ttf = tmp_path / f"{BOLD_ITALIC}.ttf"
    shutil.copyfile(FONTS / f"{BOLD_ITALIC}.ttf", ttf)
    fonts_cache.write_metrics(ttf)

    def stored(path: Path):
        return marshal.loads(path.read_bytes())
    assert stored(fonts_cache.metrics_path(ttf)) == stored(FONTS / f"{BOLD_ITALIC}.metrics")
    same_font(fonts_cache.load_font(BOLD_ITALIC, ttf), TTFont(BOLD_ITALIC, str(ttf)))


RENDER = """
import sys
from reportlab import rl_config
rl_config.invariant = 1
from finsam_desktop.reports import fonts_cache
if sys.argv[2] == "parsed":
    from reportlab.pdfbase.ttfonts import TTFont
    fonts_cache.load_font = lambda name, ttf: TTFont(name, str(ttf))
from tests.conftest import load_plan
from finsam_desktop.domain.outcome import compute
from finsam_desktop.reports.pdf import render_report
plan = load_plan("sjuharad-2025")
render_report(plan, compute(plan), sys.argv[1])
"""


def test_a_report_set_with_stored_metrics_is_the_same_file_as_with_parsed_fonts(tmp_path):
    """Sjuhärad's plan sets bold and italics: three faces are embedded."""
    files = []
    for how in ("cached", "parsed"):
        target = tmp_path / f"{how}.pdf"
        subprocess.run([sys.executable, "-c", RENDER, str(target), how], check=True, cwd=ROOT,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
        files.append(target.read_bytes())
    assert b"DejaVuSans-Oblique" in files[0] and b"DejaVuSans-Bold" in files[0]
    assert files[0] == files[1]
