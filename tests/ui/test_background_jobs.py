"""The window's long jobs run on a worker thread while it keeps painting (`ui/background`):
the report, the workbook, the plan JSON, *Nytt år*. At 50 000 interventions each takes
seconds, which on the window's own thread froze it."""

from __future__ import annotations

import gc
import threading

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressBar

from finsam_desktop.services import exports
from finsam_desktop.ui import report_actions


def _during_the_job(window, monkeypatch, name: str, on_gui, module=exports, seen=None):
    """Wrap `module.<name>` (the job's work) so that, on the worker, it first waits for
    `on_gui()` to have run on the GUI thread (the window's event loop runs meanwhile),
    then goes on; `seen` gets where the work ran and whether the collector was on."""
    real = getattr(module, name)

    def job(*args, **kwargs):
        done = threading.Event()

        def run() -> None:
            try:
                on_gui()
            finally:
                done.set()
        QTimer.singleShot(0, window, run)
        if seen is not None:
            seen.append(("worker", threading.current_thread() is not threading.main_thread(),
                         gc.isenabled()))
        assert done.wait(timeout=20), "the window's event loop did not run during the job"
        return real(*args, **kwargs)
    monkeypatch.setattr(module, name, job)


def _while_the_window_runs(window, monkeypatch, name: str, seen: list, module=exports):
    """`_during_the_job`, recording what the user sees meanwhile: the status bar's message,
    its progress bar, the busy cursor, whether the window closes, and the thread."""
    def look() -> None:
        bar = window.statusBar().findChild(QProgressBar, "background_progress")
        seen.append((window.statusBar().currentMessage(), bar is not None and bar.isVisible(),
                     QApplication.overrideCursor() is not None, window.close(),
                     threading.current_thread() is threading.main_thread()))
    _during_the_job(window, monkeypatch, name, look, module, seen)


@pytest.fixture
def window(make_window, plan_file):
    """The real window with Skaraborg 2026 open."""
    shown_window = make_window()
    assert shown_window.open_path(plan_file("skaraborg-2026"))
    return shown_window


def test_the_window_paints_while_its_report_is_written(window, shown, monkeypatch, tmp_path):
    shown.save_path = str(tmp_path / "plan.pdf")
    seen: list = []
    _while_the_window_runs(window, monkeypatch, "write_report", seen)
    window.export_pdf()
    assert seen[0] == ("worker", True, False)  # on a worker, no collector running
    message, bar, busy, closed, on_gui = seen[1]
    assert message == "Skriver rapporten …" and bar and busy and on_gui
    assert closed is False and window.isVisible()  # closing waits for the report
    assert shown.written == [tmp_path / "plan.pdf"] and not shown.errors
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "plan.pdf").pages)
    assert "Skövde kommun" in text.replace("\u00a0", " ")
    assert window.statusBar().findChild(QProgressBar, "background_progress") is None
    assert QApplication.overrideCursor() is None and gc.isenabled()


def test_the_workbook_too_is_written_while_the_window_paints(window, shown, monkeypatch,
                                                             tmp_path):
    shown.save_path = str(tmp_path / "plan.xlsx")
    seen: list = []
    _while_the_window_runs(window, monkeypatch, "write_excel", seen)
    window.export_excel()
    assert seen[0][:2] == ("worker", True)
    assert seen[1][0] == "Skriver tabellerna …"
    assert shown.written == [tmp_path / "plan.xlsx"]
    assert (tmp_path / "plan.xlsx").stat().st_size > 1000


def test_a_refused_report_is_one_swedish_message_and_the_window_goes_on(window, shown, tmp_path):
    shown.save_path = str(tmp_path / "saknas" / "plan.pdf")
    window.export_pdf()
    assert shown.errors == [("Exportera PDF", f"Mappen {tmp_path / 'saknas'} finns inte.")]
    assert shown.written == []
    assert QApplication.overrideCursor() is None and gc.isenabled()
    assert window.statusBar().findChild(QProgressBar, "background_progress") is None
    assert window.close()  # nothing is held back any more


def test_the_report_written_in_the_background_leaves_no_cycles_for_the_collector(window, shown,
                                                                                 tmp_path):
    """The window's collector runs again after the report: it must not find the layout."""
    from finsam_desktop.reports.tagging import Node
    shown.save_path = str(tmp_path / "plan.pdf")
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        window.export_pdf()
        gc.collect()
        nodes = [o for o in gc.garbage if type(o) is Node]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert shown.written == [tmp_path / "plan.pdf"]
    assert len(nodes) <= 1


