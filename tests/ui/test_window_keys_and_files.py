"""The window as a coordinator uses it: tab keys from inside a table, files opened and exported
where one expects, a read-only window that follows the writer, sizes that fit a laptop, the
report printed to a file as the report itself, and Nytt år's checklist kept until ticked off."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyle

from finsam_desktop.services import plans
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.ui import dialogs, report_actions, rollover_dialog
from finsam_desktop.ui.window_support import first_size
from tests.conftest import EXAMPLES

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore("This plugin does not support")]
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def focused_table(window, key: str, qtbot) -> QAbstractItemView:
    """The first table of tab `key`, with the keyboard focus, in the active window."""
    window.tabs.setCurrentWidget(window.tabs_by_key[key])
    view = window.tabs_by_key[key].findChildren(QAbstractItemView)[0]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    view.setFocus()
    return view


def test_tab_keys_change_tab_from_inside_a_table(make_window, plan_file, qtbot):
    window = make_window()
    window.open_path(plan_file("sormland-2026"))
    view = focused_table(window, "members", qtbot)
    start = window.tabs.currentIndex()
    qtbot.keyClick(view, Qt.Key.Key_Tab, CTRL)
    assert window.tabs.currentIndex() == start + 1
    qtbot.keyClick(window.focusWidget() or view, Qt.Key.Key_PageDown, CTRL)
    assert window.tabs.currentIndex() == start + 2
    qtbot.keyClick(window.focusWidget() or view, Qt.Key.Key_PageUp, CTRL)
    assert window.tabs.currentIndex() == start + 1
    view = focused_table(window, "interventions", qtbot)
    index = window.tabs.currentIndex()
    qtbot.keyClick(view, Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert window.tabs.currentIndex() == index - 1
    window.tabs.setCurrentIndex(window.tabs.count() - 1)
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_Tab, CTRL)
    assert window.tabs.currentIndex() == 0  # round the end


def test_every_table_and_tab_action_is_in_a_menu_with_its_keys(make_window):
    window = make_window()
    in_menus = {}
    menus = [action.menu() for action in window.menuBar().actions() if action.menu()]
    while menus:
        menu = menus.pop()
        for action in menu.actions():
            if action.menu():
                menus.append(action.menu())
            text, _, keys = action.text().replace("&", "").partition("\t")
            in_menus[text] = (action, keys)  # table actions show their keys after a tab
    for text in ("Nästa flik", "Föregående flik", "Ny rad", "Ta bort rad"):
        action, keys = in_menus[text]
        assert action.shortcuts() or keys, text
    keys = [k.toString() for k in in_menus["Nästa flik"][0].shortcuts()]
    assert "Ctrl+Tab" in keys and "Ctrl+PgDown" in keys


def test_open_takes_a_plan_json_into_a_new_plan_file_beside_it(make_window, tmp_path, shown):
    source = tmp_path / "skaraborg-2026.plan.json"
    shutil.copyfile(EXAMPLES / "skaraborg-2026.plan.json", source)
    before = source.read_bytes()
    window = make_window()
    shown.open_path = str(source)
    window.actions_by_key["open"].trigger()
    assert window.model.document.path == tmp_path / "skaraborg-2026.finsam"
    assert not window.model.read_only and source.read_bytes() == before
    assert window.open_path(source)  # again: a second file, the first one is kept
    assert window.model.document.path == tmp_path / "skaraborg-2026-2.finsam"
    assert (tmp_path / "skaraborg-2026.finsam").exists()


def test_file_dialogs_start_beside_the_open_plan_and_new_year_proposes_it(make_window, plan_file,
                                                                         monkeypatch):
    path = plan_file("sormland-2026")
    window = make_window()
    window.open_path(path)
    assert dialogs.plan_folder(window.tabs.currentWidget()) == str(path.parent.resolve())
    asked = []
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *args: asked.append(args) or None)
    assert rollover_dialog.start_new_year(window) is None
    assert asked[0][3] == str(path)


def test_the_example_is_a_fresh_copy_each_time(make_window, tmp_path, monkeypatch):
    from finsam_desktop.ui import documents
    monkeypatch.setattr(documents, "documents_folder", lambda: tmp_path / "Dokument" / "FinSam")
    window = make_window()
    assert window.open_example()
    first = window.model.document.path
    window.model.edit("x", lambda plan: dataclasses.replace(plan, association="Utforskad"))
    assert window.open_example()
    second = window.model.document.path
    assert second != first and window.model.plan.association == "Samordningsförbundet Skaraborg"
    with PlanDocument.open(first, read_only=True) as kept:
        assert kept.plan.association == "Utforskad"  # the user's exploring is kept


def test_an_export_says_where_it_wrote(make_window, plan_file, tmp_path, shown, monkeypatch):
    written = []
    monkeypatch.setattr(dialogs, "show_written", lambda parent, title, target:
                        written.append(target))
    window = make_window()
    window.open_path(plan_file("sormland-2026"))
    shown.save_path = str(tmp_path / "plan")
    window.actions_by_key["pdf"].trigger()
    shown.save_path = str(tmp_path / "ut.json")
    assert window.export_json()
    assert written == [tmp_path / "plan.pdf", tmp_path / "ut.json"]
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")


def test_a_read_only_window_reloads_when_the_writer_commits(make_window, plan_file, qtbot):
    path = plan_file("sormland-2026")
    with PlanDocument.open(path) as writer:
        window = make_window()
        window.open_path(path)
        assert window.model.read_only
        window.tabs.setCurrentWidget(window.tabs_by_key["budget"])
        writer.commit(dataclasses.replace(writer.plan, association="Nytt namn"))
        qtbot.waitUntil(lambda: window.model.plan.association == "Nytt namn", timeout=5000)
        assert window.model.read_only
        assert window.tabs.currentWidget() is window.tabs_by_key["budget"]
        assert "Uppdaterad kl." in window.banner.text()


def test_the_reload_reads_on_a_worker_and_is_not_run_twice_at_once(make_window, plan_file,
                                                                     qtbot, monkeypatch):
    from finsam_desktop.storage import document as document_module

    from .test_background_jobs import _during_the_job
    path = plan_file("sormland-2026")
    with PlanDocument.open(path) as writer:
        window = make_window()
        window.open_path(path)
        follower = window.follower
        seen: list = []
        # the file changes again while the reload reads it
        _during_the_job(window, monkeypatch, "read_plan", lambda: seen.append(follower.reload()),
                        document_module, seen)
        writer.commit(dataclasses.replace(writer.plan, association="Nytt namn"))
        assert follower.reload()
        assert seen == [("worker", True, False), False]  # the second reload waits for the first
        assert follower.timer.isActive()  # and is tried once the first is done
        assert window.model.plan.association == "Nytt namn" and window.model.read_only


def test_a_reload_waits_for_the_window_s_job(make_window, plan_file, shown, monkeypatch,
                                             tmp_path):
    """The follower's timer fires in the export's event loop: swapping the plan then would
    leave the export with a closed model. It reloads once the job is done."""
    from .test_background_jobs import _during_the_job
    path = plan_file("sormland-2026")
    with PlanDocument.open(path) as writer:
        window = make_window()
        window.open_path(path)
        follower, before = window.follower, window.model
        seen: list = []
        _during_the_job(window, monkeypatch, "write_report", lambda: seen.append(follower.reload()))
        writer.commit(dataclasses.replace(writer.plan, association="Nytt namn"))
        shown.save_path = str(tmp_path / "plan.pdf")
        window.export_pdf()
        assert seen == [False] and window.model is before  # not during the export
        assert shown.written == [tmp_path / "plan.pdf"] and follower.timer.isActive()
        assert follower.reload() and window.model.plan.association == "Nytt namn"


def cut_headers(window, qtbot) -> list[tuple]:
    """Every shown table whose headers scroll sideways, or whose header text is cut, on
    every tab of `window`."""
    cut = []
    for key, tab in window.tabs_by_key.items():
        window.tabs.setCurrentWidget(tab)
        qtbot.wait(10)
        for view in tab.findChildren(QAbstractItemView):
            header = getattr(view, "horizontalHeader", lambda: None)()
            if header is None or not view.isVisible() or not header.isVisible():
                continue
            if header.length() > view.viewport().width() + 1:
                cut.append((key, header.length(), view.viewport().width()))
            margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
            for section in range(header.count()):
                text = view.model().headerData(section, Qt.Orientation.Horizontal) or ""
                width = header.fontMetrics().size(0, str(text)).width() + 2 * margin
                if not header.isSectionHidden(section) and header.sectionSize(section) < width:
                    cut.append((key, text, header.sectionSize(section), width))
    return cut


def test_the_window_and_the_preview_fit_a_1366_by_768_laptop(make_window, plan_file, qtbot):
    room = QSize(1366, 768 - 40)  # a task bar
    size = first_size(room)
    assert size.width() <= 1366 and size.height() <= 728
    window = make_window(size=(size.width(), size.height()))
    window.open_path(plan_file("skaraborg-2026"))
    assert cut_headers(window, qtbot) == []
    window.grab().save("/tmp/finsam-1366.png")
    dialog = report_actions.preview_report(window, window.model)
    qtbot.addWidget(dialog)
    available = window.screen().availableGeometry().size()
    assert dialog.width() <= available.width() and dialog.height() <= available.height()
    before = dialog.view.zoomFactor()
    dialog.zoom_by(1.25)
    assert dialog.view.zoomFactor() == pytest.approx(before * 1.25)
    dialog.fit_width()
    dialog.close()


@pytest.mark.parametrize("name", ["sjuharad-2025", "sormland-2026"])
def test_three_plan_years_show_every_header_on_a_1366_by_768_laptop(make_window, plan_file,
                                                                     qtbot, name):
    size = first_size(QSize(1366, 768 - 40))
    window = make_window(size=(size.width(), size.height()))
    window.open_path(plan_file(name))
    assert cut_headers(window, qtbot) == []
    window.tabs.setCurrentWidget(window.tabs_by_key["interventions"])
    window.grab().save(f"/tmp/finsam-1366-{name}.png")


def test_printing_to_a_pdf_file_writes_the_report_itself(make_window, plan_file, tmp_path,
                                                         monkeypatch):
    from pypdf import PdfReader
    target = tmp_path / "utskrift.pdf"

    def to_file(parent, printer, pages):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True
    monkeypatch.setattr(report_actions, "ask_printer", to_file)
    window = make_window()
    window.open_path(plan_file("skaraborg-2026"))
    printed = report_actions.print_report(window, window.model)
    reader = PdfReader(target)
    assert printed == len(reader.pages) > 3
    assert "Samordningsförbundet Skaraborg" in reader.pages[0].extract_text()
    assert target.stat().st_size < 600_000  # text, not six pictures of pages


def test_new_year_leaves_its_checklist_in_the_plan_until_ticked_off(make_window, plan_file,
                                                                    tmp_path):
    target = tmp_path / "sjuharad-2026.finsam"
    _, summary = plans.new_year(plan_file("sjuharad-2025"), target)
    assert summary.to_check
    window = make_window()
    window.open_path(target)
    dock = window.checklist
    assert dock.isVisible() and dock.list.count() == len(summary.to_check)
    assert [dock.list.item(i).text() for i in range(dock.list.count())] == list(summary.to_check)
    dock.list.item(0).setCheckState(Qt.CheckState.Checked)
    assert window.model.plan.checklist[0].done
    assert dock.open_items() == len(summary.to_check) - 1
    window.undo_action.trigger()
    assert not window.model.plan.checklist[0].done
    dock.list.item(0).setCheckState(Qt.CheckState.Checked)
    window.close_document()
    with PlanDocument.open(target, read_only=True) as document:
        assert [item.done for item in document.plan.checklist][:1] == [True]
    window.open_path(target)
    assert window.checklist.list.item(0).checkState() == Qt.CheckState.Checked
