"""The report's content: what it says, in what order, and that every printed sum adds up."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam_desktop.domain.money import format_money, format_number
from finsam_desktop.domain.outcome import compute
from finsam_desktop.reports.blocks import Bullets, ItemList, Rich, Span, Table
from finsam_desktop.reports.content import build_report, narrative_blocks, swedish_date
from finsam_desktop.reports.rounding import Formatter, round_parts, swedish_number
from tests.conftest import PLAN_NAMES, first_release_layout, first_release_skaraborg, load_plan


def report_of(name: str, unit: str | None = None):
    plan = first_release_skaraborg() if name == "skaraborg-2026" else first_release_layout(load_plan(name))
    return plan, build_report(plan, compute(plan), unit)


def chapter(report, title: str):
    return next(c for c in report.chapters if c.title == title)


def tables(report, title: str) -> list[Table]:
    return [b for b in chapter(report, title).blocks if isinstance(b, Table)]


def number(text: str) -> Decimal:
    """A printed Swedish amount back to a number ("−4 417,5" -> -4417.5)."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace("\u2212", "-").replace(",", ".")
    return Decimal(cleaned.rstrip("%"))


def test_chapters_come_in_the_order_the_issue_gives():
    plan, report = report_of("skaraborg-2026")
    titles = [c.title for c in report.chapters]
    assert titles == [s.title for s in plan.sections] + [
        "Mål och indikatorer", "Medlemmarnas medfinansiering", "Budget och ekonomisk plan",
        "Insatser", "Eget kapital, regler och iakttagelser", "Diagram"]
    assert report.title == "Verksamhetsplan och budget 2026"
    assert report.decided == "Beslutad av förbundsstyrelsen 25 november 2025"


def test_a_plan_over_several_years_says_so_in_the_subtitle():
    from finsam_desktop.domain.plan import Cover
    plan, report = report_of("sjuharad-2025")
    assert report.subtitle == "Gemensam kraft med människans möjligheter i fokus"  # its own
    plan = replace(plan, cover=Cover())
    assert build_report(plan, compute(plan)).subtitle == "med ekonomisk plan för 2026–2027"


def test_text_before_the_first_chapter_prints_without_a_heading():
    plan = load_plan("sjuharad-2025")
    plan = replace(plan, sections=tuple(s for s in plan.sections if s.kind != "block"))
    report = build_report(plan, compute(plan))
    assert report.chapters[0].title == ""  # the motto page, not "Utan rubrik"
    assert report.chapters[1].title == "1. GRUNDLÄGGANDE FÖRUTSÄTTNINGAR"


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_every_member_amount_is_printed_in_swedish_form(name):
    plan, report = report_of(name, "kr")
    outcome = compute(plan)
    table = tables(report, "Medlemmarnas medfinansiering")[0]
    rows = {row.cells[0]: row.cells for row in table.rows}
    for member in plan.members:
        for year in plan.years:
            assert format_money(outcome.years[year].contributions[member.id]) in rows[member.name]


@pytest.mark.parametrize("name", PLAN_NAMES)
@pytest.mark.parametrize("unit", ["kr", "tkr"])
def test_every_sum_row_is_the_sum_of_the_rows_printed_above_it(name, unit):
    plan, report = report_of(name, unit)
    previous_total = plan.contributions.previous_total
    for table in tables(report, "Medlemmarnas medfinansiering") + tables(report, "Insatser"):
        numeric = [i for i, c in enumerate(table.columns) if c.numeric]
        body = [r for r in table.rows if r.kind == "body"]
        total = [r for r in table.rows if r.kind == "total"][-1]
        for i in numeric:
            printed = number(total.cells[i])
            if table.columns[i].title == str(plan.plan_year - 1) and previous_total is not None:
                # last year's column sums to what the file says it was (contract: previous_total)
                assert printed == (Decimal(previous_total) if unit == "kr"
                                   else Decimal(round(previous_total / 100)) / 10)
                continue
            assert sum(number(r.cells[i]) for r in body if r.cells[i]) == printed


