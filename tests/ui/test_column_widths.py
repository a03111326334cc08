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



def test_a_column_is_measured_once_per_plan_and_again_when_the_plan_changes(make_window,
                                                                            plan_file, qtbot):
    """Building a tab fits its columns several times in a row; the texts are measured once
    for the plan shown, and measured again for a changed plan (a longer name widens)."""
    from finsam_desktop.domain import edits
    from finsam_desktop.ui import column_widths
    window = make_window()
    window.open_path(plan_file("skaraborg-2026"))
    tab = window.tabs_by_key["members"]
    window.tabs.setCurrentWidget(tab)
    view, model = tab.view, window.model
    column = view.table.column_index("key_source")
    measured = []
    real_text = view.table.column(column).text

    def text(item, plan_model):
        measured.append(item.id)
        return real_text(item, plan_model)
    object.__setattr__(view.table.column(column), "text", text)
    before = column_widths.contents_width(view, column)
    view.fit_columns()
    view.fit_columns()
    assert measured == [] and column_widths.contents_width(view, column) == before

    member = max(model.plan.members, key=lambda m: len(m.key_source))  # the widest text
    longer = member.key_source + " och en mycket längre förklaring av källan"
    assert model.edit("Källa", edits.update_item, "members", member.id, key_source=longer).ok
    assert column_widths.contents_width(view, column) > before
