"""*Visa kolumner*: which columns of a wide plan table show, chosen by the user and remembered.

A table with more fields than a laptop's width (Insatser: every field, and money, participants
and external funding per plan year) shows the ones edited most and hides the rest by
default; the button says how many are hidden ("Visa kolumner (5 dolda)") and its menu, also
on a right click on the header, ticks each one on or off, or shows them all. The choice is
kept in the window's settings (the one `QSettings` of `MainWindow.settings`), so the table
looks the same next time. Hidden columns hold their data: search, sums, copy of the plan and
the report still use them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton

from .table_view import PlanTableView


def _tr(text: str) -> str:
    return QCoreApplication.translate("ColumnMenu", text)


class ColumnMenu(QObject):
    """The *Visa kolumner* button and menu of `view`.

    `choices` are (key, Swedish label) pairs: a column key, or the series of a year's columns
    ("amounts" for every *Belopp* year). `hidden` is the default set of hidden keys;
    `settings_key` names the remembered choice in the window's settings.
    """

    def __init__(self, view: PlanTableView, choices: Sequence[tuple[str, str]],
                 hidden: set[str], settings_key: str):
        super().__init__(view)
        self.view = view
        self.choices = tuple(choices)
        self.default = set(hidden)
        self.settings_key = settings_key
        self._restored = False
        self.menu = QMenu(view)
        self.actions: dict[str, QAction] = {}
        for key, label in self.choices:
            action = self.menu.addAction(label)
            action.setCheckable(True)
            action.toggled.connect(lambda shown, k=key: self.set_shown(k, shown))
            self.actions[key] = action
        self.menu.addSeparator()
        self.menu.addAction(_tr("Visa alla kolumner")).triggered.connect(self.show_all)
        self.menu.addAction(_tr("Standardkolumner")).triggered.connect(self.show_default)
        self.button = QPushButton()
        self.button.setMenu(self.menu)
        self.button.setToolTip(_tr("Välj vilka kolumner tabellen visar (också med högerklick "
                                   "på rubrikraden)"))
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self._apply(self.default)

    def hidden(self) -> set[str]:
        return set(self.view.hidden_keys)

    def set_shown(self, key: str, shown: bool) -> None:
        hidden = self.hidden() - {key} if shown else self.hidden() | {key}
        if hidden != self.hidden():
            self._apply(hidden)
            self._remember()

    def show_all(self) -> None:
        self._apply(set())
        self._remember()

    def show_default(self) -> None:
        self._apply(self.default)
        self._remember()

    def restore(self) -> None:
        """The remembered choice from the window's settings (once, when first shown)."""
        if self._restored:
            return
        self._restored = True
        settings = getattr(self.view.window(), "settings", None)
        if settings is None or not settings.contains(self.settings_key):
            return
        known = {key for key, _ in self.choices}
        stored = settings.value(self.settings_key, [], type=list) or []  # docs/pitfalls.md: QSettings lists
        self._apply({str(key) for key in stored} & known)

    def _remember(self) -> None:
        settings = getattr(self.view.window(), "settings", None)
        if settings is not None:
            settings.setValue(self.settings_key, sorted(self.hidden()))

    def _apply(self, hidden: set[str]) -> None:
        self.view.set_hidden_keys(hidden)
        for key, action in self.actions.items():
            action.blockSignals(True)
            action.setChecked(key not in hidden)
            action.blockSignals(False)
        count = len(hidden & set(self.actions))
        self.button.setText(_tr("Visa kolumner ({0} dolda)").format(count) if count
                            else _tr("Visa kolumner"))

    def _header_menu(self, position: QPoint) -> None:
        self.menu.popup(self.view.horizontalHeader().mapToGlobal(position))
