"""A placed block's own headings nest under the nearest heading above them, and no heading of a
chapter skips a level: the contents, the PDF outline and the tagged headings stay in step."""

from __future__ import annotations

import re
from dataclasses import replace

from finsam_desktop.domain.outcome import compute
from finsam_desktop.domain.plan import Goal, Indicator, Section
from finsam_desktop.reports.blocks import Heading
from finsam_desktop.reports.content import build_report
from finsam_desktop.reports.pdf import render_report
from tests.conftest import load_plan
from tests.reports.tagging_reader import TaggedPdf

GOALS = (Goal(1, "Stegförflyttning", (Indicator("70 % upplever förbättrad hälsa", "70 %"),),
              goals=(Goal(0, "Delmål hälsa", (Indicator("Minst 8 insatser"),)),)),
         Goal(2, "Ekonomisk hållbarhet", (Indicator("Eget kapital över 1,5 mnkr"),)))


def _levels(sections) -> list[tuple[str, int]]:
    plan = replace(load_plan("skaraborg-2026"), goals=GOALS, sections=sections)
    chapter = build_report(plan, compute(plan)).chapters[0]
    return [(b.text, b.level) for b in chapter.blocks if isinstance(b, Heading)]


def test_a_goals_block_without_a_heading_puts_its_goals_right_under_the_chapter():
    sections = (Section(1, "Mål", "Fyra mål."), Section(2, kind="block", block="goals",
                                                          block_title=""))
    assert _levels(sections) == [("Stegförflyttning", 2), ("Delmål hälsa", 3),
                                 ("Ekonomisk hållbarhet", 2)]


def test_with_its_heading_the_goals_sit_under_it():
    sections = (Section(1, "Mål", ""), Section(2, kind="block", block="goals"))
    assert _levels(sections) == [("Mål och indikatorer", 2), ("Stegförflyttning", 3),
                                 ("Delmål hälsa", 4), ("Ekonomisk hållbarhet", 3)]


def test_under_a_sub_heading_of_the_text_the_goals_go_one_level_down_and_stop_at_four():
    sections = (Section(1, "Mål", "## Övergripande\n\n### Våra mål"),
                Section(2, kind="block", block="goals", block_title=""))
    assert _levels(sections) == [("Övergripande", 2), ("Våra mål", 3), ("Stegförflyttning", 4),
                                 ("Delmål hälsa", 4), ("Ekonomisk hållbarhet", 4)]


def test_a_deep_heading_written_straight_under_a_chapter_becomes_its_first_sub_level():
    sections = (Section(1, "Mål", "#### Djupt\n\nText.\n\n### Nästa\n\n#### Under"),)
    assert _levels(sections) == [("Djupt", 2), ("Nästa", 3), ("Under", 4)]


def test_the_tagged_pdf_of_a_headless_goals_block_never_skips_a_level(tmp_path):
    sections = (Section(1, "Mål", "Fyra mål."), Section(2, kind="block", block="goals",
                                                          block_title=""),
                Section(3, "Strategi", "#### Djupt"))
    plan = replace(load_plan("skaraborg-2026"), goals=GOALS, sections=sections)
    path = tmp_path / "plan.pdf"
    render_report(plan, compute(plan), path)
    pdf = TaggedPdf(path)
    roles = [e.role for e in pdf.elements() if re.fullmatch(r"H[1-6]", e.role)]
    assert roles == ["H1", "H1", "H2", "H3", "H2", "H1", "H2"]  # Innehåll, Mål, …, Strategi