@pytest.mark.parametrize("name", PLAN_NAMES)
@pytest.mark.parametrize("unit", ["kr", "tkr"])
def test_the_economy_table_adds_up_in_every_column(name, unit):
    plan, report = report_of(name, unit)
    table = tables(report, "Budget och ekonomisk plan")[0]
    rows = [(r.cells[0], r.kind, r.cells) for r in table.rows]
    costs_at = next(i for i, r in enumerate(rows) if r[0] == "Kostnader")
    for column in range(1, len(table.columns)):
        def value(label, column=column):
            return number(next(c for lab, _, c in rows if lab == label)[column])
        income = sum(number(c[column]) for _, k, c in rows[:costs_at] if k == "body")
        costs = sum(number(c[column]) for _, k, c in rows[costs_at:] if k == "body"
                    and c[0] not in ("Ingående eget kapital",))
        assert value("Summa intäkter") == income
        assert value("Summa kostnader") == costs
        assert value("Årets resultat") == income - costs
        assert value("Utgående eget kapital") == value("Ingående eget kapital") + income - costs
    if unit == "kr":
        outcome = compute(plan)
        closing = [r for r in table.rows if r.cells[0] == "Utgående eget kapital"][0]
        assert closing.cells[1:] == tuple(format_money(outcome.years[y].closing_equity)
                                          for y in plan.years)


def test_the_next_year_opens_with_the_closing_equity_printed_for_the_year_before():
    _, report = report_of("sjuharad-2025", "tkr")
    rows = {r.cells[0]: r.cells for r in tables(report, "Budget och ekonomisk plan")[0].rows}
    assert rows["Ingående eget kapital"][2:] == rows["Utgående eget kapital"][1:-1]


def test_tkr_shows_one_decimal_where_a_column_needs_it():
    _, report = report_of("sjuharad-2025", "tkr")
    rows = {r.cells[0]: r.cells for r in tables(report, "Medlemmarnas medfinansiering")[0].rows}
    assert rows["Försäkringskassan"][1] == "4\u00a0417,5"
    assert rows["Summa"][1] == "17\u00a0670,0"
    assert rows["Summa"][2] == "20\u00a0000"


def test_interventions_are_grouped_by_area_and_category_with_subtotals():
    _, report = report_of("sjuharad-2025", "kr")
    insatser = tables(report, "Insatser")
    main, by_place = insatser[0], insatser[1]
    kinds = [(r.kind, r.cells[0]) for r in main.rows]
    assert kinds[0] == ("heading", "Individinriktat")  # the seed's name for the area (labels)
    assert ("subheading", "Förberedande") in kinds
    assert ("subtotal", "Summa individinriktat") in kinds
    assert kinds[-1][0] == "total"
    assert [c.title for c in main.columns][:3] == ["Insats", "Kommun", "Deltagare 2025"]
    places = {r.cells[0]: r.cells[1] for r in by_place.rows}
    assert places["Borås"] == format_money(6_340_000 + 1_835_000)
    assert places["Summa insatser"] == format_money(15_625_000)
    # the seed's "Strukturövergripande, Sjuhärad": no municipality, named by its area
    assert places["Strukturövergripande"] == format_money(250_000)
    assert "Ingen kommun angiven" not in places


def test_rules_show_each_years_margin_and_the_findings_are_listed():
    plan, report = report_of("skaraborg-2026")
    blocks = chapter(report, "Eget kapital, regler och iakttagelser").blocks
    rules = next(b for b in blocks if isinstance(b, Table))
    assert len(rules.rows) == len(plan.equity.rules) * plan.plan_span
    assert rules.rows[1].cells[4] == format_money(-312_000)
    assert rules.rows[1].cells[5] == "Uppfylls inte"
    findings = next(b for b in blocks if isinstance(b, Bullets)).items
    assert all(any(f.message in item for item in findings) for f in compute(plan).findings)


