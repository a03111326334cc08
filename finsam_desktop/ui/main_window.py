"""The main window: welcome screen or the open plan's tabs, menus, findings and banner.

One document per window. There is no unsaved state (every edit is written at
once), so closing needs no question and Ctrl+S only confirms.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from .. import resources
from ..domain.errors import UserFacingError
from ..services.plans import fresh_example
from ..services.session import PlanDocument, PlanFileError, reason
from . import backup_dialog, dialogs, documents, population_dialog, report_actions, rollover_dialog
from .background import reading, run_for
from .checklist_dock import ChecklistDock
from .documents import RecentFiles
from .findings_dock import FindingsDock
from .lazy_tabs import LazyTabs
from .plan_loader import open_document, thaw
from .plan_model import PlanModel
from .save_status import SaveStatus
from .table_menu import add_table_actions
from .welcome import WelcomeScreen
from .window_support import (
    ReadOnlyFollower,
    add_tab_actions,
    finding_target,
    first_size,
    import_plan_json,
    same_file,
)
from .window_tabs import TABS

APP_TITLE = "FinSam Desktop"


class MainWindow(QMainWindow):
    """A window over at most one open plan file."""

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings if settings is not None else QSettings()
        self.recent = RecentFiles(self.settings)
        self.model: PlanModel | None = None
        self.tabs_by_key: Mapping[str, QWidget] = {}
        """The open plan's tabs by key, each built when first shown or asked for."""
        self.undo_group = QUndoGroup(self)

        self.welcome = WelcomeScreen()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.banner = QLabel()
        self.banner.setObjectName("read_only_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3cd; color: #5c4400; padding: 6px 10px;"
                                  "border-bottom: 1px solid #e0c36a;")
        self.banner.hide()
        plan_page = QWidget()
        plan_layout = QVBoxLayout(plan_page)
        plan_layout.setContentsMargins(0, 0, 0, 0)
        plan_layout.setSpacing(0)
        plan_layout.addWidget(self.banner)
        plan_layout.addWidget(self.tabs, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(plan_page)
        self.setCentralWidget(self.stack)

        self.save_status = SaveStatus()
        self.statusBar().addPermanentWidget(self.save_status)
        self.findings = FindingsDock(self)
        self.findings.finding_activated.connect(self.go_to_finding)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings)
        self.resizeDocks([self.findings], [140], Qt.Orientation.Vertical)
        self.checklist = ChecklistDock(self)  # Nytt år's "Att göra nu", until ticked off
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.checklist)
        self.follower = ReadOnlyFollower(self)  # a read-only window follows the writer

        self.welcome.new_plan.connect(self.new_plan)
        self.welcome.open_plan.connect(self.open_dialog)
        self.welcome.new_year.connect(self.new_year)
        self.welcome.open_example.connect(self.open_example)
        self.welcome.open_recent.connect(self.open_path)
        self._build_menus()
        self._show_document_state()
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(first_size(self.screen().availableGeometry().size()))
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)  # where the findings panel was docked
            self._show_document_state()

    # --- menus ---------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None, needs_plan: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        action.triggered.connect(slot)
        action.setProperty("needs_plan", needs_plan)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Arkiv"))
        a = self._action
        self.actions_by_key = {
            "new": a(file_menu, self.tr("Ny plan…"), self.new_plan, QKeySequence.StandardKey.New),
            "open": a(file_menu, self.tr("Öppna…"), self.open_dialog, QKeySequence.StandardKey.Open),
            "new_year": a(file_menu, self.tr("Nytt år från fjolårets fil…"), self.new_year),
        }
        self.recent_menu = file_menu.addMenu(self.tr("Senaste filer"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.actions_by_key["example"] = a(file_menu, self.tr("Öppna exempelplan"),
                                           self.open_example)
        file_menu.addSeparator()
        for key, text, slot, shortcut in (
                ("population", self.tr("Importera folkmängd…"), self.import_population, None),
                ("word", self.tr("Importera text från Word…"), self.import_word_text, None),
                ("restore", self.tr("Återställ från säkerhetskopia…"), self.restore_backup, None),
                (None, None, None, None),
                ("preview", self.tr("Förhandsgranska"), self.preview_report, None),
                ("print", self.tr("Skriv ut…"), self.print_report, QKeySequence.StandardKey.Print),
                ("pdf", self.tr("Exportera PDF…"), self.export_pdf, None),
                ("excel", self.tr("Exportera till Excel…"), self.export_excel, None),
                ("json", self.tr("Exportera JSON…"), self.export_json, None),
                (None, None, None, None),
                ("save", self.tr("Spara"), self.confirm_saved, QKeySequence.StandardKey.Save),
                ("close", self.tr("Stäng"), self.close_document, QKeySequence.StandardKey.Close)):
            if key is None:
                file_menu.addSeparator()
                continue
            self.actions_by_key[key] = a(file_menu, text, slot, shortcut, needs_plan=True)
        file_menu.addSeparator()
        self.actions_by_key["quit"] = a(file_menu, self.tr("Avsluta"), self.close,
                                        QKeySequence.StandardKey.Quit)

        edit_menu = self.menuBar().addMenu(self.tr("&Redigera"))
        self.undo_action = self.undo_group.createUndoAction(self, self.tr("Ångra"))
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("Gör om"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.actions_by_key.update(add_table_actions(self, edit_menu))

        view_menu = self.menuBar().addMenu(self.tr("&Visa"))
        view_menu.addAction(self.findings.toggleViewAction())
        view_menu.addAction(self.checklist.toggleViewAction())
        view_menu.addSeparator()
        self.actions_by_key.update(add_tab_actions(self, view_menu, self.tabs))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent.paths()
        for path in paths:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not paths:
            self.recent_menu.addAction(self.tr("(inga)")).setEnabled(False)

    # --- opening and closing ---------------------------------------------------------

    def open_path(self, path: str | Path) -> bool:
        """Open a plan file in this window (closing the current one); False if refused."""
        path = Path(path)
        if path.suffix.lower() == ".json":  # a plan JSON: a new plan file beside it
            try:
                path = run_for(self, lambda _, source=path: import_plan_json(source),
                               reading(path))
            except UserFacingError as error:
                dialogs.show_error(self, self.tr("Kan inte öppna planen"), str(error))
                return False
            imported: Path | None = path
        else:
            imported = None
        if self.model is not None and same_file(self.model.document.path, path):
            self.close_document()  # release our own lock, or we would reopen it read-only
        try:
            document = open_document(self, path)  # read on a worker; the window paints
        except PlanFileError as error:
            if path.is_file() and not os.access(path, os.W_OK):
                return self._open_read_only(path)
            if not path.exists():  # moved or deleted: drop it from the recent files
                self.recent.remove(str(path))
                self.welcome.set_recent(self.recent.paths())
            dialogs.show_error(self, self.tr("Kan inte öppna planen"), str(error))
            return False
        except OSError as error:
            dialogs.show_error(self, self.tr("Kan inte öppna planen"),
                               self.tr("{name} kunde inte öppnas: {why}.").format(
                                   name=path.name, why=reason(error)))
            return False
        self._set_document(document)
        if imported is not None:  # after the open, whose progress had the status bar
            self.statusBar().showMessage(self.tr("Planen sparades som {name}.").format(
                name=imported.name), 8000)
        return True

    def _open_read_only(self, path: Path) -> bool:
        """A file we may not write: show it read-only (to read and print), the banner says why."""
        try:
            document = open_document(self, path, read_only=True)
        except PlanFileError as error:
            dialogs.show_error(self, self.tr("Kan inte öppna planen"), str(error))
            return False
        self._set_document(document)
        return True

    def _set_document(self, document: PlanDocument) -> None:
        self.close_document()
        self.model = PlanModel(document, self, write_after_frame=True)
        self.save_status.follow(self.model)
        self.model.failed.connect(self._write_failed)
        self.model.changed.connect(self._plan_changed)
        self.undo_group.addStack(self.model.undo_stack)
        self.undo_group.setActiveStack(self.model.undo_stack)
        model = self.model
        self.tabs_by_key = LazyTabs(self.tabs, [
            (key, lambda build=build: build(model), self.tr(title))
            for key, build, title in TABS])
        self.findings.set_model(self.model)
        self.checklist.set_model(self.model)
        self.follower.follow(self.model)
        self.recent.add(document.path)
        self._show_document_state()

    def close_document(self) -> None:
        """Close the open plan (everything is already saved) and show the welcome screen."""
        if self.model is None:
            return
        self.model.flush()  # what the window shows goes to the file before it closes
        self.save_status.follow(None)
        self.findings.set_model(None)
        self.checklist.set_model(None)
        self.follower.follow(None)
        if isinstance(self.tabs_by_key, LazyTabs):
            self.tabs_by_key.close()
        self.tabs_by_key = {}
        self.undo_group.removeStack(self.model.undo_stack)
        model, self.model = self.model, None
        model.close()
        model.deleteLater()
        thaw()  # what opening froze may now be garbage
        self._show_document_state()

    def _show_document_state(self) -> None:
        model = self.model
        self.stack.setCurrentIndex(0 if model is None else 1)
        for action in self.actions_by_key.values():
            if action.property("needs_plan"):
                action.setEnabled(model is not None)
        if model is not None and model.read_only:
            self.actions_by_key["population"].setEnabled(False)
            self.actions_by_key["word"].setEnabled(False)
            self.actions_by_key["restore"].setEnabled(False)
        self.welcome.set_recent(self.recent.paths())
        self.findings.setVisible(model is not None)
        self.checklist.setVisible(model is not None and self.checklist.open_items() > 0)
        if model is None:
            self.setWindowTitle(APP_TITLE)
            self.banner.hide()
            return
        title = f"{model.document.path.name} – {model.plan.association}"
        if model.read_only:
            title += " " + self.tr("(skrivskyddad)")
            holder = model.document.holder
            if holder is not None:
                text = self.tr("Skrivskyddad: filen är redan öppen hos {who}.").format(
                    who=holder.describe())
            else:
                text = self.tr("Skrivskyddad: du har inte rätt att ändra filen eller mappen "
                               "den ligger i.")
            self.banner.setText(text + " " + self.tr("Du kan läsa och skriva ut planen men inte "
                                                     "ändra den."))
            self.banner.show()
        elif model.document.backup_problem:  # editing works, but no backup is being kept
            self.banner.setText(model.document.backup_problem)
            self.banner.show()
        else:
            self.banner.hide()
        self.setWindowTitle(f"{title} – {APP_TITLE}")

    def _plan_changed(self, parts: frozenset) -> None:
        if "settings" in parts:  # the association's name is in the title
            self._show_document_state()

    def _write_failed(self, message: str) -> None:
        dialogs.show_error(self, self.tr("Ändringen sparades inte"), message)

    def open_dialog(self) -> None:
        path = dialogs.ask_open_path(self, self.tr("Öppna plan"), dialogs.OPEN_FILTER)
        if path:
            self.open_path(path)

    def open_example(self) -> bool:
        """Open a fresh copy of the bundled example plan in the user's documents."""
        try:
            path = fresh_example(resources.DEFAULT_EXAMPLE, documents.documents_folder())
        except UserFacingError as error:
            dialogs.show_error(self, self.tr("Kan inte öppna exempelplanen"), str(error))
            return False
        return self.open_path(path)

    def new_plan(self) -> bool:
        """Ask for a new plan's basics and a file name, create it and open it."""
        from .new_plan_dialog import create_new_plan
        document = create_new_plan(self)
        if document is None:
            return False
        self._set_document(document)
        return True

    # --- file jobs (finsam_desktop.services) -------------------------------------------

    def new_year(self) -> None:
        path = rollover_dialog.start_new_year(self)
        if path:
            self.open_path(path)

    def import_word_text(self) -> None:
        """Last year's Word document into the Dokument tab, as one undo step."""
        from .document_import_dialog import import_word_text
        if self.model is not None and import_word_text(self, self.model):
            self.tabs.setCurrentWidget(self.tabs_by_key["text"])

    def import_population(self) -> None:
        if self.model is not None:
            population_dialog.import_population(self, self.model)

    def restore_backup(self) -> None:
        if self.model is None:
            return
        path = self.model.document.path
        self.close_document()  # the file is replaced; our connection and lock must go first
        backup_dialog.restore_backup(self, path)
        self.open_path(path)

    def preview_report(self) -> None:
        if self.model is not None:
            report_actions.preview_report(self, self.model)

    def print_report(self) -> None:
        if self.model is not None:
            report_actions.print_report(self, self.model)

    def export_pdf(self) -> None:
        if self.model is not None:
            report_actions.export_pdf(self, self.model)

    def export_excel(self) -> None:
        if self.model is not None:
            report_actions.export_excel(self, self.model)

    def export_json(self) -> bool:
        return self.model is not None and report_actions.export_json(self, self.model) is not None

    def confirm_saved(self) -> None:
        """Ctrl+S: write what is pending now and say so."""
        if self.model is not None and not self.model.flush().ok:
            return  # the failure was reported
        self.statusBar().showMessage(self.tr("Allt är sparat"), 4000)

    # --- findings ----------------------------------------------------------------------

    def go_to_finding(self, finding) -> None:
        """Show the tab and row a finding concerns."""
        tab = self.tabs_by_key.get(finding_target(finding))
        if tab is None:
            return
        self.tabs.setCurrentWidget(tab)
        if finding.subject_id is not None and hasattr(tab, "select_item"):
            tab.select_item(finding.subject_id)
        elif hasattr(tab, "show_subject"):
            tab.show_subject(finding.subject)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.close_document()
        super().closeEvent(event)
