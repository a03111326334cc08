"""Splitting a whole into parts that add up exactly: the largest remainder method.

Each part first gets the whole units of its exact quota; the units left over go
one each to the parts with the largest remainders, ties to the earlier part.
So the parts always sum to the whole and each is within one unit of its quota.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import cast

from . import row_changes
from .plan import Contributions, Member, Plan


def largest_remainder(whole: int, weights: Sequence[Fraction | Decimal | int]) -> list[int]:
    """Split the non-negative integer `whole` in proportion to `weights`.

    Weights are non-negative; when they are all zero every part is zero.
    """
    if whole < 0:
        raise ValueError("whole must not be negative")
    if all(type(w) is int for w in weights):  # the usual case (population keys): no Fractions
        scaled = cast("list[int]", list(weights))
        if any(w < 0 for w in scaled):
            raise ValueError("weights must not be negative")
    else:
        fractions = [Fraction(w) for w in weights]
        if any(w < 0 for w in fractions):
            raise ValueError("weights must not be negative")
        denominator = math.lcm(*(w.denominator for w in fractions)) if fractions else 1
        scaled = [w.numerator * (denominator // w.denominator) for w in fractions]
    total = sum(scaled)
    if total == 0:
        return [0] * len(scaled)
    parts: list[int] = []
    remainders: list[tuple[int, int]] = []
    for index, weight in enumerate(scaled):
        part, remainder = divmod(whole * weight, total)
        parts.append(part)
        remainders.append((-remainder, index))
    left = whole - sum(parts)
    if left:
        remainders.sort()
        for _, index in remainders[:left]:
            parts[index] += 1
    return parts


def round_half_up(value: Fraction, precision: Fraction) -> Fraction:
    """Round `value` to a multiple of `precision`, halves away from zero."""
    steps = value / precision
    whole = int(steps)
    if abs(steps - whole) >= Fraction(1, 2):
        whole += 1 if steps > 0 else -1
    return whole * precision


def municipality_weights(members: Sequence[Member], year: int,
                         key_precision: Decimal | None) -> list[Fraction] | list[int | Decimal]:
    """Each municipality's weight in `year`: its key, or its rounded share of the keys.

    A municipality without a key that year weighs 0.
    """
    if key_precision is None:
        return [m.key_for(year) or 0 for m in members]
    keys = [Fraction(m.key_for(year) or 0) for m in members]
    summed = sum(keys, Fraction(0))
    if summed == 0:
        return keys
    precision = Fraction(key_precision)
    return [round_half_up(k / summed, precision) for k in keys]


def allocate_year(plan: Plan, year: int) -> dict[int, int]:
    """Every member's contribution in `year`, by member id (see `allocate`)."""
    return allocate(plan, year)[0]


PARTS = ("state", "region", "municipalities")
PART_NAMES = {"state": "statens", "region": "regionens", "municipalities": "kommunernas"}


def allocate(plan: Plan, year: int) -> tuple[dict[int, int], dict[str, int]]:
    """Every member's contribution in `year` by member id, and the parts no one can take.

    Two steps, each by largest remainder in units of `rounding`: the total into
    the state, region and municipal parts, then each part among its members.
    A part with no member to take it (no member of that kind, or no municipality
    with a key that year) is left unallocated: it is returned by part name, is not
    anyone's contribution and so not income (plan-format.md, `contributions_unallocated`).
    """
    settings: Contributions = plan.contributions
    unit = settings.rounding
    units = settings.totals.get(year, 0) // unit
    shares = settings.shares
    part_units = dict(zip(PARTS, largest_remainder(
        units, [shares.state, shares.region, shares.municipalities]), strict=True))

    result = {m.id: 0 for m in plan.members}
    unallocated: dict[str, int] = {}

    def split(part: str, members: list[Member],
              weights: Sequence[Fraction | Decimal | int]) -> None:
        parts = largest_remainder(part_units[part], weights) if members else []
        given = sum(parts)
        for member, units_given in zip(members, parts, strict=True):
            result[member.id] = units_given * unit
        if part_units[part] - given:
            unallocated[part] = (part_units[part] - given) * unit

    state = [m for m in plan.members if m.kind == "state"]
    state = state or [m for m in plan.members if m.kind in ("fk", "af")]
    split("state", state, [1] * len(state))
    regions = [m for m in plan.members if m.kind == "region"]
    split("region", regions, [1] * len(regions))
    municipalities = [m for m in plan.members if m.kind == "municipality"]
    split("municipalities", municipalities,
          municipality_weights(municipalities, year, settings.key_precision))
    return result, unallocated


def unchanged_years(old: Plan, new: Plan) -> set[int]:
    """The years of `new` whose allocation is the same as in `old`, decided without
    allocating: the same total, shares, precision and rounding that year, and the same
    members in the same order with the same kind and key that year.

    Which members an edit changed comes from `row_changes`; when that is not known
    (rows came, went or moved), no year is reused.
    """
    before, after = old.contributions, new.contributions
    if (before.shares, before.key_precision, before.rounding) != \
            (after.shares, after.key_precision, after.rounding):
        return set()
    years = {year for year in new.years if year in old.years
             and before.totals.get(year, 0) == after.totals.get(year, 0)}
    if old.members is new.members or not years:
        return years
    delta = row_changes.between(old.members, new.members)
    if delta is None or delta.positions is None:
        return set()
    for was, now in zip(delta.removed, delta.added, strict=True):
        if was.kind != now.kind or was.id != now.id:
            return set()
        years = {year for year in years if _same(was.key_for(year), now.key_for(year))}
    return years


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and a == b
