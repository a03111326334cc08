"""The plan document in its own order: blocks where the outline puts them, cover, labels, codes."""

from __future__ import annotations

import base64
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from finsam_desktop.domain.outcome import compute
from finsam_desktop.domain.plan import BLOCK_KINDS, Cover, Goal, Indicator, Labels, Section
from finsam_desktop.reports.blocks import Heading, Table
from finsam_desktop.reports.content import build_report
from finsam_desktop.reports.pdf import render_report
from tests.conftest import first_release_skaraborg, load_plan

# A 2x1 PNG (red, blue)
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAJ/AH/WmUJSwAAAABJRU5ErkJggg==")


def spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def render(plan, path, unit=None):
    render_report(plan, compute(plan), path, unit=unit)
    reader = PdfReader(str(path))
    return reader, spaced(" ".join(page.extract_text() for page in reader.pages))


def skaraborg_document(**changes):
    sections = (
        Section(1, "Vilka är vi?", "Samordningsförbundet Skaraborg är en samverkansform."),
        Section(2, "Finansiella ramar och mål",
                "Förbundets finansiella mål.\n\nNedan finns en tabell med fördelning av "
                "medlemmarnas medfinansiering:"),
        Section(3, kind="block", block="members", block_title=""),
        Section(4, kind="text", text="Text efter tabellen."),
        Section(5, "Individ- och strukturinriktade insatser", "Nedan följer en översikt:"),
        Section(6, kind="block", block="interventions", block_title="Budgeterade medel 2026"),
    )
    return replace(load_plan("skaraborg-2026"), sections=sections, **changes)


def test_blocks_print_where_placed_and_only_the_listed_ones(tmp_path):
    plan = skaraborg_document()
    report = build_report(plan, compute(plan))
    assert [c.title for c in report.chapters] == ["Vilka är vi?", "Finansiella ramar och mål",
                                                  "Individ- och strukturinriktade insatser"]
    _, text = render(plan, tmp_path / "plan.pdf")
    lead = text.index("Nedan finns en tabell med fördelning av medlemmarnas medfinansiering:")
    after = text[lead:]
    assert re.match(r"Nedan finns en tabell med fördelning av medlemmarnas medfinansiering: "
                    r"Medlem 2025 2026 Andel 2026 Staten", after), after[:200]
    assert after.index("Text efter tabellen.") > after.index("Summa 17 090 000 16 900 000")
    assert "Budgeterade medel 2026" in text
    for left_out in ("Iakttagelser", "Budget och ekonomisk plan", "Eget kapital",
                     "Utgående eget kapital per år"):
        assert left_out not in text, left_out
    assert not re.search(r"\b1 Vilka är vi", text)  # a written document numbers its own chapters


def test_leaving_findings_out_leaves_them_out_and_putting_them_in_prints_them(tmp_path):
    plan = skaraborg_document()
    outcome = compute(plan)
    assert outcome.findings
    message = spaced(outcome.findings[0].message)
    _, text = render(plan, tmp_path / "a.pdf")
    assert message not in text
    placed = replace(plan, sections=plan.sections + (Section(9, kind="block", block="findings"),))
    _, text = render(placed, tmp_path / "b.pdf")
    assert "Iakttagelser" in text and message in text
    off = replace(plan, sections=plan.sections + (Section(9, kind="block", block="findings",
                                                          included=False),))
    _, text = render(off, tmp_path / "c.pdf")
    assert message not in text


def test_a_chapter_left_out_takes_its_text_and_blocks_with_it():
    plan = skaraborg_document()
    sections = tuple(replace(s, included=False) if s.id == 2 else s for s in plan.sections)
    report = build_report(replace(plan, sections=sections), compute(plan))
    assert [c.title for c in report.chapters] == ["Vilka är vi?",
                                                  "Individ- och strukturinriktade insatser"]
    assert not any(isinstance(b, Table) and b.columns[0].title == "Medlem"
                   for c in report.chapters for b in c.blocks)


