"""The table view every plan table uses: cell delegate, Swedish sorting, row keys, widths.

PITFALLS: sort on a numeric role, never on display text ("100 kr" before "20 kr"), and
collate names with `QCollator(QLocale("sv_SE"))` because CI's locale is "C" (Ä before Å).
"""

from __future__ import annotations

from numbers import Number

from PySide6.QtCore import QCollator, QLocale, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableView, QWidget)

from .delegates import CellDelegate, connect_refusals
from .tables import ID_ROLE, SORT_ROLE, PlanTableModel

SWEDISH = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)


class SortProxy(QSortFilterProxyModel):
    """Sorts numbers as numbers and text in Swedish order; subclasses add filters."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.collator = QCollator(SWEDISH)
        self.collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.collator.setNumericMode(True)

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, str) and isinstance(b, str):
            return self.collator.compare(a, b) < 0
        if isinstance(a, Number) and isinstance(b, Number):  # int, Decimal, Fraction shares
            return a < b
        return str(a) < str(b)


class PlanTableView(QTableView):
    """A QTableView over a PlanTableModel (through `proxy` if given)."""

    insert_requested = Signal()
    """The user pressed Insert: add a row after the current one."""
    delete_requested = Signal()
    """The user pressed Delete outside an editor: remove the selected rows."""

    def __init__(self, table: PlanTableModel, proxy: QSortFilterProxyModel | None = None,
                 message: QLabel | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = table
        self.proxy = proxy
        if proxy is not None:
            proxy.setSourceModel(table)
        self.setModel(proxy if proxy is not None else table)
        self.setItemDelegate(CellDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        connect_refusals(self, table, message)
        for key, signal in ((QKeySequence.StandardKey.Delete, self.delete_requested),
                            (Qt.Key.Key_Insert, self.insert_requested)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(signal.emit)
        table.modelReset.connect(self.fit_columns)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Widths from the column specs; columns without one fit their contents."""
        header = self.horizontalHeader()
        for position in range(self.table.columnCount()):
            width = self.table.column(position).width
            if width:
                header.resizeSection(position, max(width, header.sectionSizeFromContents(
                    position).width()))
            else:
                self.resizeColumnToContents(position)
                header.resizeSection(position, min(header.sectionSize(position), 320))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def source_row(self, index: QModelIndex) -> int:
        return (self.proxy.mapToSource(index) if self.proxy is not None else index).row()

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows, in view order (the current row if none is selected)."""
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        model = self.model()
        return [model.index(row, 0).data(ID_ROLE) for row in rows]

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_id(self, ident: int, column: int = 0) -> bool:
        """Make the row of entity `ident` current and visible; False when it is not shown."""
        row = self.table.row_of(ident)
        if row < 0:
            return False
        index = self.table.index(row, column)
        if self.proxy is not None:
            index = self.proxy.mapFromSource(index)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.selectRow(index.row())
        self.scrollTo(index)
        return True


def button_row(*buttons: tuple[str, object]) -> tuple[QHBoxLayout, list[QPushButton]]:
    """A row of push buttons (text, slot), left-aligned."""
    layout = QHBoxLayout()
    made = []
    for text, slot in buttons:
        button = QPushButton(text)
        button.clicked.connect(slot)
        layout.addWidget(button)
        made.append(button)
    layout.addStretch(1)
    return layout, made
