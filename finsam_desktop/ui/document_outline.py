"""The outline of the plan document: chapters, continued text and placed blocks in order.

`OutlineModel` lists `plan.sections`; its check box is *med i rapporten*; dragging an item
moves it, and dragging a block from the `BlockPalette` places a new one. Every change is
one undoable edit through PlanModel (the model never changes the plan itself).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from ..domain import document_edits as de
from ..domain.plan import BLOCK_KINDS, Section
from ..services.document_preview import block_name
from .plan_model import PlanModel

ITEM_MIME = "application/x-finsam-outline-item"
BLOCK_MIME = "application/x-finsam-block-kind"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2


def run_edit(model: PlanModel, label: str, change, *args, **kwargs) -> tuple[str | None, object]:
    """`model.edit` as (Swedish refusal or None, the change's new id or None)."""
    result = model.edit(label, change, *args, **kwargs)
    return result.refusal, result.new_id


def item_text(section: Section, chapter: str = "") -> str:
    """How the outline names an item."""
    if section.kind == "chapter":
        return section.title or "(utan rubrik)"
    if section.kind == "block":
        if section.block_title:
            return f"▦  {section.block_title}  ·  {block_name(section.block)}"
        return "▦  " + block_name(section.block) + (
            "  ·  utan rubrik" if section.block_title == "" else "")
    words = section.text.replace("#", "").replace("*", "").replace("\\", "").split()
    start = " ".join(words[:8]).rstrip(".,:;")
    return f"¶  {start}{' …' if len(words) > 8 else ''}" if words else "¶  (tom text)"


class OutlineModel(QAbstractListModel):
    """The document's items, each checkable (*med i rapporten*) and draggable."""

    refused = Signal(str)
    """An edit was refused; the Swedish reason."""
    placed = Signal(int)
    """An item was moved or a block placed by dropping; its id (the tab selects it)."""

    def __init__(self, model: PlanModel, parent=None):
        super().__init__(parent)
        self.plan_model = model
        self._rows: tuple[Section, ...] = model.plan.sections
        model.changed.connect(self._on_changed)

    def _on_changed(self, parts) -> None:
        if "sections" not in parts:
            return
        rows = self.plan_model.plan.sections
        if [s.id for s in rows] != [s.id for s in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        changed = [n for n, (a, b) in enumerate(zip(self._rows, rows, strict=True)) if a is not b]
        self._rows = rows
        if changed:
            self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)))

    def section(self, row: int) -> Section:
        return self._rows[row]

    def row_of(self, ident: int) -> int:
        for row, section in enumerate(self._rows):
            if section.id == ident:
                return row
        return -1

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        section = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item_text(section)
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if section.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and section.kind == "chapter":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.FontRole and section.kind == "text":
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if not section.included:
                return QColor("#9a9a9a")
            if section.kind == "block":
                return QColor("#1d5f3a")
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            state = "med i rapporten" if section.included else "inte med i rapporten"
            kind = {"chapter": "Kapitel", "text": "Fortsatt text i kapitlet",
                    "block": "Tabell som räknas fram ur planen"}[section.kind]
            return f"{kind} – {state}"
        if role == ID_ROLE:
            return section.id
        if role == KIND_ROLE:
            return section.kind
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.plan_model.read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        included = Qt.CheckState(value) == Qt.CheckState.Checked \
            if not isinstance(value, bool) else value
        section = self._rows[index.row()]
        label = "Ta med i rapporten" if included else "Lämna utanför rapporten"
        refusal, _ = run_edit(self.plan_model, label, de.set_included, section.id, included)
        if refusal:
            self.refused.emit(refusal)
            return False
        return True

    # --- drag and drop ---

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ITEM_MIME, BLOCK_MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        data = QMimeData()
        if indexes:
            ident = self._rows[indexes[0].row()].id
            data.setData(ITEM_MIME, QByteArray(str(ident).encode()))
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        return not self.plan_model.read_only and (data.hasFormat(ITEM_MIME)
                                                  or data.hasFormat(BLOCK_MIME))

    def dropMimeData(self, data: QMimeData, action, row: int, column: int,  # noqa: N802
                     parent: QModelIndex) -> bool:
        """Move the dragged item, or place the dragged block, before `row`.

        Returns False so the view never removes rows itself: the plan's change resets
        the model.
        """
        if row < 0:
            row = parent.row() + 1 if parent.isValid() else len(self._rows)
        if data.hasFormat(ITEM_MIME):
            ident = int(bytes(data.data(ITEM_MIME)).decode())
            source = self.row_of(ident)
            if source < 0:
                return False
            target = row - 1 if source < row else row
            if target == source:
                return False
            refusal, _ = run_edit(self.plan_model, "Flytta i dokumentet", de.move_section,
                                  ident, target)
        elif data.hasFormat(BLOCK_MIME):
            kind = bytes(data.data(BLOCK_MIME)).decode()
            refusal, ident = run_edit(self.plan_model, "Infoga tabell", de.insert_block,
                                      kind, row)
        else:
            return False
        if refusal:
            self.refused.emit(refusal)
        elif ident is not None:
            self.placed.emit(ident)
        return False


class OutlineDelegate(QStyledItemDelegate):
    """Indents what belongs to the chapter above it, and gives rows room to breathe."""

    def paint(self, painter, option, index) -> None:
        if index.data(KIND_ROLE) != "chapter":
            option = QStyleOptionViewItem(option)
            option.rect.adjust(20, 0, 0, 0)
        super().paint(painter, option, index)

    def editorEvent(self, event, model, option, index) -> bool:  # noqa: N802 - the check box
        if index.data(KIND_ROLE) != "chapter":
            option = QStyleOptionViewItem(option)
            option.rect.adjust(20, 0, 0, 0)
        return super().editorEvent(event, model, option, index)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), 26))


class OutlineView(QListView):
    """The outline as a list that reorders by drag and drop."""

    def __init__(self, model: OutlineModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(OutlineDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setMovement(QListView.Movement.Snap)
        self.setSpacing(1)

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_id(self, ident: int | None) -> bool:
        row = -1 if ident is None else self.model().row_of(ident)
        if row < 0:
            return False
        self.setCurrentIndex(self.model().index(row))
        return True


class BlockPalette(QListWidget):
    """The generated blocks, to drag into the outline (or double-click to place at the cursor)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        for kind in BLOCK_KINDS:
            item = QListWidgetItem(block_name(kind))
            item.setData(KIND_ROLE, kind)
            item.setToolTip("Dra in i dispositionen, eller dubbelklicka för att infoga där "
                            "markören står i texten.")
            self.addItem(item)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSpacing(2)

    def mimeData(self, items) -> QMimeData:  # noqa: N802
        data = QMimeData()
        if items:
            data.setData(BLOCK_MIME, QByteArray(items[0].data(KIND_ROLE).encode()))
        return data

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [BLOCK_MIME]
