"""The plan's tables as an Excel workbook: Medlemmar, Insatser, Ekonomi.

Cells hold real numbers with number formats (never text), so the coordinator
can go on calculating; amounts are rounded exactly as in the PDF report and
every sum row is the sum of the rows above it. No cell is ever a formula: openpyxl
takes any string starting with "=" for one (docs/pitfalls.md), so such names are stored as
text. Rows are written by number (never by reading `max_row`, which scans every cell:
20 000 interventions took minutes), and control characters, which the format
cannot hold, are written as U+FFFD.
"""

from __future__ import annotations

import errno
import gc
import io
import os
import sys
import threading
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..domain.outcome import Outcome
from ..domain.plan import CATEGORY_LABELS, MEMBER_KIND_LABELS, Plan
from .rounding import round_parts
from .tables import coded, economy_figures, member_figures
from .wrapping import printable

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
SUM_FONT = Font(bold=True)
SUM_FILL = PatternFill("solid", fgColor="DDE6F0")
COUNT_FORMAT = "#,##0"
SHARE_FORMAT = "0.0%"
MAX_TEXT = 32_767
"""The most characters an Excel cell holds; longer text is cut there."""
EXCEL_LIMIT = Decimal("1e300")
"""Numbers beyond what a spreadsheet's float holds are written as their digits, as text."""


class _Rows:
    """Writes a sheet row by row at a known row number, every value made safe for Excel."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.row = 0

    def append(self, values: Iterable[Any]) -> int:
        self.row += 1
        cell = self.sheet.cell
        for column, value in enumerate(values, start=1):
            if value is None:
                continue
            if isinstance(value, str):
                text = printable(value)[:MAX_TEXT]
                written = cell(row=self.row, column=column, value=text)
                written.data_type = "s"  # a name starting with "=" stays a name, never a formula
            elif isinstance(value, (int, Decimal)) and not isinstance(value, bool) \
                    and abs(Decimal(value)) >= EXCEL_LIMIT:
                cell(row=self.row, column=column, value=str(value)).data_type = "s"
            else:
                cell(row=self.row, column=column, value=value)
        return self.row

    def style(self, formats: dict[int, str], total: bool = False, width: int = 0) -> None:
        for column, number_format in formats.items():
            self.sheet.cell(self.row, column).number_format = number_format
        if total:
            for column in range(1, width + 1):
                written = self.sheet.cell(self.row, column)
                written.font, written.fill = SUM_FONT, SUM_FILL


def money_format(unit: str) -> str:
    """Stored in Excel's neutral syntax; Swedish Excel shows it as "1 234 567" / "4 417,5"."""
    return "#,##0.0" if unit == "tkr" else "#,##0"


def in_unit(kronor: int | None, unit: str) -> int | Decimal | None:
    """An amount as the number the sheet holds: int kronor, or exact tkr as a Decimal."""
    if kronor is None:
        return None
    return Decimal(f"{kronor}e-3") if unit == "tkr" else kronor  # exact for any size


def _sheet(workbook: Workbook, title: str, header: list[str], widths: list[int]) -> _Rows:
    sheet = workbook.create_sheet(title)
    rows = _Rows(sheet)
    rows.append(header)
    for column in range(1, len(header) + 1):
        cell = sheet.cell(1, column)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2"
    return rows


def _members(workbook: Workbook, plan: Plan, outcome: Outcome, unit: str) -> None:
    previous, per_year, permille = member_figures(plan, outcome, unit)
    years = plan.years
    header = ["Medlem", "Typ", "Fördelningsnyckel"]
    header += [f"{years[0] - 1} ({unit})"] if previous else []
    header += [f"{y} ({unit})" for y in years] + [f"Andel {years[0]}"]
    sheet = _sheet(workbook, "Medlemmar", header, [34, 20, 16] + [14] * (len(header) - 3))
    width = len(header)
    columns = ([previous] if previous else []) + per_year
    first_money = 4
    money = {first_money + i: money_format(unit) for i in range(len(columns))}
    share_column = first_money + len(columns)
    for index, member in enumerate(plan.members):
        amounts = [in_unit(column[index], unit) for column in columns]
        share = Decimal(permille[index]) / 1000 if permille else None
        sheet.append([member.name, MEMBER_KIND_LABELS.get(member.kind, member.kind),
                      member.key_for(years[0]), *amounts, share])
        sheet.style({3: COUNT_FORMAT, **money, share_column: SHARE_FORMAT})
    sums = [in_unit(sum(v or 0 for v in column), unit) for column in columns]
    if previous and plan.contributions.previous_total is not None:
        sums[0] = in_unit(plan.contributions.previous_total, unit)
    sheet.append(["Summa", None, None, *sums, Decimal(sum(permille)) / 1000 if permille else None])
    sheet.style({**money, share_column: SHARE_FORMAT}, total=True, width=width)


