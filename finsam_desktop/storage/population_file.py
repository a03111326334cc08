"""Reading an SCB population export (CSV or xlsx) into rows of cells.

SCB's statistical database exports CSV with semicolons or commas, in UTF-8 or
Latin-1/cp1252, with or without a byte order mark, and xlsx. This module only
turns the file into rows; `domain.population` decides what the rows mean.

Only a regular file is read (a FIFO or a device such as /dev/zero is refused
before it can block or fill memory), and at most MAX_BYTES of it. An xlsx is
parsed with defusedxml present (openpyxl then refuses a DTD, so no entity can
expand); what defusedxml raises is one Swedish line too.
"""

from __future__ import annotations

import codecs
import csv
import os
import stat
import zipfile
from pathlib import Path

from .errors import PlanFileError, reading

MAX_BYTES = 20 * 1024 * 1024
_DELIMITERS = ";,\t"


def read_population_rows(path: str | Path) -> list[list[object]]:
    """The file's rows, each a list of cells (str, or numbers from xlsx)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise PlanFileError(f"{path.name} är en gammal Excel-fil (.xls). Spara den som .xlsx "
                            "eller exportera som CSV från SCB.")
    data = _read_bytes(path)
    if suffix == ".xlsx" or data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(path, data)
    return csv_rows(decode(data, path.name))


def _read_bytes(path: Path) -> bytes:
    """The file's bytes: a regular file only, opened without blocking, read up to MAX_BYTES."""
    with reading(path):
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise PlanFileError(f"{path.name} är ingen vanlig fil. Välj en CSV- eller xlsx-fil "
                                "från SCB.")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped since the stat
                raise PlanFileError(f"{path.name} är ingen vanlig fil.")
            data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PlanFileError(f"{path.name} är för stor (över {MAX_BYTES // 1_000_000} MB) för "
                            "att vara en folkmängdstabell.")
    return data


def decode(data: bytes, name: str = "filen") -> str:
    """Text from UTF-8 (with or without BOM), UTF-16 with BOM, or else cp1252/Latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", name)
    if b"\x00" in data:
        raise PlanFileError(f"{name} är ingen textfil. Välj en CSV- eller xlsx-fil från SCB.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise PlanFileError(f"{name} har felaktig teckenkodning och kan inte läsas.") from None


def _delimiter(text: str) -> str:
    """The separator that splits the most lines into two or more filled cells.

    Counting beats `csv.Sniffer` here: SCB's title lines and footnotes often
    contain commas while the data uses semicolons. Ties go to the semicolon.
    """
    lines = [line for line in text.splitlines() if line.strip()][:200]

    def score(delimiter: str) -> int:
        return sum(1 for row in csv.reader(lines, delimiter=delimiter)
                   if sum(1 for cell in row if cell.strip()) >= 2)
    return max(_DELIMITERS, key=score)


def csv_rows(text: str) -> list[list[object]]:
    """Rows of a CSV text, separated by semicolons, commas or tabs (detected)."""
    text = text.lstrip("\ufeff")
    try:
        return [list(row) for row in csv.reader(text.splitlines(), delimiter=_delimiter(text))]
    except csv.Error as error:
        raise PlanFileError(f"Filen kunde inte läsas som CSV ({_csv_reason(error)}).") from None


def _csv_reason(error: csv.Error) -> str:
    """The csv module's English complaint, in Swedish where it is one we know."""
    if "field larger than field limit" in str(error):
        return "ett fält är orimligt långt"
    return f"fel i CSV-texten: {error}"


def _xlsx_rows(path: Path, data: bytes) -> list[list[object]]:
    import io

    import defusedxml  # noqa: F401 - present, openpyxl parses with it and refuses DTDs
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    refused = (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError,
               TypeError, SyntaxError, RecursionError)  # defusedxml's errors are ValueErrors
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except refused:
        raise PlanFileError(f"{path.name} är ingen läsbar xlsx-fil.") from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise PlanFileError(f"{path.name} innehåller inget kalkylblad.")
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    except refused:
        raise PlanFileError(f"{path.name} är ingen läsbar xlsx-fil.") from None
    finally:
        book.close()
