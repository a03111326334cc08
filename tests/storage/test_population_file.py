"""SCB exports as they arrive: CSV in two encodings and separators, with BOM, and xlsx."""

from __future__ import annotations

import codecs

import pytest
from openpyxl import Workbook

from finsam_desktop.domain.population import read_population
from finsam_desktop.storage.errors import PlanFileError
from finsam_desktop.storage.population_file import read_population_rows
from tests.conftest import load_plan

LINES = [
    '"Folkmängd efter region, ålder och år"',
    "",
    '"region"{sep}"2025"',
    '"0583 Motala"{sep}43800',
    '"0586 Mjölby"{sep}28901',
    '"0584 Vadstena"{sep}7412',
    '"0560 Boxholm"{sep}5530',
    '"0509 Ödeshög"{sep}5199',
    "",
    '"Källa: SCB, befolkningsstatistik. Uppgifterna avser 31 december, år 2025."',
]
EXPECTED = [("Motala kommun", 43_800), ("Mjölby kommun", 28_901), ("Vadstena kommun", 7_412),
            ("Boxholms kommun", 5_530), ("Ödeshögs kommun", 5_199)]


def scb_text(sep: str) -> str:
    return "\r\n".join(line.format(sep=sep) for line in LINES) + "\r\n"


def matched(path):
    result = read_population(load_plan("vastra-ostergotland-2026"), read_population_rows(path))
    assert result.ok, result.problems()
    return [(m.member_name, m.population) for m in result.matches]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_csv_in_every_encoding_and_separator(tmp_path, encoding, sep):
    path = tmp_path / "scb.csv"
    path.write_bytes(scb_text(sep).encode(encoding))
    if encoding == "utf-8-sig":
        assert path.read_bytes().startswith(codecs.BOM_UTF8)
    assert matched(path) == EXPECTED


def test_names_with_a_and_o_read_right_in_latin_1(tmp_path):
    path = tmp_path / "scb.csv"
    path.write_bytes(scb_text(";").encode("latin-1"))
    rows = read_population_rows(path)
    assert ["0509 Ödeshög", "5199"] in rows


def test_grouped_numbers_with_spaces_in_a_comma_file(tmp_path):
    path = tmp_path / "scb.csv"
    path.write_text('region,folkmängd\n"Motala kommun","43 800"\nMjölby,28 901\n',
                    encoding="utf-8")
    result = read_population(load_plan("vastra-ostergotland-2026"), read_population_rows(path))
    assert [(m.member_name, m.population) for m in result.matches] == EXPECTED[:2]


def test_xlsx(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Folkmängd efter region och år"])
    sheet.append([])
    sheet.append(["region", "2024", "2025"])
    for (name, population), code in zip(EXPECTED, ("0583", "0586", "0584", "0560", "0509"), strict=True):
        sheet.append([f"{code} {name.replace(' kommun', '')}", population - 100, population])
    sheet.append(["Källa: SCB"])
    path = tmp_path / "scb.xlsx"
    book.save(path)
    assert matched(path) == EXPECTED


@pytest.mark.parametrize("name, content, message", [
    ("saknas.csv", None, "finns inte"),
    ("trasig.xlsx", b"PK\x03\x04 not really a zip", "ingen läsbar xlsx-fil"),
    ("gammal.xls", b"\xd0\xcf\x11\xe0", "gammal Excel-fil"),
    ("binär.csv", b"\x00\x01\x02\x03", "ingen textfil"),
    ("lång.csv", b'Kommun;2025\n"' + b"x" * 200_000 + b'";1\n', "ett fält är orimligt långt"),
])
def test_unreadable_files_say_why_in_swedish(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(PlanFileError, match=message):
        read_population_rows(path)


def test_a_fifo_is_refused_without_blocking(tmp_path):
    import os
    fifo = tmp_path / "folkmängd.csv"
    os.mkfifo(fifo)
    with pytest.raises(PlanFileError, match="ingen vanlig fil"):
        read_population_rows(fifo)


def test_a_device_is_refused_without_reading_it():
    with pytest.raises(PlanFileError, match="ingen vanlig fil"):
        read_population_rows("/dev/zero")


def test_an_xlsx_with_a_dtd_is_refused_in_one_line(tmp_path):
    """A billion-laughs DTD in the sheet: refused by defusedxml, never expanded."""
    import zipfile
    plain = tmp_path / "plain.xlsx"
    book = Workbook()
    book.active.append(["0583 Motala", 43800])
    book.save(plain)
    levels = ['<!ENTITY a0 "' + "ha" * 10 + '">'] + [
        f'<!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">' for i in range(1, 9)]
    dtd = "<!DOCTYPE worksheet [" + "".join(levels) + "]>"
    hostile = tmp_path / "folkmängd.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                assert "0583 Motala" in text
                data = (dtd + text.replace("0583 Motala", "&a8;")).encode("utf-8")
            target.writestr(item, data)
    with pytest.raises(PlanFileError, match="ingen läsbar xlsx-fil") as error:
        read_population_rows(hostile)
    assert "\n" not in str(error.value)
