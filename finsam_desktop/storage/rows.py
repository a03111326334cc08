"""The plan <-> the rows of an open .finsam file, derived from the descriptions in tables.py.

Reading builds the Plan straight from its rows with the stored ids; every value
is checked at the row (codecs.py) and the few rules that span rows (unique
member names and kinds, unique ids) here, so a colleague's file can never put
into the app what would crash it. Writing touches only the rows whose entity
changed (by identity), in the caller's transaction.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from itertools import compress, count, islice
from operator import is_, is_not
from typing import Any, NamedTuple

from ..domain import row_changes
from ..domain.plan import (
    RULE_BASES,
    Contributions,
    Cover,
    Equity,
    FollowUp,
    Labels,
    Plan,
    Rule,
    Shares,
)
from ..domain.rule_kinds import KINDS, rule_from_fields
from . import codecs
from .codecs import Context, RowError
from .tables import COLLECTIONS, PLAN_COLUMNS, Collection, Column
from .year_maps import year_maps

_NESTED = {"contributions": Contributions, "contributions.shares": Shares, "equity": Equity,
           "cover": Cover, "labels": Labels, "follow_up": FollowUp}


def _get(obj: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


# --- writing ---------------------------------------------------------------------------

def _plan_row(plan: Plan) -> tuple[Any, ...]:
    return (1, *(col.dump(_get(plan, col.field)) for col in PLAN_COLUMNS))


def _row(collection: Collection, item: Any, position: int) -> tuple[Any, ...]:
    return (item.id, position, *(value for _, value in collection.where),
            *(col.dump(getattr(item, col.field)) for col in collection.columns))


def _insert_sql(table: str, names: Iterable[str]) -> str:
    names = list(names)
    return (f'INSERT OR REPLACE INTO "{table}" ({", ".join(f"[{n}]" for n in names)}) '
            f'VALUES ({", ".join("?" * len(names))})')


_PLAN_INSERT = _insert_sql("plan", ["id", *(col.name for col in PLAN_COLUMNS)])
_INSERTS = {collection.attribute: _insert_sql(
    collection.table, ["id", "position", *(n for n, _ in collection.where),
                       *(col.name for col in collection.columns)])
    for collection in COLLECTIONS}
_SHIFTS = {collection.attribute: f'UPDATE "{collection.table}" SET position = position + ? '
           f'WHERE position >= ?' + "".join(f" AND [{name}] = ?" for name, _ in collection.where)
           for collection in COLLECTIONS}


class RowWrites(NamedTuple):
    """What to write to go from one collection tuple to the next."""

    upserts: list[tuple[int, Any]]
    """(position, item) of every new or changed-by-identity item."""
    moved: list[tuple[int, int]]
    """(position, id) of every item that is the same object at another position."""
    removed: list[int]
    """The ids that are gone."""
    shift: tuple[int, int] | None = None
    """(start, by): every row at position `start` or later moves by `by` (one row put in
    or taken out above them); those rows are not listed in `moved`."""


def row_writes(old: tuple[Any, ...], new: tuple[Any, ...]) -> RowWrites:
    """What to write to go from `old` to `new`. One row put in or taken out (an add, a
    removal, their undo) is found by identity at C speed and its followers move by one
    `shift`: at 50 000 interventions a row added at the end no longer compares every row
    in Python, and one added at the top is one UPDATE instead of 50 000."""
    if old is new:
        return RowWrites([], [], [])
    delta = row_changes.between(old, new)
    if delta is not None and delta.positions is not None:  # known from the edits: in place
        return RowWrites([(p, new[p]) for p in delta.positions if new[p] is not old[p]], [], [])
    if len(new) == len(old) + 1 and (at := _one_more(old, new)) is not None:
        return RowWrites([(at, new[at])], [], [], (at, 1) if at < len(old) else None)
    if len(new) == len(old) - 1 and (at := _one_more(new, old)) is not None:
        return RowWrites([], [], [old[at].id], (at + 1, -1) if at < len(new) else None)
    before = {item.id: (position, item) for position, item in enumerate(old)}
    whole: list[tuple[int, Any]] = []
    moved: list[tuple[int, int]] = []
    for position, item in enumerate(new):
        previous = before.pop(item.id, None)
        if previous is None or previous[1] is not item:
            whole.append((position, item))
        elif previous[0] != position:
            moved.append((position, item.id))
    return RowWrites(whole, moved, list(before))


def _one_more(short: tuple[Any, ...], long: tuple[Any, ...]) -> int | None:
    """Where `long` is `short` with one object put in (the same objects, by identity, on
    either side of it), or None."""
    at = next(compress(count(), map(is_not, short, long)), len(short))
    if all(map(is_, islice(short, at, None), islice(long, at + 1, None))):
        return at
    return None


def changed_rows(old: tuple[Any, ...], new: tuple[Any, ...]) -> tuple[list[tuple[int, Any]], list[int]]:
    """(position, item) of every new or changed-by-identity or moved item, and removed ids."""
    whole, moved, removed, shift = row_writes(old, new)
    if shift is not None:
        start, by = shift
        moved = [(position, new[position].id) for position in range(start + by, len(new))]
    if moved:
        whole = sorted(whole + [(position, new[position]) for position, _ in moved],
                       key=lambda written: written[0])
    return whole, removed


def write_plan(conn: sqlite3.Connection, old: Plan | None, new: Plan) -> int:
    """Write what changed from `old` to `new` (all of `new` when `old` is None).

    Runs inside the caller's transaction; returns the number of rows written. An
    intervention inserted or removed at the top of 50 000 moves every row below it: those
    rows get their position alone, in one UPDATE when they all move by one.
    """
    written = 0
    if old is None or _plan_row(old) != _plan_row(new):
        conn.execute(_PLAN_INSERT, _plan_row(new))
        written += 1
    for collection in COLLECTIONS:
        new_items = _get(new, collection.attribute)
        old_items = () if old is None else _get(old, collection.attribute)
        upserts, moved, removed, shift = row_writes(old_items, new_items)
        if shift is not None:  # before the upserts: a row put in at `start` is not moved
            conn.execute(_SHIFTS[collection.attribute],
                         (shift[1], shift[0], *(value for _, value in collection.where)))
            written += len(old_items) - shift[0]
        if upserts:
            conn.executemany(_INSERTS[collection.attribute],
                             [_row(collection, item, position) for position, item in upserts])
        if moved:
            conn.executemany(f'UPDATE "{collection.table}" SET position = ? WHERE id = ?', moved)
        if removed:
            conn.executemany(f'DELETE FROM "{collection.table}" WHERE id = ?',
                             [(ident,) for ident in removed])
        written += len(upserts) + len(moved) + len(removed)
    return written


# --- reading ---------------------------------------------------------------------------

def _load(col: Column, raw: Any, path: str, ctx: Context) -> Any:
    return col.load(raw, f"{path}.{col.key}" if path else col.key, ctx)


def read_plan_rows(conn: sqlite3.Connection,
                   progress: Callable[[int, int], None] | None = None) -> Plan:
    """The plan in an opened file; raises RowError (a bad value) or sqlite3.Error.

    `progress(rows read, rows in all)` is called as each collection's columns are checked."""
    names = ", ".join(f"[{col.name}]" for col in PLAN_COLUMNS)
    rows = conn.execute(f"SELECT {names} FROM plan").fetchall()
    if len(rows) != 1:
        raise RowError("plan", "filen innehåller ingen plan.")
    raw = dict(zip((col.name for col in PLAN_COLUMNS), rows[0], strict=True))
    first = _year_range_ctx(raw)
    fields: dict[str, Any] = {}
    for col in PLAN_COLUMNS:
        fields[col.field] = _load(col, raw[col.name], "", first)
    counter = _Counter(conn, progress)
    for collection in COLLECTIONS:
        fields[collection.attribute] = _read_collection(conn, collection, first, counter)
    counter.done()
    plan = _assemble(fields)
    _check_plan(plan)
    return plan


