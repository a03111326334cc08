"""Subtotals of the Insatser tab grouped by area, category or municipality.

A small read-only table beside the intervention table, not group header rows
inside it: the big table keeps its one-row-per-intervention model, so editing,
undo, filtering, sorting, Insert/Delete and `select_item` work unchanged. The
sums come from the domain (`grouped_year_totals`); this model only lays them out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cmp_to_key

from PySide6.QtCore import QAbstractTableModel, QCollator, QModelIndex, Qt

from ...domain.money import format_money, format_number
from ...domain.plan import AREA_LABELS, CATEGORY_LABELS, Intervention, Labels, Plan
from ...domain.totals import GroupTotals, grouped_year_totals
from ..tables import COMPUTED_BACKGROUND, LEFT, RIGHT

FIELDS = ("amounts", "participants")
GROUP_KEY_ROLE = Qt.ItemDataRole.UserRole + 10
"""The group's key (area/category code or municipality name) on every cell of its row."""


@dataclass(frozen=True)
class Grouping:
    """One way to group interventions: the field, its Swedish name and its value labels."""

    field: str
    label: str
    labels: dict[str, str]
    """Labels of known keys, in the order groups are listed (empty: sorted by name)."""
    empty: str
    """How a group of interventions without a value is shown."""
    plan_names: Callable[[Plan], Mapping[str, str]] | None = None
    """The plan's own names of the known keys, where it may rename them (areas)."""

    def key(self, item: Intervention) -> str:
        return getattr(item, self.field)

    def names(self, plan: Plan) -> Mapping[str, str]:
        return self.plan_names(plan) if self.plan_names is not None else self.labels


GROUPINGS = (
    Grouping("area", "Område", AREA_LABELS, "(inget område)", Labels.area_names_of),
    Grouping("category", "Kategori", CATEGORY_LABELS, "(ingen kategori)"),
    Grouping("municipality", "Kommun", {}, "(ingen kommun)"),
)
GROUPING_BY_FIELD = {grouping.field: grouping for grouping in GROUPINGS}


def ordered(groups: Sequence[GroupTotals], grouping: Grouping,
            collator: QCollator) -> list[GroupTotals]:
    """Known keys in their label order, others by name in Swedish order, empty last."""
    rank = {key: position for position, key in enumerate(grouping.labels)}
    by_name = sorted(groups, key=cmp_to_key(lambda a, b: collator.compare(a.key, b.key)))
    return sorted(by_name, key=lambda group: (group.key == "", rank.get(group.key, len(rank))))


class GroupTotalsModel(QAbstractTableModel):
    """One row per group: name, number of interventions, money and participants per year."""

    def __init__(self, collator: QCollator, parent=None):
        super().__init__(parent)
        self.collator = collator
        self.grouping: Grouping | None = None
        self.groups: list[GroupTotals] = []
        self.names: Mapping[str, str] = {}
        self.years: tuple[int, ...] = ()
        self.unit = "kr"
        self._texts: list[list[str]] = []
        """Each group's cells as shown, made once per change: fitting the columns and
        painting read them (290 municipalities, twelve columns)."""

    def set_rows(self, plan: Plan, rows: Sequence[Intervention],
                 grouping: Grouping | None) -> None:
        """Regroup `rows`; keeps the model (only `dataChanged`) when the groups are the same."""
        self.set_groups(plan, [] if grouping is None else
                        grouped_year_totals(rows, grouping.key, FIELDS, plan.years), grouping)

    def set_groups(self, plan: Plan, totals: Sequence[GroupTotals],
                   grouping: Grouping | None) -> None:
        """Show groups summed elsewhere (`domain.totals_followed`), as `set_rows` does."""
        groups = [] if grouping is None else ordered(totals, grouping, self.collator)
        same_shape = (grouping is self.grouping and tuple(plan.years) == self.years
                      and plan.unit == self.unit  # the unit is in the headers
                      and [g.key for g in groups] == [g.key for g in self.groups])
        if not same_shape:
            self.beginResetModel()
        self.grouping, self.groups = grouping, groups
        self.names = grouping.names(plan) if grouping is not None else {}
        self.years, self.unit = tuple(plan.years), plan.unit
        self._texts = [self._row_texts(group) for group in groups]
        if not same_shape:
            self.endResetModel()
        elif groups:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(groups) - 1, self.columnCount() - 1))

    def _row_texts(self, group: GroupTotals) -> list[str]:
        assert self.grouping is not None  # groups exist only under a grouping
        name = self.names.get(group.key, group.key) if group.key else self.grouping.empty
        texts = [name, format_number(group.count)]
        for field in FIELDS:
            sums = group.sums[field]
            texts += [format_money(sums[year], self.unit) if field == "amounts"
                      else format_number(sums[year]) for year in self.years]
        return texts

    def column_texts(self, column: int) -> set[str]:
        """The distinct texts column `column` shows."""
        return {texts[column] for texts in self._texts}

    def row_of(self, key: str) -> int:
        return next((row for row, g in enumerate(self.groups) if g.key == key), -1)

    # the table
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.groups)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 2 + len(FIELDS) * len(self.years)

    def _cell(self, column: int) -> tuple[str, int] | None:
        """(field, year) of a figure column; None for the name and count columns."""
        if column < 2:
            return None
        field, year = divmod(column - 2, len(self.years))
        return FIELDS[field], self.years[year]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(LEFT if section == 0 else RIGHT)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if section == 0:
            return (self.grouping.label if self.grouping else "") \
                if role == Qt.ItemDataRole.DisplayRole else None
        if section == 1:
            return "Insatser" if role == Qt.ItemDataRole.DisplayRole else None
        field, year = self._cell(section)
        text = f"Belopp\n{year} ({self.unit})" if field == "amounts" else f"Deltagare\n{year}"
        # two lines, as the intervention table's year columns: five years fit beside each other
        return text if role == Qt.ItemDataRole.DisplayRole else text.replace("\n", " ")

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.groups):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(LEFT if column == 0 else RIGHT)
        if role == Qt.ItemDataRole.BackgroundRole and column > 0:
            return COMPUTED_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Summa av de insatser som visas. Dubbelklicka för att bara visa gruppen."
        if role == GROUP_KEY_ROLE:
            return self.groups[index.row()].key
        return None
