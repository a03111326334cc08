"""The Mål tab: goals as the plans write them.

Left: the goals and their sub-goals ("Samhällsnivå" → "Förväntade resultat"). Right: the
selected goal's title, its own text in the formatted editor the Dokument tab uses, and its
indicators with target, follow-up method and period. Every change is one undoable command;
typing in one field merges.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...domain import document_edits as de
from ...domain.plan import Indicator
from ..delegates import CellDelegate, connect_refusals
from ..document_editor import ChapterEditor
from ..document_goals import GoalTreeModel, IndicatorsModel
from ..plan_model import PlanModel
from ..refusal_label import RefusalLabel
from ..table_view import button_row
from ..tables import RIGHT, Column, computed_text_column, text_column


def goal_columns(plan) -> list[Column]:
    """The top goals as a plain table (the fault tests type into it through the delegate)."""
    return [text_column("title", "Mål", width=380),
            replace(computed_text_column("count", "Indikatorer",
                                         lambda goal, m: str(len(goal.indicators))),
                    align=RIGHT, width=90)]


class GoalsTab(QWidget):
    """Goals and sub-goals (left); the selected goal's text and indicators (right)."""

    def __init__(self, model: PlanModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.message = RefusalLabel()
        self.path: tuple[int, ...] | None = None
        self._shown_text: tuple | None = None
        self.tree = GoalTreeModel(model, self)
        self.view = QTreeView()
        self.view.setModel(self.tree)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.header().setStretchLastSection(False)
        self.view.header().resizeSection(1, 90)
        self.view.setItemDelegate(CellDelegate(self.view))
        self.tree.refused.connect(self.message.report)
        self.tree.modelReset.connect(self._after_reset)
        goal_buttons, made = button_row((self.tr("Nytt mål"), self.add_goal),
                                        (self.tr("Nytt delmål"), self.add_sub_goal),
                                        (self.tr("Ta bort"), self.remove_goal),
                                        (self.tr("Flytta upp"), lambda: self.move_goal(-1)),
                                        (self.tr("Flytta ned"), lambda: self.move_goal(1)))
        self.add_button, self.add_sub_button = made[0], made[1]
        goals_box = QGroupBox(self.tr("Mål och delmål"))
        goals_layout = QVBoxLayout(goals_box)
        goals_layout.addLayout(goal_buttons)
        goals_layout.addWidget(self.view)

        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Målets rubrik"))
        font = QFont(self.title.font())
        font.setPointSizeF(max(font.pointSizeF(), 10) + 5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setStyleSheet("color: #1f3a5f;")
        self.editor = ChapterEditor()
        self.editor.setPlaceholderText(self.tr("Målets beskrivning, som den står i planen."))
        self.editor.setMinimumHeight(140)
        toolbar = self.editor.toolbar(self)
        toolbar.removeAction(self.editor.actions_by_key["table"])
        self.indicators = IndicatorsModel(model, self)
        self.indicator_view = QTableView()
        self.indicator_view.setModel(self.indicators)
        self.indicator_view.setItemDelegate(CellDelegate(self.indicator_view))
        self.indicator_view.verticalHeader().setVisible(False)
        self.indicator_view.verticalHeader().setDefaultSectionSize(26)
        header = self.indicator_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 150), (2, 190), (3, 100)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        connect_refusals(self.indicator_view, self.indicators, self.message)
        indicator_buttons, made_too = button_row(
            (self.tr("Ny indikator"), self.add_indicator),
            (self.tr("Ta bort indikator"), self.remove_indicator))
        self.add_indicator_button = made_too[0]
        indicator_box = QGroupBox(self.tr("Indikatorer: målvärde, hur och när det följs upp"))
        indicator_layout = QVBoxLayout(indicator_box)
        indicator_layout.addLayout(indicator_buttons)
        indicator_layout.addWidget(self.indicator_view)
        self.goal_box = QWidget()
        goal_layout = QVBoxLayout(self.goal_box)
        goal_layout.setContentsMargins(0, 0, 0, 0)
        goal_layout.addWidget(self.title)
        goal_layout.addWidget(QLabel(self.tr("Beskrivning:")))
        goal_layout.addWidget(toolbar)
        goal_layout.addWidget(self.editor, 2)
        goal_layout.addWidget(indicator_box, 3)
        for widget in made + made_too + [toolbar]:
            widget.setEnabled(not model.read_only)
        self.title.setReadOnly(model.read_only)
        self.editor.setReadOnly(model.read_only)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(goals_box)
        splitter.addWidget(self.goal_box)
        splitter.setSizes([480, 920])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._goal_selected())
        self.title.textEdited.connect(self._title_typed)
        self.title.installEventFilter(self)
        self.editor.installEventFilter(self)
        self.editor.document().contentsChanged.connect(self._text_typed)
        self.editor.formatted.connect(lambda label: self._write_text(label, merge=False))
        model.changed.connect(self._on_changed)
        self.view.expandAll()
        if self.tree.rowCount():
            self.view.setCurrentIndex(self.tree.index(0, 0))
        self._goal_selected()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """Leaving the title or the text ends its typing session (a new undo step after)."""
        if event.type() == QEvent.Type.FocusOut and watched in (self.title, self.editor):
            self.model.end_merge()
        return super().eventFilter(watched, event)

    # --- showing ---

    def _goal_selected(self) -> None:
        index = self.view.currentIndex()
        path = self.tree.path(index) if index.isValid() else None
        if path != self.path:
            self.model.end_merge()
        self.path = path
        self.indicators.show_goal(path)
        self._load()

    def _load(self) -> None:
        goal = self.tree.goal(self.path) if self.path else None
        self.goal_box.setEnabled(goal is not None)
        if goal is None:
            return
        if self.title.text() != goal.title:
            self.title.setText(goal.title)
            self.title.setCursorPosition(0)  # a long title reads from its start
        if self._shown_text != (self.path, goal.text):
            with QSignalBlocker(self.editor.document()):
                self.editor.set_markdown(goal.text)
            self._shown_text = (self.path, goal.text)

    def _after_reset(self) -> None:
        self.view.expandAll()
        path = self.path
        if path and self.tree.goal(path) is not None:
            self.view.setCurrentIndex(self.tree.index_of(path))
        elif self.tree.rowCount():
            self.view.setCurrentIndex(self.tree.index(0, 0))
        self._goal_selected()

    def _on_changed(self, parts) -> None:
        self.message.hide()
        if "goals" in parts:
            self._load()

    def select_path(self, path: tuple[int, ...]) -> None:
        index = self.tree.index_of(path)
        if index.isValid():
            self.view.setCurrentIndex(index)

    def select_item(self, ident: int) -> None:
        """Select the top goal `ident` (findings name goals by id)."""
        for row, goal in enumerate(self.model.plan.goals):
            if goal.id == ident:
                self.select_path((row,))

    # --- writing ---

    def _title_typed(self, title: str) -> None:
        if self.path:
            result = self.model.edit(self.tr("Ändra mål"), de.update_goal, self.path,
                                     title=title, merge_key=f"goals:{self.path}:title")
            self.message.report(result)

    def _text_typed(self) -> None:
        if self.editor.pending_label is None:
            self._write_text(self.tr("Skriv målets text"), merge=True)

    def _write_text(self, label: str, merge: bool) -> None:
        goal = self.tree.goal(self.path) if self.path else None
        if goal is None:
            return
        text = self.editor.markdown()
        if text == goal.text:
            return
        self._shown_text = (self.path, text)
        result = self.model.edit(label, de.update_goal, self.path, text=text,
                                 merge_key=f"goals:{self.path}:text" if merge else None)
        self.message.report(result)

    def _add(self, parent: tuple[int, ...], index: int | None, label: str) -> None:
        result = self.model.edit(label, de.add_goal, parent, index,
                                 self.tr("Nytt delmål") if parent else self.tr("Nytt mål"))
        if self.message.report(result):
            self.select_path(_added_path(parent, index, self.model.plan))
            self.title.setFocus()
            self.title.selectAll()

    def add_goal(self) -> None:
        """A goal at the level of the selected one, after it."""
        path = self.path or ()
        parent = path[:-1] if path else ()
        self._add(parent, path[-1] + 1 if path else None, self.tr("Lägg till mål"))

    def add_sub_goal(self) -> None:
        if self.path:
            self._add(self.path, None, self.tr("Lägg till delmål"))

    def remove_goal(self) -> None:
        if self.path:
            self.message.report(self.model.edit(self.tr("Ta bort mål"), de.remove_goal,
                                                self.path))

    def move_goal(self, step: int) -> None:
        if self.path:
            path = self.path
            result = self.model.edit(self.tr("Flytta mål"), de.move_goal, path, step)
            if self.message.report(result):
                self.select_path(path[:-1] + (path[-1] + step,))

    def add_indicator(self) -> None:
        rows = self.indicators.indicators() + [Indicator(self.tr("Ny indikator"))]
        if self.message.report(self.indicators.change_rows(self.tr("Lägg till indikator"), rows)):
            index = self.indicators.index(len(rows) - 1, 0)
            self.indicator_view.setCurrentIndex(index)
            self.indicator_view.edit(index)

    def remove_indicator(self) -> None:
        index = self.indicator_view.currentIndex()
        if index.isValid():
            rows = self.indicators.indicators()
            del rows[index.row()]
            self.message.report(self.indicators.change_rows(self.tr("Ta bort indikator"), rows))


def _added_path(parent: tuple[int, ...], index: int | None, plan) -> tuple[int, ...]:
    siblings = plan.goals if not parent else de.goal_at(plan, parent).goals
    return parent + ((len(siblings) - 1,) if index is None else (min(index, len(siblings) - 1),))
