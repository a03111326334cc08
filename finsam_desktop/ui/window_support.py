"""What the main window needs beside its menus: tab keys, a first size that fits the screen,
opening a plan JSON, and following the writer's commits in a read-only window.

Kept out of main_window.py so that module stays small; each piece is used from there.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget

from ..domain.errors import UserFacingError
from .background import job_running

FIRST_SIZE = QSize(1320, 860)
"""The window's first size where the screen allows: every tab's columns and headers show."""
SCREEN_MARGIN = QSize(24, 40)
"""Room left for the window frame and a task bar (1366×768 leaves 1342×728 and less)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def finding_target(finding) -> str:
    """Which tab a finding concerns."""
    if finding.subject == "member":
        return "members"
    if finding.subject == "follow_up":
        return "follow_up"
    if finding.subject == "intervention":
        return "interventions"
    if finding.subject == "equity" and finding.code == "equity_negative":
        return "budget"
    return "overview"


def same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False


def first_size(available: QSize) -> QSize:
    """The window's size on first start on a screen with `available` room."""
    return QSize(min(FIRST_SIZE.width(), available.width() - SCREEN_MARGIN.width()),
                 min(FIRST_SIZE.height(), available.height() - SCREEN_MARGIN.height()))


def add_tab_actions(window: QMainWindow, menu: QMenu, tabs: QTabWidget) -> dict[str, QAction]:
    """*Nästa flik* and *Föregående flik* with the usual keys, working wherever the focus is
    (a table keeps Ctrl+Tab for itself otherwise)."""
    def step(delta: int) -> None:
        if tabs.count():
            tabs.setCurrentIndex((tabs.currentIndex() + delta) % tabs.count())
            page = tabs.currentWidget()
            if page is not None:
                page.setFocus(Qt.FocusReason.TabFocusReason)
    made = {}
    for key, text, keys, delta in (
            ("next_tab", _tr("Nästa flik"), ("Ctrl+Tab", "Ctrl+PgDown"), 1),
            ("previous_tab", _tr("Föregående flik"),
             ("Ctrl+Shift+Tab", "Ctrl+PgUp", "Ctrl+Shift+Backtab", "Ctrl+Backtab"), -1)):
        action = QAction(text, window)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False, d=delta: step(d))
        action.setProperty("needs_plan", True)
        menu.addAction(action)
        made[key] = action
    return made


def plan_json_target(source: Path) -> Path:
    """Where *Öppna…* puts the plan file it makes from a plan JSON: beside it, never over one."""
    stem = source.name
    for suffix in (".plan.json", ".json"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    target = source.with_name(f"{stem}.finsam")
    number = 1
    while target.exists():
        number += 1
        target = source.with_name(f"{stem}-{number}.finsam")
    return target


def import_plan_json(source: Path) -> Path:
    """A new plan file beside the plan JSON `source`; its path. Raises UserFacingError."""
    from ..services.plans import import_plan
    target = plan_json_target(source)
    import_plan(source, target)
    return target


class ReadOnlyFollower(QObject):
    """Reloads a read-only window when the file changes on disk (the writer committed).

    Commits come in bursts; a short pause after the last change is waited for, and a
    reload that meets the file mid-write keeps the figures shown and tries again later.
    """

    PAUSE_MS = 250

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.PAUSE_MS)
        self.timer.timeout.connect(self.reload)
        self.reloaded_at: dt.datetime | None = None

    def follow(self, model) -> None:
        """Watch `model`'s file if it is open read-only; stop watching otherwise."""
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        if model is not None and model.read_only:
            self.watcher.addPath(str(model.document.path))

    def _changed(self, path: str) -> None:
        if path not in self.watcher.files() and Path(path).exists():
            self.watcher.addPath(path)  # a replaced file drops out of the watch
        self.timer.start()

    def reload(self) -> bool:
        """Open the file again read-only, on the same tab; True when it was reloaded."""
        from .plan_loader import open_document
        model = self.window.model
        if model is None or not model.read_only:
            return False
        if job_running():  # a job's event loop runs this timer (an export, or this reload
            self.timer.start()  # itself when the file changed again): once more after it
            return False
        path, tab = model.document.path, self.window.tabs.currentIndex()
        try:  # read on a worker: the window paints (seconds at 50 000 interventions)
            document = open_document(self.window, path, read_only=True)
        except (UserFacingError, OSError):
            self.timer.start()
            return False
        self.window._set_document(document)
        self.window.tabs.setCurrentIndex(tab)
        self.reloaded_at = dt.datetime.now()
        self.window.banner.setText(self.window.banner.text() + " " + _tr(
            "Uppdaterad kl. {time} med det som sparats i det andra fönstret.").format(
                time=self.reloaded_at.strftime("%H.%M.%S")))
        return True
