"""Opening a plan builds only the tab the window shows; every other tab is built the first
time it is shown (a click on its title, Ctrl+Tab, a finding) and then shows and does what
it always did: its rows, the edits made before it was built, undo, the focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from finsam_desktop.domain import edits
from finsam_desktop.domain.money import format_money
from finsam_desktop.ui.main_window import TABS
from finsam_desktop.ui.tables import ID_ROLE

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("This plugin does not support")]

TITLES = [title for _, _, title in TABS]
CLASSES = {"overview": "OverviewTab", "members": "MembersTab", "interventions": "InterventionsTab",
           "budget": "BudgetTab", "goals": "GoalsTab", "text": "DocumentTab",
           "follow_up": "FollowUpTab"}


def click_tab(window, qtbot, index: int) -> QWidget:
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    return window.tabs.currentWidget()


def test_opening_builds_only_the_tab_it_shows(make_window, plan_file):
    window = make_window()
    assert window.open_path(plan_file("skaraborg-2026"))
    tabs = window.tabs_by_key
    assert [key for key in tabs if tabs.is_built(key)] == ["overview"]
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == TITLES
    assert type(window.tabs.currentWidget()).__name__ == "OverviewTab"
    for index in range(1, window.tabs.count()):  # the others: empty pages so far
        assert window.tabs.widget(index).findChildren(QWidget) == []
    assert not any(tabs.is_built(key) for key, _, _ in TABS[1:])  # looking built nothing


def test_each_tab_is_built_when_clicked_and_shows_its_rows(make_window, plan_file, qtbot):
    window = make_window()
    assert window.open_path(plan_file("skaraborg-2026"))
    plan = window.model.plan
    for index, (key, _build, title) in enumerate(TABS):
        tab = click_tab(window, qtbot, index)
        assert type(tab).__name__ == CLASSES[key] and window.tabs_by_key[key] is tab
        assert window.tabs.currentIndex() == index and window.tabs.tabText(index) == title
        assert tab.isVisible() and window.tabs_by_key.is_built(key)
    members = window.tabs_by_key["members"]
    shown = {members.proxy.index(row, 0).data(ID_ROLE) for row in range(members.proxy.rowCount())}
    assert shown == {member.id for member in plan.members}
    interventions = window.tabs_by_key["interventions"]
    assert interventions.proxy.rowCount() == len(plan.interventions) > 0
    assert [interventions.proxy.index(row, 0).data() for row in range(3)] == \
        [item.name for item in plan.interventions[:3]]
    assert window.tabs.count() == len(TABS)  # no page was lost or doubled on the way
    click_tab(window, qtbot, 0)
    assert window.tabs.currentWidget() is window.tabs_by_key["overview"]


def test_a_tab_built_after_edits_shows_them_and_follows_undo(make_window, plan_file, qtbot):
    window = make_window()
    assert window.open_path(plan_file("skaraborg-2026"))
    model = window.model
    target = model.plan.interventions[1]
    year = model.plan.plan_year
    assert model.edit("Belopp", edits.set_year_value, "interventions", target.id, "amounts",
                      year, 1_234_567).ok
    assert not window.tabs_by_key.is_built("interventions")

    tab = click_tab(window, qtbot, 2)
    assert tab is window.tabs_by_key["interventions"]
    column = tab.table.column_index(f"amounts:{year}")
    assert column >= 0
    assert tab.proxy.index(1, column).data() == format_money(1_234_567, model.plan.unit)
    model.undo_stack.undo()  # the tab built late follows the model like any other
    assert tab.proxy.index(1, column).data() == format_money(target.amounts.get(year, 0),
                                                             model.plan.unit)
    model.undo_stack.redo()
    assert tab.proxy.index(1, column).data() == format_money(1_234_567, model.plan.unit)


def test_the_focus_moves_into_a_tab_built_on_click_as_into_a_built_one(make_window, plan_file,
                                                                       qtbot):
    window = make_window()
    assert window.open_path(plan_file("skaraborg-2026"))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    overview = window.tabs_by_key["overview"]
    overview.fields["association"].setFocus()
    qtbot.waitUntil(lambda: overview.fields["association"].hasFocus(), timeout=3000)

    members = click_tab(window, qtbot, 1)  # built now, from an empty page that had the focus
    first = QApplication.focusWidget()
    assert first is not None and members.isAncestorOf(first)
    overview_again = click_tab(window, qtbot, 0)
    assert overview_again.isAncestorOf(QApplication.focusWidget())
    click_tab(window, qtbot, 1)  # the built tab gets it back the same way
    assert QApplication.focusWidget() is first


def test_closing_and_reopening_starts_unbuilt_again(make_window, plan_file, qtbot):
    window = make_window()
    path = plan_file("sormland-2026")
    assert window.open_path(path)
    click_tab(window, qtbot, 3)
    assert window.tabs_by_key.is_built("budget")
    window.close_document()
    assert window.tabs.count() == 0 and len(window.tabs_by_key) == 0
    assert window.open_path(path)
    assert window.tabs.count() == len(TABS)
    assert [key for key in window.tabs_by_key if window.tabs_by_key.is_built(key)] == \
        ["overview"]


def test_a_tab_module_is_imported_when_its_tab_is_first_built():
    """The window starts with the first tab's module only (the six others cost a tenth of
    a second of every start); each comes with its tab. A fresh interpreter, since this one
    has imported them all."""
    import json
    import subprocess
    import sys
    code = ("import json, sys\n"
            "from finsam_desktop.ui import main_window\n"
            "print(json.dumps([m for m in sys.modules if m.startswith('finsam_desktop.ui.tabs.')]))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env={**__import__("os").environ,
                                             "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr[-2000:]
    later = {"members_tab", "interventions_tab", "budget_tab", "goals_tab", "text_tab",
             "follow_up_tab"}
    loaded = {name.rsplit(".", 1)[1] for name in json.loads(result.stdout)}
    assert "overview_tab" in loaded and not loaded & later
