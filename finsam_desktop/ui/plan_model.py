"""The one model layer of the window: the open document, its undo stack, one signal.

The contract every tab builds on:

- `edit(label, change, *args, merge_key=None, **kwargs) -> EditResult` applies
  `change(plan, *args, **kwargs)` (a pure `Plan -> Plan` or `Plan -> (Plan, new id)`
  function, usually from `domain.edits`) as one undoable step. It never raises for
  the user's mistakes: a `UserFacingError` from the change, a read-only file or a
  failed write comes back as `EditResult.refusal` (Swedish) with nothing changed.
  An add returns the new item's id as `EditResult.new_id`.
- `apply(label, new) -> EditResult` does the same for a Plan built elsewhere.
- `changed(Change)` is emitted once after every change, undo and redo. A `Change`
  is the frozenset of the parts that differ (`PARTS`) and, per collection, which
  rows changed (`change.rows(part)`: positions, or None when rows were added,
  removed or moved). Listeners act only on the parts they show.
- Each call of `edit` is its own undo step. Only calls with the same `merge_key`
  in a row merge (typing written through as the user types, in one field); a new
  editing session starts with `end_merge()`, so two separate commits of one cell
  are always two steps.
- Writing: with `write_after_frame` (the window) an edit is shown at once and written
  `FLUSH_DELAY_MS` later, after the frame that shows it, in order, in one transaction
  (`saving(True)` / `saving(False)` for *Sparar…* / *Allt är sparat*); `flush()` writes
  now (closing does). A write the file refuses is reported (`failed`), the window goes
  back to what the file holds and the undo history is dropped, so the window never
  shows an edit the file does not have. Without it (tests, scripts) every edit is
  written before `edit` returns and a refused write is the edit's refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress
from operator import is_not

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..domain import row_changes
from ..domain.errors import UserFacingError
from ..domain.outcome import Outcome
from ..domain.plan import Plan
from ..services.session import PlanDocument

COLLECTIONS = ("members", "other_income", "costs", "interventions", "rules", "goals",
               "sections", "checklist")
"""The parts that are rows with ids (`Change.rows` names which rows changed)."""
PARTS = ("settings", *COLLECTIONS, "cover", "labels", "follow_up")
"""Every part a `Change` may name; "settings" is the plan's scalar fields and equity."""
FIGURE_PARTS = frozenset({"settings", "members", "other_income", "costs", "interventions",
                          "rules", "labels", "follow_up"})
"""The parts the computed figures (outcome) depend on; text and goals do not move a krona."""
MERGE_ID = 1
"""Qt's merge id for every mergeable command; `mergeWith` compares the merge keys."""
FLUSH_DELAY_MS = 30
"""How long after the frame that shows an edit its write starts (well inside the promise that
every edit is on disk within 100 ms; a user does not commit two cells faster)."""


@dataclass(frozen=True)
class EditResult:
    """What `PlanModel.edit`/`apply` did: refused (with the Swedish reason) or applied."""

    refusal: str | None = None
    """Why nothing changed, in Swedish; None when the change was applied (or was no change)."""
    new_id: int | None = None
    """The id of the item an add created."""

    @property
    def ok(self) -> bool:
        return self.refusal is None


class Change(frozenset):
    """The parts of the plan that changed (a frozenset of `PARTS` names) and which rows."""

    __slots__ = ("_rows",)

    def __new__(cls, parts=(), rows: dict[str, tuple[int, ...] | None] | None = None):
        change = super().__new__(cls, parts)
        change._rows = rows or {}
        return change

    def rows(self, part: str) -> tuple[int, ...] | None:
        """Positions of the changed rows of `part`; () when it did not change, None when its
        rows were added, removed or moved (a listener then rebuilds)."""
        if part not in self:
            return ()
        return self._rows.get(part)

    @property
    def figures(self) -> bool:
        """Whether the computed figures may have changed."""
        return not self.isdisjoint(FIGURE_PARTS)


def _part(plan: Plan, part: str):
    return plan.equity.rules if part == "rules" else getattr(plan, part)


def _changed_rows(before: tuple, after: tuple) -> tuple[int, ...] | None:
    """Positions whose item is a new object (known from the edit, else compared at C
    speed); None when rows came, went or moved."""
    delta = row_changes.between(before, after)
    if delta is not None:
        if delta.positions is None:
            return None
        return tuple(p for p in delta.positions if before[p] is not after[p])
    if len(before) != len(after):
        return None
    rows = tuple(compress(range(len(after)), map(is_not, before, after)))
    if any(before[row].id != after[row].id for row in rows):
        return None
    return rows


def changed_parts(old: Plan, new: Plan) -> Change:
    """Which parts of the plan differ, by identity (edits share what they do not touch)."""
    parts = set()
    rows = {}
    for part in COLLECTIONS:
        before, after = _part(old, part), _part(new, part)
        if before is not after:
            parts.add(part)
            rows[part] = _changed_rows(before, after)
    for part in ("cover", "labels", "follow_up"):
        if getattr(old, part) is not getattr(new, part):
            parts.add(part)
    if (old.association, old.decided, old.plan_year, old.plan_span, old.unit,
            old.contributions) != (new.association, new.decided, new.plan_year, new.plan_span,
                                   new.unit, new.contributions) \
            or (old.equity.opening, old.equity.opening_is_forecast) != \
            (new.equity.opening, new.equity.opening_is_forecast) \
            or old.equity.opening_note != new.equity.opening_note:
        parts.add("settings")
    return Change(parts, rows)