def test_charts_carry_equity_against_the_bounds_and_money_by_area():
    plan, report = report_of("skaraborg-2026")
    equity, by_area = chapter(report, "Diagram").blocks
    assert equity.bars[0].values == (3_692_000,)
    assert {s.name for s in equity.lines} == {"Lägsta nivå", "Högsta nivå (20\u00a0% av årets medlemsavgifter)"}
    assert sum(by_area.bars[0].values) == 15_008_000


def test_narrative_text_splits_paragraphs_on_blank_lines_and_bullets_on_dashes():
    blocks = narrative_blocks("Första stycket\nfortsätter.\n\nAndra.\n- ett\n- två\n\nSista <b>&")
    assert blocks == [Rich((Span("Första stycket fortsätter."),)), Rich((Span("Andra."),)),
                      ItemList(((Rich((Span("ett"),)),), (Rich((Span("två"),)),))),
                      Rich((Span("Sista <b>&"),))]


def test_a_date_that_is_not_iso_is_printed_as_written():
    assert swedish_date("2025-02-03") == "3 februari 2025"
    assert swedish_date("hösten 2025") == "hösten 2025"


def test_hostile_text_stays_text_in_the_content():
    plan = first_release_skaraborg()
    from dataclasses import replace
    plan = replace(plan, association="<b>Å & Ö</b>",
                   members=(replace(plan.members[0], name="<i>x</i> & 😀"),) + plan.members[1:])
    report = build_report(plan, compute(plan))
    assert report.association == "<b>Å & Ö</b>"
    assert tables(report, "Medlemmarnas medfinansiering")[0].rows[0].cells[0] == "<i>x</i> & 😀"


@given(st.lists(st.integers(-10**9, 10**9), min_size=1, max_size=30))
def test_rounded_parts_add_up_to_the_rounded_whole_and_stay_within_one_step(parts):
    rounded = round_parts(parts, "tkr")
    assert all(r % 100 == 0 for r in rounded)
    assert all(abs(r - p) < 100 for r, p in zip(rounded, parts, strict=True))
    exact = Decimal(sum(parts)) / 100
    assert abs(Decimal(sum(rounded)) / 100 - exact) <= Decimal("0.5")
    assert round_parts(parts, "kr") == parts


@given(st.integers(-10**12, 10**12))
def test_the_fast_number_format_writes_what_babel_writes(value):
    assert swedish_number(value) == format_number(value)
    assert swedish_number(value, 1) == format_number(Decimal(value) / 10, 1)
    tkr = value // 100 * 100
    assert Formatter("tkr", [1])(tkr) == format_number(Decimal(tkr) / 1000, 1)


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_the_economy_shows_the_same_area_sums_as_the_interventions_table(name):
    plan, report = report_of(name, "tkr")
    economy = {r.cells[0]: r.cells[1:] for r in tables(report, "Budget och ekonomisk plan")[0].rows}
    if not plan.interventions:
        return
    subtotals = {r.cells[0]: r.cells for r in tables(report, "Insatser")[0].rows
                 if r.kind in ("subtotal", "total")}  # one area's sum is the total
    for area in {i.area for i in plan.interventions}:
        label = plan.labels.area(area)  # the plan's own name for the area, or the default
        row = subtotals[f"Summa {label.lower()}"]
        assert [number(c) for c in economy[label]] == [number(c) for c in row[-len(plan.years):]]


def test_the_synthetic_benchmark_plan_reports_without_surprises():
    from benchmarks.synthetic import synthetic_plan
    plan = synthetic_plan(municipalities=30, interventions=120, span=3)
    report = build_report(plan, compute(plan))
    members = tables(report, "Medlemmarnas medfinansiering")[0]
    assert len(members.rows) == len(plan.members) + 1
    assert len(tables(report, "Insatser")[1].rows) == 30 + 1


@pytest.mark.parametrize("unit", ["kr", "tkr"])
def test_a_formatted_column_says_what_each_amount_says_on_its_own(unit):
    amounts = [1_234_567, None, 0, -2_450, 1_234_567, 999_950, None, 1_000]
    formatter = Formatter(unit, [a for a in amounts if a is not None])
    assert formatter.column(amounts) == [formatter(a) for a in amounts]
    assert formatter.column(amounts)[1] == ""
