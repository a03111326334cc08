"""Amounts as the report prints them, such that every printed sum adds up.

In kr nothing is rounded. In tkr each amount is shown to 0.1 tkr (100 kr); a
column of parts is rounded with the largest remainder method towards its
rounded whole, so the sum row is exactly the sum of the rows printed above it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.money import NBSP

STEP = {"kr": 1, "tkr": 100}


def round_whole(amount: int, unit: str) -> int:
    """One amount rounded half away from zero to what `unit` prints, in kronor."""
    step = STEP[unit]
    steps, rest = divmod(abs(amount), step)
    if rest * 2 >= step:
        steps += 1
    return steps * step if amount >= 0 else -steps * step


def round_parts(parts: Sequence[int], unit: str, whole: int | None = None) -> list[int]:
    """`parts` rounded to the unit's step so that they add up to the rounded `whole`.

    `whole` defaults to the exact sum of the parts. This is the largest remainder
    method (as `domain.allocation.largest_remainder`) on signed amounts: each part
    is floored, then the steps left over go to the largest remainders, ties to
    the earlier part. If the target cannot be reached that way the parts are
    simply floored and topped up as far as possible, and the sum row still
    shows their sum.
    """
    step = STEP[unit]
    if step == 1:
        return list(parts)
    target = round_whole(sum(parts) if whole is None else whole, unit) // step
    floors = [part // step for part in parts]
    left = max(0, min(len(parts), target - sum(floors)))
    if left:
        # largest remainder first; the sort is stable, so ties stay in the parts' order
        less = [floor * step - part for part, floor in zip(parts, floors, strict=True)]
        for index in sorted(range(len(parts)), key=less.__getitem__)[:left]:
            floors[index] += 1
    return [value * step for value in floors]


def swedish_number(value: int, decimals: int = 0) -> str:
    """`value` / 10**decimals in Swedish form, as `domain.money.format_number` writes it.

    The same text, about thirty times faster (babel parses its pattern on every
    call, which dominated the report of a large plan). Tests compare the two.
    """
    if not decimals:
        return f"{value:,}".replace(",", NBSP)
    sign = "-" if value < 0 else ""
    whole, fraction = divmod(abs(value), 10 ** decimals)
    text = f"{whole:,}".replace(",", NBSP)
    if decimals:
        text += "," + str(fraction).rjust(decimals, "0")
    return sign + text


class Formatter:
    """Formats the amounts of one column alike: one decimal for all in tkr when any needs it."""

    def __init__(self, unit: str, amounts: Sequence[int] = ()):
        self.unit = unit
        self.decimals = 1 if unit == "tkr" and any(a % 1000 for a in amounts) else 0

    def __call__(self, amount: int | None) -> str:
        if amount is None:
            return ""
        if self.unit == "kr":
            return f"{amount:,}".replace(",", NBSP)
        if amount % 100:
            amount = round_whole(amount, "tkr")
        tenths = amount // 100
        if not self.decimals and not tenths % 10:
            return f"{tenths // 10:,}".replace(",", NBSP)
        return swedish_number(tenths, 1)

    def column(self, amounts: Sequence[int | None]) -> list[str]:
        """Each of `amounts` formatted, each distinct amount once (a column of a large
        plan repeats its amounts)."""
        done = {amount: self(amount) for amount in set(amounts)}
        return list(map(done.__getitem__, amounts))
