"""A column of year maps checked at once, each distinct text parsed once.

A large plan's interventions carry three year maps each (150 000 at 50 000
interventions), and a third of them are distinct texts. `codecs.year_map` checks one
value; here a column's new texts are parsed by the JSON scanner alone and checked with
a few calls each. The result is what `codecs.year_map` gives for every value, and a
value it would refuse raises its RowError (`codecs.year_map` is asked for anything
that is not the usual text).
"""

from __future__ import annotations

from functools import partial
from itertools import chain, filterfalse
from operator import itemgetter
from typing import Any

from ..domain.validation import MAX_AMOUNT
from .codecs import _DECODER, Context, _flat_object, year_map

_INTS, _STRS, _DICTS, _OPEN, _CLOSE = {int}, {str}, {dict}, {"{"}, {"}"}
_FIRST, _LAST = itemgetter(0), itemgetter(-1)
BULK = 16
"""From this many new texts in a column they are parsed as one JSON array and checked
together (the synthetic 50 000 plan has 50 000 distinct participant maps: 250 ms one by
one, about 90 together)."""


def year_maps(raws: list[Any], path: str, ctx: Context) -> list[dict[int, int]]:
    """`codecs.year_map` of each of `raws`; equal texts share one map, as there."""
    maps = ctx.maps
    year_of = ctx.year_of
    years = ctx.year_texts
    others: dict[Any, dict[int, int]] = {}
    new = list(filterfalse(maps.__contains__, dict.fromkeys(raws)))  # in the column's order
    if len(new) >= BULK:
        new = _together(new, ctx)
    for raw in new:
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


def _together(new: list[Any], ctx: Context) -> list[Any]:
    """Read the usual year maps among `new` into `ctx.maps` at once, as the loop in
    `year_maps` reads each; what is left for that loop (all of them when any is unusual).

    One array of the texts parses as one map per text: every text starts with "{" and
    ends with "}", and every map read is flat with year keys and whole-number values, so
    the texts hold no strings but years and every brace is an object's own: the n "{"
    that start the n texts start the n maps."""
    rest = [raw for raw in new if raw == "{}"]  # the empty map: the loop's (year_map's)
    texts = [raw for raw in new if raw != "{}"] if rest else new
    try:
        if set(map(type, texts)) != _STRS or set(map(_FIRST, texts)) != _OPEN \
                or set(map(_LAST, texts)) != _CLOSE:
            return new
        parsed = _DECODER.decode("[" + ",".join(texts) + "]")
    except (IndexError, ValueError, RecursionError):  # an empty text, or no JSON array
        return new
    if len(parsed) != len(texts) or set(map(type, parsed)) != _DICTS or not all(parsed) \
            or not ctx.year_texts.issuperset(chain.from_iterable(parsed)):
        return new
    amounts = list(chain.from_iterable(map(dict.values, parsed)))
    if set(map(type, amounts)) != _INTS or min(amounts) < 0 or max(amounts) >= MAX_AMOUNT \
            or list(map(list, parsed)) != list(map(sorted, parsed)):
        return new
    years = map(partial(map, ctx.year_of.__getitem__), parsed)
    ctx.maps.update(zip(texts, map(dict, map(zip, years, map(dict.values, parsed))), strict=True))
    return rest
