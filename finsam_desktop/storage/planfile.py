"""Opening, checking, reading and writing the .finsam SQLite file.

The file is checked from its first 100 bytes before SQLite opens it (is it
SQLite, is it ours, is it newer than us), then with `quick_check`. Reading goes
through the exchange-format validation, so a file can never put into the app
what an import could not. Writing is one transaction per call and touches only
the rows whose entity changed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import urllib.parse
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

from sqlite_utils import Database

from .. import __version__
from ..domain.exchange import PlanFormatError, plan_from_document
from ..domain.plan import Plan
from .errors import PlanFileError, reading, reason
from .schema import APPLICATION_ID, EXPECTED_COLUMNS, SCHEMA_VERSION, upgrade, user_version

HEADER = b"SQLite format 3\x00"


def check_header(path: Path) -> int:
    """The file's schema version from its header; raises PlanFileError if it is not ours."""
    name = path.name
    with reading(path):
        with open(path, "rb") as handle:
            head = handle.read(100)
        size = path.stat().st_size
    if not head:
        raise PlanFileError(f"{name} är tom och innehåller ingen plan.")
    if not head.startswith(HEADER):
        raise PlanFileError(f"{name} är ingen FinSam-plan (filen är inte en SQLite-databas).")
    if len(head) < 100:
        raise PlanFileError(f"{name} är trasig: filen är avkortad.")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or size % page_size:
        raise PlanFileError(f"{name} är trasig: filen är avkortad.")
    pages = int.from_bytes(head[28:32], "big")
    if pages and pages * page_size > size:
        raise PlanFileError(f"{name} är trasig: filen är avkortad.")
    app_id = int.from_bytes(head[68:72], "big", signed=True)
    if app_id != APPLICATION_ID:
        raise PlanFileError(f"{name} är en databas från ett annat program, ingen FinSam-plan.")
    version = int.from_bytes(head[60:64], "big", signed=True)
    if version > SCHEMA_VERSION:
        raise PlanFileError(
            f"{name} är skapad med en nyare version av FinSam Desktop (filversion {version}). "
            "Uppdatera programmet för att öppna den.")
    if version < 1:
        raise PlanFileError(f"{name} är trasig: filversionen saknas.")
    return version


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute("PRAGMA mmap_size = 0")
    conn.execute("PRAGMA foreign_keys = ON")


def _quick_check(conn: sqlite3.Connection, name: str) -> None:
    try:
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError:
        verdict = "error"
    if verdict != "ok":
        raise PlanFileError(f"{name} är trasig och kan inte läsas (kontrollen av filen misslyckades).")


def verify_tables(conn: sqlite3.Connection, name: str) -> None:
    """Every expected table exists as a real table with its columns; no triggers or views."""
    refuse_foreign_objects(conn, name)
    try:
        objects = {(row[0], row[1]) for row in
                   conn.execute("SELECT type, name FROM sqlite_master")}
        for table, columns in EXPECTED_COLUMNS.items():
            if ("table", table) not in objects:
                raise PlanFileError(f"{name} saknar tabellen {table} och är ingen hel FinSam-plan.")
            found = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
            if not columns <= found:
                raise PlanFileError(f"{name}: tabellen {table} saknar kolumner och är ingen hel FinSam-plan.")
    except sqlite3.DatabaseError:
        raise PlanFileError(f"{name} är trasig och kan inte läsas.") from None


def refuse_foreign_objects(conn: sqlite3.Connection, name: str) -> None:
    """Refuse what FinSam never creates and what could run code: triggers, views, virtual tables."""
    try:
        kinds = [(row[0], (row[1] or "").lstrip().upper()) for row in
                 conn.execute("SELECT type, sql FROM sqlite_master")]
    except sqlite3.DatabaseError:
        raise PlanFileError(f"{name} är trasig och kan inte läsas.") from None
    if any(kind == "trigger" for kind, _ in kinds):
        raise PlanFileError(f"{name} innehåller utlösare (triggers) som FinSam aldrig skapar; "
                            "filen öppnas inte.")
    if any(kind == "view" for kind, _ in kinds):
        raise PlanFileError(f"{name} innehåller en vy (view) som FinSam aldrig skapar; "
                            "filen öppnas inte.")
    if any(sql.startswith("CREATE VIRTUAL") for _, sql in kinds):
        raise PlanFileError(f"{name} innehåller en virtuell tabell som FinSam aldrig skapar; "
                            "filen öppnas inte.")


