"""Writing any output file all-or-nothing.

Output goes to `.<name>.<pid>.<random>.tmp` beside the target and is renamed into
place; such a file left by a killed process (its pid no longer runs) is removed
the next time anything is written in that folder. Apart from the plan JSON, so that
writing a report or a workbook does not load the exchange format.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import PlanFileError, reason


@contextlib.contextmanager
def atomic_output(target: Path, force: bool = False) -> Iterator[Path]:
    """A temporary path beside `target`, renamed into place only if the block succeeds.

    An interrupted or failed write leaves no file at `target` (or the old one).
    """
    target = Path(target)
    if target.exists() and not force:
        raise PlanFileError(f"{target.name} finns redan. Välj ett annat namn eller använd --force.")
    if target.is_dir():
        raise PlanFileError(f"{target.name} är en mapp.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise PlanFileError(f"{folder} är ingen mapp." if folder.exists()
                            else f"Mappen {folder} finns inte.")
    clean_stale_temporaries(folder)
    temp = folder / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY
                         | getattr(os, "O_NOFOLLOW", 0), 0o600))
    except OSError as error:
        raise PlanFileError(f"Kan inte skriva i mappen {folder}: {reason(error)}.") from None
    temp.unlink()
    try:
        yield temp
        _fsync(temp)
        os.replace(temp, target)
    except (OSError, sqlite3.Error) as error:
        raise PlanFileError(f"{target.name} kunde inte skrivas: {reason(error)}.") from None
    finally:
        for leftover in (temp, Path(str(temp) + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


_TEMPORARY = re.compile(r"^\..+\.(\d{1,10})\.[0-9a-f]{8}\.tmp(-journal)?$")
_OLD_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp(-journal)?$")  # tempfile's, before
_OLD_AFTER = 3600.0


def clean_stale_temporaries(folder: Path) -> None:
    """Remove output temporaries of our naming whose writer is gone (killed mid-write)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if match:
                from .lock import _pid_alive  # only when there is one to judge
                stale = not _pid_alive(int(match.group(1)))
            elif _OLD_TEMPORARY.match(entry.name):
                stale = now - entry.stat(follow_symlinks=False).st_mtime > _OLD_AFTER
            else:
                continue
            if stale:
                os.unlink(entry.path)
        except OSError:
            continue


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
