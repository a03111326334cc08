"""Cell editors for plan tables: plain line edits for money, numbers, dates and text, combos
for fixed choices, and where a refused edit is shown.

docs/pitfalls.md: no spin boxes (a Swedish QDoubleSpinBox reads "1234.5" as 0 silently); the typed
text goes to the model as is and the domain parser accepts or refuses it with a Swedish
message. STYLE: a cell editor's own Ctrl+Z must not fight the document's undo: while the
editor has typing to undo, Ctrl+Z undoes that typing; otherwise the editor closes without
committing and the key goes on to the document's undo. An editor commits only if the user
changed its text, so a stale editor never writes an old value back after an undo.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from .tables import CHOICES_ROLE, EDITOR_ROLE, PlanTableModel
from .undo_keys import goes_to_document

PLACEHOLDERS = {"date": "ÅÅÅÅ-MM-DD", "money": "belopp", "count": "antal"}


class CellDelegate(QStyledItemDelegate):
    """Opens the editor a cell asks for through `EDITOR_ROLE`."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex) -> QWidget:
        kind = index.data(EDITOR_ROLE) or "text"
        if kind == "choice":
            return self._combo(parent, index)
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setPlaceholderText(PLACEHOLDERS.get(kind, ""))
        if kind in ("money", "count"):
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    @staticmethod
    def _combo(parent: QWidget, index: QModelIndex) -> QComboBox:
        combo = QComboBox(parent)
        for value, label in index.data(CHOICES_ROLE) or ():
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QLineEdit):
            if editor.isModified():  # do not overwrite what the user is typing on a refresh
                return
            editor.setText("" if value is None else str(value))
            editor.setModified(False)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            value = editor.currentData()
            if value != index.data(Qt.ItemDataRole.EditRole):
                model.setData(index, value, Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            if editor.isModified():
                model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(editor, QWidget) and goes_to_document(editor, event):
            # Nothing typed to undo here: close without committing and let the
            # document's undo action have the key.
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            event.ignore()
            return True
        return super().eventFilter(editor, event)



def view_index(view: QAbstractItemView, source_index: QModelIndex) -> QModelIndex:
    """The view's index for a source-model index, through any chain of proxy models."""
    proxies = []
    model = view.model()
    while isinstance(model, QAbstractProxyModel):
        proxies.append(model)
        model = model.sourceModel()
    index = source_index
    for proxy in reversed(proxies):
        index = proxy.mapFromSource(index)
    return index


def show_refusal(view: QAbstractItemView, message: str, source_index: QModelIndex,
                 label: QLabel | None = None) -> None:
    """Show why an edit was refused at the cell (tooltip), in the status bar and in `label`."""
    index = view_index(view, source_index)
    if index.isValid():
        rect = view.visualRect(index)
        point = view.viewport().mapToGlobal(rect.bottomLeft())
        QToolTip.showText(point, message, view.viewport(), rect, 6000)
    window = view.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, 10000)
    if label is not None:
        label.setText(message)
        label.setVisible(True)


def connect_refusals(view: QAbstractItemView, table: PlanTableModel,
                     label: QLabel | None = None) -> None:
    """Route `table.refused` (and `warned`, if the table has it) to `show_refusal` for `view`."""
    table.refused.connect(lambda message, index: show_refusal(view, message, index, label))
    if hasattr(table, "warned"):
        table.warned.connect(lambda message, index: show_refusal(
            view, view.tr("Obs: ") + message, index, label))
