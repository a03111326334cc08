"""Population rows from an SCB export matched to the plan's municipalities."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam_desktop.domain.allocation import allocate_year
from finsam_desktop.domain.edits import EditError
from finsam_desktop.domain.plan import Member, Plan
from finsam_desktop.domain.population import (
    apply_population,
    default_source,
    name_forms,
    parse_rows,
    read_population,
)
from tests.conftest import load_plan

SCB_ROWS = [
    ["Folkmängd efter region och år"],
    [],
    ["region", "2025"],
    ["0583 Motala", "43 800"],
    ["0586 Mjölby", 28_901],
    ["0584 Vadstena", 7_412.0],
    ["0560 Boxholm", "5 530"],
    ["0509 Ödeshög", "5\u00a0199"],
    [],
    ["Källa: SCB, Befolkningsstatistik"],
    ["Uppgifterna avser 31 december"],
]


def test_title_header_and_footnotes_are_skipped():
    rows, bad = parse_rows(SCB_ROWS)
    assert bad == []
    assert [(r.row, r.code, r.name, r.population) for r in rows] == [
        (4, "0583", "Motala", 43_800), (5, "0586", "Mjölby", 28_901),
        (6, "0584", "Vadstena", 7_412), (7, "0560", "Boxholm", 5_530),
        (8, "0509", "Ödeshög", 5_199)]


def test_every_vastra_ostergotland_municipality_is_matched_by_name():
    plan = load_plan("vastra-ostergotland-2026")
    result = read_population(plan, SCB_ROWS)
    assert result.ok
    assert [(m.member_name, m.population, m.old_key) for m in result.matches] == [
        ("Motala kommun", 43_800, 43_505), ("Mjölby kommun", 28_901, 28_695),
        ("Vadstena kommun", 7_412, 7_490), ("Boxholms kommun", 5_530, 5_517),
        ("Ödeshögs kommun", 5_199, 5_237)]
    assert result.members_without_row == () and result.problems() == []


@pytest.mark.parametrize("file_name, member_name", [
    ("Mjölby kommun", "Mjölby"), ("Mjölby", "Mjölby kommun"), ("  MJÖLBY  ", "Mjölby kommun"),
    ("Boxholm", "Boxholms kommun"), ("Boxholms kommun", "Boxholm"),
    ("Vadstena", "Vadstena kommun"), ("Borås", "Borås kommun"), ("Borås kommun", "Borås"),
    ("Hjo", "Hjo kommun"), ("1480 Göteborg", "Göteborgs stad"),
])
def test_names_match_without_kommun_case_or_genitive_s(file_name, member_name):
    plan = Plan("Test", 2027, members=(Member(1, "Staten", "state"),
                                       Member(2, member_name, "municipality", key=1)))
    result = read_population(plan, [[file_name, "1 000"]])
    assert [m.member_id for m in result.matches] == [2]


def test_borås_does_not_take_the_row_of_a_municipality_named_without_s():
    plan = Plan("Test", 2027, members=(Member(1, "Borås kommun", "municipality", key=1),
                                       Member(2, "Borå kommun", "municipality", key=1)))
    result = read_population(plan, [["Borås", 10], ["Borå", 20]])
    assert [(m.member_name, m.population) for m in result.matches] == [
        ("Borås kommun", 10), ("Borå kommun", 20)]


def test_names_forms():
    assert name_forms("Mjölby kommun") == ("mjölby",)
    assert name_forms("Borås kommun") == ("borås", "borå")
    assert name_forms("Vadstena") == ("vadstena",)


def test_a_code_in_the_member_name_matches_by_code():
    plan = Plan("Test", 2027, members=(Member(1, "0583 Motala", "municipality", key=1),))
    result = read_population(plan, [["0583 Motala kommun (ny)", 4]])
    assert [m.member_id for m in result.matches] == [1]


def test_unknown_and_unreadable_rows_are_named_with_their_row_numbers():
    plan = load_plan("vastra-ostergotland-2026")
    rows = SCB_ROWS[:4] + [["0580 Linköping", "165 000"], ["0586 Mjölby", ".."],
                           ["0584 Vadstena", "-7"], ["0560 Boxholm", "5 530"]]
    result = read_population(plan, rows)
    assert not result.ok
    assert result.problems() == [
        "Rad 5 (”0580 Linköping”): ingen kommun i planen heter så.",
        "Rad 6 (”0586 Mjölby; ..”): folkmängden är inget heltal.",
        "Rad 7 (”0584 Vadstena; -7”): folkmängden får inte vara negativ.",
    ]
    assert {m.name for m in result.members_without_row} == {
        "Mjölby kommun", "Vadstena kommun", "Ödeshögs kommun"}
    assert "Ödeshögs kommun finns inte i filen; nyckeln är oförändrad." in result.warnings()


def test_the_whole_country_and_counties_are_skipped_not_errors():
    plan = load_plan("vastra-ostergotland-2026")
    rows = [["00 Riket", "10 600 000"], ["05 Östergötlands län", "470 000"]] + SCB_ROWS[3:8]
    result = read_population(plan, rows)
    assert result.ok
    assert [r.region for r in result.skipped_rows] == ["00 Riket", "05 Östergötlands län"]


def test_a_municipality_twice_is_a_bad_row():
    plan = load_plan("vastra-ostergotland-2026")
    result = read_population(plan, SCB_ROWS[3:8] + [["Motala kommun", 1]])
    assert not result.ok
    assert result.problems() == ["Rad 6 (”Motala kommun”): Motala kommun finns redan på rad 1."]


def test_an_empty_file_is_not_ok():
    result = read_population(load_plan("vastra-ostergotland-2026"), [["Folkmängd"], []])
    assert not result.ok
    assert result.problems() == ["Filen innehåller inga rader med kommun och folkmängd."]


def test_apply_sets_keys_and_source_and_the_amounts_follow():
    plan = load_plan("vastra-ostergotland-2026")
    result = read_population(plan, SCB_ROWS)
    new = apply_population(plan, result.matches, "Folkmängd 31/12 2025, SCB")
    motala = next(m for m in new.members if m.name == "Motala kommun")
    assert motala.key == 43_800 and motala.key_source == "Folkmängd 31/12 2025, SCB"
    assert [m for m in new.members if m.kind != "municipality"] == [
        m for m in plan.members if m.kind != "municipality"]
    before, after = allocate_year(plan, 2026), allocate_year(new, 2026)
    assert after[motala.id] != before[motala.id]
    assert sum(after.values()) == sum(before.values())


def test_apply_needs_a_source():
    plan = load_plan("vastra-ostergotland-2026")
    with pytest.raises(EditError, match="varifrån"):
        apply_population(plan, read_population(plan, SCB_ROWS).matches, "  ")


def test_per_year_keys_become_one_number():
    plan = load_plan("sjuharad-2025")
    result = read_population(plan, [["Borås", "115 000"]])
    new = apply_population(plan, result.matches, "x")
    assert next(m for m in new.members if m.name == "Borås").key == 115_000
    assert replace(plan, members=()).contributions == new.contributions


def test_default_source_names_the_year_end_two_years_back():
    assert default_source(load_plan("sormland-2026")) == "Folkmängd 31/12 2024, SCB"


_cells = st.one_of(st.none(), st.integers(-10, 10**7), st.floats(allow_nan=True),
                   st.text(max_size=12), st.sampled_from(["0583 Motala", "Mjölby kommun", "..",
                                                          "region", "00 Riket", "-5", "1 234"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_cells, max_size=4), max_size=12))
def test_any_rows_are_read_without_crashing_and_every_row_is_accounted_for(rows):
    plan = load_plan("vastra-ostergotland-2026")
    result = read_population(plan, rows)
    named = {m.row.row for m in result.matches} | {r.row for r in result.unmatched_rows} | {
        b.row for b in result.bad_rows} | {r.row for r in result.skipped_rows}
    assert named <= set(range(1, len(rows) + 1))
    assert len({m.member_id for m in result.matches}) == len(result.matches)
    if result.ok:
        apply_population(plan, result.matches, "x")


@pytest.mark.parametrize("figure", ["-5", "NaN", "4.38e4", "=1+1", "2025-12-31",
                                    float("nan"), __import__("datetime").datetime(2025, 12, 31)])
def test_a_bad_figure_in_the_first_data_row_is_a_bad_row_not_a_header(figure):
    rows = [["Folkmängd efter region och år"], ["region", "2025"],
            ["0583 Motala", figure], ["0586 Mjölby", 28_901]]
    result = read_population(load_plan("vastra-ostergotland-2026"), rows)
    assert not result.ok
    assert any(line.startswith("Rad 3 ") for line in result.problems()), result.problems()


def test_a_bad_figure_without_a_code_is_not_a_header_either():
    rows = [["Motala kommun", "NaN"], ["Mjölby kommun", "28901"]]
    result = read_population(load_plan("vastra-ostergotland-2026"), rows)
    assert [bad.row for bad in result.bad_rows] == [1]


@pytest.mark.parametrize("figure", [10**15, "1" + "0" * 15, "1" + "0" * 400, "9" * 4301,
                                    float("inf"), 1e300])
def test_absurd_populations_are_refused(figure):
    rows = [["region", "2025"], ["0583 Motala", figure]]
    result = read_population(load_plan("vastra-ostergotland-2026"), rows)
    assert [bad.row for bad in result.bad_rows] == [2]
    assert "orimligt stor" in result.bad_rows[0].reason


def test_one_column_per_plan_year_sets_each_years_key():
    plan = replace(load_plan("vastra-ostergotland-2026"), plan_span=3)
    years = plan.years
    rows = [["region", *[f"Prognos {year}" for year in years]],
            ["0583 Motala", *[43_800 + i for i in range(len(years))]]]
    result = read_population(plan, rows)
    assert result.ok, result.problems()
    new = apply_population(plan, result.matches, "Prognos, SCB")
    motala = next(m for m in new.members if "Motala" in m.name)
    assert motala.key == {year: 43_800 + i for i, year in enumerate(years)}
    assert result.year == years[-1]


def test_columns_two_years_before_set_the_plan_years_keys():
    plan = replace(load_plan("vastra-ostergotland-2026"), plan_span=2)
    rows = [["region", "2023", "2024", "2025"], ["0583 Motala", 1, 43_000, 43_800]]
    result = read_population(plan, rows)
    new = apply_population(plan, result.matches, "SCB")
    motala = next(m for m in new.members if "Motala" in m.name)
    assert motala.key == {2026: 43_000, 2027: 43_800}


def test_the_default_source_takes_its_year_from_the_file():
    plan = load_plan("vastra-ostergotland-2026")
    rows = [["region", "Folkmängd 2023"], ["0583 Motala", 43_800]]
    assert default_source(plan, read_population(plan, rows)) == "Folkmängd 31/12 2023, SCB"
    notes = [["region", "folkmängd"], ["0583 Motala", 43_800], ["Uppgifterna avser år 2022"]]
    assert default_source(plan, read_population(plan, notes)) == "Folkmängd 31/12 2022, SCB"
    assert default_source(plan) == f"Folkmängd 31/12 {plan.plan_year - 2}, SCB"
