"""Column widths in the real window at a laptop's first size: room to spare goes to text that
would otherwise be cut, not to a wide last column."""

from __future__ import annotations

from PySide6.QtCore import QSize

from finsam_desktop.ui.window_support import first_size


def laptop_window(make_window):
    size = first_size(QSize(1366, 768 - 40))
    return make_window(size=(size.width(), size.height()))


def test_room_to_spare_shows_a_long_key_source_whole(make_window, plan_file, qtbot):
    window = laptop_window(make_window)
    window.open_path(plan_file("skaraborg-2026"))
    tab = window.tabs_by_key["members"]
    window.tabs.setCurrentWidget(tab)
    qtbot.wait(10)
    view = tab.view
    column = view.table.column_index("key_source")
    longest = max((m.key_source for m in window.model.plan.members), key=len)
    assert len(longest) > 40
    assert view.horizontalHeader().sectionSize(column) >= view.fontMetrics().horizontalAdvance(
        longest)
    assert view.horizontalHeader().length() <= view.viewport().width()

