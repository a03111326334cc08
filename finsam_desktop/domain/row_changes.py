"""Which rows an edit changed, known from the edit instead of found by comparing every row.

An edit replaces a few rows of a collection tuple and shares the rest, so what it
changed is known where it is made (`edits`). `record(old, new, ...)` notes it and
`between(old, new)` gives it back to whoever follows the plan edit by edit (the
recompute's sums, the window's row diff, the write of the changed rows), so a
keystroke in a 50 000-row plan does not compare 50 000 rows three times.

It is a memo of facts about immutable tuples, never a source of truth: the last
`KEPT` deltas are kept (with strong references, so an identity can never be reused
while it is remembered), and when nothing is known `between` returns None and the
caller compares the rows as before. The result is the same either way.

`position(rows, ident)` finds a row by id through an index shared by every tuple
that keeps the ids in place (a cell edit), built once per new arrangement.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

Rows = tuple[Any, ...]
"""A collection tuple of a Plan (rows with an `id`)."""

KEPT = 32
"""How many deltas are remembered: enough for a burst of edits and a long undo run."""
MAX_HOPS = 24
"""The longest chain of remembered deltas `between` follows."""
INDEXES_KEPT = 8


@dataclass(frozen=True)
class Delta:
    """What an edit changed in one collection tuple.

    `positions` are the rows replaced in place (same id, same place) when that is all
    that happened; None when rows came, went or moved. `removed`/`added` are the row
    objects that left and entered the tuple (by identity), in every case.
    """

    old: Rows
    new: Rows
    positions: tuple[int, ...] | None
    removed: Rows
    added: Rows


_deltas: OrderedDict[int, Delta] = OrderedDict()
"""By id(new tuple); each delta holds `new` itself, so the id stays valid while kept."""
_indexes: OrderedDict[int, tuple[Rows, dict[int, int]]] = OrderedDict()
"""By id(rows): (rows, {row id: position})."""


def record(old: Rows, new: Rows, positions: tuple[int, ...] | None,
           removed: Rows = (), added: Rows = ()) -> None:
    """Note that `new` is `old` with `positions` replaced in place (then removed/added are
    derived), or with `removed` taken out and `added` put in (positions None)."""
    if old is new:
        return
    if positions is not None:
        removed = tuple(old[p] for p in positions)
        added = tuple(new[p] for p in positions)
        shared = _indexes.get(id(old))
        if shared is not None and shared[0] is old:  # same ids in the same places
            _remember_index(new, shared[1])
    _deltas[id(new)] = Delta(old, new, positions, removed, added)
    _deltas.move_to_end(id(new))
    while len(_deltas) > KEPT:
        _deltas.popitem(last=False)


def _chain(old: Rows, new: Rows) -> list[Delta] | None:
    """The remembered deltas leading from `old` to `new`, oldest first."""
    steps: list[Delta] = []
    current = new
    while current is not old:
        delta = _deltas.get(id(current))
        if delta is None or delta.new is not current or len(steps) >= MAX_HOPS:
            return None
        steps.append(delta)
        current = delta.old
    steps.reverse()
    return steps


def between(old: Rows, new: Rows) -> Delta | None:
    """What changed from `old` to `new` as one Delta, or None when it is not known.

    Follows remembered edits forwards (`old` edited into `new`) or backwards (undo:
    `new` edited into `old`). Replaced-in-place positions combine; rows that came and
    went in between may appear in both `removed` and `added` (their sums cancel).
    """
    if old is new:
        return Delta(old, new, (), (), ())
    steps = _chain(old, new)
    backwards = False
    if steps is None:
        steps = _chain(new, old)
        backwards = True
        if steps is None:
            return None
    if all(step.positions is not None for step in steps):
        positions = tuple(sorted({p for step in steps for p in step.positions or ()}))
        return Delta(old, new, positions, tuple(old[p] for p in positions),
                     tuple(new[p] for p in positions))
    removed = tuple(item for step in steps for item in step.removed)
    added = tuple(item for step in steps for item in step.added)
    if backwards:
        removed, added = added, removed
    return Delta(old, new, None, removed, added)


def _remember_index(rows: Rows, index: dict[int, int]) -> None:
    _indexes[id(rows)] = (rows, index)
    _indexes.move_to_end(id(rows))
    while len(_indexes) > INDEXES_KEPT:
        _indexes.popitem(last=False)


def position(rows: Rows, ident: int) -> int | None:
    """Where the row with id `ident` stands in `rows`, or None."""
    known = _indexes.get(id(rows))
    if known is None or known[0] is not rows:
        if len(rows) < 64:  # a short list: looking is cheaper than an index
            for place, item in enumerate(rows):
                if item.id == ident:
                    return place
            return None
        index = {item.id: place for place, item in enumerate(rows)}
        _remember_index(rows, index)
    else:
        index = known[1]
    return index.get(ident)
