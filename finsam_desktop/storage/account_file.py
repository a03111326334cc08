"""A two-column file (account, amount) as CSV or xlsx, for systems that cannot write SIE.

The amounts are read as booked, like SIE's (costs positive, income negative as credit),
and the same mapping turns them into actuals. A first row that is not an account (a
heading) is skipped; any later row whose account or amount cannot be read is refused with
its row number. Amounts may be written the Swedish way ("−1 234,50") or with a point.
"""

from __future__ import annotations

import os
import re
import stat
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import PlanFileError, reading
from .population_file import read_population_rows
from .sie import SieBook

_ACCOUNT = re.compile(r"[0-9]{1,10}")
_NUMBER = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,6})?")


def read_account_file(path: str | Path) -> SieBook:
    """The sums per account of a CSV or xlsx file of (account, amount) rows."""
    path = Path(path)
    with reading(path):
        info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise PlanFileError(f"{path.name} är en mapp, ingen fil.")
    if not stat.S_ISREG(info.st_mode):
        raise PlanFileError(f"{path.name} är ingen vanlig fil och kan inte läsas.")
    rows = read_population_rows(path)
    sums: dict[str, Decimal] = {}
    count = 0
    for number, row in enumerate(rows, 1):
        cells = [cell for cell in row if cell is not None and str(cell).strip() != ""]
        if not cells:
            continue
        account = _account(row[0] if row else None)
        if account is None:
            if count == 0:
                continue  # a heading
            raise PlanFileError(f"{path.name}, rad {number}: ”{row[0]}” är inget kontonummer.")
        amount = _amount(row[1] if len(row) > 1 else None)
        if amount is None:
            shown = row[1] if len(row) > 1 else ""
            raise PlanFileError(f"{path.name}, rad {number}: beloppet ”{shown}” för konto "
                                f"{account} är inget tal.")
        sums[account] = sums.get(account, Decimal(0)) + amount
        count += 1
    if not count:
        raise PlanFileError(f"{path.name} innehåller inga rader med konto och belopp.")
    return SieBook(sums, transactions=count)


def _account(cell: object) -> str | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int) or (isinstance(cell, float) and cell.is_integer()):
        return str(int(cell)) if cell >= 0 else None
    text = str(cell).strip() if cell is not None else ""
    return text if _ACCOUNT.fullmatch(text) else None


def _amount(cell: object) -> Decimal | None:
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, (int, float)):
        try:
            return Decimal(str(cell)).quantize(Decimal("0.01")) if abs(cell) < 1e15 else None
        except InvalidOperation:
            return None
    text = str(cell).strip().replace("\u2212", "-")
    text = re.sub(r"[\s\u00a0\u202f]|kr$", "", text)
    if "," in text and "." in text:
        text = text.replace(".", "") if text.rfind(",") > text.rfind(".") else text
        text = text.replace(",", ".") if "." not in text else text.replace(",", "")
    else:
        text = text.replace(",", ".")
    return Decimal(text) if _NUMBER.fullmatch(text) else None


def read_actuals_file(path: str | Path, year: int, end: str) -> SieBook:
    """An SIE file, or a two-column CSV/xlsx file (by its suffix), as sums per account."""
    from .sie import read_sie
    path = Path(path)
    if path.suffix.lower() in (".csv", ".xlsx"):
        return read_account_file(path)
    return read_sie(path, year, end)
