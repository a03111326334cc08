"""The one model layer of the window: the open document, its undo stack, one signal.

Every user edit goes through `edit()`: a pure function from `domain.edits`
makes the new Plan, the document writes it through in one transaction and
recomputes the Outcome, an undo command records old and new plan, and
`changed` tells the tabs which parts of the plan changed. Tabs never compute.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..domain.edits import EditError
from ..domain.outcome import Outcome
from ..domain.plan import Plan
from ..storage.document import PlanDocument
from ..storage.errors import PlanFileError

PARTS = ("settings", "members", "other_income", "costs", "interventions", "rules",
         "goals", "sections")


def changed_parts(old: Plan, new: Plan) -> frozenset[str]:
    """Which parts of the plan differ, by identity (edits share what they do not touch)."""
    parts = set()
    for part in PARTS[1:]:
        before = old.equity.rules if part == "rules" else getattr(old, part)
        after = new.equity.rules if part == "rules" else getattr(new, part)
        if before is not after:
            parts.add(part)
    if (old.association, old.decided, old.plan_year, old.plan_span, old.unit,
            old.contributions) != (new.association, new.decided, new.plan_year, new.plan_span,
                                   new.unit, new.contributions) \
            or (old.equity.opening, old.equity.opening_is_forecast) != \
            (new.equity.opening, new.equity.opening_is_forecast):
        parts.add("settings")
    return frozenset(parts)


class PlanCommand(QUndoCommand):
    """One user action: the plan before and after. Typing in one cell merges."""

    _ids: dict[str, int] = {}

    def __init__(self, model: "PlanModel", label: str, old: Plan, new: Plan,
                 merge_key: str | None):
        super().__init__(label)
        self._model = model
        self.old = old
        self.new = new
        self._merge_key = merge_key
        self._first = True

    def id(self) -> int:  # noqa: A003 - Qt's name
        if self._merge_key is None:
            return -1
        return PlanCommand._ids.setdefault(self._merge_key, len(PlanCommand._ids) + 1)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, PlanCommand) or other._merge_key != self._merge_key:
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
    """Owns the open PlanDocument and the undo stack; the tabs' only source of truth."""

    changed = Signal(frozenset)
    """Emitted once after every change, undo and redo, with the parts that changed."""
    failed = Signal(str)
    """A change could not be written to the file; the Swedish message says why."""

    def __init__(self, document: PlanDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.undo_stack = QUndoStack(self)

    @property
    def plan(self) -> Plan:
        return self.document.plan

    @property
    def outcome(self) -> Outcome:
        return self.document.outcome

    @property
    def read_only(self) -> bool:
        return self.document.read_only

    def edit(self, label: str, change: Callable[..., Plan | tuple], *args,
             merge_key: str | None = None, **kwargs) -> str | None:
        """Apply `change(plan, *args, **kwargs)` as one undoable step.

        Returns None when it was applied, or the Swedish reason it was refused
        (bad input, read-only file, a failed write); then nothing has changed.
        """
        if self.read_only:
            return self.tr("Planen är öppnad skrivskyddat och kan inte ändras.")
        try:
            result = change(self.plan, *args, **kwargs)
        except EditError as error:
            return str(error)
        new = result[0] if isinstance(result, tuple) else result
        self.last_result = result
        return self.apply(label, new, merge_key)

    def apply(self, label: str, new: Plan, merge_key: str | None = None) -> str | None:
        """Make `new` the plan as one undoable step (for changes built outside `edits`)."""
        old = self.plan
        if new is old:
            return None
        try:
            self.document.commit(new)
        except PlanFileError as error:
            self.failed.emit(str(error))
            return str(error)
        self.undo_stack.push(PlanCommand(self, label, old, new, merge_key))
        self.changed.emit(changed_parts(old, new))
        return None

    def _replace(self, plan: Plan) -> None:
        """Undo or redo to `plan`. If the file refuses the write, the plan stays as it is
        in the file and the undo history is dropped, so the stack never claims a state the
        plan is not in."""
        old = self.plan
        try:
            self.document.commit(plan)
        except PlanFileError as error:
            self.failed.emit(self.tr("%1 Ångra-historiken har rensats.").replace("%1", str(error)))
            QTimer.singleShot(0, self.undo_stack.clear)
            return
        self.changed.emit(changed_parts(old, plan))

    def close(self) -> None:
        self.undo_stack.clear()
        self.document.close()
