"""The open plan's tabs in the window's order: key, how to build it, title.

Each tab's module but the first is imported when the tab is first built (`lazy_tabs`),
not when the window starts: a window opens on one tab, and the six other modules with what only they
use (the document editor, the chart, the follow-up models) cost a tenth of a second
or more of every start (`python -X importtime`). Plain imports inside the builders,
so a freezer still sees them (docs/pitfalls.md).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from .plan_model import PlanModel
from .tabs.overview_tab import OverviewTab  # the tab a plan opens on: not in its stop


def overview(model: PlanModel) -> QWidget:
    return OverviewTab(model)


def members(model: PlanModel) -> QWidget:
    from .tabs.members_tab import MembersTab
    return MembersTab(model)


def interventions(model: PlanModel) -> QWidget:
    from .tabs.interventions_tab import InterventionsTab
    return InterventionsTab(model)


def budget(model: PlanModel) -> QWidget:
    from .tabs.budget_tab import BudgetTab
    return BudgetTab(model)


def goals(model: PlanModel) -> QWidget:
    from .tabs.goals_tab import GoalsTab
    return GoalsTab(model)


def text(model: PlanModel) -> QWidget:
    from .tabs.text_tab import DocumentTab
    return DocumentTab(model)


def follow_up(model: PlanModel) -> QWidget:
    from .tabs.follow_up_tab import FollowUpTab
    return FollowUpTab(model)


TABS: tuple[tuple[str, Callable[[PlanModel], QWidget], str], ...] = (
    ("overview", overview, "Översikt"), ("members", members, "Medlemmar"),
    ("interventions", interventions, "Insatser"), ("budget", budget, "Budget"),
    ("goals", goals, "Mål"), ("text", text, "Dokument"), ("follow_up", follow_up, "Uppföljning"))
"""Key (used by the findings, the menus and the tests), builder, Swedish title (through tr)."""
