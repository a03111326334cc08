"""The real PDF, read back with pypdf: every member, amount, total and finding is on the page."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from finsam_desktop.domain.money import amounts_in, format_money
from finsam_desktop.domain.outcome import compute
from finsam_desktop.domain.plan import Intervention, Section
from finsam_desktop.reports.pdf import render_report
from tests.conftest import PLAN_NAMES, first_release_layout, first_release_skaraborg, load_plan


def spaced(text: str) -> str:
    """Text as compared: non-breaking spaces as spaces, every run of whitespace one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def render(plan, path, unit=None) -> tuple[PdfReader, list[str]]:
    render_report(plan, compute(plan), path, unit=unit)
    reader = PdfReader(str(path))
    return reader, [page.extract_text() for page in reader.pages]


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_every_member_amount_total_and_finding_is_in_the_pdf(name, tmp_path):
    plan = first_release_layout(load_plan(name))
    outcome = compute(plan)
    unit = plan.unit
    _, pages = render(plan, tmp_path / "plan.pdf")
    text = spaced(" ".join(pages))
    for member in plan.members:
        assert spaced(member.name) in text
        for year in plan.years:
            amount = spaced(format_money(outcome.years[year].contributions[member.id], unit))
            assert amount in text or f"{amount},0" in text, (member.name, year, amount)
    for year in plan.years:
        figures = outcome.years[year]
        for total in (figures.contributions_total, figures.closing_equity):
            amount = spaced(format_money(total, unit))
            assert amount in text or f"{amount},0" in text
    with amounts_in(unit):  # a report in tkr words its findings in tkr
        worded = compute(plan).findings
    for finding in worded:
        assert spaced(finding.message) in text
    assert spaced(plan.association) in text


def test_every_page_has_the_footer_and_the_contents_give_the_right_pages(tmp_path):
    plan = first_release_skaraborg()
    reader, pages = render(plan, tmp_path / "plan.pdf")
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Sida {number} av {total}" in page
        assert plan.association in page
    contents = spaced(pages[1])
    assert contents.startswith("Innehåll")
    outline = [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline]
    assert [title for title, _ in outline][-2:] == ["6 Eget kapital, regler och iakttagelser",
                                                    "7 Diagram"]
    for title, page in outline:
        assert title in contents
        assert title in spaced(pages[page - 1])
        assert re.search(re.escape(title) + r"\s+" + str(page) + r"\b", contents), title


def test_fonts_are_embedded_dejavu_only(tmp_path):
    reader, _ = render(load_plan("sjuharad-2025"), tmp_path / "plan.pdf")
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(font["/BaseFont"])
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor
    assert all("DejaVuSans" in f for f in fonts)


def test_swedish_characters_and_signs_print_as_written(tmp_path):
    plan = load_plan("skaraborg-2026")
    text = spaced(" ".join(render(plan, tmp_path / "plan.pdf")[1]))
    for word in ("Götene kommun", "Töreboda kommun", "Västra Götalandsregionen", "≥ 1 500 000 kr",
                 "≤ 20 %", "Innehåll"):
        assert word in text


HOSTILE = "<b>Å & Ö</b>"
LONG_WORD = "Långt" + "ö" * 295
EMOJI = "Glad 😀 sol ☀ klar ✓"


def hostile_plan():
    plan = load_plan("sjuharad-2025")
    members = list(plan.members)
    members[3] = replace(members[3], name=f"{HOSTILE} {EMOJI}")
    members[4] = replace(members[4], name=LONG_WORD)
    intervention = Intervention(id=plan.next_id(), name=f"{HOSTILE} {LONG_WORD} {EMOJI}",
                                area="individ", category="forberedande", owner=LONG_WORD,
                                municipality=HOSTILE, amounts={2025: 100_000})
    section = Section(id=plan.next_id() + 1, title=f"{HOSTILE} {EMOJI}",
                      text=f"Text med {HOSTILE} och \"citat\" 'x'.\n\n- {LONG_WORD}\n- {EMOJI} x <y z")
    return replace(plan, association=f"{HOSTILE} {LONG_WORD} {EMOJI}", members=tuple(members),
                   interventions=plan.interventions + (intervention,),
                   sections=(section,) + plan.sections)


def test_hostile_names_print_literally_and_never_break_the_layout(tmp_path):
    plan = hostile_plan()
    reader, pages = render(plan, tmp_path / "plan.pdf")
    text = spaced(" ".join(pages))
    assert text.count(HOSTILE) >= 5
    assert "x <y z" in text and '"citat"' in text
    assert "Glad" in text and "☀ klar ✓" in text  # DejaVu has no colour emoji: 😀 prints as a box
    squeezed = re.sub(r"\s+", "", " ".join(pages))
    assert squeezed.count(LONG_WORD) >= 3  # broken over lines, never cut
    width = float(reader.pages[0].mediabox.width)
    for page in reader.pages:
        def visit(text, cm, tm, font, size):
            if text.strip():
                x = tm[4] * cm[0] + cm[4]
                assert -1 <= x <= width, (text, x)
        page.extract_text(visitor_text=visit)


def test_a_plan_with_nothing_in_it_still_makes_a_report(tmp_path):
    plan = replace(load_plan("skaraborg-2026"), members=(), interventions=(), costs=(),
                   goals=(), sections=(), equity=replace(load_plan("skaraborg-2026").equity,
                                                         rules=(), opening=None))
    _, pages = render(plan, tmp_path / "plan.pdf")
    text = spaced(" ".join(pages))
    assert "Planen har inga medlemmar ännu." in text
    assert "Planen har inga insatser ännu." in text


def test_the_fast_text_encoding_writes_the_bytes_reportlab_would(tmp_path, monkeypatch):
    from reportlab import rl_config

    from finsam_desktop.reports import fast_text
    monkeypatch.setattr(rl_config, "invariant", 1)
    plan = hostile_plan()
    render_report(plan, compute(plan), tmp_path / "fast.pdf")
    monkeypatch.setattr(fast_text, "_first_subset", lambda font, doc: None)
    render_report(plan, compute(plan), tmp_path / "plain.pdf")
    assert (tmp_path / "fast.pdf").read_bytes() == (tmp_path / "plain.pdf").read_bytes()


@pytest.mark.parametrize("text", [HOSTILE, "AT&T", "x <y z", "a > b", "&amp; redan", '"citat" \'x\'',
                                  LONG_WORD, EMOJI, ""])
def test_the_report_escapes_exactly_as_xml_sax_saxutils(text):
    from xml.sax.saxutils import escape as reference

    from finsam_desktop.reports.pdf import escape
    assert escape(text) == reference(text)
