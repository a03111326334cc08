"""*Importera utfall från SIE…*: map accounts to lines, see what each line gets, import.

The file is read first (nothing changes if it is refused). The dialog shows every
follow-up line with its accounts (the plan's mapping, editable: "5000-5999, 6110") and the
actual it would get, and lists every result account with an amount that no line maps.
*Importera* remembers the mapping in the plan and sets the actuals as one undoable change.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import follow_up_edits as fe
from ..domain.errors import UserFacingError
from ..domain.follow_up import LIST_LABELS, line_names
from ..domain.follow_up_import import import_actuals, preview_import
from ..domain.money import format_money, format_number
from ..domain.plan import LineRef
from ..services.follow_up import read_actuals
from .background import reading, run_for
from .plan_model import EditResult, PlanModel
from .refusal_label import RefusalLabel

SIE_FILTER = "SIE-fil (*.se *.si *.sie *.txt);;Konto och belopp (*.csv *.xlsx);;Alla filer (*)"
ACCOUNTS_COLUMN, AMOUNT_COLUMN = 2, 3
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _cell(text: str, editable: bool = False, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if editable:
        flags |= Qt.ItemFlag.ItemIsEditable
    item.setFlags(flags)
    if right:
        item.setTextAlignment(RIGHT)
    return item


def _ore(amount: Decimal) -> str:
    return format_number(amount.quantize(Decimal("0.01")), 2)


class SieImportDialog(QDialog):
    """The mapping of accounts to lines and the preview of one file's actuals."""

    def __init__(self, model: PlanModel, period_id: int, book, file_name: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.model, self.period_id, self.book = model, period_id, book
        plan = model.plan
        period = fe.find_period(plan, period_id)
        self.setWindowTitle(self.tr("Importera utfall – %s") % period.name)
        self.refs: list[LineRef] = list(line_names(plan))
        self.mapping: dict[LineRef, tuple[str, ...]] = dict(plan.follow_up.accounts)
        self.message = RefusalLabel()
        intro = QLabel(self.tr(
            "%1: %2 verifikationsrader till och med %3. Skriv kontona för varje rad "
            "(till exempel 5000-5999, 6110); kopplingen sparas i planen till nästa gång.")
            .replace("%1", file_name).replace("%2", format_number(book.transactions))
            .replace("%3", period.end))
        intro.setWordWrap(True)

        self.lines = QTableWidget(len(self.refs), 4)
        self.lines.setHorizontalHeaderLabels([self.tr("Slag"), self.tr("Rad"),
                                              self.tr("Konton"), self.tr("Får utfall")])
        names = line_names(plan)
        for row, ref in enumerate(self.refs):
            self.lines.setItem(row, 0, _cell(LIST_LABELS[ref[0]]))
            self.lines.setItem(row, 1, _cell(names[ref]))
            self.lines.setItem(row, ACCOUNTS_COLUMN,
                               _cell(", ".join(self.mapping.get(ref, ())), editable=True))
            self.lines.setItem(row, AMOUNT_COLUMN, _cell("", right=True))
        self.lines.verticalHeader().setVisible(False)
        self.lines.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.lines.setColumnWidth(ACCOUNTS_COLUMN, 200)
        self.lines.setColumnWidth(AMOUNT_COLUMN, 120)
        self.lines.setWordWrap(False)
        self.lines.verticalHeader().setDefaultSectionSize(24)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.lines.itemChanged.connect(self._on_accounts_typed)

        self.unmapped = QTableWidget(0, 3)
        self.unmapped.setHorizontalHeaderLabels([self.tr("Konto"), self.tr("Namn"),
                                                 self.tr("Belopp")])
        self.unmapped.verticalHeader().setVisible(False)
        self.unmapped.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.unmapped.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.unmapped_box = QGroupBox()
        unmapped_layout = QVBoxLayout(self.unmapped_box)
        unmapped_layout.addWidget(self.unmapped)

        lines_box = QGroupBox(self.tr("Rader och konton"))
        QVBoxLayout(lines_box).addWidget(self.lines)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(lines_box)
        split.addWidget(self.unmapped_box)
        split.setSizes([420, 180])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Importera"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(760, 640)
        self._show_preview()

    def row_of(self, name: str) -> int:
        """The row of the line called `name` (for tests and keyboard users)."""
        names = line_names(self.model.plan)
        return next(row for row, ref in enumerate(self.refs) if names[ref] == name)

    def set_accounts(self, row: int, text: str) -> None:
        """Type `text` into a line's accounts cell (as the user would)."""
        self.lines.item(row, ACCOUNTS_COLUMN).setText(text)

    def _on_accounts_typed(self, item: QTableWidgetItem) -> None:
        if item.column() != ACCOUNTS_COLUMN:
            return
        ref = self.refs[item.row()]
        mapping = dict(self.mapping)
        try:
            accounts = fe.parse_accounts(item.text())
            if accounts:
                mapping[ref] = accounts
            else:
                mapping.pop(ref, None)
            fe.check_accounts(self.model.plan, mapping, ref)
        except UserFacingError as error:
            self.message.report(str(error))
            self.lines.blockSignals(True)
            item.setText(", ".join(self.mapping.get(ref, ())))
            self.lines.blockSignals(False)
            return
        self.message.set_refusal(None)
        self.mapping = mapping
        self.lines.blockSignals(True)
        item.setText(", ".join(accounts))
        self.lines.blockSignals(False)
        self._show_preview()

    def _show_preview(self) -> None:
        plan = self.model.plan
        self.preview = preview_import(plan, self.book.sums, self.book.names, self.mapping)
        unit = plan.unit
        self.lines.blockSignals(True)
        for row, ref in enumerate(self.refs):
            amount = self.preview.actuals.get(ref)
            self.lines.item(row, AMOUNT_COLUMN).setText(
                "" if amount is None else format_money(amount, unit))
        self.lines.blockSignals(False)
        unmapped = self.preview.unmapped
        self.unmapped.setRowCount(len(unmapped))
        for row, item in enumerate(unmapped):
            self.unmapped.setItem(row, 0, _cell(item.account))
            self.unmapped.setItem(row, 1, _cell(item.name))
            self.unmapped.setItem(row, 2, _cell(_ore(item.amount), right=True))
        if unmapped:
            self.unmapped_box.setTitle(self.tr(
                "Resultatkonton utan rad: %1, sammanlagt %2 kr – de tas inte med")
                .replace("%1", self.tr("1 konto") if len(unmapped) == 1
                         else self.tr("%s konton") % len(unmapped))
                .replace("%2", _ore(self.preview.unmapped_total())))
        else:
            self.unmapped_box.setTitle(self.tr("Alla resultatkonton med belopp hör till en rad"))

    def apply(self) -> EditResult:
        """Remember the mapping and set the actuals, as one undoable change."""
        return self.model.edit(self.tr("Importera utfall"), lambda plan: import_actuals(
            plan, self.period_id, self.book.sums, self.book.names, self.mapping)[0])


def exec_dialog(dialog: QDialog) -> bool:
    """Run the dialog; tests replace this to drive the dialog themselves."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def import_from_file(parent: QWidget, model: PlanModel, period_id: int,
                     path: str) -> EditResult | None:
    """Read `path`, show the dialog, apply on *Importera*; None when the user cancelled."""
    plan = model.plan
    try:
        period = fe.find_period(plan, period_id)
        book = run_for(parent, lambda _: read_actuals(Path(path), plan.plan_year, period.end),
                       reading(path))
    except UserFacingError as error:
        return EditResult(str(error))
    dialog = SieImportDialog(model, period_id, book, Path(path).name, parent)
    try:
        if not exec_dialog(dialog):
            return None
        return dialog.apply()
    finally:
        dialog.deleteLater()
