"""Rolling backups beside a plan file, and restoring one.

Each time a file is opened for writing, its state before this session is
copied with SQLite's backup API (a consistent copy even of a live database) to
`.<name>.backups/<stem>-YYYYmmdd-HHMMSS.finsam` beside it; only the newest
`KEEP` copies are kept. A state that equals the newest backup is not copied
again, so opening a file five times without editing it does not push the older
states out. Restoring first backs up the current state, so it can be undone.

The folder is used only when it is a real folder: a symlink in its place (which
would let pruning delete another folder's files) or a file of that name is a
PlanFileError that says so, never a silent missing backup. Backups and kept
`.trasig` copies have the plan's permissions and are pruned alike.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
import stat
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, overload

from .errors import PlanFileError, reason
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


def _pattern(path: str | Path) -> re.Pattern[str]:
    return re.compile(re.escape(Path(path).stem) + r"-(\d{8}-\d{6})(?:-(\d+))?\.finsam$")


@overload
def _real_folder(path: Path, create: Literal[True]) -> Path: ...
@overload
def _real_folder(path: Path, create: bool) -> Path | None: ...


def _real_folder(path: Path, create: bool) -> Path | None:
    """The backup folder of `path` if it is a real folder (made when `create`)."""
    folder = backup_folder(path)
    try:
        status = os.lstat(folder)
    except FileNotFoundError:
        if not create:
            return None
        folder.mkdir(mode=0o700 if _mode(path) & 0o077 == 0 else 0o777)
        return folder
    if stat.S_ISLNK(status.st_mode):
        raise PlanFileError(f"{folder.name} bredvid {Path(path).name} är en länk, inte en mapp; "
                            "ingen säkerhetskopia tas dit. Ta bort länken.")
    if not stat.S_ISDIR(status.st_mode):
        raise PlanFileError(f"En fil heter {folder.name} bredvid {Path(path).name}, så ingen "
                            "säkerhetskopia kan tas. Byt namn på den filen.")
    return folder


def _mode(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o644


def _kept(path: Path, pattern: re.Pattern[str]) -> list[tuple[dt.datetime, int, Path]]:
    try:
        folder = _real_folder(path, create=False)
    except PlanFileError:
        return []
    if folder is None:
        return []
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        try:
            regular = entry.is_file(follow_symlinks=False)
        except OSError:
            regular = False
        if match and regular:
            try:
                taken = dt.datetime.strptime(match.group(1), _STAMP)
            except ValueError:
                continue
            found.append((taken, int(match.group(2) or 0), Path(entry.path)))
    found.sort(key=lambda item: item[:2], reverse=True)
    return found


def list_backups(path: str | Path) -> list[Backup]:
    """The kept backups of `path`, newest first."""
    return [Backup(entry, taken) for taken, _, entry in _kept(Path(path), _pattern(path))]


def _broken_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(Path(path).stem) + r"-(\d{8}-\d{6})(?:-(\d+))?\.trasig$")


def _prune(path: Path) -> None:
    for pattern in (_pattern(path), _broken_pattern(path)):
        for _, _, old in _kept(path, pattern)[KEEP:]:
            with contextlib.suppress(OSError):
                old.unlink()


def _read_only_uri(path: Path) -> str:
    return "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"


def _same_state(path: Path, backup: Path) -> bool:
    """True when the newest backup holds the same plan as the file at `path`: the same
    schema version and the same rows in every table but `meta` (every open rewrites it).

    Compared inside SQLite (the plan attached to the backup, read-only), so a
    50 000-intervention plan costs no Python object per row."""
    try:
        other = sqlite3.connect(_read_only_uri(backup), uri=True)
        try:
            other.execute("ATTACH DATABASE ? AS plan", (_read_only_uri(path),))
            versions = [other.execute(f"PRAGMA {db}.user_version").fetchone()[0]
                        for db in ("main", "plan")]
            tables = [sorted(row[0] for row in other.execute(
                f"SELECT name FROM {db}.sqlite_master WHERE type = 'table' AND name != 'meta'"))
                for db in ("main", "plan")]
            if versions[0] != versions[1] or tables[0] != tables[1]:
                return False
            for table in tables[0]:
                mine, theirs, differ = other.execute(
                    f'SELECT (SELECT count(*) FROM plan."{table}"), '
                    f'(SELECT count(*) FROM main."{table}"), '
                    f'EXISTS (SELECT * FROM plan."{table}" EXCEPT SELECT * FROM main."{table}")'
                ).fetchone()
                if mine != theirs or differ:
                    return False
            return True
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
    source = sqlite3.connect(str(path), isolation_level=None, timeout=2) if conn is None else conn
    try:
        newest = list_backups(path)
        if newest and _same_state(path, newest[0].path):
            return None
        folder = _real_folder(path, create=True)
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
                source.backup(copy)
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
            source.close()
    _prune(path)
    return target


def backup_quietly(path: Path, conn: sqlite3.Connection) -> tuple[Path | None, str | None]:
    """make_backup for opening a file: a failed backup never stops the user from working,
    but it is said: (the backup or None, why none could be taken or None)."""
    from .errors import reason
    try:
        return make_backup(path, conn), None
    except PlanFileError as error:
        return None, str(error)
    except (OSError, sqlite3.Error) as error:
        return None, f"Ingen säkerhetskopia kunde tas av {Path(path).name}: {reason(error)}."


def _check_backup(backup: Path) -> None:
    from .planfile import connect, read_plan
    conn = connect(backup, read_only=True)
    try:
        read_plan(conn, backup.name)
    finally:
        conn.close()


def _check_writable(copy: Path, name: str) -> None:
    """The copy about to be restored opens for writing as the window would open it."""
    from .planfile import connect, read_plan
    try:
        conn = connect(copy)
    except PlanFileError as error:
        raise PlanFileError(f"{name} kan inte återställas: {error}") from None
    try:
        read_plan(conn, name)
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise PlanFileError(f"{name} är trasig och kan inte återställas.")
    finally:
        conn.close()


def _keep_broken(path: Path) -> Path:
    """A byte copy of a file SQLite cannot read, kept (unlisted) before it is replaced."""
    folder = _real_folder(path, create=True)
    target = folder / f"{path.stem}-{dt.datetime.now().strftime(_STAMP)}.trasig"
    try:
        shutil.copyfile(path, target)
        os.chmod(target, _mode(path))
    except OSError as error:
        raise PlanFileError(f"{path.name} kunde inte sparas undan före återställningen "
                            f"({reason(error)}); inget ändrades.") from None
    _prune(path)
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
        mode = _mode(path) if path.exists() else 0o644
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
            _check_writable(temp, backup.name)
            os.chmod(temp, mode)
            with open(temp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except (OSError, sqlite3.Error) as error:
            raise PlanFileError(f"{backup.name} kunde inte återställas ({reason(error)}); "
                                f"{path.name} är oförändrad.") from None
        finally:
            for leftover in (temp, Path(str(temp) + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        return saved
    finally:
        lock.release()
