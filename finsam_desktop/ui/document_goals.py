"""Goals as the plans write them: a tree of goals and sub-goals, and a goal's indicators.

Sub-goals have no ids of their own (they live inside their goal), so both models address
a goal by its path (`document_edits.GoalPath`). Every change goes through PlanModel as one
undoable edit; typing in one cell merges.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from ..domain import document_edits as de
from ..domain.edits import EditError
from ..domain.plan import Goal, Indicator
from .plan_model import PlanModel

INDICATOR_FIELDS = (("text", "Indikator"), ("target", "Målvärde"),
                    ("method", "Uppföljning (metod)"), ("period", "Period"))
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class GoalTreeModel(QAbstractItemModel):
    """Goals and their sub-goals; the title is edited in place, the count is shown."""

    refused = Signal(str)

    def __init__(self, model: PlanModel, parent=None):
        super().__init__(parent)
        self.plan_model = model
        self._paths: list[tuple[int, ...]] = []
        self._ids: dict[tuple[int, ...], int] = {}
        self._goals = model.plan.goals
        model.changed.connect(self._on_changed)

    def _on_changed(self, parts) -> None:
        if "goals" not in parts:
            return
        goals = self.plan_model.plan.goals
        if _shape(goals) != _shape(self._goals):
            self.beginResetModel()
            self._goals = goals
            self.endResetModel()
        else:
            self._goals = goals
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 1))
            for path in list(self._ids):
                if len(path) > 1:
                    index = self.index_of(path)
                    self.dataChanged.emit(index, index.siblingAtColumn(1))

    def _id(self, path: tuple[int, ...]) -> int:
        if path not in self._ids:
            self._ids[path] = len(self._paths)
            self._paths.append(path)
        return self._ids[path]

    def path(self, index: QModelIndex) -> tuple[int, ...]:
        return self._paths[index.internalId()] if index.isValid() else ()

    def goal(self, path: tuple[int, ...]) -> Goal | None:
        goals, goal = self._goals, None
        for row in path:
            if not 0 <= row < len(goals):
                return None
            goal = goals[row]
            goals = goal.goals
        return goal

    def index_of(self, path: tuple[int, ...]) -> QModelIndex:
        index = QModelIndex()
        for row in path:
            index = self.index(row, 0, index)
        return index

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        path = self.path(parent) + (row,)
        if self.goal(path) is None or not 0 <= column < 2:
            return QModelIndex()
        return self.createIndex(row, column, self._id(path))

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        path = self.path(index)
        if len(path) <= 1:
            return QModelIndex()
        return self.createIndex(path[-2], 0, self._id(path[:-1]))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        if not parent.isValid():
            return len(self._goals)
        goal = self.goal(self.path(parent))
        return len(goal.goals) if goal else 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 2

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Mål", "Indikatorer")[section] if 0 <= section < 2 else None
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        goal = self.goal(self.path(index)) if index.isValid() else None
        if goal is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return goal.title if index.column() == 0 else str(len(goal.indicators))
        if role == Qt.ItemDataRole.FontRole and index.column() == 0 and not index.parent().isValid():
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == PATH_ROLE:
            return self.path(index)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and not self.plan_model.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() != 0:
            return False
        path = self.path(index)
        result = self.plan_model.edit("Ändra mål", de.update_goal, path, title=str(value))
        if not result.ok:
            self.refused.emit(result.refusal)
        return result.ok


def _shape(goals: tuple[Goal, ...]) -> tuple:
    return tuple(_shape(goal.goals) for goal in goals)


class IndicatorsModel(QAbstractTableModel):
    """The indicators of the goal at `path`: text, target, method and period, all editable."""

    refused = Signal(str, QModelIndex)
    """An edit was refused: the Swedish reason and the cell."""

    def __init__(self, model: PlanModel, parent=None):
        super().__init__(parent)
        self.plan_model = model
        self.path: tuple[int, ...] | None = None
        self._rows: tuple[Indicator, ...] = ()
        self.last_refusal: str | None = None
        model.changed.connect(self._on_changed)

    def _goal(self) -> Goal | None:
        if not self.path:
            return None
        try:
            return de.goal_at(self.plan_model.plan, self.path)
        except EditError:
            return None

    def show_goal(self, path: tuple[int, ...] | None) -> None:
        self.beginResetModel()
        self.path = path
        goal = self._goal()
        self._rows = goal.indicators if goal else ()
        self.endResetModel()

    def _on_changed(self, parts) -> None:
        if "goals" not in parts:
            return
        goal = self._goal()
        rows = goal.indicators if goal else ()
        if len(rows) != len(self._rows):
            self.show_goal(self.path if goal else None)
            return
        self._rows = rows
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 3))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(INDICATOR_FIELDS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(INDICATOR_FIELDS):
            return INDICATOR_FIELDS[section][1]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.plan_model.read_only else flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.EditRole):
            return None
        return getattr(self._rows[index.row()], INDICATOR_FIELDS[index.column()][0])

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.path:
            return False
        field = INDICATOR_FIELDS[index.column()][0]
        rows = list(self._rows)
        if getattr(rows[index.row()], field) == str(value):
            return True
        rows[index.row()] = replace(rows[index.row()], **{field: str(value)})
        result = self.plan_model.edit("Ändra indikator", de.set_goal_indicators, self.path, rows)
        if not result.ok:
            self.last_refusal = result.refusal
            self.refused.emit(result.refusal, QModelIndex(index))
            return False
        return True

    def change_rows(self, label: str, rows: list[Indicator]):
        """Replace the goal's indicators (add/remove) as one undoable step."""
        if not self.path:
            return None
        return self.plan_model.edit(label, de.set_goal_indicators, self.path, rows)

    def indicators(self) -> list[Indicator]:
        return list(self._rows)

