"""The .finsam schema: numbered upgrade steps on `PRAGMA user_version`.

A new file is made by running the same chain from zero, so every step runs in
every test. Each step runs in one transaction together with the new
user_version; steps only add, never drop. See docs/decisions/0002-file-format.md.
"""

from __future__ import annotations

import sqlite3
from typing import Callable

APPLICATION_ID = 0x46696E53  # "FinS"
SCHEMA_VERSION = 2

COLLECTION_TABLES = ("members", "lines", "interventions", "rules", "goals", "sections")


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


UPGRADES: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _upgrade_to_1,
    2: _upgrade_to_2,
}
assert sorted(UPGRADES) == list(range(1, SCHEMA_VERSION + 1))

EXPECTED_COLUMNS = {
    "meta": {"key", "value"},
    "plan": {"id", "association", "decided", "plan_year", "plan_span", "unit", "totals",
             "previous_total", "share_state", "share_region", "share_municipalities",
             "key_precision", "rounding", "opening_equity"},
    "members": {"id", "position", "name", "kind", "key", "key_source", "previous_contribution"},
    "lines": {"id", "position", "section", "name", "line_group", "amounts"},
    "interventions": {"id", "position", "name", "area", "category", "owner", "municipality",
                      "item_group", "amounts", "participants", "external_funding", "start",
                      "end", "description"},
    "rules": {"id", "position", "kind", "amount", "share", "basis", "area"},
    "goals": {"id", "position", "title", "indicators"},
    "sections": {"id", "position", "title", "text"},
}


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


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
