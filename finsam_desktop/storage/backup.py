"""Rolling backups beside a plan file, and restoring one.

Each time a file is opened for writing, its state before this session is
copied with SQLite's backup API (a consistent copy even of a live database) to
`.<name>.backups/<stem>-YYYYmmdd-HHMMSS.finsam` beside it; only the newest
`KEEP` copies are kept. A state that equals the newest backup is not copied
again, so opening a file five times without editing it does not push the older
states out. Restoring first backs up the current state, so it can be undone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import shutil
import sqlite3
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .errors import PlanFileError
from .lock import PlanLock

KEEP = 5
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Backup:
    """One kept copy of a plan file and when it was taken."""

    path: Path
    taken: dt.datetime

    def describe(self) -> str:
        """Swedish date and time for a list: "2026-11-23 kl. 16.05.12"."""
        return self.taken.strftime("%Y-%m-%d kl. %H.%M.%S")


def backup_folder(path: Path) -> Path:
    path = Path(path)
    return path.parent / f".{path.name}.backups"


def _pattern(path: Path) -> re.Pattern:
    return re.compile(re.escape(Path(path).stem) + r"-(\d{8}-\d{6})(?:-(\d+))?\.finsam$")


def list_backups(path: str | Path) -> list[Backup]:
    """The kept backups of `path`, newest first."""
    path = Path(path)
    pattern = _pattern(path)
    found = []
    try:
        entries = list(backup_folder(path).iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if match and entry.is_file():
            taken = dt.datetime.strptime(match.group(1), _STAMP)
            found.append((taken, int(match.group(2) or 0), Backup(entry, taken)))
    found.sort(key=lambda item: item[:2], reverse=True)
    return [backup for _, _, backup in found]


def _digest(conn: sqlite3.Connection) -> str:
    """A hash of the plan's rows and schema version (not `meta`, which every open rewrites)."""
    digest = hashlib.sha256()
    digest.update(str(conn.execute("PRAGMA user_version").fetchone()[0]).encode())
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta' ORDER BY name")]
    for table in tables:
        digest.update(table.encode())
        for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _same_state(conn: sqlite3.Connection, backup: Path) -> bool:
    """True when the newest backup holds the same plan as `conn`."""
    try:
        uri = "file:" + urllib.parse.quote(str(backup.resolve())) + "?mode=ro"
        other = sqlite3.connect(uri, uri=True)
        try:
            return _digest(conn) == _digest(other)
        finally:
            other.close()
    except sqlite3.Error:
        return False


def make_backup(path: str | Path, conn: sqlite3.Connection | None = None) -> Path | None:
    """Copy the state of `path` (read through `conn` when given) into its backup folder.

    Returns the new backup, or None when the state equals the newest backup.
    Raises OSError or sqlite3.Error when the copy cannot be made.
    """
    path = Path(path)
    own = conn is None
    if own:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=2)
    try:
        newest = list_backups(path)
        if newest and _same_state(conn, newest[0].path):
            return None
        folder = backup_folder(path)
        folder.mkdir(exist_ok=True)
        for leftover in folder.glob(".*.tmp"):  # from a copy killed half-way; we hold the lock
            with contextlib.suppress(OSError):
                leftover.unlink()
        now = dt.datetime.now().strftime(_STAMP)
        target = folder / f"{path.stem}-{now}.finsam"
        number = 1
        while target.exists():
            number += 1
            target = folder / f"{path.stem}-{now}-{number}.finsam"
        temp = folder / f".{target.name}.tmp"
        try:
            copy = sqlite3.connect(str(temp), isolation_level=None)
            try:
                conn.backup(copy)
            finally:
                copy.close()
            with contextlib.suppress(OSError):  # a private plan keeps private backups
                os.chmod(temp, path.stat().st_mode & 0o777)
            os.replace(temp, target)
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
    finally:
        if own:
            conn.close()
    for old in list_backups(path)[KEEP:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    return target


def backup_quietly(path: Path, conn: sqlite3.Connection) -> Path | None:
    """make_backup for opening a file: a failed backup never stops the user from working."""
    try:
        return make_backup(path, conn)
    except (OSError, sqlite3.Error):
        return None


def _check_backup(backup: Path) -> None:
    from .planfile import connect, read_plan
    conn = connect(backup, read_only=True)
    try:
        read_plan(conn, backup.name)
    finally:
        conn.close()


def _keep_broken(path: Path) -> Path:
    """A byte copy of a file SQLite cannot read, kept (unlisted) before it is replaced."""
    folder = backup_folder(path)
    target = folder / f"{path.stem}-{dt.datetime.now().strftime(_STAMP)}.trasig"
    try:
        folder.mkdir(exist_ok=True)
        shutil.copyfile(path, target)
    except OSError as error:
        raise PlanFileError(f"{path.name} kunde inte sparas undan före återställningen "
                            f"({error.strerror}); inget ändrades.") from None
    return target


def restore_backup(path: str | Path, backup: str | Path) -> Path | None:
    """Put `backup` back as `path`; returns the copy kept of the state it replaced.

    That copy is None when the state was already the newest backup; a file too
    broken for SQLite to copy is kept byte for byte as `<stem>-<time>.trasig`.

    Refused (PlanFileError) while anyone, this process included, has the file
    open for writing, or when the backup itself is not a readable plan.
    """
    path, backup = Path(path), Path(backup)
    _check_backup(backup)
    lock = PlanLock(path)
    holder = lock.acquire()
    if holder is not None:
        raise PlanFileError(f"{path.name} är öppnad av {holder.describe()}. "
                            "Stäng den där innan du återställer en säkerhetskopia.")
    try:
        saved = None
        if path.exists():
            try:
                saved = make_backup(path)  # a writable connection rolls back a hot journal first
            except (OSError, sqlite3.Error):
                saved = _keep_broken(path)
        temp = path.with_name(f".{path.name}.restore.tmp")
        try:
            uri = "file:" + urllib.parse.quote(str(backup.resolve())) + "?mode=ro"
            source = sqlite3.connect(uri, uri=True, isolation_level=None)
            try:
                target = sqlite3.connect(str(temp), isolation_level=None)
                try:
                    source.backup(target)
                finally:
                    target.close()
            finally:
                source.close()
            with open(temp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except (OSError, sqlite3.Error) as error:
            raise PlanFileError(f"{backup.name} kunde inte återställas ({error}); "
                                f"{path.name} är oförändrad.") from None
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
        return saved
    finally:
        lock.release()
