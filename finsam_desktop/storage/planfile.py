"""Opening, checking, reading and writing the .finsam SQLite file.

The file is checked from its first 100 bytes before SQLite opens it (is it
SQLite, is it ours, is it newer than us), then with `quick_check`, then its
whole schema against the one our upgrade chain builds for its version (so no
foreign default, constraint, generated column, index, trigger or view is ever
run). Reading builds the plan from the rows, checking every value (rows.py).
Writing is one transaction per call and touches only the rows whose entity
changed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

from .. import __version__
from ..domain.plan import Plan
from .codecs import RowError
from .errors import PlanFileError, reading, reason
from .rows import read_plan_rows, write_plan
from .schema import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    expected_schema,
    schema_of,
    upgrade,
)

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


def verify_schema(conn: sqlite3.Connection, name: str, version: int) -> None:
    """The file's whole schema is exactly what our upgrade chain builds for `version`."""
    refuse_foreign_objects(conn, name)
    try:
        found = schema_of(conn)
    except sqlite3.DatabaseError:
        raise PlanFileError(f"{name} är trasig och kan inte läsas.") from None
    expected = expected_schema(version)
    if found == expected:
        return
    missing = {obj[1] for obj in expected if obj[0] == "table"} - {
        obj[1] for obj in found if obj[0] == "table"}
    if missing:
        raise PlanFileError(f"{name} saknar tabellen {sorted(missing)[0]} och är ingen hel "
                            "FinSam-plan.")
    differing = sorted({obj[2] for obj in found ^ expected})
    raise PlanFileError(f"{name}: tabellen {differing[0]} är inte uppbyggd som FinSam "
                        f"Desktop bygger den (filversion {version}); filen öppnas inte.")


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
    """FinSam never writes WAL files; reading one would leave -wal/-shm files beside it.

    A `-wal` beside a rollback-mode file would be read by SQLite all the same (and a
    `-shm` made beside the input), so a WAL file beside the plan is refused too."""
    if os.path.lexists(str(path) + "-wal"):
        raise PlanFileError(f"Bredvid {path.name} ligger en WAL-fil ({path.name}-wal) som "
                            "FinSam Desktop aldrig skapar; filen läses inte skrivskyddat.")
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


def connect(path: Path, read_only: bool = False, *, checked: bool = False) -> sqlite3.Connection:
    """A connection to an existing, checked plan file, upgraded when writable.

    `checked`: this process checked the whole file a moment ago, on another connection,
    under the lock it still holds (`Opening.finish` after the worker's read): the page
    check (`PRAGMA quick_check`, 20 ms at 50 000 interventions, on the window's thread
    there) is not run twice; the header and the schema still are."""
    version = check_header(path)
    name = path.name
    if read_only:
        _refuse_wal(path)
        uri = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"
        try:
            source = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=5)
            try:
                _configure(source)
                source.execute("SELECT count(*) FROM sqlite_master").fetchone()
                verify_schema(source, name, version)  # before any check runs its SQL
                try:
                    if not checked:
                        _quick_check(source, name)
                except PlanFileError:
                    raise _unreadable(path) from None
                conn = sqlite3.connect(":memory:", isolation_level=None)
                source.backup(conn)
            finally:
                source.close()
        except sqlite3.DatabaseError:
            raise _unreadable(path) from None
        _configure(conn)
        upgrade(conn)
        return conn
    if not os.access(path, os.W_OK):
        raise PlanFileError(f"{name} är skrivskyddad. Öppna den skrivskyddat eller kopiera den.")
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=2)
    except sqlite3.DatabaseError as error:
        raise PlanFileError(f"{name} kunde inte öppnas: {reason(error)}.") from None
    try:
        _configure(conn)
        conn.execute("PRAGMA journal_mode = DELETE")
        verify_schema(conn, name, version)
        if not checked:
            _quick_check(conn, name)
        if version < SCHEMA_VERSION:
            upgrade(conn)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise PlanFileError(f"{name} kunde inte öppnas: {reason(error)}.") from None
    except BaseException:
        conn.close()
        raise
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, rolled back when the block fails."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite may already have rolled back (a full disk)
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


def create(path: Path, plan: Plan) -> None:
    """Write `plan` as a new file at `path` (which must not exist)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA journal_mode = DELETE")
        upgrade(conn)
        with transaction(conn):
            conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [
                ("created_by", f"FinSam Desktop {__version__}"),
                ("written_by", f"FinSam Desktop {__version__}")])
            write_plan(conn, None, plan)
    finally:
        conn.close()


def read_plan(conn: sqlite3.Connection, name: str = "filen",
              progress: Callable[[int, int], None] | None = None) -> Plan:
    """The plan in an opened file, every value checked; PlanFileError names a bad one.
    `progress(rows read, rows in all)` is told as the rows are read."""
    try:
        return read_plan_rows(conn, progress)
    except RowError as error:
        raise PlanFileError(f"{name} innehåller ett ogiltigt värde ({error}); "
                            "filen öppnas inte.") from None
    except (sqlite3.DatabaseError, RecursionError) as error:
        raise PlanFileError(f"{name} är trasig och kan inte läsas ({error}).") from None


def mark_written(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('written_by', ?)",
                 (f"FinSam Desktop {__version__}",))