class PlanCommand(QUndoCommand):
    """One user action: the plan before and after, and what it changed."""

    def __init__(self, model: PlanModel, label: str, old: Plan, new: Plan,
                 merge_key: str | None):
        super().__init__(label)
        self._model = model
        self.old = old
        self.new = new
        self.merge_key = merge_key
        self.sealed = False
        """True once its editing session ended: nothing merges into it any more."""
        self._first = True

    def id(self) -> int:  # noqa: A003 - Qt's name
        return -1 if self.merge_key is None else MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if self.sealed or not isinstance(other, PlanCommand) \
                or other.merge_key != self.merge_key:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        if self._first:  # already applied by PlanModel.edit before the push
            self._first = False
            return
        self._model._replace(self.new)

    def undo(self) -> None:
        self._model._replace(self.old)


class PlanModel(QObject):
    """Owns the open PlanDocument and the undo stack; the tabs' only source of truth.

    See the module docstring for the contract (`edit`, `EditResult`, `changed`, merging,
    writing after the frame).
    """

    changed = Signal(frozenset)
    """Emitted once after every change, undo and redo, with a `Change` (the parts changed)."""
    failed = Signal(str)
    """A change could not be written to the file; the Swedish message says why."""
    saving = Signal(bool)
    """True when an edit waits to be written (*Sparar…*), False when all is on disk."""

    def __init__(self, document: PlanDocument, parent: QObject | None = None,
                 write_after_frame: bool = False):
        super().__init__(parent)
        self.document = document
        self.undo_stack = QUndoStack(self)
        self.write_after_frame = write_after_frame
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FLUSH_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._scheduled = False

    @property
    def plan(self) -> Plan:
        return self.document.plan

    @property
    def outcome(self) -> Outcome:
        return self.document.outcome

    @property
    def read_only(self) -> bool:
        return self.document.read_only

    @property
    def pending(self) -> bool:
        """Whether the window shows an edit that is not in the file yet."""
        return self.document.pending

    def edit(self, label: str, change: Callable[..., Plan | tuple], *args,
             merge_key: str | None = None, **kwargs) -> EditResult:
        """Apply `change(plan, *args, **kwargs)` as one undoable step.

        A change may return the new Plan or (Plan, new item's id). Refused (bad input,
        read-only file, a failed write): `EditResult.refusal`, and nothing has changed.
        """
        if self.read_only:
            return EditResult(self.tr("Planen är öppnad skrivskyddat och kan inte ändras."))
        try:
            result = change(self.plan, *args, **kwargs)
        except UserFacingError as error:
            return EditResult(str(error))
        if isinstance(result, tuple):
            new, new_id = result[0], result[1]
        else:
            new, new_id = result, None
        applied = self.apply(label, new, merge_key)
        return applied if not applied.ok else EditResult(None, new_id)

    def apply(self, label: str, new: Plan, merge_key: str | None = None) -> EditResult:
        """Make `new` the plan as one undoable step (for changes built outside `edits`)."""
        if self.read_only:
            return EditResult(self.tr("Planen är öppnad skrivskyddat och kan inte ändras."))
        old = self.plan
        if new is old:
            return EditResult()
        refusal = self._stage(new)
        if refusal is not None:
            self.failed.emit(refusal)
            return EditResult(refusal)
        self.undo_stack.push(PlanCommand(self, label, old, new, merge_key))
        self.changed.emit(changed_parts(old, new))
        return EditResult()

    def _stage(self, plan: Plan) -> str | None:
        """Show `plan` from now on; write it at once, or after the frame. A refusal of an
        immediate write is returned (nothing changed)."""
        try:
            if not self.write_after_frame:
                self.document.commit(plan)  # stage + flush; a refused write stages nothing
                return None
            self.document.stage(plan)  # in memory: the outcome follows the changed rows
        except UserFacingError as error:
            return str(error)
        if not self._scheduled:
            # The delay starts on the event loop's next turn, after this edit's repaint
            # was queued: however long the edit took, the frame is painted first.
            self._scheduled = True
            QTimer.singleShot(0, self, self._timer.start)
            self.saving.emit(True)
        return None

    def flush(self) -> EditResult:
        """Write what the window shows, now. If the file refuses, go back to what it holds,
        drop the undo history and report it (`failed`); the refusal is returned."""
        self._timer.stop()
        self._scheduled = False
        if not self.pending or self.read_only:
            return EditResult()
        shown = self.plan
        try:
            self.document.flush()
        except UserFacingError as error:  # the document is back at what the file holds
            message = self.tr("%1 Ändringen har tagits tillbaka och ångra-historiken har "
                              "rensats.").replace("%1", str(error))
            self.undo_stack.clear()
            self.changed.emit(changed_parts(shown, self.plan))
            self.saving.emit(False)
            self.failed.emit(message)
            return EditResult(message)
        self.saving.emit(False)
        return EditResult()

    def end_merge(self) -> None:
        """End the current editing session: the next edit is a new undo step even with the
        same merge key (a field lost focus, a cell editor closed)."""
        index = self.undo_stack.index()
        if index > 0:
            command = self.undo_stack.command(index - 1)
            if isinstance(command, PlanCommand):
                command.sealed = True

    def _replace(self, plan: Plan) -> None:
        """Undo or redo to `plan`. If the file refuses the write, the plan stays as it is
        in the file and the undo history is dropped, so the stack never claims a state the
        plan is not in."""
        old = self.plan
        refusal = self._stage(plan)
        if refusal is not None:
            self.failed.emit(self.tr("%1 Ångra-historiken har rensats.").replace("%1", refusal))
            QTimer.singleShot(0, self.undo_stack.clear)
            return
        self.changed.emit(changed_parts(old, plan))

    def close(self) -> None:
        """Write what is pending, then close the file."""
        self.flush()
        self.undo_stack.clear()
        try:
            self.document.close()
        except UserFacingError as error:  # reported; the file keeps what it had
            self.failed.emit(str(error))
