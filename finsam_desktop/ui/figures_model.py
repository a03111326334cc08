"""Computed figures per plan year as a read-only table model (Budget's economy, Översikt's
key figures): rows of (label, year -> kronor, is a sum), one column per year.

On a change of the figures it emits one `dataChanged` for the whole (small, fixed) grid;
it resets only when its rows or years change. Nothing is recreated per edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ..domain.outcome import Outcome
from ..domain.plan import Plan
from .formatting import money_text
from .plan_model import FIGURE_PARTS, PlanModel
from .tables import COMPUTED_BACKGROUND, RIGHT

LABEL_FLOOR = 120
"""The narrowest the row labels of a figures table are made for its year columns."""
Row = tuple[str, Callable[[int], int], bool]
Rows = Callable[[Plan, Outcome], list[Row]]


class YearFiguresModel(QAbstractTableModel):
    """Figures from the outcome, one row each and one column per plan year (read-only)."""

    def __init__(self, model: PlanModel, rows: Rows, with_unit: bool = False, parent=None):
        super().__init__(parent)
        self.plan_model = model
        self._rows_for = rows
        self.with_unit = with_unit
        self._years = model.plan.years
        self._rows = rows(model.plan, model.outcome)
        model.changed.connect(self._on_changed)

    def _on_changed(self, parts: frozenset) -> None:
        if parts.isdisjoint(FIGURE_PARTS):
            return
        plan = self.plan_model.plan
        rows = self._rows_for(plan, self.plan_model.outcome)
        if [row[0] for row in rows] != [row[0] for row in self._rows] or plan.years != self._years:
            self.beginResetModel()
            self._years, self._rows = plan.years, rows
            self.endResetModel()
            return
        self._rows = rows
        if rows and self._years:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(rows) - 1, len(self._years) - 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._years)

    def row_of(self, label: str) -> int:
        return next((row for row, item in enumerate(self._rows) if item[0] == label), -1)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._years):
                return str(self._years[section])
            if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
                return self._rows[section][0]
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Vertical \
                and 0 <= section < len(self._rows):
            return self._rows[section][0]  # a long label is cut to let the figures show
        if role == Qt.ItemDataRole.TextAlignmentRole and \
                orientation == Qt.Orientation.Horizontal:
            return int(RIGHT)
        if role == Qt.ItemDataRole.FontRole and orientation == Qt.Orientation.Vertical \
                and 0 <= section < len(self._rows) and self._rows[section][2]:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        label, value, is_sum = self._rows[index.row()]
        year = self._years[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return money_text(value(year), self.plan_model.plan.unit, self.with_unit)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(COMPUTED_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and is_sum:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and value(year) < 0:
            return QBrush(Qt.GlobalColor.darkRed)
        if role == Qt.ItemDataRole.UserRole:
            return value(year)
        return None


class FiguresView(QTableView):
    """A read-only table of figures whose columns fit their widest figure (never "19 9…").

    The fit runs after the frame that shows new figures, and only while the view is
    visible (a hidden tab refits when shown): measuring every cell is not per-keystroke work.
    """

    def __init__(self, model: YearFiguresModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(22)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(80)
        self._stale = True
        model.dataChanged.connect(self._figures_changed)
        model.modelReset.connect(self._figures_changed)
        self.fit()

    def _figures_changed(self, *_args) -> None:
        if self._stale:
            return
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self, self.fit)  # dropped if the view is gone

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._stale:
            self.fit()
        super().showEvent(event)

    def fit(self) -> None:
        self._stale = False
        self.resizeColumnsToContents()
        self._fit_labels()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_labels()

    def _fit_labels(self) -> None:
        """The row labels give up width (cut, whole in their tooltip) before a year's
        figures scroll out of a narrow pane."""
        bar = self.verticalScrollBar().sizeHint().width()  # kept free: it may come later
        room = self.width() - 2 * self.frameWidth() - bar
        labels = self.verticalHeader()
        limit = max(LABEL_FLOOR, room - self.horizontalHeader().length())
        if labels.maximumWidth() != limit:
            labels.setMaximumWidth(limit)
            self.updateGeometries()


def figures_view(model: YearFiguresModel) -> FiguresView:
    """The read-only view of a YearFiguresModel (Budget's economy, Översikt's figures)."""
    return FiguresView(model)
