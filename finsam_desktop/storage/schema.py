"""The .finsam schema: numbered upgrade steps on `PRAGMA user_version`.

A new file is made by running the same chain from zero, so every step runs in
every test. Each step runs in one transaction together with the new
user_version; steps only add, never drop. See docs/decisions/0002-file-format.md.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path

APPLICATION_ID = 0x46696E53  # "FinS"
SCHEMA_VERSION = 3


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Statements one by one: executescript() would commit the step's transaction."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _upgrade_to_1(conn: sqlite3.Connection) -> None:
    """The first schema: the plan's scalars, its collections and a meta table."""
    _run_script(conn, """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE plan (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            association TEXT NOT NULL,
            decided TEXT NOT NULL DEFAULT '',
            plan_year INTEGER NOT NULL,
            plan_span INTEGER NOT NULL,
            unit TEXT NOT NULL,
            totals TEXT NOT NULL DEFAULT '{}',
            previous_total INTEGER,
            share_state TEXT NOT NULL,
            share_region TEXT NOT NULL,
            share_municipalities TEXT NOT NULL,
            key_precision TEXT,
            rounding INTEGER NOT NULL,
            opening_equity INTEGER
        );
        CREATE TABLE members (
            id INTEGER PRIMARY KEY, position INTEGER NOT NULL,
            name TEXT NOT NULL, kind TEXT NOT NULL,
            key TEXT, key_source TEXT NOT NULL DEFAULT '',
            previous_contribution INTEGER
        );
        CREATE TABLE lines (
            id INTEGER PRIMARY KEY, position INTEGER NOT NULL,
            section TEXT NOT NULL CHECK (section IN ('income', 'cost')),
            name TEXT NOT NULL, line_group TEXT NOT NULL DEFAULT '',
            amounts TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE interventions (
            id INTEGER PRIMARY KEY, position INTEGER NOT NULL,
            name TEXT NOT NULL, area TEXT NOT NULL,
            category TEXT NOT NULL DEFAULT '', owner TEXT NOT NULL DEFAULT '',
            municipality TEXT NOT NULL DEFAULT '', item_group TEXT NOT NULL DEFAULT '',
            amounts TEXT NOT NULL DEFAULT '{}', participants TEXT NOT NULL DEFAULT '{}',
            external_funding TEXT NOT NULL DEFAULT '{}',
            start TEXT NOT NULL DEFAULT '', end TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE rules (
            id INTEGER PRIMARY KEY, position INTEGER NOT NULL,
            kind TEXT NOT NULL, amount INTEGER NOT NULL DEFAULT 0,
            share TEXT NOT NULL DEFAULT '0', basis TEXT NOT NULL DEFAULT '',
            area TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE goals (
            id INTEGER PRIMARY KEY, position INTEGER NOT NULL,
            title TEXT NOT NULL, indicators TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE sections (
            id INTEGER PRIMARY KEY, position INTEGER NOT NULL,
            title TEXT NOT NULL, text TEXT NOT NULL DEFAULT ''
        );
    """)


def _upgrade_to_2(conn: sqlite3.Connection) -> None:
    """Rollover marks a carried-over opening equity as a forecast until confirmed."""
    conn.execute("ALTER TABLE plan ADD COLUMN opening_is_forecast INTEGER NOT NULL DEFAULT 0")