def test_the_preview_is_rendered_in_the_background_too(window, monkeypatch):
    seen: list = []
    _while_the_window_runs(window, monkeypatch, "write_report", seen)
    dialog = report_actions.preview_report(window, window.model)
    assert seen[0][:2] == ("worker", True)
    assert dialog is not None and dialog.document.pageCount() >= 5
    dialog.reject()


def test_the_plan_json_is_written_while_the_window_paints(window, shown, monkeypatch, tmp_path):
    shown.save_path = str(tmp_path / "plan.json")
    seen: list = []
    _while_the_window_runs(window, monkeypatch, "write_json", seen)
    assert window.export_json()
    assert seen[0][:2] == ("worker", True)
    assert seen[1][0] == "Skriver planen …"
    assert '"format": "finsam-plan"' in (tmp_path / "plan.json").read_text(encoding="utf-8")
    assert window.statusBar().currentMessage() == "Exporterade plan.json."


def test_new_year_reads_and_writes_while_the_window_paints(make_window, plan_file, shown,
                                                           monkeypatch, tmp_path):
    from finsam_desktop.storage.document import PlanDocument
    from finsam_desktop.ui import rollover_dialog
    window = make_window()
    source = plan_file("sjuharad-2025")
    assert window.open_path(source)
    shown.open_path = str(source)
    shown.save_path = str(tmp_path / "sjuharad-2026.finsam")
    summaries: list = []
    monkeypatch.setattr(rollover_dialog, "show_summary",
                        lambda parent, summary, target: summaries.append(target))
    read: list = []
    written: list = []
    _while_the_window_runs(window, monkeypatch, "read_last_year", read, rollover_dialog)
    _while_the_window_runs(window, monkeypatch, "new_year", written, rollover_dialog)
    window.new_year()
    assert read[0][:2] == ("worker", True) and read[1][0] == "Läser sjuharad-2025.finsam …"
    assert written[0][:2] == ("worker", True)
    assert written[1][0] == "Skriver planen för 2026 …"
    assert summaries == [tmp_path / "sjuharad-2026.finsam"] and not shown.errors
    assert "sjuharad-2026.finsam" in window.windowTitle()  # then the new plan is opened
    with PlanDocument.open(tmp_path / "sjuharad-2026.finsam", read_only=True) as document:
        assert document.plan.plan_year == 2026


def test_a_word_file_is_read_while_the_window_paints(window, shown, monkeypatch, tmp_path):
    from finsam_desktop.ui import document_import_dialog
    from tests.storage.docx_files import seed_like_docx
    shown.open_path = str(seed_like_docx(tmp_path / "fjol.docx"))
    seen: list = []
    _while_the_window_runs(window, monkeypatch, "read_docx", seen, document_import_dialog)
    monkeypatch.setattr(document_import_dialog, "ask_import", lambda *args: None)
    window.actions_by_key["word"].trigger()
    assert seen[0][:2] == ("worker", True) and seen[1][0] == "Läser fjol.docx …"
    assert not shown.errors


def test_a_bookkeeping_file_is_read_while_the_window_paints(make_window, plan_file, shown,
                                                            monkeypatch, tmp_path):
    import shutil
    from pathlib import Path

    from finsam_desktop.ui import sie_dialog
    window = make_window()
    assert window.open_path(plan_file("sormland-2026"))
    window.tabs.setCurrentWidget(window.tabs_by_key["follow_up"])
    tab = window.tabs_by_key["follow_up"]
    tab.add_period("Tertial 1", "2026-04-30")
    source = tmp_path / "bokforing.se"
    shutil.copy(Path(__file__).parents[1] / "storage" / "data" / "sie" / "sormland-t1.se", source)
    shown.open_path = str(source)
    seen: list = []
    _while_the_window_runs(window, monkeypatch, "read_actuals", seen, sie_dialog)
    dialogs_seen: list = []
    monkeypatch.setattr(sie_dialog, "exec_dialog", lambda dialog: dialogs_seen.append(
        dialog.unmapped.rowCount()) or False)
    tab.import_actuals()
    assert seen[0][:2] == ("worker", True) and seen[1][0] == "Läser bokforing.se …"
    assert dialogs_seen and not shown.errors  # the dialog got the book read on the worker


