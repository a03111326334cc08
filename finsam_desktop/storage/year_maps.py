"""A column of year maps checked at once, each distinct text parsed once.

A large plan's interventions carry three year maps each (150 000 at 50 000
interventions), and a third of them are distinct texts. `codecs.year_map` checks one
value; here a column's new texts are parsed by the JSON scanner alone and checked with
a few calls each. The result is what `codecs.year_map` gives for every value, and a
value it would refuse raises its RowError (`codecs.year_map` is asked for anything
that is not the usual text).
"""

from __future__ import annotations

from typing import Any

from ..domain.validation import MAX_AMOUNT
from .codecs import Context, _flat_object, year_map

_INTS = {int}


def year_maps(raws: list[Any], path: str, ctx: Context) -> list[dict[int, int]]:
    """`codecs.year_map` of each of `raws`; equal texts share one map, as there."""
    maps = ctx.maps
    year_of = ctx.year_of
    years = ctx.year_texts
    others: dict[Any, dict[int, int]] = {}
    for raw in dict.fromkeys(raws).keys() - maps.keys():
        value = _flat_object(raw)  # None unless `raw` is the text of a JSON object
        if type(value) is dict and value and years.issuperset(value):
            amounts = value.values()
            keys = list(value)
            if set(map(type, amounts)) == _INTS and min(amounts) >= 0 \
                    and max(amounts) < MAX_AMOUNT and keys == sorted(keys):
                maps[raw] = dict(zip(map(year_of.__getitem__, keys), amounts, strict=True))
                continue
        map_of = year_map(raw, path, ctx)  # refuses with its reason, or reads the unusual
        if raw not in maps:
            others[raw] = map_of
    lookup = {**maps, **others} if others else maps
    return list(map(lookup.__getitem__, raws))
