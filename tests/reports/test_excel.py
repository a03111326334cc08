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