def test_a_block_heading_is_a_level_two_heading_default_title_or_none():
    plan = skaraborg_document()
    sections = plan.sections + (Section(10, kind="block", block="economy"),
                                Section(11, kind="block", block="keys", block_title="Nycklar"))
    report = build_report(replace(plan, sections=sections), compute(plan))
    last = report.chapters[-1].blocks
    headings = [b for b in last if isinstance(b, Heading)]
    assert [(h.text, h.level, h.outline) for h in headings][:3] == [
        ("Budgeterade medel 2026", 2, True), ("Budget och ekonomisk plan", 2, True),
        ("Nycklar", 2, True)]
    members_chapter = report.chapters[1].blocks
    assert not any(isinstance(b, Heading) for b in members_chapter)


@pytest.mark.parametrize("kind", BLOCK_KINDS)
@pytest.mark.parametrize("name", ["skaraborg-2026", "sjuharad-2025", "vastra-ostergotland-2026",
                                  "sormland-2026"])
def test_every_block_kind_prints_on_every_example(kind, name, tmp_path):
    plan = replace(load_plan(name), sections=(Section(1, "Kapitel", "Text."),
                                              Section(2, kind="block", block=kind)))
    _, text = render(plan, tmp_path / "plan.pdf")
    assert "Kapitel" in text


def test_old_files_keep_the_first_release_order(tmp_path):
    plan = first_release_skaraborg()
    report = build_report(plan, compute(plan))
    assert report.numbered
    assert [c.title for c in report.chapters][-5:] == [
        "Medlemmarnas medfinansiering", "Budget och ekonomisk plan", "Insatser",
        "Eget kapital, regler och iakttagelser", "Diagram"]


def test_the_keys_block_gives_each_municipality_its_share_at_key_precision(tmp_path):
    plan = replace(load_plan("vastra-ostergotland-2026"),
                   sections=(Section(1, "Bilaga 2", "Kostnadsfördelningen:"),
                             Section(2, kind="block", block="keys", block_title="")))
    _, text = render(plan, tmp_path / "plan.pdf")
    for name, key, share in [("Motala kommun", "43 505", "48,1"), ("Mjölby kommun", "28 695", "31,7"),
                             ("Vadstena kommun", "7 490", "8,3"), ("Boxholms kommun", "5 517", "6,1"),
                             ("Ödeshögs kommun", "5 237", "5,8")]:
        assert f"{name} {key} {share} %" in text
    assert "Summa 90 444 100,0 %" in text
    assert "Befolkningsmängd 31/12 2024, SCB" in text


def test_intervention_details_print_everything_with_group_and_cost_group_sums(tmp_path):
    plan = load_plan("sjuharad-2025")
    first = plan.interventions[0]
    described = replace(first, description="Lågtröskelaktivitet med *valbara* aktiviteter.",
                        owner="Bollebygds kommun", start="2025-01-01", end="2025-12-31",
                        external_funding={2025: 120000}, code="4.1",
                        participants={2025: 27, 2026: 30})
    plan = replace(plan, interventions=(described,) + plan.interventions[1:],
                   sections=(Section(1, "Prioriterade insatser", ""),
                             Section(2, kind="block", block="intervention_details")))
    _, text = render(plan, tmp_path / "plan.pdf", unit="tkr")
    assert "Summering 596" in text and "13 540" in text
    assert re.search(r"Summa tkr 2 755\b", text)
    assert "4.1 Aktiv Kraft samt PULS, Bollebygd" in text
    assert "Lågtröskelaktivitet med valbara aktiviteter." in text
    assert "2025-01-01 – 2025-12-31" in text and "Bollebygds kommun" in text
    assert "Extern finansiering 2025" in text and "120" in text
    # every year the file holds a figure for; 2027, where it holds none, prints no column
    assert "Deltagare 2025" in text and "Deltagare 2026" in text
    assert "Deltagare 2027" not in text and "Förbundsmedel 2027" not in text
    # a single intervention prints the seed's lines, not a facts table
    assert "Kommun: Borås Budgeterad volym: 63 deltagare Förbundsmedel: 1 835 tkr" in text
    assert "Summa tkr 2 755 0 0" not in text  # the cost group's years without costs