def _refuse_wal(path: Path) -> None:
    """FinSam never writes WAL files; reading one would leave -wal/-shm files beside it."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(20)
    except OSError:
        return  # connect() says why in Swedish
    if head.startswith(HEADER) and len(head) == 20 and (head[18] == 2 or head[19] == 2):
        raise PlanFileError(f"{path.name} har sparats i WAL-läge av ett annat program och läses "
                            "inte skrivskyddat. Öppna den i FinSam Desktop först.")


def _unreadable(path: Path) -> PlanFileError:
    """Why a read-only read failed: a write cut off (a hot journal, which read-only SQLite
    cannot roll back) or a damaged file. A journal alone is not enough to say so: another
    window may be in the middle of a normal write."""
    journal = Path(str(path) + "-journal")
    try:
        unfinished = journal.is_file() and journal.stat().st_size > 0
    except OSError:
        unfinished = False
    if not unfinished:
        return PlanFileError(f"{path.name} är trasig och kan inte läsas.")
    return PlanFileError(f"{path.name} sparades inte färdigt förra gången (filen "
                         f"{journal.name} finns kvar). Öppna den i FinSam Desktop först, så "
                         "återställs den, och försök sedan igen.")


def connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A connection to an existing, checked plan file, upgraded when writable."""
    version = check_header(path)
    name = path.name
    if read_only:
        _refuse_wal(path)
        uri = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"
        try:
            source = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=5)
            _configure(source)
            _quick_check(source, name)
            conn = sqlite3.connect(":memory:", isolation_level=None)
            source.backup(conn)
            source.close()
        except (sqlite3.DatabaseError, PlanFileError):
            raise _unreadable(path) from None
        _configure(conn)
        verify_tables_for_version(conn, name, version)
        upgrade(conn)
        return conn
    if not os.access(path, os.W_OK):
        raise PlanFileError(f"{name} är skrivskyddad. Öppna den skrivskyddat eller kopiera den.")
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=2)
        _configure(conn)
        conn.execute("PRAGMA journal_mode = DELETE")
        _quick_check(conn, name)
        verify_tables_for_version(conn, name, version)
        if version < SCHEMA_VERSION:
            upgrade(conn)
    except sqlite3.DatabaseError as error:
        raise PlanFileError(f"{name} kunde inte öppnas: {reason(error)}.") from None
    return conn


def verify_tables_for_version(conn: sqlite3.Connection, name: str, version: int) -> None:
    if version == SCHEMA_VERSION:
        verify_tables(conn, name)
    else:
        # Older files lack later columns; check what every version has.
        refuse_foreign_objects(conn, name)
        try:
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            triggers = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0]
        except sqlite3.DatabaseError:
            raise PlanFileError(f"{name} är trasig och kan inte läsas.") from None
        if triggers:
            raise PlanFileError(f"{name} innehåller utlösare (triggers) som FinSam aldrig skapar; "
                                "filen öppnas inte.")
        if not set(EXPECTED_COLUMNS) <= tables:
            raise PlanFileError(f"{name} saknar tabeller och är ingen hel FinSam-plan.")


