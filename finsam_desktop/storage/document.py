"""An open plan file: the current Plan, its Outcome, and write-through of every change.

This is the Qt-free core of the "one model layer": the window wraps it with an
undo stack and a signal, the command line and the fault tests use it as is.
A change is a whole new Plan; `commit` writes the difference in one
transaction and recomputes the outcome. There is no unsaved state.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..domain.outcome import Outcome, compute
from ..domain.plan import Plan
from .backup import backup_quietly
from .errors import PlanFileError, reason
from .lock import LockHolder, PlanLock
from .planfile import connect, create, mark_written, read_plan, transaction, write_plan


class PlanDocument:
    """A plan file opened for editing, or read-only when someone else holds it."""

    def __init__(self, path: Path, conn: sqlite3.Connection, plan: Plan,
                 lock: PlanLock | None, holder: LockHolder | None):
        self.path = path
        self._conn = conn
        self.plan = plan
        self.outcome: Outcome = compute(plan)
        self._lock = lock
        self.holder = holder
        """Who has the file when this document is read-only because of a lock."""
        self.backup_problem: str | None = None
        """Why no backup could be taken when the file was opened (Swedish), for the window."""

    @property
    def read_only(self) -> bool:
        return self._lock is None

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> "PlanDocument":
        """Open a plan file; read-only if asked or if another window or user has it."""
        path = Path(path)
        holder = None
        lock = None
        problem = None
        if not read_only:
            lock = PlanLock(path)
            try:
                holder = lock.acquire()
            except OSError:
                holder, lock = None, None
                read_only = True
            if holder is not None:
                lock, read_only = None, True
        try:
            conn = connect(path, read_only=read_only)
            try:
                plan = read_plan(conn, path.name)
            except PlanFileError:
                conn.close()
                raise
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if not read_only:
            _, problem = backup_quietly(path, conn)  # the state before this session
            try:
                with transaction(conn):
                    mark_written(conn)
            except sqlite3.DatabaseError as error:  # a full disk, a read-only share
                conn.close()
                lock.release()
                raise PlanFileError(f"{path.name} kan inte öppnas för att ändras: "
                                    f"{reason(error)}. Öppna den skrivskyddat.") from None
        document = cls(path, conn, plan, lock, holder)
        document.backup_problem = problem
        return document

    @classmethod
    def create(cls, path: str | Path, plan: Plan) -> "PlanDocument":
        """Create a new plan file (refuses an existing path) and open it."""
        path = Path(path)
        if path.exists():
            raise PlanFileError(f"{path.name} finns redan.")
        try:
            create(path, plan)
        except OSError as error:
            _remove_quietly(path)
            raise PlanFileError(f"{path.name} kunde inte skapas: {reason(error)}.") from None
        except sqlite3.DatabaseError as error:
            _remove_quietly(path)
            raise PlanFileError(f"{path.name} kunde inte skapas: {reason(error)}.") from None
        return cls.open(path)

    def commit(self, plan: Plan) -> Outcome:
        """Make `plan` the current plan: write it through and recompute."""
        if self.read_only:
            raise PlanFileError(f"{self.path.name} är öppnad skrivskyddat; ändringen sparades inte.")
        if plan is self.plan:
            return self.outcome
        outcome = compute(plan)
        try:
            with transaction(self._conn):
                write_plan(self._conn, self.plan, plan)
        except sqlite3.DatabaseError as error:
            raise PlanFileError(f"Ändringen kunde inte sparas i {self.path.name}: "
                                f"{reason(error)}.") from None
        self.plan = plan
        self.outcome = outcome
        return outcome

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the open file (SQLite's backup API)."""
        copy = sqlite3.connect(str(target))
        try:
            self._conn.backup(copy)
        finally:
            copy.close()

    def close(self) -> None:
        try:
            self._conn.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> "PlanDocument":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