def _year_range_ctx(raw: Mapping[str, Any]) -> Context:
    by_name = {col.name: col for col in PLAN_COLUMNS}
    year = by_name["plan_year"].load(raw["plan_year"], "plan_year")
    span = by_name["plan_span"].load(raw["plan_span"], "plan_span")
    return Context(tuple(range(year, year + span)))


class _Counter:
    """Counts the rows read for a reader's progress (nothing when there is none)."""

    def __init__(self, conn: sqlite3.Connection,
                 progress: Callable[[int, int], None] | None) -> None:
        self.progress = progress
        self.read = 0
        self.total = 0
        if progress is not None:
            self.total = sum(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                             for table in {collection.table for collection in COLLECTIONS})
            progress(0, self.total)

    def step(self, rows: int) -> None:
        """`rows` more rows are read."""
        self.read += rows
        self.partly(0)

    def partly(self, rows: int) -> None:
        """`rows` of the collection being read are done (told as its columns are checked)."""
        if self.progress is not None:
            self.progress(min(self.read + rows, self.total), self.total)

    def done(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)


def _read_collection(conn: sqlite3.Connection, collection: Collection, ctx: Context,
                     counter: _Counter | None = None) -> tuple[Any, ...]:
    names = ", ".join(f"[{col.name}]" for col in collection.columns)
    where = " AND ".join(f"[{name}] = ?" for name, _ in collection.where)
    sql = (f'SELECT id, {names} FROM "{collection.table}"'
           + (f" WHERE {where}" if where else "") + " ORDER BY position, id")
    rows = conn.execute(sql, [value for _, value in collection.where]).fetchall()
    items = _read_by_column(collection, rows, ctx, counter)
    if items is None:  # a value is refused: the row-by-row read names it
        items = _read_by_row(collection, rows, ctx)
    if counter is not None:
        counter.step(len(rows))
    return items


