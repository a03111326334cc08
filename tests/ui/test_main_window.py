"""The whole window driven like a user: members recalculate live, undo, refusals, read-only."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from finsam_desktop.domain.money import NBSP, parse_money
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.exchange_file import read_plan_json
from finsam_desktop.ui import backup_dialog, population_dialog, report_actions

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("This plugin does not support")]

MUNICIPALITIES = ("Motala kommun", "Mjölby kommun", "Vadstena kommun", "Boxholms kommun",
                  "Ödeshögs kommun")


def members_view(window):
    tab = window.tabs_by_key["members"]
    window.tabs.setCurrentWidget(tab)
    return tab


def cell(tab, name: str, key: str):
    """The view index of member `name`'s cell in the column `key`."""
    column = tab.table.column_index(key)
    for row in range(tab.proxy.rowCount()):
        index = tab.proxy.index(row, tab.table.column_index("name"))
        if index.data() == name:
            return tab.proxy.index(row, column)
    raise AssertionError(f"no row {name}")


def amounts(tab) -> dict[str, int]:
    """What the user reads in the "Avgift 2026" column, parsed back to kronor."""
    return {name: parse_money(cell(tab, name, "contribution:2026").data()) for name in MUNICIPALITIES}


def type_into(tab, index, text: str, qtbot) -> None:
    view = tab.view
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(20)


def file_plan(path):
    with PlanDocument.open(path, read_only=True) as document:
        return document.plan


