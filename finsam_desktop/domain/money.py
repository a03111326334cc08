"""Swedish money text: parse what a coordinator types, format what they read.

Amounts are whole kronor (`int`). Formatting follows CLDR's Swedish rules via
babel (non-breaking space as group separator, decimal comma, U+2212 minus).
Parsing accepts the forms people actually type and paste, and refuses anything
else with a Swedish message rather than guessing or returning zero.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from fractions import Fraction

from .errors import UserFacingError

LOCALE = "sv_SE"
NBSP = "\u00a0"
MINUS = "\u2212"
_UNIT_FACTORS = {"": 1, "kr": 1, "tkr": 1000, "mkr": 1_000_000}
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_NUMBER = re.compile(r"^(\d+)(?:[.,](\d+))?$", re.ASCII)
_GROUPED = re.compile(r"^\d{1,3}(?:[ ]\d{3})+(?:[.,]\d+)?$", re.ASCII)
_STRAY = re.compile(r"[^0-9\s\u00a0\u202f\u2009.,]")
_DOT_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$", re.ASCII)
""""1.500": a Swede often means 1 500, a program 1,5 — ask instead of guessing."""



class MoneyError(UserFacingError, ValueError):
    """Text that is not an amount; the message is Swedish and shown as is."""


def parse_money(text: str, unit: str = "kr") -> int:
    """Whole kronor from text such as "1 234 567 kr", "4 417,5 tkr" or "1,5 mkr".

    A number without a unit is taken in `unit` ("kr" or "tkr"). The result
    must be whole kronor: "12,5 kr" is refused rather than rounded.
    """
    raw = text if isinstance(text, str) else str(text)
    cleaned = raw.strip().replace(MINUS, "-").replace("\u2013", "-")
    if not cleaned:
        raise MoneyError("Ange ett belopp.")
    lowered = cleaned.lower()
    match = re.search(r"(tkr|mkr|kr|:-)\s*$", lowered)
    suffix = ""
    if match:
        suffix = "kr" if match.group(1) == ":-" else match.group(1)
        lowered = lowered[: match.start()].strip()
    factor = _UNIT_FACTORS[suffix or unit]
    negative = lowered.startswith("-")
    if negative:
        lowered = lowered[1:].strip()
    shown = raw.strip()
    stray = _STRAY.search(lowered)
    if stray:
        raise MoneyError(f"”{shown}” är inget belopp: tecknet ”{stray.group()}” hör inte till "
                         "ett belopp. Skriv bara siffror, till exempel 21 000 eller 21 000 kr.")
    if _DOT_THOUSANDS.match(lowered):
        thousands = lowered.replace(".", " ")
        if lowered.count(".") == 1:
            decimal = format(Decimal(lowered).normalize(), "f").replace(".", ",")
            question = f"menar du {thousands} eller {decimal}?"
        else:
            question = f"menar du {thousands}?"
        raise MoneyError(f"”{shown}”: {question} Skriv tusental med mellanslag (1 500) och "
                         "decimaler med komma (1,5).")
    spaced = _SPACES.sub(" ", lowered)
    if " " in spaced and not _GROUPED.match(spaced):
        raise MoneyError(f"”{shown}” är inget belopp: mellanslag får bara skilja tusental.")
    digits = spaced.replace(" ", "")
    if len(digits) > 40:
        raise MoneyError(f"”{shown[:40]}…” är orimligt stort för ett belopp.")
    number = _NUMBER.match(digits)
    if not number:
        raise MoneyError(f"”{shown}” är inget belopp. Skriv till exempel 1 234 567 kr, 4 417,5 tkr eller 1,5 mkr.")
    value = Decimal(number.group(1) + "." + (number.group(2) or "0"))
    kronor = value * factor
    if kronor != kronor.to_integral_value():
        raise MoneyError(f"”{raw.strip()}” är inte ett helt antal kronor.")
    result = int(kronor)
    return -result if negative else result


def parse_count(text: str) -> int:
    """A non-negative whole number such as a population or a participant count."""
    raw = text if isinstance(text, str) else str(text)
    digits = _SPACES.sub("", raw.strip())
    if not digits:
        raise MoneyError("Ange ett tal.")
    if digits.startswith(("-", MINUS)):
        raise MoneyError(f"”{raw.strip()}”: talet får inte vara negativt.")
    if not digits.isdigit() or not digits.isascii():
        raise MoneyError(f"”{raw.strip()}” är inget heltal.")
    return int(digits)


def format_number(value: int | Decimal, decimals: int = 0) -> str:
    """A number in Swedish form: "1 234 567", "4 417,5", "−710 000"."""
    if decimals == 0 and type(value) is int:  # whole kronor, every table cell: skip babel's parser
        digits = f"{abs(value):,}".replace(",", NBSP)
        return "-" + digits if value < 0 else digits  # babel's sv_SE minus is ASCII
    if not Decimal(value).is_finite():
        from babel.numbers import format_decimal  # ~40 ms of a command's start: only here
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=LOCALE)
    # What babel writes for "#,##0.0…" in sv_SE (half-even, "-0" kept), without its parser.
    exact = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    sign, figures, _ = exact.as_tuple()
    whole, fraction = divmod(int("".join(map(str, figures)) or "0"), 10 ** decimals)
    text = f"{whole:,}".replace(",", NBSP)
    if decimals:
        text += "," + str(fraction).rjust(decimals, "0")
    return ("-" if sign else "") + text


def to_tkr(kronor: int) -> Decimal:
    """Kronor as thousands, rounded half up to one decimal."""
    with localcontext() as exact:  # enough digits for any total (10^400 in a tkr report)
        exact.prec = max(28, len(str(kronor)) + 4)
        return (Decimal(kronor) / 1000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_money(kronor: int, unit: str = "kr", with_unit: bool = False) -> str:
    """An amount for display: "8 450 000" in kr, "4 417,5" in tkr (decimal only when needed)."""
    if unit == "tkr":
        tenths, rest = divmod(abs(kronor), 100)  # exact integers: any size, no babel pattern
        tenths += rest >= 50  # half up, as to_tkr
        tenths = -tenths if kronor < 0 else tenths
        whole, tenth = divmod(abs(tenths), 10)
        text = format_number(whole) + (f",{tenth}" if tenth else "")
        if kronor < 0:  # as babel wrote it, "-0" for -1..-49 kr
            text = "-" + text
    else:
        text = format_number(kronor)
    return f"{text}{NBSP}{unit}" if with_unit else text


_MESSAGE_UNIT: ContextVar[str] = ContextVar("message_unit", default="kr")


@contextmanager
def amounts_in(unit: str) -> Iterator[None]:
    """Within this block, `format_amount` (findings, rule texts) writes amounts in `unit`.

    A tkr report prints every amount in tkr, the findings' figures included; the
    window and `check` keep kronor.
    """
    token = _MESSAGE_UNIT.set(unit if unit in ("kr", "tkr") else "kr")
    try:
        yield
    finally:
        _MESSAGE_UNIT.reset(token)


def format_amount(kronor: int) -> str:
    """An amount in a message, with its unit: "1 500 000 kr" (or "1 500 tkr" in `amounts_in("tkr")`)."""
    return format_money(kronor, _MESSAGE_UNIT.get(), with_unit=True)


def format_share(share: Fraction | Decimal, decimals: int = 1) -> str:
    """A fraction as a Swedish percentage: "48,1 %", and "20 %" rather than "20,0 %"."""
    share = Fraction(share)
    percent = Decimal(share.numerator * 100) / Decimal(share.denominator)
    value = percent.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if value == value.to_integral_value():
        decimals = 0
    return f"{format_number(value, decimals)}{NBSP}%"


def parse_share(text: str) -> Decimal:
    """A fraction from "20 %", "20", "0,2" or "0.20" (a number above 1 is a percentage)."""
    raw = str(text).strip()
    if len(raw) > 40:
        raise MoneyError(f"”{raw[:40]}…” är ingen andel. Skriv till exempel 20 % eller 0,2.")
    cleaned = _SPACES.sub("", raw).replace(",", ".")
    percent = cleaned.endswith("%")
    cleaned = cleaned.removesuffix("%")
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?|\.[0-9]+", cleaned):
        raise MoneyError(f"”{raw}” är ingen andel. Skriv till exempel 20 % eller 0,2.")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise MoneyError(f"”{raw}” är ingen andel. Skriv till exempel 20 % eller 0,2.") from None
    if not value.is_finite():
        raise MoneyError(f"”{raw}” är ingen andel. Skriv till exempel 20 % eller 0,2.")
    if percent or value > 1:
        value = value.scaleb(-2)
    if not 0 <= value <= 1:
        raise MoneyError(f"”{raw}”: andelen måste ligga mellan 0 och 100 %.")
    return value
