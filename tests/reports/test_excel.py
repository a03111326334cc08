"""The Excel export read back with openpyxl: numbers are numbers and the sums are right."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from finsam_desktop.cli import main
from finsam_desktop.domain.outcome import compute
from finsam_desktop.reports.excel import write_workbook
from tests.conftest import PLAN_NAMES, load_plan


def workbook_of(name: str, tmp_path, unit=None):
    plan = load_plan(name)
    path = tmp_path / "plan.xlsx"
    write_workbook(plan, compute(plan), path, unit=unit)
    return plan, openpyxl.load_workbook(path)


def rows(sheet):
    return list(sheet.iter_rows(values_only=True))


def test_three_sheets_in_order(tmp_path):
    _, book = workbook_of("skaraborg-2026", tmp_path)
    assert book.sheetnames == ["Medlemmar", "Insatser", "Ekonomi"]


@pytest.mark.parametrize("name", PLAN_NAMES)
@pytest.mark.parametrize("unit", ["kr", "tkr"])
def test_member_amounts_are_numbers_and_the_sum_row_adds_up(name, unit, tmp_path):
    plan, book = workbook_of(name, tmp_path, unit)
    sheet = book["Medlemmar"]
    data = rows(sheet)
    header, body, total = data[0], data[1:-1], data[-1]
    assert [r[0] for r in body] == [m.name for m in plan.members] and total[0] == "Summa"
    for column in range(3, len(header)):
        values = [r[column] for r in body if r[column] is not None]
        assert all(isinstance(v, (int, float)) for v in values)
        if header[column].startswith(str(plan.plan_year - 1)) \
                and plan.contributions.previous_total is not None:
            expected = Decimal(plan.contributions.previous_total) / (1000 if unit == "tkr" else 1)
            assert Decimal(str(total[column])) == expected  # contract: previous_total
            continue
        assert sum(Decimal(str(v)) for v in values) == Decimal(str(total[column]))
    money = sheet.cell(2, 4).number_format
    assert money == ("#,##0.0" if unit == "tkr" else "#,##0")
    assert sheet.cell(2, len(header)).number_format == "0.0%"


def test_amounts_are_the_outcome_in_kr(tmp_path):
    plan, book = workbook_of("skaraborg-2026", tmp_path, "kr")
    outcome = compute(plan)
    by_name = {r[0]: r for r in rows(book["Medlemmar"])[1:]}
    for member in plan.members:
        assert by_name[member.name][4] == outcome.years[2026].contributions[member.id]
    economy = {r[0]: r[1:] for r in rows(book["Ekonomi"])}
    assert economy["Utgående eget kapital"] == (3_692_000,)
    assert economy["Summa kostnader"] == (19_208_000,)


def test_tkr_keeps_the_decimal(tmp_path):
    _, book = workbook_of("sjuharad-2025", tmp_path)
    first = rows(book["Medlemmar"])[1]
    assert first[0] == "Försäkringskassan" and first[3] == 4417.5


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_interventions_sum_row_and_economy_balance(name, tmp_path):
    plan, book = workbook_of(name, tmp_path, "kr")
    data = rows(book["Insatser"])
    assert len(data) == len(plan.interventions) + 2
    for k, year in enumerate(plan.years):
        assert sum(r[6 + k] for r in data[1:-1]) == data[-1][6 + k]
        assert data[-1][6 + k] == compute(plan).years[year].intervention_costs
    economy = {r[0]: r[1:] for r in rows(book["Ekonomi"])}
    for k in range(len(plan.years)):
        assert economy["Årets resultat"][k] == economy["Summa intäkter"][k] - economy["Summa kostnader"][k]


def test_the_export_command_writes_xlsx(plan_file, tmp_path):
    target = tmp_path / "plan.xlsx"
    assert main(["export", str(plan_file("sormland-2026")), "-o", str(target), "--unit", "tkr"]) == 0
    assert openpyxl.load_workbook(target).sheetnames == ["Medlemmar", "Insatser", "Ekonomi"]


HOSTILE_NAMES = ["=HYPERLINK(\"http://x\",\"klick\")", "=cmd|'/c calc'!A1", "=1+1", "+1+1",
                 "-2+3", "@SUM(A1)", "namn\x00med\x01kontroll\x1b[31m", "\ud800trasig"]


def test_no_exported_cell_is_ever_a_formula_and_control_characters_are_kept_visible(tmp_path):
    from dataclasses import replace
    plan = load_plan("sjuharad-2025")
    members = tuple(replace(m, name=HOSTILE_NAMES[k % len(HOSTILE_NAMES)] + str(k))
                    for k, m in enumerate(plan.members))
    interventions = tuple(replace(i, name=HOSTILE_NAMES[k % len(HOSTILE_NAMES)] + f" {k}",
                                  owner="=owner()", municipality="=kommun()", group="=grupp()",
                                  category="=kategori()")
                          for k, i in enumerate(plan.interventions))
    costs = tuple(replace(c, name="=kostnad()" + str(k)) for k, c in enumerate(plan.costs))
    plan = replace(plan, members=members, interventions=interventions, costs=costs,
                   association="=förbund()")
    path = tmp_path / "plan.xlsx"
    write_workbook(plan, compute(plan), path)
    book = openpyxl.load_workbook(path)
    texts = []
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert '=HYPERLINK("http://x","klick")0' in texts
    assert any(t.startswith("namn\ufffdmed\ufffdkontroll\ufffd[31m") for t in texts)
    assert any(t.startswith("\ufffdtrasig") for t in texts)
    assert "=kostnad()0" in texts


def test_twenty_thousand_interventions_export_in_linear_time(tmp_path):
    import time
    from dataclasses import replace
    plan = load_plan("sjuharad-2025")
    base = plan.interventions[0]
    many = tuple(replace(base, id=100_000 + k, name=f"Insats {k}") for k in range(20_000))
    plan = replace(plan, interventions=many)
    outcome = compute(plan)
    started = time.perf_counter()
    write_workbook(plan, outcome, tmp_path / "stor.xlsx")
    elapsed = time.perf_counter() - started
    assert elapsed < 60, elapsed  # quadratic (max_row read per row) took 275 s here
    sheet = openpyxl.load_workbook(tmp_path / "stor.xlsx", read_only=True)["Insatser"]
    assert sheet.max_row == 20_002
