"""The findings panel follows the plan live and takes the user to what a finding concerns."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from finsam_desktop.domain import edits

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("This plugin does not support")]


def open_window(make_window, plan_file, qtbot, name="vastra-ostergotland-2026"):
    window = make_window()
    window.open_path(plan_file(name))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def messages(window) -> list[str]:
    dock = window.findings
    return [dock.list.item(i).text() for i in range(dock.list.count())]


def activate(window, qtbot, code: str) -> None:
    """Choose the finding with `code` in the panel and press Enter, as a user would."""
    dock = window.findings
    row = [f.code for f in dock.findings].index(code)
    dock.list.setFocus()
    dock.list.setCurrentRow(row)
    qtbot.keyClick(dock.list, Qt.Key.Key_Return)


def test_lists_the_findings_with_severity(make_window, plan_file, qtbot):
    window = open_window(make_window, plan_file, qtbot)
    assert messages(window) == [
        "2026: ingående eget kapital saknas och räknas som 0 kr. Fyll i det egna kapitalet "
        "från bokslutet eller prognosen.",
        "Planen har ingen regel om högsta eget kapital, så ett kapital som växer år efter år "
        "syns inte här. Lägg till en regel, till exempel högst 20 % av årets medlemsavgifter, "
        "om förbundet har en sådan."]
    assert window.findings.windowTitle() == "Iakttagelser (2)"
    item = window.findings.list.item(0)
    assert item.foreground().color().name() == "#8a5a00"
    assert item.toolTip().startswith("Varning: ")


def test_updates_live_and_goes_to_the_member(make_window, plan_file, qtbot):
    window = open_window(make_window, plan_file, qtbot)
    model = window.model
    motala = next(m for m in model.plan.members if m.name == "Motala kommun")
    assert model.edit("Ta bort nyckel", edits.set_key, motala.id, None).ok
    assert any("Motala kommun saknar fördelningsnyckel" in text for text in messages(window))
    assert window.findings.windowTitle() == "Iakttagelser (3)"

    activate(window, qtbot, "municipality_key_missing")
    members = window.tabs_by_key["members"]
    assert window.tabs.currentWidget() is members
    selected = members.view.selectionModel().selectedRows()
    assert [members.proxy.index(i.row(), 0).data() for i in selected] == ["Motala kommun"]

    model.undo_stack.undo()
    assert not any("Motala" in text for text in messages(window))


def test_goes_to_the_opening_equity_and_to_a_rule(make_window, plan_file, qtbot):
    window = open_window(make_window, plan_file, qtbot)
    window.tabs.setCurrentIndex(3)
    activate(window, qtbot, "opening_equity_missing")
    overview = window.tabs_by_key["overview"]
    assert window.tabs.currentWidget() is overview
    assert overview.fields["opening_equity"].hasFocus()

    window.model.edit("Regel", edits.add_item, "rules", amount=50_000_000)
    window.tabs.setCurrentIndex(1)
    activate(window, qtbot, "equity_below_minimum")
    assert window.tabs.currentWidget() is overview
    assert overview.rules.currentIndex().row() == 0


def test_negative_equity_goes_to_the_budget(make_window, plan_file, qtbot):
    window = open_window(make_window, plan_file, qtbot)
    window.model.edit("Kapital", edits.set_opening_equity, -10_000_000)
    activate(window, qtbot, "equity_negative")
    assert window.tabs.currentWidget() is window.tabs_by_key["budget"]


def test_a_plan_without_findings_says_so(make_window, plan_file, qtbot):
    window = open_window(make_window, plan_file, qtbot, "sormland-2026")
    assert [f.code for f in window.findings.findings] == ["equity_maximum_missing"]
    assert window.model.edit("Regel", edits.add_item, "rules", kind="max_share",
                             share=Decimal(1)).ok
    shown = messages(window)
    assert shown[0] == "Inga iakttagelser. Kontrollerat:"
    assert "• Varje kommun har fördelningsnyckel varje år." in shown
    assert any(line.startswith("• Regel: ") for line in shown)
    assert not any("går ihop" in line for line in shown)  # never claims more than was checked
    window.close_document()
    assert messages(window) == []