def _upgrade_to_3(conn: sqlite3.Connection) -> None:
    """The second release: line codes, the document items, cover, labels, goal texts and
    sub-goals, the follow-up (periods and the account map) and the checklist."""
    _run_script(conn, """
        ALTER TABLE lines ADD COLUMN code TEXT NOT NULL DEFAULT '';
        ALTER TABLE interventions ADD COLUMN code TEXT NOT NULL DEFAULT '';
        ALTER TABLE plan ADD COLUMN opening_note TEXT NOT NULL DEFAULT '';
        ALTER TABLE plan ADD COLUMN cover_title TEXT NOT NULL DEFAULT '';
        ALTER TABLE plan ADD COLUMN cover_subtitle TEXT NOT NULL DEFAULT '';
        ALTER TABLE plan ADD COLUMN cover_logo BLOB NOT NULL DEFAULT x'';
        ALTER TABLE plan ADD COLUMN cover_logo_type TEXT NOT NULL DEFAULT '';
        ALTER TABLE plan ADD COLUMN cover_note TEXT NOT NULL DEFAULT '';
        ALTER TABLE plan ADD COLUMN area_labels TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE plan ADD COLUMN accounts TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE goals ADD COLUMN text TEXT NOT NULL DEFAULT '';
        ALTER TABLE goals ADD COLUMN sub_goals TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE sections ADD COLUMN kind TEXT NOT NULL DEFAULT 'chapter';
        ALTER TABLE sections ADD COLUMN block TEXT NOT NULL DEFAULT '';
        ALTER TABLE sections ADD COLUMN block_title TEXT;
        ALTER TABLE sections ADD COLUMN included INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE sections ADD COLUMN alt_text TEXT NOT NULL DEFAULT '';
        CREATE TABLE periods (
            id INTEGER PRIMARY KEY, position INTEGER NOT NULL,
            name TEXT NOT NULL, end TEXT NOT NULL DEFAULT '',
            actuals TEXT NOT NULL DEFAULT '{}', forecast TEXT NOT NULL DEFAULT '{}',
            comments TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE checklist (
            id INTEGER PRIMARY KEY, position INTEGER NOT NULL,
            text TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0
        );
    """)


UPGRADES: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _upgrade_to_1,
    2: _upgrade_to_2,
    3: _upgrade_to_3,
}
assert sorted(UPGRADES) == list(range(1, SCHEMA_VERSION + 1))

SchemaObject = tuple[str, str, str, str]
"""(type, name, table, SQL with runs of white space as one space) of one sqlite_master row."""


def schema_of(conn: sqlite3.Connection) -> frozenset[SchemaObject]:
    """The whole schema of a database: tables with their columns, defaults, constraints,
    generated columns and indexes are all in the SQL text SQLite keeps."""
    return frozenset((row[0], row[1], row[2], " ".join((row[3] or "").split()))
                     for row in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))


@functools.cache
def expected_schema(version: int = SCHEMA_VERSION) -> frozenset[SchemaObject]:
    """The schema our upgrade chain builds up to `version`: for the current version as
    `schema_current` keeps it (tests check it against the chain), else built."""
    from .schema_current import SCHEMA, VERSION
    return frozenset(SCHEMA) if version == VERSION else built_schema(version)


def built_schema(version: int = SCHEMA_VERSION) -> frozenset[SchemaObject]:
    """The schema our upgrade chain builds up to `version`, on an in-memory database
    (about 5 ms: every ALTER TABLE makes SQLite parse the schema again)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        upgrade(conn, version)
        return schema_of(conn)
    finally:
        conn.close()


def expected_columns(version: int = SCHEMA_VERSION) -> dict[str, list[str]]:
    """Each table's columns in the chain's schema at `version`."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        upgrade(conn, version)
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
                for table in tables}
    finally:
        conn.close()


def user_version(conn: sqlite3.Connection) -> int:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def upgrade(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Run the steps from the file's version up to `target`; returns the old version."""
    start = user_version(conn)
    for version in range(start + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            UPGRADES[version](conn)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may already have rolled back (a full disk)
                conn.execute("ROLLBACK")
            raise
    return start


CURRENT_HEAD = '''"""The schema the upgrade chain builds for the current version, kept as data so that
opening a plan does not build it on an in-memory database each time (5 ms of every open).

Written by `python -m finsam_desktop.storage.schema`; tests/storage/test_schema.py checks
it against the chain. Do not edit by hand.
"""

VERSION = {version}
SCHEMA = (
'''


def write_current(target: Path | None = None) -> Path:
    """Write `schema_current.py` from the chain (after a new upgrade step)."""
    target = target or Path(__file__).with_name("schema_current.py")
    rows = "".join(f"    {row!r},\n" for row in sorted(built_schema(SCHEMA_VERSION)))
    target.write_text(CURRENT_HEAD.format(version=SCHEMA_VERSION) + rows + ")\n",
                      encoding="utf-8")
    return target


if __name__ == "__main__":
    print(write_current())
