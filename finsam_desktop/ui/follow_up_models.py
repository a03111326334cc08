"""Table models of the Uppföljning tab: one period's lines, and its sums.

The rows are `FollowUpLine`s from `model.outcome.follow_up` (computed in the domain); the
model only formats them and forwards typed actuals, forecasts and comments to
`PlanModel.edit` through `domain.follow_up_edits`. It speaks the roles of the shared plan
tables (`ui/tables.py`), so `PlanTableView` sorts, selects and shows refusals as elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from ..domain import edits
from ..domain import follow_up_edits as fe
from ..domain.errors import UserFacingError
from ..domain.follow_up import LIST_LABELS, FollowUpLine, PeriodOutcome
from ..domain.money import format_money, format_share, parse_money
from ..domain.plan import Plan
from .columns import RIGHT, Column, Update, money_edit_text
from .plan_model import FIGURE_PARTS, EditResult, PlanModel
from .tables import (
    _SEPARATORS,
    COMPUTED_BACKGROUND,
    COMPUTED_ROLE,
    COPY_ROLE,
    EDITOR_ROLE,
    ID_ROLE,
    SORT_ROLE,
    CellError,
    column_header,
)

ValueChange = Callable[[Plan, int, tuple, object], Plan]


def parse_value(key: str, text: str, unit: str) -> object:
    """Typed text of an editable column as the value its edit takes (None clears)."""
    text = str(text).strip()
    if key in ("comment", "name"):
        return text
    return parse_money(text, unit) if text else None


def _rename(plan: Plan, period_id: int, ref: tuple, name: object) -> Plan:
    """Rename the line itself (as in its own tab); its follow-up keeps to it by id."""
    return edits.update_item(plan, ref[0], ref[1], name=name)


EDIT_FUNCTIONS: dict[str, tuple[str, ValueChange]] = {
    "name": ("Byt namn på rad", _rename),
    "actual": ("Ändra utfall", fe.set_actual),
    "forecast": ("Ändra prognos", fe.set_forecast),
    "comment": ("Ändra kommentar", fe.set_comment),
}


def _current(plan: Plan, period_id: int, key: str, ref: tuple) -> object:
    if key == "name":
        return edits.find(plan, ref[0], ref[1]).name
    period = fe.find_period(plan, period_id)
    if key == "comment":
        return period.comments.get(ref, "")
    return (period.actuals if key == "actual" else period.forecast).get(ref)


def value_update(key: str, period: Callable[[], int | None]) -> Update:
    """The column's pure change for the shown period: update(plan, list, entity id, text);
    the same plan object when the value does not change (so no undo step)."""
    label, change = EDIT_FUNCTIONS[key]

    def update(plan: Plan, list_name: str, ident: int, text: str) -> Plan:
        period_id = period()
        if period_id is None:
            raise fe.EditError("Välj eller lägg till en uppföljningsperiod först.")
        ref = (list_name, ident)
        value = parse_value(key, text, plan.unit)
        if value == _current(plan, period_id, key, ref) or (key == "actual" and value is None
                                                            and _current(plan, period_id, key,
                                                                         ref) is None):
            return plan
        return change(plan, period_id, ref, value)
    return update


def _money(get: Callable[[FollowUpLine], int]) -> Callable[[FollowUpLine, PlanModel], str]:
    return lambda line, model: format_money(get(line), model.plan.unit)


def _share(line: FollowUpLine, model: PlanModel) -> str:
    share = line.deviation_share
    return "" if share is None else format_share(share)


def columns(period: Callable[[], int | None]) -> tuple[Column, ...]:
    """The line table's columns; name, actual, forecast and comment are editable."""
    def editable(key: str) -> dict:
        return {"update": value_update(key, period), "label": EDIT_FUNCTIONS[key][0]}
    return (
        Column("list", "Slag", lambda line, m: LIST_LABELS[line.list],
               sort=lambda line, m: LIST_LABELS[line.list], computed=True, width=120),
        Column("name", "Rad", lambda line, m: line.name, sort=lambda line, m: line.name,
               width=220, **editable("name")),
        Column("budget", "Budget", _money(lambda line: line.budget),
               sort=lambda line, m: line.budget, align=RIGHT, computed=True, width=100),
        Column("actual", "Utfall", _money(lambda line: line.actual),
               sort=lambda line, m: line.actual, align=RIGHT, editor="money", width=100,
               edit_text=lambda line, m: money_edit_text(line.actual, m.plan.unit),
               tooltip="Bokfört från 1 januari till periodens slut", **editable("actual")),
        Column("forecast", "Prognos", _money(lambda line: line.forecast),
               sort=lambda line, m: line.forecast, align=RIGHT, editor="money", width=100,
               edit_text=lambda line, m: money_edit_text(line.forecast, m.plan.unit),
               tooltip="Helårsprognos; tom = budget", **editable("forecast")),
        Column("deviation", "Avvikelse", _money(lambda line: line.deviation),
               sort=lambda line, m: line.deviation, align=RIGHT, computed=True, width=100,
               tooltip="Påverkan på resultatet mot budget: negativ är sämre än budget"),
        Column("deviation_share", "Avvikelse %", _share,
               sort=lambda line, m: line.deviation_share or 0, align=RIGHT, computed=True,
               width=90),
        Column("comment", "Kommentar", lambda line, m: line.comment,
               sort=lambda line, m: line.comment, width=240, **editable("comment")),
    )