def test_population_change_moves_every_municipality_and_undo_restores(
        make_window, plan_file, qtbot):
    path = plan_file("vastra-ostergotland-2026")
    window = make_window()
    assert window.open_path(path)
    tab = members_view(window)
    before = amounts(tab)
    assert before["Motala kommun"] == 1_032_226
    assert sum(before.values()) == 2_146_000

    type_into(tab, cell(tab, "Motala kommun", "key:None"), "50 000", qtbot)

    after = amounts(tab)
    assert cell(tab, "Motala kommun", "key:None").data() == f"50{NBSP}000"
    assert all(after[name] != before[name] for name in MUNICIPALITIES)
    assert after["Motala kommun"] > before["Motala kommun"]
    assert sum(after.values()) == 2_146_000
    qtbot.waitUntil(lambda: not window.model.pending)  # written right after the frame
    motala = next(m for m in file_plan(path).members if m.name == "Motala kommun")
    assert motala.key == 50_000

    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert amounts(tab) == before
    assert cell(tab, "Motala kommun", "key:None").data() == f"43{NBSP}505"
    qtbot.waitUntil(lambda: not window.model.pending)  # written right after the frame
    assert next(m for m in file_plan(path).members if m.name == "Motala kommun").key == 43_505

    qtbot.keyClick(tab.view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert amounts(tab) == after


def test_letters_in_an_amount_are_refused_and_nothing_is_written(make_window, plan_file, qtbot):
    path = plan_file("vastra-ostergotland-2026")
    window = make_window()
    window.open_path(path)
    tab = members_view(window)
    index = cell(tab, "Motala kommun", "previous_contribution")
    before_bytes = path.read_bytes()

    type_into(tab, index, "abc", qtbot)

    assert "abc" in tab.message.text() and "inget belopp" in tab.message.text()
    assert tab.message.isVisible()
    assert index.data() == ""
    assert "inget belopp" in window.statusBar().currentMessage()
    assert path.read_bytes() == before_bytes
    assert window.model.undo_stack.count() == 0

    type_into(tab, cell(tab, "Motala kommun", "key:None"), "-5", qtbot)
    assert "negativt" in tab.message.text()
    assert cell(tab, "Motala kommun", "key:None").data() == f"43{NBSP}505"
    assert path.read_bytes() == before_bytes


def test_the_same_file_twice_is_read_only_with_a_banner(make_window, plan_file, qtbot):
    path = plan_file("vastra-ostergotland-2026")
    first, second = make_window(), make_window()
    assert first.open_path(path)
    assert not first.model.read_only and first.banner.isHidden()

    assert second.open_path(path)
    assert second.model.read_only
    assert second.banner.isVisible()
    assert "Skrivskyddad" in second.banner.text()
    assert "den här datorn" in second.banner.text()
    assert "(skrivskyddad)" in second.windowTitle()
    assert path.name in second.windowTitle()
    tab = members_view(second)
    assert not tab.add_button.isEnabled()
    assert not (tab.table.flags(tab.table.index(2, 2)) & Qt.ItemFlag.ItemIsEditable)
    assert not second.actions_by_key["population"].isEnabled()

    first.open_path(path)  # opening its own file again keeps it writable
    assert not first.model.read_only

    first.close_document()
    third = make_window()
    third.open_path(path)
    assert not third.model.read_only


def test_title_undo_menu_and_ctrl_s(make_window, plan_file, qtbot):
    path = plan_file("sormland-2026")
    window = make_window()
    assert window.windowTitle() == "FinSam Desktop"
    assert not window.actions_by_key["pdf"].isEnabled()
    window.open_path(path)
    assert window.windowTitle().startswith("sormland-2026.finsam – Samordningsförbundet Sörmland")
    assert not window.undo_action.isEnabled()
    overview = window.tabs_by_key["overview"]
    field = overview.fields["association"]
    field.setText("Samordningsförbundet Sörmland län")
    field.editingFinished.emit()
    assert window.undo_action.isEnabled()
    assert "Ändra förbundets namn" in window.undo_action.text()
    assert "Sörmland län" in window.windowTitle()
    window.undo_action.trigger()
    assert field.text() == "Samordningsförbundet Sörmland"

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Allt är sparat"


def test_an_unreadable_file_gives_a_swedish_message(make_window, tmp_path, shown):
    bad = tmp_path / "trasig.finsam"
    bad.write_bytes(b"inte en plan" * 20)
    window = make_window()
    assert not window.open_path(bad)
    assert window.stack.currentIndex() == 0
    title, text = shown.errors[-1]
    assert title == "Kan inte öppna planen"
    assert "trasig.finsam" in text and "Traceback" not in text
    assert not window.open_path(tmp_path / "finns-inte.finsam")
    assert "finns-inte.finsam" in shown.errors[-1][1]


def test_export_json_writes_the_plan(make_window, plan_file, tmp_path, shown):
    window = make_window()
    window.open_path(plan_file("sormland-2026"))
    shown.save_path = str(tmp_path / "ut")
    assert window.export_json()
    exported = tmp_path / "ut.json"
    assert read_plan_json(exported) == window.model.plan
    assert json.loads(exported.read_text(encoding="utf-8"))["format"] == "finsam-plan"
    assert "ut.json" in window.statusBar().currentMessage()


def test_closing_returns_to_the_welcome_screen_and_releases_the_file(make_window, plan_file):
    path = plan_file("sormland-2026")
    window = make_window()
    window.open_path(path)
    assert window.stack.currentIndex() == 1 and window.tabs.count() == 7
    window.actions_by_key["close"].trigger()
    assert window.stack.currentIndex() == 0 and window.tabs.count() == 0
    assert not path.with_name(path.name + ".lock").exists()
    assert window.windowTitle() == "FinSam Desktop"


def test_ctrl_z_in_a_settings_field_undoes_the_document_once_the_typing_is_committed(
        make_window, plan_file, qtbot):
    window = make_window()
    window.open_path(plan_file("sormland-2026"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field = window.tabs_by_key["overview"].fields["association"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    qtbot.keyClicks(field, "Testforbundet")  # QTest types ASCII only
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.model.plan.association == "Testforbundet"
    assert field.hasFocus()
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.plan.association == "Samordningsförbundet Sörmland"
    assert field.text() == "Samordningsförbundet Sörmland"
    qtbot.keyClick(field, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.model.plan.association == "Testforbundet"


def test_a_recent_file_that_is_gone_is_dropped(make_window, plan_file, shown):
    path = plan_file("sormland-2026")
    window = make_window()
    window.open_path(path)
    window.close_document()
    assert window.welcome.recent.count() == 1
    path.unlink()
    window.welcome.recent.itemActivated.emit(window.welcome.recent.item(0))
    assert shown.errors and window.welcome.recent.count() == 0


def fake_module(monkeypatch, module, **functions):
    for function_name, function in functions.items():
        monkeypatch.setattr(module, function_name, function)


def test_report_and_population_actions_call_their_modules(make_window, plan_file, monkeypatch):
    calls = []
    fake_module(monkeypatch, report_actions,
                **{name: (lambda parent, model, name=name: calls.append((name, parent, model)))
                   for name in ("preview_report", "print_report", "export_pdf", "export_excel")})
    fake_module(monkeypatch, population_dialog,
                import_population=lambda parent, model: calls.append(("population", parent, model)))
    window = make_window()
    window.open_path(plan_file("sormland-2026"))
    for key in ("preview", "print", "pdf", "excel", "population"):
        window.actions_by_key[key].trigger()
    assert [name for name, _, _ in calls] == ["preview_report", "print_report", "export_pdf",
                                              "export_excel", "population"]
    assert all(parent is window and model is window.model for _, parent, model in calls)


def test_restore_backup_releases_the_file_first_and_reopens_it(make_window, plan_file,
                                                               monkeypatch):
    path = plan_file("sormland-2026")
    seen = []

    def restore(parent, target):
        seen.append((target, Path(str(target) + ".lock").exists()))
        return True
    fake_module(monkeypatch, backup_dialog, restore_backup=restore)
    window = make_window()
    window.open_path(path)
    window.actions_by_key["restore"].trigger()
    assert seen == [(path, False)]
    assert window.model is not None and not window.model.read_only


def test_a_write_protected_file_can_be_opened_read_only(make_window, plan_file, shown,
                                                        monkeypatch):
    from finsam_desktop.storage import planfile
    from finsam_desktop.ui import main_window
    path = plan_file("sormland-2026")
    path.chmod(0o444)
    # root may write anyway: make the checks see what a user sees
    monkeypatch.setattr(planfile.os, "access", lambda p, mode: mode != os.W_OK)
    monkeypatch.setattr(main_window.os, "access", lambda p, mode: mode != os.W_OK)
    before = path.read_bytes()
    window = make_window()
    assert window.open_path(path)
    assert window.model.read_only and window.model.document.holder is None
    assert "inte rätt att ändra filen" in window.banner.text()
    assert window.model.edit("x", lambda plan: plan).refusal is not None
    assert path.read_bytes() == before


def test_a_backup_folder_that_cannot_be_used_is_said_in_the_banner(make_window, plan_file):
    """Editing still works, but the user must know that no backup is being kept."""
    from finsam_desktop.storage import backup as backups
    path = plan_file("sormland-2026")
    backups.backup_folder(path).write_text("en fil")
    window = make_window()
    assert window.open_path(path)
    assert not window.model.read_only
    assert window.banner.isVisible()
    assert window.banner.text() == window.model.document.backup_problem
