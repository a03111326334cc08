"""The two-column (account, amount) CSV and xlsx reader."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest
from openpyxl import Workbook

from finsam_desktop.storage.account_file import read_account_file
from finsam_desktop.storage.errors import PlanFileError


def test_csv_with_heading_swedish_numbers_and_repeated_accounts(tmp_path):
    path = tmp_path / "saldon.csv"
    path.write_text("Konto;Belopp\n5010;800 000,00\n6110;299999.50\n6110;0,50\n"
                    "3010;\u22121\u00a0000\u00a0000\n\n7690;1.234,56\n", encoding="utf-8")
    book = read_account_file(path)
    assert book.sums == {"5010": Decimal("800000.00"), "6110": Decimal("300000.00"),
                         "3010": Decimal("-1000000"), "7690": Decimal("1234.56")}


def test_xlsx_numbers(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Konto", "Belopp"])
    sheet.append([5010, 800000.5])
    sheet.append(["3010", -1000000])
    book.save(tmp_path / "saldon.xlsx")
    assert read_account_file(tmp_path / "saldon.xlsx").sums == {
        "5010": Decimal("800000.50"), "3010": Decimal("-1000000.00")}


@pytest.mark.parametrize(("text", "words"), [
    ("Konto;Belopp\n5010;100\nsumma;100\n", "rad 3: ”summa” är inget kontonummer"),
    ("5010;100\n6110;tolv\n", "rad 2: beloppet ”tolv” för konto 6110"),
    ("5010\n", "rad 1: beloppet ”” för konto 5010"),
    ("Konto;Belopp\n", "inga rader"),
])
def test_bad_rows_are_refused_with_the_row(tmp_path, text, words):
    path = tmp_path / "saldon.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanFileError, match=words):
        read_account_file(path)


def test_a_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "saldon.csv")
    with pytest.raises(PlanFileError, match="ingen vanlig fil"):
        read_account_file(tmp_path / "saldon.csv")