_STR, _INT = {str}, {int}


def _bulk(load: Callable[..., Any], raws: list[Any], key: str, ctx: Context) -> list[Any]:
    """One column's values checked and converted at once; RowError when one is refused."""
    if load is codecs.text or load is codecs.required_text:
        if (not raws or set(map(type, raws)) == _STR) and (
                load is codecs.text or all(map(str.strip, raws))):
            return raws
        raise RowError(key, "")
    if load is codecs.date_or_empty:
        return [raw if raw == "" else load(raw, key, ctx) for raw in raws]
    if load is codecs.year_map:
        return year_maps(raws, key, ctx)
    return [load(raw, key, ctx) for raw in raws]


def _read_by_column(collection: Collection, rows: list[Any], ctx: Context,
                    counter: _Counter | None) -> tuple[Any, ...] | None:
    """The collection's entities with every value checked a column at a time (few calls
    per value for a large plan), or None when any value is refused."""
    if not rows:
        return ()
    columns = list(zip(*rows, strict=True))
    ids = columns[0]
    if set(map(type, ids)) != _INT or min(ids) <= 0:  # (bool is a type of its own)
        return None
    fields = [col.field for col in collection.columns]
    values = []
    for number, (col, raws) in enumerate(zip(collection.columns, columns[1:], strict=True)):
        try:
            values.append(_bulk(col.load, list(raws), col.key, ctx))
        except RowError:
            return None
        if counter is not None:
            counter.partly(len(rows) * (number + 1) // len(collection.columns))
    entity = collection.entity
    try:
        if entity is Rule:
            return tuple(_rule(ident, dict(zip(fields, row, strict=True))) for ident, *row in zip(ids, *values, strict=True))
    except RowError:
        return None
    names = ("id", *fields)
    if _plain_fields(entity) == frozenset(names):
        # Every field is given and checked: fill the frozen instances' dicts at once
        # instead of one object.__setattr__ per field (a third of reading a large plan).
        new = object.__new__
        items = []
        for row in zip(ids, *values, strict=True):
            item: Any = new(entity)
            item.__dict__.update(zip(names, row, strict=True))
            items.append(item)
        return tuple(items)
    return tuple(entity(**dict(zip(names, row, strict=True))) for row in zip(ids, *values, strict=True))


def _plain_fields(entity: type) -> frozenset[str]:
    """The fields of a dataclass whose __init__ only stores them (no __post_init__, no
    slots, no init=False field); empty for any other class."""
    if not dataclasses.is_dataclass(entity) or hasattr(entity, "__post_init__") \
            or hasattr(entity, "__slots__"):
        return frozenset()
    fields = dataclasses.fields(entity)
    if not all(field.init for field in fields):
        return frozenset()
    return frozenset(field.name for field in fields)


def _read_by_row(collection: Collection, rows: list[Any], ctx: Context) -> tuple[Any, ...]:
    """The entities read row by row; a refused value raises RowError with its path."""
    entity, path = collection.entity, collection.json
    loads = [(col.field, col.load, col.key) for col in collection.columns]
    items = []
    for index, row in enumerate(rows):
        ident = row[0]
        try:
            if isinstance(ident, bool) or not isinstance(ident, int) or ident <= 0:
                raise RowError("id", "ska vara ett positivt heltal.")
            # the path is built only for a refusal: reading stays a few calls per value
            values = {field: load(raw, key, ctx)
                      for (field, load, key), raw in zip(loads, row[1:], strict=True)}
            items.append(_rule(ident, values) if entity is Rule else entity(id=ident, **values))
        except RowError as error:
            raise RowError(f"{path}[{index}].{error.path}", error.message) from None
    return tuple(items)


def _rule(ident: int, values: dict[str, Any]) -> Rule:
    """A rule keeps only the fields its kind uses, as the exchange format does."""
    kind = values["kind"]
    if kind not in KINDS:
        raise RowError("kind", f"{kind!r} är ingen känd regel.")
    fields = {key: values[key] for key in KINDS[kind].keys if key not in ("kind", "basis")}
    field = KINDS[kind].basis_field
    if field == "basis":
        if values["basis"] not in RULE_BASES:
            raise RowError("basis", f"{values['basis']!r} är inget underlag för regeln.")
        fields["basis"] = values["basis"]
    elif field == "area" and values["area"] == "":
        raise RowError("area", "saknas.")
    return rule_from_fields(ident, kind, fields)


def _assemble(fields: dict[str, Any]) -> Plan:
    """Build the nested dataclasses from dotted field names, innermost first."""
    groups: dict[str, dict[str, Any]] = {"": {}}
    for dotted, value in fields.items():
        prefix, _, name = dotted.rpartition(".")
        groups.setdefault(prefix, {})[name] = value
    for prefix in sorted(_NESTED, key=lambda p: -p.count(".")):
        values = groups.pop(prefix, {})
        parent, _, name = prefix.rpartition(".")
        groups.setdefault(parent, {})[name] = _NESTED[prefix](**values)
    return Plan(**groups[""])


def _check_plan(plan: Plan) -> None:
    """The rules that span rows: unique member names and kinds, keys only for municipalities,
    dates in order, and ids unique across the plan (edits find entities by id)."""
    seen: dict[str, int] = {}
    kinds: dict[str, int] = {}
    for index, member in enumerate(plan.members):
        path = f"members[{index}]"
        folded = member.name.strip().casefold()
        if folded in seen:
            raise RowError(f"{path}.name", f"”{member.name}” finns redan (members[{seen[folded]}]).")
        seen[folded] = index
        if member.kind != "municipality" and member.kind in kinds:
            raise RowError(f"{path}.kind", f"det finns redan en medlem av slaget {member.kind}.")
        kinds.setdefault(member.kind, index)
        if member.key is not None and member.kind != "municipality":
            raise RowError(f"{path}.key", "bara kommuner har fördelningsnyckel.")
    if "state" in kinds and ("fk" in kinds or "af" in kinds):
        raise RowError(f"members[{kinds['state']}].kind",
                       "staten kan inte vara både en medlem och uppdelad på FK och AF.")
    for index, item in enumerate(plan.interventions):
        if item.start and item.end and item.end < item.start:
            raise RowError(f"interventions[{index}].end",
                           f"slutdatum {item.end} ligger före startdatum {item.start}.")
    ids: set[int] = set()
    count = 0
    for collection in COLLECTIONS:
        items = _get(plan, collection.attribute)
        ids.update(item.id for item in items)
        count += len(items)
    if len(ids) != count:
        raise RowError("id", "samma rad-id förekommer två gånger i filen.")