class FollowUpTableModel(QAbstractTableModel):
    """The lines of one follow-up period (every line of the plan, in contract order)."""

    refused = Signal(str, QModelIndex)
    """An edit was refused: the Swedish reason and the cell it concerns."""

    def __init__(self, model: PlanModel, parent=None):
        super().__init__(parent)
        self.plan_model = model
        self.period_id: int | None = None
        self._columns = columns(lambda: self.period_id)
        self._lines: tuple[FollowUpLine, ...] = ()
        self.last_refusal: str | None = None
        model.changed.connect(self._on_changed)

    def period(self) -> PeriodOutcome | None:
        for period in self.plan_model.outcome.follow_up:
            if period.period_id == self.period_id:
                return period
        return None

    def set_period(self, period_id: int | None) -> None:
        self.beginResetModel()
        self.period_id = period_id
        period = self.period()
        self._lines = period.lines if period else ()
        self.endResetModel()

    def _on_changed(self, change: frozenset) -> None:
        if change.isdisjoint(FIGURE_PARTS):
            return
        period = self.period()
        lines = period.lines if period else ()
        if [line.ref for line in lines] != [line.ref for line in self._lines]:
            self.beginResetModel()
            self._lines = lines
            self.endResetModel()
            return
        self._lines = lines
        if lines:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(lines) - 1, len(self._columns) - 1))

    # the shared table interface (PlanTableView)
    def column(self, index: int) -> Column:
        return self._columns[index]

    def column_index(self, key: str) -> int:
        return next((i for i, c in enumerate(self._columns) if c.key == key), -1)

    def line(self, row: int) -> FollowUpLine:
        return self._lines[row]

    def row_of(self, ident: int) -> int:
        return next((row for row, line in enumerate(self._lines) if line.ref[1] == ident), -1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        return column_header(self._columns, section, role)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.plan_model.read_only and self._columns[index.column()].can_edit(
                self._lines[index.row()]):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(line, self.plan_model)
        if role == Qt.ItemDataRole.EditRole:
            return (column.edit_text or column.text)(line, self.plan_model)
        if role == SORT_ROLE:
            return (column.sort or column.text)(line, self.plan_model)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.BackgroundRole and column.computed:
            return QBrush(COMPUTED_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.key.startswith("deviation") and line.deviation < 0:
                return QBrush(Qt.GlobalColor.darkRed)
            if column.key == "forecast" and not line.forecast_set:
                return QBrush(Qt.GlobalColor.darkGray)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key == "forecast" and not line.forecast_set:
                return "Ingen prognos angiven: räknas som budget."
            if column.computed:
                return "Beräknas – kan inte ändras här."
        if role == COPY_ROLE:
            text = (column.edit_text or column.text)(line, self.plan_model)
            return text.translate(_SEPARATORS) if column.align == RIGHT else text
        if role == ID_ROLE:
            return line.ref[1]
        if role == EDITOR_ROLE:
            return column.editor
        if role == COMPUTED_ROLE:
            return column.computed
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column, line = self._columns[index.column()], self._lines[index.row()]
        if not column.can_edit(line):
            return False
        result = self.plan_model.edit(column.undo_label(), column.update, line.list,
                                      line.ref[1], "" if value is None else str(value))
        if not result.ok:
            self.last_refusal = result.refusal
            self.refused.emit(result.refusal, QModelIndex(index))
            return False
        self.last_refusal = None
        return True

    def set_cells(self, label: str, cells: Sequence[tuple[int, int, str]],
                  new_rows: Sequence = (), row_names: Callable[[int], str] | None = None
                  ) -> EditResult:
        """(row, column, text) cells as ONE undoable change (paste, clear); read-only cells
        are skipped, the lines are fixed (`new_rows` are never added), and a refusal names
        the first bad cell with nothing changed."""
        lines, columns_ = self._lines, self._columns
        triples = [(lines[row], columns_[column], text) for row, column, text in cells
                   if 0 <= row < len(lines) and columns_[column].can_edit(lines[row])]

        def change(plan: Plan) -> Plan:
            for line, column, text in triples:
                try:
                    plan = column.update(plan, line.list, line.ref[1], text)
                except UserFacingError as error:
                    raise CellError(f"{line.name}, {column.header}: {error}") from None
            return plan
        return self.plan_model.edit(label, change)

    def clearable(self, cells: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The cells Delete may empty (a name must keep its text)."""
        plan, kept = self.plan_model.plan, []
        for row, position, text in cells:
            line = self._lines[row]
            try:
                self._columns[position].update(plan, line.list, line.ref[1], text)
            except UserFacingError:
                continue
            kept.append((row, position, text))
        return kept


SUM_ROWS = (("Intäkter", "income"), ("Kostnader", "costs"), ("Resultat", "result"),
            ("Utgående eget kapital", "closing_equity"))
SUM_COLUMNS = ("Budget", "Utfall", "Prognos", "Avvikelse")


def sum_figures(period: PeriodOutcome, key: str) -> tuple[int, int | None, int, int]:
    """(budget, actual or None, forecast, deviation) of a sum row; costs deviate the other way."""
    if key == "closing_equity":
        budget, actual, forecast = (period.closing_equity_budget, None,
                                    period.closing_equity_forecast)
    else:
        budget = getattr(period, f"{key}_budget")
        actual = getattr(period, f"{key}_actual")
        forecast = getattr(period, f"{key}_forecast")
    deviation = budget - forecast if key == "costs" else forecast - budget
    return budget, actual, forecast, deviation


class FollowUpSumsModel(QAbstractTableModel):
    """Income, costs, result and forecast closing equity of the shown period (read-only)."""

    def __init__(self, table: FollowUpTableModel, parent=None):
        super().__init__(parent)
        self.table = table
        table.modelReset.connect(self._refresh)
        table.dataChanged.connect(self._refresh)

    def _refresh(self, *_args) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(len(SUM_ROWS) - 1,
                                                           len(SUM_COLUMNS) - 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(SUM_ROWS)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(SUM_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(SUM_COLUMNS):
            return SUM_COLUMNS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(SUM_ROWS):
            return SUM_ROWS[section][0]
        return None

    def figure(self, row: int, column: int) -> int | None:
        period = self.table.period()
        if period is None:
            return None
        return sum_figures(period, SUM_ROWS[row][1])[column]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.figure(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else format_money(value, self.table.plan_model.plan.unit)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(COMPUTED_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and value is not None and value < 0 \
                and (index.column() == 3 or SUM_ROWS[index.row()][1] != "costs"):
            return QBrush(Qt.GlobalColor.darkRed)
        if role == Qt.ItemDataRole.FontRole and SUM_ROWS[index.row()][1] in ("result",
                                                                             "closing_equity"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None
