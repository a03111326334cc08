"""Ticking off what *Nytt år* asked the user to check (`Plan.checklist`), as Plan -> Plan."""

from __future__ import annotations

from dataclasses import replace

from .errors import UserFacingError
from .plan import Plan


class ChecklistError(UserFacingError):
    """The checklist item is not in the plan (removed in another step)."""


def set_done(plan: Plan, item_id: int, done: bool) -> Plan:
    """`plan` with checklist item `item_id` ticked off (or not)."""
    if not any(item.id == item_id for item in plan.checklist):
        raise ChecklistError("Punkten finns inte längre i planens att göra-lista.")
    return replace(plan, checklist=tuple(replace(item, done=done) if item.id == item_id else item
                                         for item in plan.checklist))
