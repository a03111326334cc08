"""An open plan file: the current Plan, its Outcome, and write-through of every change.

This is the Qt-free core of the "one model layer": the window wraps it with an
undo stack and a signal, the command line and the fault tests use it as is.
A change is a whole new Plan.

Two steps, so the durable write need not sit between a keystroke and the repaint:

- `stage(plan)` makes `plan` and its outcome current at once and returns the
  outcome. It does no I/O and no work per row beyond the domain's incremental
  compute (which follows the previous sums by the changed interventions); an edit
  that moves no figure (a text, the cover, the checklist) keeps the outcome.
- `flush()` writes everything staged since the last flush in one transaction
  (the difference from the last written plan, found by the identity of the
  entities: the same rows as writing each staged change in order). If the write
  fails, the document goes back to the last written plan (`plan`, `outcome`)
  and PlanFileError says why; the caller drops what it built on the staged plans
  (the window: its undo history).
- `pending` says whether something is staged but not yet written ("Sparar…");
  `committed` is the plan last written.
- `commit(plan)` = `stage(plan)` + `flush()`: for the command line and the tests.

The window stages on each edit and flushes right after the frame (a zero-timer on
the GUI thread: the SQLite connection stays on one thread), so a crash loses at
most the edits of that one frame; `close()` flushes what is left.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.outcome import Outcome, Recompute
from ..domain.plan import Plan
from .errors import PlanFileError, reason
from .planfile import connect, create, mark_written, read_plan, transaction
from .rows import write_plan

if TYPE_CHECKING:  # the lock and the backups load only for a writable open
    from .lock import LockHolder, PlanLock

Progress = Callable[[int, int], None]
"""Told (rows read, rows in all) while a plan is read; called on the reading thread."""


class PlanDocument:
    """A plan file opened for editing, or read-only when someone else holds it."""

    def __init__(self, path: Path, conn: sqlite3.Connection, plan: Plan,
                 lock: PlanLock | None, holder: LockHolder | None,
                 computed: tuple[Recompute, Outcome] | None = None):
        self.path = path
        self._conn = conn
        self.plan = plan
        self._recompute, self.outcome = computed or _computed(plan)
        """`_recompute` follows the intervention sums from one computed plan to the next."""
        self._committed = plan
        self._committed_outcome = self.outcome
        self._lock = lock
        self.holder = holder
        """Who has the file when this document is read-only because of a lock."""
        self.backup_problem: str | None = None
        """Why no backup could be taken when the file was opened (Swedish), for the window."""

    @property
    def read_only(self) -> bool:
        return self._lock is None

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> PlanDocument:
        """Open a plan file; read-only if asked or if another window or user has it.

        The three steps of `Opening` on this thread (the window reads on a worker)."""
        opening = Opening(path, read_only)
        opening.read(keep_connection=True)
        return opening.finish()

    @classmethod
    def create(cls, path: str | Path, plan: Plan) -> PlanDocument:
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

    @property
    def pending(self) -> bool:
        """Whether staged changes wait for `flush` (the window shows "Sparar…")."""
        return self.plan is not self._committed

    @property
    def committed(self) -> Plan:
        """The plan as last written to the file."""
        return self._committed

    def stage(self, plan: Plan) -> Outcome:
        """Make `plan` current now, in memory only; `flush` writes it. Returns the outcome."""
        if self.read_only:
            raise PlanFileError(f"{self.path.name} är öppnad skrivskyddat; ändringen sparades inte.")
        if plan is self.plan:
            return self.outcome
        if not _moves_figures(self.plan, plan):
            outcome = self.outcome
        elif plan is self._committed:
            outcome = self._committed_outcome
        else:
            outcome = self._recompute(plan)
        self.plan = plan
        self.outcome = outcome
        return outcome

    def flush(self) -> None:
        """Write what was staged since the last flush, in one transaction.

        On failure the document is back at the last written plan and PlanFileError
        says why; nothing of the staged changes is in the file.
        """
        if not self.pending:
            return
        plan = self.plan
        try:
            with transaction(self._conn):
                write_plan(self._conn, self._committed, plan)
        except sqlite3.DatabaseError as error:
            self.plan, self.outcome = self._committed, self._committed_outcome
            raise PlanFileError(f"Ändringen kunde inte sparas i {self.path.name}: "
                                f"{reason(error)}.") from None
        self._committed, self._committed_outcome = plan, self.outcome

    def commit(self, plan: Plan) -> Outcome:
        """Make `plan` the current plan and write it through (stage + flush)."""
        outcome = self.stage(plan)
        self.flush()
        return outcome

    def close(self) -> None:
        """Flush what is staged, then close; a failed flush is raised after closing."""
        try:
            if not self.read_only:
                self.flush()
        finally:
            self._close()

    def _close(self) -> None:
        try:
            self._conn.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> PlanDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_FIGURE_FIELDS = ("plan_year", "plan_span", "unit", "contributions", "members", "other_income",
                  "costs", "interventions", "equity", "labels", "follow_up")
"""The Plan fields the outcome depends on; the document's texts, goals, cover and checklist
move no krona and no finding."""


def _moves_figures(old: Plan, new: Plan) -> bool:
    return any(getattr(old, name) is not getattr(new, name) for name in _FIGURE_FIELDS)


def _computed(plan: Plan) -> tuple[Recompute, Outcome]:
    recompute = Recompute()
    return recompute, recompute(plan)


class Opening:
    """Opening a plan file in three steps, so the slow read can run on a worker thread.

    1. `Opening(path, read_only)` takes the lock (or finds who holds it: then read-only),
       on the thread that will own the document.
    2. `read(progress)` may run on any thread: its own connection checks the file
       (upgrading it when writable), builds the immutable Plan and its outcome, and
       takes the backup of the state before this session. `progress(done, total)` is
       called as rows are read. The connection is closed again unless `keep_connection`
       (then `finish` must run on the same thread and uses it).
    3. `finish()` on the owning thread opens the document's connection, marks the file
       as written by us and returns the PlanDocument.

    A failed `read` or `finish` releases the lock and raises PlanFileError (Swedish)
    or OSError, as `PlanDocument.open` always did; `abandon()` releases it otherwise.
    """

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        self.holder: LockHolder | None = None
        self._lock: PlanLock | None = None
        if not read_only:
            from .lock import PlanLock
            lock = PlanLock(self.path)
            try:
                self.holder = lock.acquire()
            except OSError:
                read_only = True
            else:
                if self.holder is None:
                    self._lock = lock
                else:
                    read_only = True
        self.read_only = read_only
        self._conn: sqlite3.Connection | None = None
        self._plan: Plan | None = None
        self._computed: tuple[Recompute, Outcome] | None = None
        self._backup_problem: str | None = None

    def read(self, progress: Progress | None = None, keep_connection: bool = False) -> Plan:
        """Check and read the file on this thread's own connection; returns the Plan."""
        try:
            conn = connect(self.path, read_only=self.read_only)
            try:
                plan = read_plan(conn, self.path.name, progress)
                if not self.read_only:
                    from .backup import backup_quietly
                    _, self._backup_problem = backup_quietly(self.path, conn)  # before us
            except BaseException:
                conn.close()
                raise
            self._plan, self._computed = plan, _computed(plan)
            if keep_connection:
                self._conn = conn
            else:
                conn.close()
        except BaseException:
            self.abandon()
            raise
        return plan

    def finish(self) -> PlanDocument:
        """The open document, on the thread that will use it (after `read`)."""
        if self._plan is None:
            raise RuntimeError("Opening.finish before read")
        path, lock = self.path, self._lock
        try:
            # `read` checked the file under our lock: no second page check (a read-only
            # open holds no lock, a writer may have committed since: that copy is checked)
            conn = self._conn if self._conn is not None else connect(
                path, self.read_only, checked=lock is not None)
        except BaseException:
            self.abandon()
            raise
        self._conn = None
        if lock is not None:
            try:
                with transaction(conn):
                    mark_written(conn)
            except sqlite3.DatabaseError as error:  # a full disk, a read-only share
                conn.close()
                self.abandon()
                raise PlanFileError(f"{path.name} kan inte öppnas för att ändras: "
                                    f"{reason(error)}. Öppna den skrivskyddat.") from None
        document = PlanDocument(path, conn, self._plan, lock, self.holder, self._computed)
        document.backup_problem = self._backup_problem
        self._lock = None  # the document's now
        return document

    def abandon(self) -> None:
        """Give the file up (a failed or cancelled open): release the lock if we took it."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
