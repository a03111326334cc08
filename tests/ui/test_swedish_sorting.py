"""Names sort in Swedish order (… Z, Å, Ä, Ö) in every sortable table, whatever the OS locale.

CI runs with the "C" collation, where Ä comes before Å and both before … nothing
Swedish; docs/pitfalls.md says to collate with `QCollator(QLocale(Swedish, Sweden))`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QTableView

from finsam_desktop.domain.follow_up_edits import add_period
from finsam_desktop.ui.tabs.members_tab import MembersTab

NAMES = ["Ödeshög", "Åre", "Ängelholm", "Arboga"]
SWEDISH_ORDER = ["Arboga", "Åre", "Ängelholm", "Ödeshög"]


def names_in_view(tab) -> list[str]:
    column = tab.table.column_index("name")
    return [tab.proxy.index(row, column).data() for row in range(tab.proxy.rowCount())]


def test_member_names_sort_in_swedish_order(open_model, qtbot):
    model = open_model("vastra-ostergotland-2026")
    window = QMainWindow()
    tab = MembersTab(model)
    window.setCentralWidget(tab)
    qtbot.addWidget(window)
    municipalities = [m for m in model.plan.members if m.kind == "municipality"][:4]
    column = tab.table.column_index("name")
    for member, name in zip(municipalities, NAMES, strict=True):
        row = tab.proxy.mapFromSource(tab.table.index(tab.table.row_of(member.id), column)).row()
        assert tab.proxy.setData(tab.proxy.index(row, column), name), tab.table.last_refusal

    tab.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert [n for n in names_in_view(tab) if n in NAMES] == SWEDISH_ORDER
    tab.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert [n for n in names_in_view(tab) if n in NAMES] == SWEDISH_ORDER[::-1]


def test_every_sortable_table_collates_names_in_swedish(make_window, plan_file):
    """Each table the user can sort by clicking a header puts Åre before Ängelholm."""
    window = make_window()
    assert window.open_path(plan_file("sjuharad-2025"))
    assert window.model.edit("Ny period", add_period, "Tertial 1", "2025-04-30").ok  # follow-up
    sortable = [view for tab in window.tabs_by_key.values()
                for view in tab.findChildren(QTableView) if view.isSortingEnabled()]
    assert len(sortable) >= 2  # members and interventions at least
    for view in sortable:
        proxy = view.model()
        column = next(c for c in range(proxy.columnCount())
                      if proxy.sourceModel().column(c).key == "name")
        names = [proxy.index(r, column) for r in range(proxy.rowCount())]
        assert len(names) >= 2, view
        # compare through the proxy's own ordering with Swedish names in place
        source = proxy.sourceModel()
        first, second = names[0], names[1]
        assert source.setData(proxy.mapToSource(first), "Ängelholm")
        assert source.setData(proxy.mapToSource(second), "Åre")
        view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        shown_names = [proxy.index(r, column).data() for r in range(proxy.rowCount())]
        assert shown_names.index("Åre") < shown_names.index("Ängelholm"), view.parent()


def test_member_shares_sort_as_numbers(open_model, qtbot):
    """Shares are Fractions: 1/4 < 481/4000 must not be decided by their text."""
    model = open_model("vastra-ostergotland-2026")
    tab = MembersTab(model)
    qtbot.addWidget(tab)
    column = tab.table.column_index("share")
    tab.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    shares = [model.outcome.members[tab.table.item(tab.proxy.mapToSource(
        tab.proxy.index(row, column)).row()).id].share for row in range(tab.proxy.rowCount())
        if tab.table.item(tab.proxy.mapToSource(tab.proxy.index(row, column)).row()).id
        in model.outcome.members]
    assert len(shares) > 3
    assert shares == sorted(shares, reverse=True)


def test_a_sorted_table_follows_edits_and_undo(open_model, qtbot):
    """The proxy keeps each column's sort keys between comparisons (`ui/sort_proxy.py`): an
    edited name, an added row and an undo still land where the new values sort."""
    model = open_model("vastra-ostergotland-2026")
    tab = MembersTab(model)
    qtbot.addWidget(tab)
    column = tab.table.column_index("name")
    tab.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    before = names_in_view(tab)
    assert before == sorted(before, key=lambda n: tab.proxy.collator.sortKey(n))
    last = tab.proxy.mapToSource(tab.proxy.index(tab.proxy.rowCount() - 1, column))
    assert tab.table.setData(last, "Aaby kommun")  # the last name becomes the first
    assert names_in_view(tab)[0] == "Aaby kommun"
    first = tab.proxy.mapToSource(tab.proxy.index(0, column))
    assert tab.table.setData(first, "Ödeshögs kommun 2")
    assert names_in_view(tab)[-1] == "Ödeshögs kommun 2"
    model.undo_stack.undo()
    model.undo_stack.undo()
    assert names_in_view(tab) == before
    assert tab.rows.add() is not None  # a new member, named by the model, sorted in
    shown = names_in_view(tab)
    assert len(shown) == len(before) + 1
    assert shown == sorted(shown, key=lambda n: tab.proxy.collator.sortKey(n))
