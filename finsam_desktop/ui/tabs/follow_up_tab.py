"""The Uppföljning tab: per period, each line's budget, actual, forecast and deviation.

A period (Tertial 1 to 30 April, Delår to 31 August, Helår, or any month end) is chosen at
the top. Actuals, forecasts and comments are typed, pasted or cleared with the shared table
keys (`PlanTableView`: Ctrl+C/V, Delete, each one undo step); the two suggestions set the
forecast of every line of the period.
Everything shown is computed in the domain (`outcome.follow_up`); the forecast findings
appear in the findings panel like every other finding.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import follow_up_edits as fe
from ...domain.errors import UserFacingError
from ...domain.follow_up import PERIOD_PRESETS
from ...services.follow_up import write_follow_up_report
from .. import dialogs, sie_dialog
from ..follow_up_models import FollowUpSumsModel, FollowUpTableModel
from ..plan_model import PlanModel
from ..refusal_label import RefusalLabel
from ..sort_proxy import SortProxy
from ..table_view import PlanTableView

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")


def month_end(year: int, month: int) -> str:
    return dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def ask_month(parent: QWidget, year: int) -> tuple[str, str] | None:
    """Ask for a month end of `year`: (suggested name, end date), or None when cancelled."""
    labels = [f"{calendar.monthrange(year, m)[1]} {MONTHS[m - 1]} {year}" for m in range(1, 13)]
    label, ok = QInputDialog.getItem(parent, "Ny period", "Periodens slut:", labels, 2, False)
    if not ok:
        return None
    month = labels.index(label) + 1
    return f"Per {calendar.monthrange(year, month)[1]} {MONTHS[month - 1]}", month_end(year, month)


def ask_name(parent: QWidget, title: str, current: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, "Namn:", text=current)
    return text if ok else None


class FollowUpTab(QWidget):
    """Follow one period of the budget year up, line by line."""

    def __init__(self, model: PlanModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.message = RefusalLabel()
        self.periods = QComboBox()
        self.periods.setMinimumWidth(220)
        self.periods.currentIndexChanged.connect(self._on_period_chosen)
        self.add_button = QToolButton()
        self.add_button.setText(self.tr("Ny period"))
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        for name, month, day in PERIOD_PRESETS:
            menu.addAction(self.tr("%1 (till %2 %3)").replace("%1", name)
                           .replace("%2", str(day)).replace("%3", MONTHS[month - 1]),
                           lambda name=name, month=month: self.add_period(
                               name, month_end(self.model.plan.plan_year, month)))
        menu.addAction(self.tr("Annat månadsslut…"), self.add_month_period)
        self.add_button.setMenu(menu)
        self.rename_button = QPushButton(self.tr("Byt namn…"))
        self.rename_button.clicked.connect(self.rename_period)
        self.remove_button = QPushButton(self.tr("Ta bort period"))
        self.remove_button.clicked.connect(self.remove_period)
        self.extrapolate_button = QPushButton(self.tr("Prognos = utfall uppräknat till helår"))
        self.extrapolate_button.clicked.connect(self.suggest_extrapolated)
        self.budget_button = QPushButton(self.tr("Prognos = budget"))
        self.budget_button.clicked.connect(self.suggest_budget)
        for button in (self.extrapolate_button, self.budget_button):
            button.setToolTip(self.tr("Gäller periodens alla rader (en rad: ändra eller "
                                      "töm dess prognos; tom prognos = budget)."))
        self.import_button = QPushButton(self.tr("Importera utfall från SIE…"))
        self.import_button.clicked.connect(self.import_actuals)
        self.report_button = QPushButton(self.tr("Uppföljningsrapport (PDF)…"))
        self.report_button.clicked.connect(self.export_report)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:")))
        for widget in (self.periods, self.add_button, self.rename_button, self.remove_button):
            top.addWidget(widget)
        top.addSpacing(16)
        for widget in (self.extrapolate_button, self.budget_button, self.import_button,
                       self.report_button):
            top.addWidget(widget)
        top.addStretch(1)

        self.table = FollowUpTableModel(model, self)
        self.proxy = SortProxy(self)
        self.view = PlanTableView(self.table, self.proxy, self.message)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # contract order until asked
        self.sums = FollowUpSumsModel(self.table, self)
        self.sums_view = QTableView()
        self.sums_view.setModel(self.sums)
        self.sums_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sums_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.sums_view.verticalHeader().setDefaultSectionSize(22)
        self.sums_view.setMaximumHeight(4 * 22 + 30)
        self.sums_box = QGroupBox(self.tr("Summor och prognos för eget kapital"))
        QVBoxLayout(self.sums_box).addWidget(self.sums_view)
        self.empty = QLabel(self.tr(
            "Ingen uppföljningsperiod ännu. Välj Ny period för att följa upp budgetåret: "
            "Tertial 1 till den 30 april, Delår till den 31 augusti, Helår eller valfritt "
            "månadsslut."))
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.sums_box)
        layout.addWidget(self.message)
        model.changed.connect(self._on_changed)
        self._fill_periods()

    # --- periods ------------------------------------------------------------------------

    def period_id(self) -> int | None:
        return self.periods.currentData()

    def _fill_periods(self, keep: int | None = None) -> None:
        keep = self.period_id() if keep is None else keep
        periods = self.model.plan.follow_up.periods
        self.periods.blockSignals(True)
        self.periods.clear()
        for period in periods:
            self.periods.addItem(f"{period.name} ({period.end})", period.id)
        index = self.periods.findData(keep) if keep is not None else -1
        if index < 0 and periods:
            index = len(periods) - 1  # the latest period
        self.periods.setCurrentIndex(index)
        self.periods.blockSignals(False)
        self._on_period_chosen()

    def _on_period_chosen(self, *_args) -> None:
        period_id = self.period_id()
        if period_id != self.table.period_id:
            self.table.set_period(period_id)
        has = period_id is not None
        writable = not self.model.read_only
        self.empty.setVisible(not has)
        self.view.setVisible(has)
        self.sums_box.setVisible(has)
        self.add_button.setEnabled(writable)
        self.report_button.setEnabled(has)
        for button in (self.rename_button, self.remove_button, self.extrapolate_button,
                       self.budget_button, self.import_button):
            button.setEnabled(has and writable)

    def _on_changed(self, change: frozenset) -> None:
        self.message.hide()
        if "follow_up" in change or "settings" in change:
            self._fill_periods()

    def add_period(self, name: str, end: str) -> None:
        result = self.model.edit(self.tr("Ny uppföljningsperiod"), fe.add_period, name, end)
        if self.message.report(result):
            self._fill_periods(keep=result.new_id)

    def add_month_period(self) -> None:
        answer = ask_month(self, self.model.plan.plan_year)
        if answer is not None:
            self.add_period(*answer)

    def rename_period(self) -> None:
        period_id = self.period_id()
        if period_id is None:
            return
        name = ask_name(self, self.tr("Byt namn på perioden"),
                        fe.find_period(self.model.plan, period_id).name)
        if name is not None:
            self.message.report(self.model.edit(self.tr("Byt namn på period"),
                                                fe.rename_period, period_id, name))

    def remove_period(self) -> None:
        period_id = self.period_id()
        if period_id is None:
            return
        name = fe.find_period(self.model.plan, period_id).name
        if dialogs.confirm(self, self.tr("Ta bort period"),
                           self.tr("Ta bort perioden %s med dess utfall, prognoser och "
                                   "kommentarer? Det går att ångra.") % name):
            self.message.report(self.model.edit(self.tr("Ta bort period"), fe.remove_period,
                                                period_id))

    # --- suggestions, import ------------------------------------------------------------

    def suggest_extrapolated(self) -> None:
        if self.period_id() is not None:
            self.message.report(self.model.edit(
                self.tr("Prognos = utfall uppräknat till helår"), fe.suggest_extrapolated,
                self.period_id()))

    def suggest_budget(self) -> None:
        if self.period_id() is not None:
            self.message.report(self.model.edit(self.tr("Prognos = budget"), fe.suggest_budget,
                                                self.period_id()))

    def import_actuals(self) -> None:
        period_id = self.period_id()
        if period_id is None:
            return
        path = dialogs.ask_open_path(self, self.tr("Importera utfall från SIE"),
                                     sie_dialog.SIE_FILTER)
        if path:
            result = sie_dialog.import_from_file(self, self.model, period_id, path)
            if result is not None:
                self.message.report(result)

    def export_report(self) -> Path | None:
        """*Uppföljningsrapport (PDF)…*: the shown period's report where the user says."""
        period_id = self.period_id()
        if period_id is None:
            return None
        plan = self.model.plan
        name = fe.find_period(plan, period_id).name
        title = self.tr("Uppföljningsrapport")
        suggested = Path(self.model.document.path).parent / " ".join(
            re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", f"Uppföljning {name} {plan.plan_year} "
                   f"{plan.association}").split())
        path = dialogs.ask_save_path(self, title, dialogs.PDF_FILTER, f"{suggested}.pdf")
        if not path:
            return None
        target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        try:  # the save dialog has already asked about replacing
            write_follow_up_report(plan, self.model.outcome, target, name, force=True)
        except (UserFacingError, OSError) as error:
            dialogs.show_error(self, title, str(error))
            return None
        return target

    # --- navigation ---------------------------------------------------------------------

    def select_item(self, ident: int) -> None:
        """Select the line of entity `ident` (a finding about it)."""
        if self.view.select_id(ident):
            self.view.setFocus()

    def show_subject(self, subject: str) -> None:
        self.sums_view.setFocus()
