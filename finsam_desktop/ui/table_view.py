"""The one table view every plan table uses: cell delegate, Swedish sorting, widths, and the
keys a coordinator knows from Excel and Calc.

Keys (the same in every table, by construction): typing opens the cell, Enter commits,
Escape reverts; Delete clears the selected cells; Ctrl+C / Ctrl+V copy and paste ranges
(tab-separated text and HTML, to and from Excel/Calc) as one undo step that names the
first bad cell; Ctrl+R (*Fyll höger*) puts a year's amount in the later plan years;
Insert or Ctrl++ asks for a new row, Ctrl+- for removing the selected rows, Alt+Up/Down
for moving the current row (`insert_requested`, `delete_requested`, `move_requested`;
`CollectionEditor` answers them).

Sorting is `sort_proxy.SortProxy`.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from . import column_widths
from .clipboard import grid_from_mime, grid_mime
from .delegates import CellDelegate, connect_refusals, show_refusal
from .tables import COPY_ROLE, ID_ROLE, PlanTableModel

CTRL = Qt.KeyboardModifier.ControlModifier


class PlanTableView(QTableView):
    """A QTableView over a PlanTableModel (through `proxy` if given)."""

    insert_requested = Signal()
    """Insert or Ctrl++: add a row after the current one."""
    delete_requested = Signal()
    """Ctrl+- (*Ta bort rad*): remove the rows of the selected cells."""
    move_requested = Signal(int)
    """Alt+Up (-1) or Alt+Down (+1): move the current row in the plan's order."""

    can_add_rows = False
    hidden_keys: set[str] = set()
    """Keys (or year series) of the columns this view hides (*Visa kolumner*)."""
    _contents_widths: tuple | None = None
    """The contents widths measured for the plan shown (`column_widths.contents_width`)."""
    collection_editor = None
    """The CollectionEditor answering this view's row keys, if any."""
    """Whether a paste longer than the table adds rows (set by a CollectionEditor)."""

    def __init__(self, table: PlanTableModel, proxy: QAbstractProxyModel | None = None,
                 message: QLabel | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = table
        self.proxy = proxy
        self._natural: list[int] = []
        self._wanted: list[int] = []
        self._fitted: list[int] = []
        self.message = message
        if proxy is not None:
            proxy.setSourceModel(table)
        self.setModel(proxy if proxy is not None else table)
        self.setItemDelegate(CellDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
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
        table.modelReset.connect(self.fit_columns)
        self.fit_columns()

    def setSelectionMode(self, mode: QAbstractItemView.SelectionMode) -> None:  # noqa: N802
        """A single-selection table is a list of rows (whole rows select, `selectRow` works);
        otherwise cells select, for ranges to copy and paste."""
        super().setSelectionMode(mode)
        self.setSelectionBehavior(
            QAbstractItemView.SelectionBehavior.SelectRows
            if mode == QAbstractItemView.SelectionMode.SingleSelection
            else QAbstractItemView.SelectionBehavior.SelectItems)

    # --- keys ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if self.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """The table keys of the module docstring; True when the key was one of them."""
        key, modifiers = event.key(), event.modifiers()
        ctrl = bool(modifiers & CTRL)
        ranges = hasattr(self.table, "set_cells")  # tables without range edits keep Qt's keys
        if not ranges and (key == Qt.Key.Key_Delete or (ctrl and key == Qt.Key.Key_R)
                           or event.matches(QKeySequence.StandardKey.Copy)
                           or event.matches(QKeySequence.StandardKey.Paste)):
            return False
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key == Qt.Key.Key_Delete and not ctrl:
            self.clear_selection()
        elif key == Qt.Key.Key_Insert or (ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal)):
            self.insert_requested.emit()
        elif ctrl and key == Qt.Key.Key_Minus:
            self.delete_requested.emit()
        elif ctrl and key == Qt.Key.Key_R:
            self.fill_right()
        elif modifiers & Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up,
                                                                     Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        else:
            return False
        return True

    # --- ranges: copy, paste, clear, fill right -------------------------------------------

    def selected_cells(self) -> list[QModelIndex]:
        """The selected cells in view order (the current cell when nothing is selected)."""
        cells = sorted(self.selectionModel().selectedIndexes(),
                       key=lambda index: (index.row(), index.column()))
        if not cells and self.currentIndex().isValid():
            cells = [self.currentIndex()]
        return cells

    def copy_selection(self) -> None:
        """The selected range as tab-separated text and HTML (cells outside it are empty)."""
        cells = self.selected_cells()
        if not cells:
            return
        rows = sorted({index.row() for index in cells})
        columns = sorted({index.column() for index in cells})
        grid = [["" for _ in columns] for _ in rows]
        for index in cells:
            grid[rows.index(index.row())][columns.index(index.column())] = \
                index.data(COPY_ROLE) or ""
        QGuiApplication.clipboard().setMimeData(grid_mime(grid))

    def _source(self, view_row: int, column: int) -> int:
        index = self.model().index(view_row, column)
        return self.proxy.mapToSource(index).row() if self.proxy is not None else view_row

    def _names(self, view_rows: dict[int, int]):
        return lambda row: self.tr("Rad {0}").format(view_rows.get(row, row) + 1)

    def _apply(self, label: str, cells: list[tuple[int, int, str]],
               new_rows=(), view_rows: dict[int, int] | None = None) -> bool:
        if not cells and not new_rows:
            return True
        result = self.table.set_cells(label, cells, new_rows, self._names(view_rows or {}))
        if not result.ok:
            show_refusal(self, result.refusal, QModelIndex(), self.message)
        return result.ok

    def paste(self) -> bool:
        """Paste the clipboard's range at the selection's top-left cell as one undo step.

        One value into a larger selection fills every selected cell (as Calc does). Rows
        beyond the table become new rows when the table can add rows."""
        grid = grid_from_mime(QGuiApplication.clipboard().mimeData())
        cells = self.selected_cells()
        if not grid or not cells:
            return False
        cells_out: list[tuple[int, int, str]] = []
        view_rows: dict[int, int] = {}
        if len(grid) == 1 and len(grid[0]) == 1 and len(cells) > 1:
            for index in cells:
                source = self._source(index.row(), index.column())
                view_rows[source] = index.row()
                cells_out.append((source, index.column(), grid[0][0]))
            return self._apply(self.tr("Klistra in"), cells_out, (), view_rows)
        top = min(index.row() for index in cells)
        left = min(index.column() for index in cells)
        count, width = self.model().rowCount(), self.model().columnCount()
        shown = [c for c in range(left, width) if not self.isColumnHidden(c)]  # as one sees it
        new_rows = []
        for offset, values in enumerate(grid):
            row = top + offset
            placed = list(zip(shown, values, strict=False))
            if row >= count:
                new_rows.append(placed)
                continue
            source = self._source(row, left)
            view_rows[source] = row
            cells_out += [(source, column, text) for column, text in placed]
        skipped = 0
        if new_rows and not self.can_add_rows:
            skipped, new_rows = len(new_rows), []
        done = self._apply(self.tr("Klistra in"), cells_out, new_rows, view_rows)
        if done and skipped:
            show_refusal(self, self.tr("{0} rader fick inte plats i tabellen och klistrades "
                                       "inte in.").format(skipped), QModelIndex(), self.message)
        return done

    def clear_selection(self) -> bool:
        """Delete: empty the selected cells that may be empty, as one undo step (cells
        that must have a value, such as a name, keep it)."""
        cells = [index for index in self.selected_cells()
                 if index.flags() & Qt.ItemFlag.ItemIsEditable]
        view_rows, triples = {}, []
        for index in cells:
            source = self._source(index.row(), index.column())
            view_rows[source] = index.row()
            triples.append((source, index.column(), ""))
        clearable = self.table.clearable(triples)
        if not clearable and triples:
            show_refusal(self, self.tr("Cellen kan inte vara tom."), QModelIndex(), self.message)
            return False
        label = self.tr("Rensa cell") if len(clearable) == 1 else self.tr("Rensa celler")
        return self._apply(label, clearable, (), view_rows)

    def fill_right(self) -> bool:
        """*Fyll höger*: each selected year cell's value into the later plan years' cells
        of the same series (amounts, participants …), as one undo step."""
        by_row: dict[tuple[int, str], tuple[int, int]] = {}
        for index in self.selected_cells():
            column = self.table.column(index.column())
            if column.series and column.year is not None:
                key = (index.row(), column.series)
                if key not in by_row or column.year < by_row[key][1]:
                    by_row[key] = (index.column(), column.year)
        triples, view_rows = [], {}
        for (row, series), (position, year) in by_row.items():
            text = self.model().index(row, position).data(COPY_ROLE) or ""
            source = self._source(row, position)
            view_rows[source] = row
            for target in range(self.table.columnCount()):
                column = self.table.column(target)
                if column.series == series and column.year is not None and column.year > year:
                    triples.append((source, target, text))
        if not by_row:
            show_refusal(self, self.tr("Fyll höger gäller belopp och antal per år: markera "
                                       "en cell i en årskolumn."), QModelIndex(), self.message)
            return False
        return self._apply(self.tr("Fyll höger"), triples, (), view_rows)

    # --- rows and widths -------------------------------------------------------------------

    def fit_columns(self) -> None:
        """Hide the columns in `hidden_keys`, give each column its natural width and fit the
        shown ones to the view (`column_widths`); called on every reset."""
        header = self.horizontalHeader()
        for position in range(self.table.columnCount()):
            column = self.table.column(position)
            self.setColumnHidden(position, (column.series or column.key) in self.hidden_keys
                                 or column.key in self.hidden_keys)
        self._natural = column_widths.natural_widths(self)
        self._wanted = column_widths.wanted_widths(self, self._natural)
        self._apply_widths()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def setSortingEnabled(self, enable: bool) -> None:  # noqa: N802 - Qt's name
        """A sortable header leaves room for its arrow: refit the widths."""
        changed = enable != self.isSortingEnabled()
        super().setSortingEnabled(enable)
        if changed:
            self.fit_columns()

    def set_hidden_keys(self, keys: set[str]) -> None:
        """Hide the columns whose key (or year series, "amounts") is in `keys`; show the rest."""
        self.hidden_keys = set(keys)
        self.fit_columns()

    def _apply_widths(self) -> None:
        header = self.horizontalHeader()
        room = self.viewport().width()
        widths = (column_widths.fitted_widths(self, self._natural, room, self._wanted)
                  if self.isVisible() or self.testAttribute(Qt.WidgetAttribute.WA_Resized)
                  else self._natural)
        for position, width in enumerate(widths):
            header.resizeSection(position, width)
        self._fitted = self._section_sizes()

    def _section_sizes(self) -> list[int]:
        header = self.horizontalHeader()
        shown = [p for p in range(header.count()) if not header.isSectionHidden(p)]
        return [header.sectionSize(p) for p in shown[:-1]]  # the last one stretches

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Refit to the new width unless the user has set a column's width by hand."""
        super().resizeEvent(event)
        if len(self._natural) == self.table.columnCount() and \
                self._section_sizes() == self._fitted:
            self._apply_widths()

    def selected_ids(self) -> list[int]:
        """Ids of the rows with a selected cell, in view order (the current row if none)."""
        rows = sorted({index.row() for index in self.selectionModel().selectedIndexes()})
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


def focused_table(widget: QWidget | None = None) -> PlanTableView | None:
    """The plan table that has the keyboard focus (or holds the focused cell editor)."""
    widget = widget if widget is not None else QApplication.focusWidget()
    while widget is not None and not isinstance(widget, PlanTableView):
        widget = widget.parentWidget()
    return widget


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