def create(path: Path, plan: Plan) -> None:
    """Write `plan` as a new file at `path` (which must not exist)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode = DELETE")
        upgrade(conn)
        db = Database(conn, execute_plugins=False)
        with db.atomic():
            db["meta"].insert_all([
                {"key": "created_by", "value": f"FinSam Desktop {__version__}"},
                {"key": "written_by", "value": f"FinSam Desktop {__version__}"},
            ], replace=True)
            write_plan(db, None, plan)
    finally:
        conn.close()


# --- rows <-> plan ---------------------------------------------------------------

def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _year_map(values) -> str:
    return _json({str(year): amount for year, amount in sorted(values.items())})


def _plan_row(plan: Plan) -> dict:
    c = plan.contributions
    return {
        "id": 1, "association": plan.association, "decided": plan.decided,
        "plan_year": plan.plan_year, "plan_span": plan.plan_span, "unit": plan.unit,
        "totals": _year_map(c.totals), "previous_total": c.previous_total,
        "share_state": str(c.shares.state), "share_region": str(c.shares.region),
        "share_municipalities": str(c.shares.municipalities),
        "key_precision": None if c.key_precision is None else str(c.key_precision),
        "rounding": c.rounding, "opening_equity": plan.equity.opening,
        "opening_is_forecast": int(plan.equity.opening_is_forecast),
    }


def _member_row(m, position: int) -> dict:
    key = None if m.key is None else (_json(m.key) if isinstance(m.key, int) else _year_map(m.key))
    return {"id": m.id, "position": position, "name": m.name, "kind": m.kind, "key": key,
            "key_source": m.key_source, "previous_contribution": m.previous_contribution}


def _line_row(section: str):
    def row(line, position: int) -> dict:
        return {"id": line.id, "position": position, "section": section, "name": line.name,
                "line_group": line.group, "amounts": _year_map(line.amounts)}
    return row


def _intervention_row(i, position: int) -> dict:
    return {"id": i.id, "position": position, "name": i.name, "area": i.area,
            "category": i.category, "owner": i.owner, "municipality": i.municipality,
            "item_group": i.group, "amounts": _year_map(i.amounts),
            "participants": _year_map(i.participants),
            "external_funding": _year_map(i.external_funding), "start": i.start, "end": i.end,
            "description": i.description}


def _rule_row(r, position: int) -> dict:
    return {"id": r.id, "position": position, "kind": r.kind, "amount": r.amount,
            "share": str(r.share), "basis": r.basis, "area": r.area}


def _goal_row(g, position: int) -> dict:
    return {"id": g.id, "position": position, "title": g.title,
            "indicators": _json([{"text": i.text, "target": i.target} for i in g.indicators])}


def _section_row(s, position: int) -> dict:
    return {"id": s.id, "position": position, "title": s.title, "text": s.text}


def _collections(plan: Plan | None):
    """(table, items, row function, extra filter) for every collection of a plan."""
    if plan is None:
        return [("members", (), _member_row, None), ("lines", (), None, "income"),
                ("lines", (), None, "cost"), ("interventions", (), _intervention_row, None),
                ("rules", (), _rule_row, None), ("goals", (), _goal_row, None),
                ("sections", (), _section_row, None)]
    return [
        ("members", plan.members, _member_row, None),
        ("lines", plan.other_income, _line_row("income"), "income"),
        ("lines", plan.costs, _line_row("cost"), "cost"),
        ("interventions", plan.interventions, _intervention_row, None),
        ("rules", plan.equity.rules, _rule_row, None),
        ("goals", plan.goals, _goal_row, None),
        ("sections", plan.sections, _section_row, None),
    ]


def _changed_rows(old: Iterable, new: Iterable, row) -> tuple[list[dict], list[int]]:
    before = {item.id: (position, item) for position, item in enumerate(old)}
    upserts = []
    seen = set()
    for position, item in enumerate(new):
        seen.add(item.id)
        previous = before.get(item.id)
        if previous is None or previous[0] != position or previous[1] is not item:
            upserts.append(row(item, position))
    removed = [ident for ident in before if ident not in seen]
    return upserts, removed


def write_plan(db: Database, old: Plan | None, new: Plan) -> None:
    """Write what changed from `old` to `new` (all of `new` when `old` is None)."""
    with db.atomic():
        if old is None or _plan_row(old) != _plan_row(new):
            db["plan"].insert(_plan_row(new), replace=True)
        for (table, old_items, _, _), (_, new_items, row, _) in zip(_collections(old),
                                                                  _collections(new)):
            upserts, removed = _changed_rows(old_items, new_items, row)
            if upserts:
                db[table].insert_all(upserts, replace=True)
            for ident in removed:
                db[table].delete(ident)


def _read_year_map(text: str | None, path: str) -> dict:
    try:
        value = json.loads(text or "{}")
    except (TypeError, ValueError):
        raise PlanFormatError(path, "innehåller ogiltig JSON.") from None
    return value


def read_plan(conn: sqlite3.Connection, name: str = "filen") -> Plan:
    """The plan in an opened file, validated as an import would be."""
    try:
        return _read_plan(conn)
    except PlanFormatError as error:
        raise PlanFileError(f"{name} innehåller ett ogiltigt värde ({error}); filen öppnas inte.") from None
    except (sqlite3.DatabaseError, KeyError, TypeError) as error:
        raise PlanFileError(f"{name} är trasig och kan inte läsas ({error}).") from None


def _rows(conn: sqlite3.Connection, sql: str, params=()) -> list[sqlite3.Row]:
    conn.row_factory = sqlite3.Row
    try:
        return list(conn.execute(sql, params))
    finally:
        conn.row_factory = None


def _read_plan(conn: sqlite3.Connection) -> Plan:
    plans = _rows(conn, "SELECT * FROM plan")
    if len(plans) != 1:
        raise PlanFormatError("plan", "filen innehåller ingen plan.")
    p = plans[0]
    association = {"name": p["association"]}
    if p["decided"]:
        association["decided"] = p["decided"]
    contributions = {
        "totals": _read_year_map(p["totals"], "contributions.totals"),
        "shares": {"state": p["share_state"], "region": p["share_region"],
                   "municipalities": p["share_municipalities"]},
        "key_precision": p["key_precision"], "rounding": p["rounding"],
    }
    if p["previous_total"] is not None:
        contributions["previous_total"] = p["previous_total"]
    ids: dict[str, list[int]] = {}

    def collect(table: str, sql: str, convert, params=()) -> list:
        rows = _rows(conn, sql, params)
        ids.setdefault(table, []).extend(row["id"] for row in rows)
        return [convert(row) for row in rows]

    def member(row) -> dict:
        out = {"name": row["name"], "kind": row["kind"]}
        if row["key"] is not None:
            out["key"] = _read_year_map(row["key"], "members.key")
        if row["key_source"]:
            out["key_source"] = row["key_source"]
        if row["previous_contribution"] is not None:
            out["previous_contribution"] = row["previous_contribution"]
        return out

    def line(row) -> dict:
        out = {"name": row["name"], "amounts": _read_year_map(row["amounts"], "amounts")}
        if row["line_group"]:
            out["group"] = row["line_group"]
        return out

    def intervention(row) -> dict:
        out = {"name": row["name"], "area": row["area"],
               "amounts": _read_year_map(row["amounts"], "interventions.amounts"),
               "participants": _read_year_map(row["participants"], "interventions.participants"),
               "external_funding": _read_year_map(row["external_funding"],
                                                  "interventions.external_funding")}
        for column, key in (("category", "category"), ("owner", "owner"),
                            ("municipality", "municipality"), ("item_group", "group"),
                            ("start", "start"), ("end", "end"), ("description", "description")):
            if row[column]:
                out[key] = row[column]
        return out

    def rule(row) -> dict:
        if row["kind"] == "min_amount":
            return {"kind": row["kind"], "amount": row["amount"]}
        if row["kind"] == "max_share":
            return {"kind": row["kind"], "share": row["share"], "basis": row["basis"]}
        return {"kind": row["kind"], "share": row["share"], "basis": row["basis"],
                "area": row["area"]}

    document = {
        "format": "finsam-plan", "format_version": 1, "association": association,
        "plan_year": p["plan_year"], "plan_span": p["plan_span"], "unit": p["unit"],
        "contributions": contributions,
        "members": collect("members", "SELECT * FROM members ORDER BY position", member),
        "other_income": collect("other_income", "SELECT * FROM lines WHERE section = 'income' "
                                "ORDER BY position", line),
        "costs": collect("costs", "SELECT * FROM lines WHERE section = 'cost' ORDER BY position",
                         line),
        "interventions": collect("interventions", "SELECT * FROM interventions ORDER BY position",
                                 intervention),
        "equity": {"opening": p["opening_equity"],
                   "opening_is_forecast": bool(p["opening_is_forecast"]),
                   "rules": collect("rules", "SELECT * FROM rules ORDER BY position", rule)},
        "goals": collect("goals", "SELECT * FROM goals ORDER BY position",
                         lambda row: {"title": row["title"],
                                      "indicators": json.loads(row["indicators"])}),
        "sections": collect("sections", "SELECT * FROM sections ORDER BY position",
                            lambda row: {"title": row["title"], "text": row["text"]}),
    }
    plan = plan_from_document(document, lenient=True)
    return _with_ids(plan, ids)


def _with_ids(plan: Plan, ids: dict[str, list[int]]) -> Plan:
    """The plan with the file's row ids, so later writes touch the same rows."""
    def renumber(items, table):
        return tuple(replace(item, id=ident) for item, ident in zip(items, ids[table]))
    return replace(
        plan,
        members=renumber(plan.members, "members"),
        other_income=renumber(plan.other_income, "other_income"),
        costs=renumber(plan.costs, "costs"),
        interventions=renumber(plan.interventions, "interventions"),
        equity=replace(plan.equity, rules=renumber(plan.equity.rules, "rules")),
        goals=renumber(plan.goals, "goals"),
        sections=renumber(plan.sections, "sections"),
    )


def mark_written(db: Database) -> None:
    db["meta"].insert({"key": "written_by", "value": f"FinSam Desktop {__version__}"},
                      replace=True)


def schema_version_of(conn: sqlite3.Connection) -> int:
    return user_version(conn)