def test_goals_print_as_the_plan_writes_them(tmp_path):
    goals = (Goal(1, "Likvärdig stegförflyttning", (
        Indicator("70 % upplever förbättrad hälsa", "70 %", "Enkät", "helår"),),
        text="Deltagande kvinnor och män gör *en* stegförflyttning.",
        goals=(Goal(0, "Kompetensutveckling", (Indicator("Minst 8 insatser"),)),)),)
    plan = replace(load_plan("skaraborg-2026"), goals=goals,
                   sections=(Section(1, "Mål", ""), Section(2, kind="block", block="goals",
                                                            block_title="")))
    _, text = render(plan, tmp_path / "plan.pdf")
    assert ("Likvärdig stegförflyttning Deltagande kvinnor och män gör en stegförflyttning. "
            "Indikator Målvärde Uppföljning Period 70 % upplever förbättrad hälsa 70 % Enkät helår "
            "Kompetensutveckling • Minst 8 insatser") in text


def test_cover_title_subtitle_note_and_logo(tmp_path):
    plan = skaraborg_document(cover=Cover(title="VERKSAMHETSPLAN 2026", subtitle="Skaraborg",
                                          logo=PNG, logo_type="image/png",
                                          note="Beslutad av styrelsen 2025-11-25, § 47"))
    reader, _ = render(plan, tmp_path / "plan.pdf")
    cover = spaced(reader.pages[0].extract_text())
    assert "VERKSAMHETSPLAN 2026" in cover and "Skaraborg" in cover
    assert "Beslutad av styrelsen 2025-11-25, § 47" in cover
    assert "/XObject" in reader.pages[0]["/Resources"]
    images = list(reader.pages[0].images)
    assert len(images) == 1


def test_the_default_cover_title_and_a_broken_logo_prints_without_it(tmp_path):
    plan = skaraborg_document(cover=Cover(logo=b"\x89PNG not really", logo_type="image/png"))
    reader, _ = render(plan, tmp_path / "plan.pdf")
    cover = spaced(reader.pages[0].extract_text())
    assert "Verksamhetsplan och budget 2026" in cover
    assert not list(reader.pages[0].images)


def test_area_labels_and_line_codes_are_printed(tmp_path):
    plan = load_plan("vastra-ostergotland-2026")  # its seed text says "Strukturövergripande" itself
    plan = replace(plan, sections=(), labels=Labels({"struktur": "Strukturinriktade insatser"}),
                   costs=tuple(replace(c, code="1.0") for c in plan.costs))
    _, text = render(plan, tmp_path / "plan.pdf")
    assert "1.0 Kansli" in text
    if any(i.area == "struktur" for i in plan.interventions):
        assert "Strukturinriktade insatser" in text
        assert "Strukturövergripande insatser" not in text


def test_the_previous_column_sums_to_previous_total(tmp_path):
    plan = load_plan("skaraborg-2026")
    assert sum(m.previous_contribution or 0 for m in plan.members) == 17_090_001
    _, text = render(plan, tmp_path / "plan.pdf")
    assert "Summa 17 090 000 16 900 000" in text


@pytest.mark.parametrize("name", ["skaraborg-2026", "sjuharad-2025", "sormland-2026",
                                  "vastra-ostergotland-2026"])
def test_a_tkr_report_prints_every_amount_in_tkr_findings_and_rules_included(name, tmp_path):
    # goal targets and the chapters' own text ("30 000 kr") are the user's own words
    plan = replace(load_plan(name), goals=(), sections=())  # goal targets are the user's own words
    _, text = render(plan, tmp_path / "plan.pdf", unit="tkr")
    assert not re.search(r"\d kr\b", text), re.search(r".{60}\d kr\b.{20}", text)
    _, kronor = render(plan, tmp_path / "kr.pdf", unit="kr")
    if compute(plan).findings:
        assert re.search(r"\d tkr\b", text) and re.search(r"\d kr\b", kronor)
    # the window and check keep kronor: the unit holds only while the report is built
    assert all(" tkr" not in f.message for f in compute(plan).findings)
