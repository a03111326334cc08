"""Replacing a file safely: the one place that decides whether and how a target is written.

Rules, for every job: the target is never one of the job's inputs; a target that a
window (or another program of ours) holds is never replaced; a target that is a plan
file is backed up first; the new file appears all-or-nothing and keeps the permissions
of the file it replaces.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..storage.atomic_file import atomic_output
from ..storage.errors import PlanFileError, reason

SQLITE_HEADER = b"SQLite format 3\x00"


def is_plan_file(path: Path) -> bool:
    """True when `path` is an SQLite file, which is what a .finsam plan is (by content, not name)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.exists() and second.exists() and os.path.samefile(first, second)
    except OSError:
        return False


def refuse_own_input(target: Path, sources: Iterable[Path]) -> None:
    """A job never writes over what it reads (`report x.finsam -o x.finsam --force`)."""
    for source in sources:
        if _same_file(Path(source), target) or Path(source).resolve() == target.resolve():
            raise PlanFileError(f"{target.name} är filen som läses; välj ett annat namn för "
                                "resultatet. Inget har ändrats.")


def refuse_early(target: str | Path, *, force: bool = False,
                 sources: Iterable[str | Path] = ()) -> None:
    """The refusals `write_output` makes before it writes, for a job to make before it reads:
    a command that would refuse an existing target says so at once, not after reading and
    laying out a large plan."""
    target = Path(target)
    refuse_own_input(target, [Path(s) for s in sources])
    if not force and target.exists():
        raise PlanFileError(f"{target.name} finns redan. Välj ett annat namn eller använd --force.")


def keep_current_state(target: Path) -> Path | None:
    """Back up the plan file `target` is before it is replaced; refuse if that cannot be done."""
    from ..storage import backup as backups  # only to replace a plan: not for a new report
    try:
        return backups.make_backup(target)
    except (OSError, sqlite3.Error) as error:
        raise PlanFileError(f"{target.name} kunde inte sparas undan som säkerhetskopia "
                            f"({reason(error)}), så den ersattes inte.") from None


def _mode_of(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None


@contextlib.contextmanager
def _held(target: Path) -> Iterator[None]:
    """Hold the target's lock while it is replaced, so no window opens it half-way."""
    from ..storage.lock import PlanLock
    lock = PlanLock(target)
    try:
        holder = lock.acquire()
    except OSError:
        holder = None  # a folder where no lock can be made: the write itself will say why
    if holder is not None:
        raise PlanFileError(f"{target.name} är öppen hos {holder.describe()} och kan inte "
                            "ersättas. Stäng den där eller välj ett annat namn.")
    try:
        yield
    finally:
        lock.release()


def write_output(target: str | Path, write: Callable[[Path], None], *, force: bool = False,
                 sources: Iterable[str | Path] = ()) -> Path | None:
    """Write `target` through `write(temp)`, safely (see the module); the backup made, if any.

    Without `force` an existing target is refused (the window's save dialog has asked).
    """
    target = Path(target)
    refuse_early(target, force=force, sources=sources)
    replacing = target.exists()
    plan_target = replacing and is_plan_file(target)
    mode = _mode_of(target) if replacing else None
    lock = _held(target) if plan_target or target.suffix.lower() == ".finsam" else (
        contextlib.nullcontext())
    with lock:
        saved = keep_current_state(target) if plan_target else None
        with atomic_output(target, force=force) as temp:
            write(temp)
            if mode is not None:
                with contextlib.suppress(OSError):
                    os.chmod(temp, mode)
    return saved
