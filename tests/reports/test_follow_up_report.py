"""The follow_up block of the plan document and the tertial report's content."""

from __future__ import annotations

from dataclasses import replace

from finsam_desktop.domain.outcome import compute
from finsam_desktop.domain.plan import Section
from finsam_desktop.reports.blocks import Table
from finsam_desktop.reports.content import build_report
from finsam_desktop.reports.follow_up import build_follow_up_report, line_figures
from tests.conftest import load_plan
from tests.domain.follow_up_example import sormland_with_tertial


def _tables(blocks):
    return [block for block in blocks if isinstance(block, Table)]


def test_the_block_in_the_plan_document_shows_the_latest_period():
    plan, _ = sormland_with_tertial()
    plan = replace(plan, sections=(Section(1, "Ekonomi", "Text"),
                                   Section(2, kind="block", block="follow_up")))
    report = build_report(plan, compute(plan))
    blocks = [b for chapter in report.chapters for b in chapter.blocks]
    rows = [row.cells for table in _tables(blocks) for row in table.rows]
    assert ("Kansli", "3\u00a0335\u00a0000", "1\u00a0100\u00a0000", "3\u00a0400\u00a0000",
            "-65\u00a0000", "-1,9\u00a0%", "Ny tjänst från maj.") in rows
    assert ("Utgående eget kapital", "8\u00a0763\u00a0300", "8\u00a0698\u00a0300") in rows


def test_without_a_period_the_block_says_so():
    plan = replace(load_plan("sormland-2026"), sections=(
        Section(1, "Ekonomi", "Text"), Section(2, kind="block", block="follow_up")))
    report = build_report(plan, compute(plan))
    texts = [getattr(b, "text", "") for c in report.chapters for b in c.blocks]
    assert "Planen har ingen uppföljningsperiod ännu." in texts


def test_tkr_columns_add_up_as_printed():
    plan, period = sormland_with_tertial()
    figures = line_figures(compute(plan).follow_up[0], "tkr")
    for title in ("Intäkter", "Kostnader"):
        start = [r[0] for r in figures].index(title)
        end = [r[0] for r in figures].index(f"Summa {title.lower()}")
        for column in range(4):
            assert sum(r[2][column] for r in figures[start + 1:end]) == figures[end][2][column]
    assert all(value % 100 == 0 for row in figures for value in row[2])


def test_tertial_report_title_and_chapters():
    plan, _ = sormland_with_tertial()
    report = build_follow_up_report(plan, compute(plan), "tertial 1")
    assert report.title == "Uppföljning Tertial 1 2026"
    assert [c.title for c in report.chapters] == [
        "Ekonomisk uppföljning", "Eget kapital och regler", "Kommentarer till avvikelserna"]
