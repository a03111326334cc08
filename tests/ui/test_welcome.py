"""The welcome screen: new plan, open, recent files and the example copy."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import QSettings, Qt

from finsam_desktop import resources
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.ui import documents, new_plan_dialog
from finsam_desktop.ui.new_plan_dialog import NewPlanChoice, NewPlanDialog

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("This plugin does not support")]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_plan_creates_the_file_and_opens_it(make_window, tmp_path, shown, monkeypatch):
    monkeypatch.setattr(new_plan_dialog, "ask_new_plan",
                        lambda parent: NewPlanChoice("Samordningsförbundet Test", 2027, 3, "tkr"))
    shown.save_path = str(tmp_path / "test-2027")
    window = make_window()
    assert window.stack.currentIndex() == 0
    window.welcome.buttons["new"].click()
    path = tmp_path / "test-2027.finsam"
    assert window.model is not None and window.model.document.path == path
    assert window.stack.currentIndex() == 1
    window.close_document()
    with PlanDocument.open(path, read_only=True) as document:
        plan = document.plan
    assert (plan.association, plan.plan_year, plan.plan_span, plan.unit) == (
        "Samordningsförbundet Test", 2027, 3, "tkr")
    assert [str(x) for x in (plan.contributions.shares.state, plan.contributions.shares.region,
                             plan.contributions.shares.municipalities)] == ["0.5", "0.25", "0.25"]
    assert [m.kind for m in plan.members] == ["state", "region"]
    assert plan.contributions.rounding == 1


def test_new_plan_never_replaces_a_file_that_is_open(make_window, plan_file, shown,
                                                     monkeypatch):
    monkeypatch.setattr(new_plan_dialog, "ask_new_plan",
                        lambda parent: NewPlanChoice("Förbundet", 2027, 1, "kr"))
    path = plan_file("sormland-2026")
    other = make_window()
    other.open_path(path)
    before = path.read_bytes()
    shown.save_path = str(path)
    window = make_window()
    assert not window.new_plan()
    assert "är öppen och kan inte ersättas" in shown.errors[-1][1]
    assert path.read_bytes() == before


def test_cancelled_new_plan_changes_nothing(make_window, tmp_path, shown, monkeypatch):
    monkeypatch.setattr(new_plan_dialog, "ask_new_plan", lambda parent: None)
    window = make_window()
    window.welcome.buttons["new"].click()
    assert window.model is None and not list(tmp_path.glob("*.finsam"))


def test_new_plan_dialog_requires_a_name(qtbot):
    dialog = NewPlanDialog()
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() == 0 and dialog.message.text() == "Skriv förbundets namn."
    dialog.association.setText("  Förbundet  ")
    dialog.span.setValue(2)
    dialog.unit.setCurrentIndex(1)
    dialog.accept()
    assert dialog.result() == 1
    assert dialog.choice().association == "Förbundet"
    assert dialog.choice().span == 2 and dialog.choice().unit == "tkr"


def test_open_and_recent_files_are_remembered(make_window, plan_file, shown, settings_path):
    first_path = plan_file("sormland-2026")
    shown.open_path = str(first_path)
    window = make_window()
    assert window.welcome.recent_empty.isVisibleTo(window)
    window.welcome.buttons["open"].click()
    assert window.model.document.path == first_path
    window.close_document()
    # docs/pitfalls.md: a one-element list comes back as a plain string in a new process
    again = documents.RecentFiles(QSettings(str(settings_path), QSettings.Format.IniFormat))
    assert again.paths() == [str(first_path.resolve())]
    second = make_window()
    assert second.welcome.recent.count() == 1
    item = second.welcome.recent.item(0)
    assert item.text().startswith("sormland-2026.finsam")
    second.welcome.recent.itemActivated.emit(item)
    assert second.model is not None and second.model.document.path == first_path


def test_example_is_a_copy_in_documents(make_window, tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "documents_folder", lambda: tmp_path / "Dokument" / "FinSam")
    bundled = digest(resources.DEFAULT_EXAMPLE)
    window = make_window()
    window.welcome.buttons["example"].click()
    copy = window.model.document.path
    assert copy.parent == tmp_path / "Dokument" / "FinSam" and copy.suffix == ".finsam"
    assert window.model.plan.association == "Samordningsförbundet Skaraborg"
    assert not window.model.read_only
    window.close_document()
    assert digest(resources.DEFAULT_EXAMPLE) == bundled
    window.open_example()  # the second time a fresh copy, beside the first (kept)
    assert window.model.document.path != copy and copy.exists()
    assert window.model.document.path.parent == copy.parent


def test_geometry_and_dock_place_are_remembered(make_window):
    window = make_window(size=(790, 560))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.findings)
    window.close()
    again = make_window(size=None)
    assert (again.width(), again.height()) == (790, 560)
    assert again.dockWidgetArea(again.findings) == Qt.DockWidgetArea.RightDockWidgetArea


def test_new_year_opens_the_file_the_rollover_made(make_window, plan_file, monkeypatch):
    made = plan_file("sormland-2026", "sormland-2027.finsam")
    from finsam_desktop.ui import rollover_dialog
    monkeypatch.setattr(rollover_dialog, "start_new_year", lambda parent: str(made))
    window = make_window()
    window.welcome.buttons["new_year"].click()
    assert window.model is not None and window.model.document.path == made


def test_the_recent_files_menu_opens_a_file(make_window, plan_file):
    first, second = plan_file("sormland-2026"), plan_file("skaraborg-2026")
    window = make_window()
    window.open_path(first)
    window.open_path(second)
    window.recent_menu.aboutToShow.emit()
    names = [action.text() for action in window.recent_menu.actions()]
    assert names == ["skaraborg-2026.finsam", "sormland-2026.finsam"]
    window.recent_menu.actions()[1].trigger()
    assert window.model.document.path == first
    assert not second.with_name(second.name + ".lock").exists()
