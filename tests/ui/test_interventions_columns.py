"""Insatser's *Visa kolumner*: what shows at first, what the user turns on and off (kept for the
next window), and a paste that lands in the columns one sees, not in hidden ones."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication

from finsam_desktop.ui.tabs.interventions_tab import HIDDEN_BY_DEFAULT

CTRL = Qt.KeyboardModifier.ControlModifier


def shown_headers(tab) -> list[str]:
    header = tab.view.horizontalHeader()
    return [tab.table.headerData(c, Qt.Orientation.Horizontal).replace("\n", " ")
            for c in range(tab.table.columnCount()) if not header.isSectionHidden(c)]


def menu_action(tab, text: str):
    return next(a for a in tab.columns.menu.actions() if a.text() == text)


def test_rarely_edited_columns_start_hidden_and_the_menu_shows_them(make_window, plan_file):
    window = make_window()
    window.open_path(plan_file("sjuharad-2025"))
    tab = window.tabs_by_key["interventions"]
    window.tabs.setCurrentWidget(tab)
    assert shown_headers(tab) == [
        "Insats", "Område", "Kategori", "Belopp 2025", "Belopp 2026", "Belopp 2027",
        "Deltagare 2025", "Deltagare 2026", "Deltagare 2027", "Kommun", "Insatsägare"]
    assert tab.columns.button.text() == f"Visa kolumner ({len(HIDDEN_BY_DEFAULT)} dolda)"
    menu_action(tab, "Beskrivning").trigger()
    assert shown_headers(tab)[-1] == "Beskrivning"
    assert tab.columns.button.text() == f"Visa kolumner ({len(HIDDEN_BY_DEFAULT) - 1} dolda)"
    menu_action(tab, "Kategori").trigger()
    assert "Kategori" not in shown_headers(tab)
    assert tab.table.headerData(2, Qt.Orientation.Horizontal) == "Kategori"  # data stays
    window.close_document()

    again = make_window()  # the same settings: the choice is kept
    again.open_path(plan_file("sjuharad-2025", "igen.finsam"))
    tab = again.tabs_by_key["interventions"]
    again.tabs.setCurrentWidget(tab)
    shown = shown_headers(tab)
    assert "Beskrivning" in shown and "Kategori" not in shown and "Grupp" not in shown
    menu_action(tab, "Visa alla kolumner").trigger()
    assert len(shown_headers(tab)) == tab.table.columnCount()
    assert tab.columns.button.text() == "Visa kolumner"
    menu_action(tab, "Standardkolumner").trigger()
    assert "Beskrivning" not in shown_headers(tab) and "Kategori" in shown_headers(tab)


def test_a_paste_skips_the_hidden_columns(make_window, plan_file, qtbot):
    window = make_window()
    window.open_path(plan_file("sjuharad-2025"))
    tab = window.tabs_by_key["interventions"]
    window.tabs.setCurrentWidget(tab)
    menu_action(tab, "Kategori").trigger()
    mime = QMimeData()
    mime.setText("Strukturövergripande insatser\t123\n")  # Område, then the next one seen
    QGuiApplication.clipboard().setMimeData(mime)
    view = tab.view
    view.setFocus()
    view.setCurrentIndex(tab.proxy.index(0, tab.table.column_index("area")))
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    first = window.model.plan.interventions[0]
    assert first.area == "struktur" and first.amounts[2025] == 123_000
    assert first.category == "forberedande"  # hidden: untouched
