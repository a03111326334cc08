"""The Insatser filter through Qt's own row filter: the same rows as the criteria say while
filtering (start, change, combine, stop, an edit, a new row), and no question per row
while nothing is filtered (opening the tab, adding or removing a row)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from finsam_desktop.domain import edits
from finsam_desktop.ui.tables import ID_ROLE
from finsam_desktop.ui.tabs.interventions_tab import InterventionsTab

from .plan_models import show_tab

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("This plugin does not support")]


def shown_ids(tab) -> list[int]:
    return [tab.proxy.index(row, 0).data(ID_ROLE) for row in range(tab.proxy.rowCount())]


def counting(tab) -> list[int]:
    """Every call of the table's row filter, recorded from now on."""
    calls: list[int] = []
    accepts = tab.table.row_filter

    def counted(item) -> bool:
        calls.append(item.id)
        return accepts(item)
    tab.table.row_filter = counted
    return calls


def test_unfiltered_rows_are_mapped_without_asking_each_row(open_model, qtbot, monkeypatch):
    model = open_model("sjuharad-2025")
    from finsam_desktop.ui.tabs import intervention_filter
    asked: list[int] = []
    real = intervention_filter.InterventionFilter.accepts
    monkeypatch.setattr(intervention_filter.InterventionFilter, "accepts",
                        lambda self, item: asked.append(item.id) or real(self, item))
    tab = show_tab(InterventionsTab, model, qtbot, active=True)
    # Qt's own row filter, not a Python one that Qt would call for every row
    assert type(tab.proxy).filterAcceptsRow is QSortFilterProxyModel.filterAcceptsRow
    assert shown_ids(tab) == [item.id for item in model.plan.interventions]
    assert asked == []  # opening the tab asked no row
    assert model.edit("Ny", edits.add_item, "interventions").ok  # a reset of the rows
    assert model.undo_stack.undo() is None and asked == []
    assert len(shown_ids(tab)) == len(model.plan.interventions)


def test_filtering_starts_changes_combines_and_stops_with_the_rows_it_says(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = show_tab(InterventionsTab, model, qtbot, active=True)
    plan = model.plan
    every = [item.id for item in plan.interventions]
    area = plan.interventions[0].area
    other = next(item.area for item in plan.interventions if item.area != area)

    tab.area_filter.setCurrentIndex(tab.area_filter.findData(area))  # starts
    assert shown_ids(tab) == [i.id for i in plan.interventions if i.area == area]
    calls = counting(tab)
    tab.area_filter.setCurrentIndex(tab.area_filter.findData(other))  # changes
    assert shown_ids(tab) == [i.id for i in plan.interventions if i.area == other]
    assert sorted(calls) == sorted(every)  # one pass, not two
    word = plan.interventions[-1].name.split()[0]
    tab.search.setText(word.lower())  # combines
    assert shown_ids(tab) == [i.id for i in plan.interventions
                              if i.area == other and word.casefold() in i.name.casefold()]
    tab.clear_filter()  # stops: every row again, in the plan's order
    assert shown_ids(tab) == every
    calls.clear()
    assert model.edit("Ny", edits.add_item, "interventions").ok
    assert calls == [] and len(shown_ids(tab)) == len(every) + 1


def test_an_edit_under_a_filter_hides_the_row_it_no_longer_matches(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = show_tab(InterventionsTab, model, qtbot, active=True)
    plan = model.plan
    first = plan.interventions[0]
    other = next(item.area for item in plan.interventions if item.area != first.area)
    tab.area_filter.setCurrentIndex(tab.area_filter.findData(first.area))
    assert first.id in shown_ids(tab)
    area_column = tab.table.column_index("area")
    row = shown_ids(tab).index(first.id)
    assert tab.proxy.setData(tab.proxy.index(row, area_column), other, Qt.ItemDataRole.EditRole)
    assert first.id not in shown_ids(tab)
    model.undo_stack.undo()
    assert first.id in shown_ids(tab)