def _interventions(workbook: Workbook, plan: Plan, unit: str) -> None:
    years = plan.years
    header = ["Insats", "Område", "Kategori", "Insatsägare", "Kommun", "Grupp"]
    header += [f"{y} ({unit})" for y in years] + [f"Deltagare {y}" for y in years]
    sheet = _sheet(workbook, "Insatser", header, [36, 26, 22, 24, 16, 20] + [14] * len(years) * 2)
    printed = {y: round_parts([i.amounts.get(y, 0) for i in plan.interventions], unit)
               for y in years}
    money = {7 + k: money_format(unit) for k in range(len(years))}
    counts = {7 + len(years) + k: COUNT_FORMAT for k in range(len(years))}
    for index, item in enumerate(plan.interventions):
        sheet.append([coded(item), plan.labels.area(item.area),
                      CATEGORY_LABELS.get(item.category, item.category), item.owner,
                      item.municipality, item.group,
                      *(in_unit(printed[y][index], unit) for y in years),
                      *(item.participants.get(y, 0) for y in years)])
        sheet.style({**money, **counts})
    sheet.append(["Summa", None, None, None, None, None,
                  *(in_unit(sum(printed[y]), unit) for y in years),
                  *(sum(i.participants.get(y, 0) for i in plan.interventions) for y in years)])
    sheet.style({**money, **counts}, total=True, width=len(header))
    sheet.sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{sheet.row - 1}"


def _economy(workbook: Workbook, plan: Plan, outcome: Outcome, unit: str) -> None:
    labels, values = economy_figures(plan, outcome, unit)
    header = ["Post"] + [f"{y} ({unit})" for y in plan.years]
    sheet = _sheet(workbook, "Ekonomi", header, [44] + [16] * len(plan.years))
    money = {2 + k: money_format(unit) for k in range(len(plan.years))}
    for (label, kind), row in zip(labels, values, strict=True):
        sheet.append([label, *(in_unit(v, unit) for v in row)])
        sheet.style(money, total=kind in ("subtotal", "total"), width=len(header))
        if kind == "heading":
            sheet.sheet.cell(sheet.row, 1).font = SUM_FONT


def write_workbook(plan: Plan, outcome: Outcome, path: Path, unit: str | None = None) -> None:
    """Write the workbook to `path` (the caller makes it atomic; see `atomic_output`)."""
    unit = unit if unit in ("kr", "tkr") else plan.unit if plan.unit in ("kr", "tkr") else "kr"
    workbook = Workbook()
    workbook.remove(workbook.active)
    _members(workbook, plan, outcome, unit)
    _interventions(workbook, plan, unit)
    _economy(workbook, plan, outcome, unit)
    from .follow_up_excel import follow_up_sheet  # the follow-up helper's sheet
    follow_up_sheet(workbook, plan, outcome, unit)
    workbook.properties.title = printable(
        f"Verksamhetsplan och budget {plan.plan_year} – {plan.association}")[:MAX_TEXT]
    workbook.properties.creator = "FinSam Desktop"
    buffer = io.BytesIO()  # in memory first: a failed disk write must not leave a zip open
    failure = _save(workbook, buffer)
    if failure is not None:
        raise failure
    Path(path).write_bytes(buffer.getvalue())


def _save(workbook: Workbook, buffer: io.BytesIO) -> OSError | None:
    """Save into `buffer`; a disk that cannot take openpyxl's temporary files is an OSError.

    openpyxl writes each sheet through a temporary file with lxml, whose
    SerialisationError ("IO_EFBIG") is how a full disk shows up there; its
    half-closed writer then complains on stderr when collected, which is silenced
    here because the caller reports the failure in one line.

    Only on the main thread (a command): the window writes on a worker, where a
    collection could finalize the GUI thread's Qt objects (a crash, docs/pitfalls.md)
    and a swapped `sys.unraisablehook` would silence the GUI thread's errors meanwhile.
    """
    if threading.current_thread() is not threading.main_thread():
        return _saved(workbook, buffer)
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        failure = _saved(workbook, buffer)
        gc.collect()
    finally:
        sys.unraisablehook = hook
    return failure


def _saved(workbook: Workbook, buffer: io.BytesIO) -> OSError | None:
    try:
        workbook.save(buffer)
    except Exception as error:  # noqa: BLE001 - only lxml's is turned into OSError
        if isinstance(error, OSError) or type(error).__name__ != "SerialisationError":
            raise
        code = errno.EFBIG if "EFBIG" in str(error) else errno.ENOSPC
        return OSError(code, os.strerror(code))
    return None
