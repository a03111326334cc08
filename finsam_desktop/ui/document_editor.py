"""The formatted chapter editor: the coordinator sees headings, bold and lists, never Markdown.

A QTextEdit over a QTextDocument that `document_markdown` fills from and writes back to the
chapter's Markdown. Formatting comes from a small toolbar and the usual shortcuts (Ctrl+B,
Ctrl+I, Ctrl+Alt+1–3 for the three heading levels, Ctrl+Alt+0 body text, Ctrl+Shift+8 and
Ctrl+Shift+7 for lists, Ctrl+K link). Paste goes through `html_to_markdown`, so text from
Word or a web page keeps its headings, lists, emphasis, links and tables and nothing else.
The editor's own undo is off: Ctrl+Z reaches the plan's undo stack (one source of undo).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QTextCharFormat, QTextCursor, QTextListFormat
from PySide6.QtWidgets import QInputDialog, QTextEdit, QToolBar, QWidget

from ..services.text_import import drop_control_characters, html_to_markdown
from .document_markdown import (
    LINK_COLOR,
    body_block_format,
    body_char_format,
    heading_block_format,
    heading_char_format,
    insert_markdown,
    load_markdown,
    text_table_format,
)
from .document_markdown_write import to_markdown
from .document_table_menu import add_table_actions

HEADINGS = ((2, "Rubrik 1", "Ctrl+Alt+1"), (3, "Rubrik 2", "Ctrl+Alt+2"),
            (4, "Rubrik 3", "Ctrl+Alt+3"))
"""The heading levels inside a chapter (##, ###, ####) as the toolbar names them; the
chapter's own title is the level above them."""


def ask_link(parent: QWidget, current: str) -> str | None:
    """The address for a link (tests patch this); None when the user cancels."""
    text, ok = QInputDialog.getText(parent, parent.tr("Länk"),
                                    parent.tr("Adress (https://… eller mailto:…):"),
                                    text=current or "https://")
    return text.strip() if ok else None


class ChapterEditor(QTextEdit):
    """Rich text editing of one chapter's Markdown."""

    formatted = Signal(str)
    """The user changed the text through a formatting command; the Swedish undo label."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(False)
        self.document().setDocumentMargin(22)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.document().setDefaultFont(font)
        self.setPlaceholderText(self.tr("Skriv kapitlets text här. Rubriker, fetstil, listor "
                                        "och länkar finns i verktygsraden ovanför."))
        self.actions_by_key: dict[str, QAction] = {}
        self.pending_label: str | None = None
        """Set while a formatting command changes the text (its change is its own step)."""
        self._build_actions()
        self.installEventFilter(self)

    # --- content ------------------------------------------------------------------

    def set_markdown(self, text: str) -> None:
        """Show `text` formatted, keeping the cursor near where it was."""
        position = self.textCursor().position()
        load_markdown(self.document(), text)
        cursor = self.textCursor()
        cursor.setPosition(min(position, max(0, self.document().characterCount() - 1)))
        self.setTextCursor(cursor)

    def markdown(self) -> str:
        return to_markdown(self.document())

    # --- actions -------------------------------------------------------------------

    def _action(self, key: str, text: str, slot, shortcut: str | None = None,
                checkable: bool = False, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setCheckable(checkable)
        action.setToolTip(f"{tip or text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
                          if shortcut else (tip or text))
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_by_key[key] = action
        return action

    def _build_actions(self) -> None:
        tr = self.tr
        self._action("body", tr("Brödtext"), lambda: self.set_heading(0), "Ctrl+Alt+0",
                     checkable=True, tip=tr("Vanlig text"))
        for level, name, shortcut in HEADINGS:
            self._action(f"h{level}", tr(name), lambda _=False, n=level: self.set_heading(n),
                         shortcut, checkable=True)
        self._action("bold", tr("Fet"), self.toggle_bold, "Ctrl+B", checkable=True)
        self._action("italic", tr("Kursiv"), self.toggle_italic, "Ctrl+I", checkable=True)
        self._action("bullets", tr("Punktlista"), lambda: self.toggle_list(False),
                     "Ctrl+Shift+8", checkable=True)
        self._action("numbers", tr("Numrerad lista"), lambda: self.toggle_list(True),
                     "Ctrl+Shift+7", checkable=True)
        self._action("link", tr("Länk…"), self.edit_link, "Ctrl+K")
        self._action("table", tr("Tabell i texten"), self.insert_text_table,
                     tip=tr("En tabell du själv skriver i, tre kolumner"))
        bold = self.actions_by_key["bold"].font()
        bold.setBold(True)
        self.actions_by_key["bold"].setFont(bold)
        italic = self.actions_by_key["italic"].font()
        italic.setItalic(True)
        self.actions_by_key["italic"].setFont(italic)
        self.cursorPositionChanged.connect(self.show_state)
        self.currentCharFormatChanged.connect(lambda *_: self.show_state())

    def toolbar(self, parent: QWidget | None = None) -> QToolBar:
        """A toolbar with the formatting actions, for the tab to place above the editor."""
        bar = QToolBar(parent)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        keys = ("body", "h2", "h3", "h4", None, "bold", "italic", None, "bullets", "numbers",
                None, "link", "table")
        for key in keys:
            if key is None:
                bar.addSeparator()
            else:
                bar.addAction(self.actions_by_key[key])
        return bar

    def show_state(self) -> None:
        """Check the toolbar buttons that describe the text at the cursor."""
        cursor = self.textCursor()
        level = cursor.blockFormat().headingLevel()
        for key in ("body", "h2", "h3", "h4"):
            self.actions_by_key[key].setChecked(key == ("body" if not level else f"h{level}"))
        fmt = self.currentCharFormat()
        self.actions_by_key["bold"].setChecked(fmt.fontWeight() >= QFont.Weight.DemiBold
                                               and not level)
        self.actions_by_key["italic"].setChecked(fmt.fontItalic())
        text_list = cursor.currentList()
        ordered = text_list is not None and text_list.format().style() == \
            QTextListFormat.Style.ListDecimal
        self.actions_by_key["bullets"].setChecked(text_list is not None and not ordered)
        self.actions_by_key["numbers"].setChecked(ordered)

    # --- formatting -----------------------------------------------------------------

    def _edit_block(self, label: str):
        return _EditBlock(self, label)

    def set_heading(self, level: int) -> None:
        """Make the selected paragraphs headings of `level` (2–4), or body text (0)."""
        label = self.tr("Brödtext") if not level else self.tr("Rubrik")
        with self._edit_block(label) as cursor:
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            block = self.document().findBlock(start)
            while block.isValid() and block.position() <= end:
                paragraph = QTextCursor(block)
                if block.textList() is not None and level:
                    block.textList().remove(block)
                paragraph.setBlockFormat(heading_block_format(level) if level
                                         else body_block_format())
                paragraph.movePosition(QTextCursor.MoveOperation.StartOfBlock)
                paragraph.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                       QTextCursor.MoveMode.KeepAnchor)
                char = heading_char_format(level, self.document().defaultFont()) if level \
                    else body_char_format()
                paragraph.setCharFormat(char)
                paragraph.setBlockCharFormat(char)
                block = block.next()
            if not cursor.hasSelection():
                self.setCurrentCharFormat(heading_char_format(level, self.document().defaultFont())
                                          if level else body_char_format())
        self.show_state()

    def toggle_bold(self) -> None:
        bold = self.currentCharFormat().fontWeight() < QFont.Weight.DemiBold
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self._merge(fmt, self.tr("Fetstil"))

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.currentCharFormat().fontItalic())
        self._merge(fmt, self.tr("Kursiv stil"))

    def _merge(self, fmt: QTextCharFormat, label: str) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            with self._edit_block(label) as editing:
                editing.mergeCharFormat(fmt)
        self.mergeCurrentCharFormat(fmt)
        self.show_state()

    def toggle_list(self, ordered: bool) -> None:
        """Make the selected paragraphs a bullet or numbered list, or plain paragraphs again."""
        style = QTextListFormat.Style.ListDecimal if ordered else QTextListFormat.Style.ListDisc
        current = self.textCursor().currentList()
        with self._edit_block(self.tr("Lista")) as cursor:
            if current is not None and (current.format().style()
                                        == QTextListFormat.Style.ListDecimal) == ordered:
                start, end = cursor.selectionStart(), cursor.selectionEnd()
                block = self.document().findBlock(start)
                while block.isValid() and block.position() <= end:
                    if block.textList() is not None:
                        block.textList().remove(block)
                        QTextCursor(block).setBlockFormat(body_block_format())
                    block = block.next()
            elif current is not None:
                fmt = current.format()
                fmt.setStyle(style)
                current.setFormat(fmt)
            else:
                if cursor.blockFormat().headingLevel():
                    cursor.setBlockFormat(body_block_format())
                fmt = QTextListFormat()
                fmt.setStyle(style)
                fmt.setIndent(1)
                cursor.createList(fmt)
        self.show_state()

    def indent_list(self, step: int) -> bool:
        """Tab / Shift+Tab in a list item: one level deeper or shallower; False if no list."""
        cursor = self.textCursor()
        block = cursor.block()
        text_list = block.textList()
        if text_list is None:
            return False
        depth = text_list.format().indent() + step
        with self._edit_block(self.tr("Listnivå")):
            text_list.remove(block)
            if depth < 1:
                QTextCursor(block).setBlockFormat(body_block_format())
                return True
            previous = block.previous()
            while previous.isValid() and previous.textList() is not None:
                candidate = previous.textList()
                if candidate.format().indent() == depth:
                    candidate.add(block)
                    return True
                if candidate.format().indent() < depth:
                    break
                previous = previous.previous()
            fmt = QTextListFormat(text_list.format())
            fmt.setIndent(depth)
            if fmt.style() != QTextListFormat.Style.ListDecimal:
                styles = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle,
                          QTextListFormat.Style.ListSquare)
                fmt.setStyle(styles[(depth - 1) % 3])
            QTextCursor(block).createList(fmt)
        return True

    def edit_link(self) -> None:
        cursor = self.textCursor()
        current = cursor.charFormat().anchorHref() if cursor.charFormat().isAnchor() else ""
        href = ask_link(self, current)
        if href is None:
            return
        fmt = QTextCharFormat()
        if href:
            fmt.setAnchor(True)
            fmt.setAnchorHref(href)
            fmt.setFontUnderline(True)
            fmt.setForeground(LINK_COLOR)
        else:
            fmt.setAnchor(False)
            fmt.setAnchorHref("")
            fmt.setFontUnderline(False)
            fmt.setForeground(self.palette().text())
        with self._edit_block(self.tr("Länk")) as editing:
            if editing.hasSelection():
                editing.mergeCharFormat(fmt)
            elif href:
                editing.insertText(href, fmt)
                editing.insertText(" ", body_char_format())

    def insert_text_table(self) -> None:
        fmt = text_table_format()
        with self._edit_block(self.tr("Tabell i texten")) as cursor:
            if cursor.block().length() > 1:
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
                cursor.insertBlock(body_block_format(), body_char_format())
            table = cursor.insertTable(3, 3, fmt)
            header = QTextCharFormat()
            header.setFontWeight(QFont.Weight.Bold)
            for column, name in enumerate((self.tr("Rubrik"), self.tr("Rubrik"),
                                           self.tr("Rubrik"))):
                table.cellAt(0, column).firstCursorPosition().insertText(name, header)
        self.setTextCursor(table.cellAt(1, 0).firstCursorPosition())

    # --- keys and paste -----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Let Ctrl+Z / Ctrl+Shift+Z reach the window's undo (the plan's), not the editor."""
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
                or self._is_format_shortcut(event)):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _is_format_shortcut(self, event) -> bool:
        """Ctrl+K and the like are the toolbar's, not QTextEdit's own (delete to line end)."""
        pressed = QKeySequence(event.keyCombination())
        return any(not action.shortcut().isEmpty()
                   and action.shortcut().matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
                   for action in self.actions_by_key.values())

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self.indent_list(
                -1 if key == Qt.Key.Key_Backtab
                or event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1):
            return
        cursor = self.textCursor()
        if key == Qt.Key.Key_Space and self._autoformat(cursor):
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not cursor.hasSelection() \
                and cursor.blockFormat().headingLevel() and cursor.atBlockEnd():
            cursor.insertBlock(body_block_format(), body_char_format())  # Word does the same
            self.setCurrentCharFormat(body_char_format())
            self.setTextCursor(cursor)
            return
        super().keyPressEvent(event)

    def _autoformat(self, cursor: QTextCursor) -> bool:
        """Word's habit: "- " or "1. " at a paragraph's start makes a list, "## " a heading."""
        if cursor.hasSelection() or cursor.currentList() is not None \
                or cursor.blockFormat().headingLevel() or cursor.currentTable() is not None:
            return False
        typed = cursor.block().text()[:cursor.positionInBlock()]
        headings = {"#": 2, "##": 2, "###": 3, "####": 4}
        numbered = typed[:-1].isdigit() and typed.endswith(".") and len(typed) <= 3
        if typed not in ("-", "*") and typed not in headings and not numbered:
            return False
        self.pending_label = "autoformat"  # the erase and the format below are one step
        erase = self.textCursor()
        erase.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
        erase.removeSelectedText()
        if typed in headings:
            self.set_heading(headings[typed])
        else:
            self.toggle_list(numbered)
        return True

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt's name
        menu = self.createStandardContextMenu(event.pos())
        add_table_actions(self, menu)
        menu.exec(event.globalPos())

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt's name
        """Paste keeps headings, lists, emphasis, links and tables; styles and the rest go."""
        if source.hasHtml():
            self.insert_markdown(html_to_markdown(source.html()))
        elif source.hasText():
            with self._edit_block(self.tr("Klistra in")) as cursor:
                cursor.insertText(drop_control_characters(source.text()), self.currentCharFormat())
            self.setTextCursor(cursor)
        else:
            super().insertFromMimeData(source)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 - Qt's name
        return source.hasHtml() or source.hasText()

    def insert_markdown(self, text: str) -> None:
        """Insert formatted Markdown at the cursor (paste, Word import of a part)."""
        if not text.strip():
            return
        with self._edit_block(self.tr("Klistra in")) as cursor:
            cursor.removeSelectedText()
            insert_markdown(cursor, text)
        self.setTextCursor(cursor)


class _EditBlock:
    """One formatting command: one edit block, announced once as `formatted(label)`."""

    def __init__(self, editor: ChapterEditor, label: str):
        self.editor = editor
        self.label = label

    def __enter__(self) -> QTextCursor:
        self.editor.pending_label = self.label
        self.cursor = self.editor.textCursor()
        self.cursor.beginEditBlock()
        return self.cursor

    def __exit__(self, *exc) -> None:
        self.cursor.endEditBlock()
        self.editor.pending_label = None
        self.editor.formatted.emit(self.label)