def test_a_plan_json_is_imported_while_the_window_paints(make_window, monkeypatch, tmp_path):
    import shutil

    from finsam_desktop.ui import main_window
    from tests.conftest import EXAMPLES
    source = tmp_path / "skaraborg.json"
    shutil.copy(EXAMPLES / "skaraborg-2026.plan.json", source)
    window = make_window()
    seen: list = []
    _while_the_window_runs(window, monkeypatch, "import_plan_json", seen, main_window)
    assert window.open_path(source)
    assert seen[0][:2] == ("worker", True) and seen[1][0] == "Läser skaraborg.json …"
    assert window.model.document.path == tmp_path / "skaraborg.finsam"
    assert window.statusBar().currentMessage() == "Planen sparades som skaraborg.finsam."


def test_no_collection_runs_on_the_worker(window, shown, monkeypatch, tmp_path):
    """A collection on the worker finalizes the GUI thread's objects there (a crash with Qt
    objects): the workbook's writer collected after saving, now only on the main thread."""
    from PySide6.QtCore import QObject
    finalized: list[str] = []

    class Cyclic(QObject):
        def __del__(self):
            finalized.append(threading.current_thread().name)

    def make() -> None:  # on the GUI thread while the worker waits: a cycle
        cyclic = Cyclic()
        cyclic.me = cyclic
    _during_the_job(window, monkeypatch, "write_excel", make)
    shown.save_path = str(tmp_path / "plan.xlsx")
    window.export_excel()
    gc.collect()
    assert shown.written == [tmp_path / "plan.xlsx"]
    assert finalized == [threading.main_thread().name]


def test_a_dialog_of_the_window_is_not_closed_under_its_job(window, shown, monkeypatch,
                                                            tmp_path):
    """The preview's own *Exportera PDF…*: closing the preview meanwhile would delete it
    (WA_DeleteOnClose) before the job reports to it."""
    preview = report_actions.preview_report(window, window.model)
    seen: list = []
    _during_the_job(window, monkeypatch, "write_report",
                    lambda: seen.extend((preview.close(), preview.isVisible())))
    shown.save_path = str(tmp_path / "plan.pdf")
    assert report_actions.export_pdf(preview, window.model) == tmp_path / "plan.pdf"
    assert seen == [False, True] and not shown.errors
    assert shown.written == [tmp_path / "plan.pdf"]
    assert preview.close()  # once the job is done it closes as usual


def test_a_warning_that_opens_during_a_job_can_be_answered(window, shown, monkeypatch,
                                                           tmp_path, qtbot):
    """The plan's writer commits on its timer while a job runs; when that write fails its
    warning opens then, and the user's answer to it must get through."""
    from PySide6.QtWidgets import QMessageBox
    answered: list = []

    def warn() -> None:  # what a failed write does: a modal box over the window
        box = QMessageBox(QMessageBox.Icon.Warning, "Kunde inte spara", "Disken är full.",
                          QMessageBox.StandardButton.Ok, window)
        QTimer.singleShot(50, box, lambda: qtbot.keyClick(box, Qt.Key.Key_Return))
        QTimer.singleShot(3000, box, lambda: (answered.append("forced"), box.done(0)))
        answered.append(box.exec())
        box.deleteLater()  # and its timers with it
    _during_the_job(window, monkeypatch, "write_report", warn)
    shown.save_path = str(tmp_path / "plan.pdf")
    window.export_pdf()
    assert answered == [QMessageBox.StandardButton.Ok]  # by the key, not forced
    assert shown.written == [tmp_path / "plan.pdf"]


def test_the_gil_changes_hands_often_while_a_job_runs(window):
    """Each Python call on the GUI thread waits for the worker to give up the GIL, once per
    switch interval: at Python's 5 ms a repaint stalled the window for seconds."""
    import sys

    from finsam_desktop.ui.background import SWITCH_INTERVAL, run_in_background
    before = sys.getswitchinterval()
    during = run_in_background(window, lambda _: sys.getswitchinterval(), "Arbetar …")
    assert during == SWITCH_INTERVAL < before
    assert sys.getswitchinterval() == before
