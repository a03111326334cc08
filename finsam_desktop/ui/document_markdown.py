"""The chapter's Markdown in and out of a QTextDocument, without losing what the plan wrote.

Qt's own `setMarkdown`/`toMarkdown` lose things the contract keeps (measured on Qt 6.12):
a hard line break becomes a new paragraph, raw HTML is interpreted (`<b>` turns bold),
footnote definitions are swallowed as link definitions when read back, text the user types
with `*` or `_` is not always escaped, and lines are wrapped at 80 characters. So the text is
parsed with markdown-it-py (CommonMark, pipe tables, footnotes; the same parser the report
uses) and built into the document with a QTextCursor here; `document_markdown_write`
writes it back by walking the document's blocks. Footnote markers and definitions show as
their literal `[^1]` text and are marked with RAW_PROPERTY so they are written back unescaped.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextListFormat,
    QTextTableFormat,
)

RAW_PROPERTY = QTextFormat.Property.UserProperty + 1
"""A fragment written back exactly as it stands (footnote markers and definitions)."""
CODE_PROPERTY = QTextFormat.Property.UserProperty + 2
"""A fragment that was `code` in the Markdown."""
HEADING_SIZES = {2: 4, 3: 2, 4: 0.5}
"""Points added to the base font for the headings inside a chapter (## ### ####)."""
LINK_COLOR = QColor("#1d5fa8")
LINE_BREAK = "\u2028"
PARAGRAPH_SEPARATOR = "\u2029"


def parser() -> MarkdownIt:
    """The contract's Markdown: CommonMark with pipe tables and footnotes, raw HTML literal."""
    return MarkdownIt("commonmark", {"html": False}).enable("table").disable("image") \
        .use(footnote_plugin)


_PARSER = parser()


# --- reading -------------------------------------------------------------------------------

def heading_char_format(level: int, base: QFont) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    fmt.setFontPointSize(size + HEADING_SIZES.get(level, 0))
    fmt.setForeground(QColor("#1f3a5f"))
    return fmt


def heading_block_format(level: int) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setHeadingLevel(level)
    fmt.setTopMargin(12 if level == 2 else 8)
    fmt.setBottomMargin(4)
    return fmt


def body_block_format() -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setBottomMargin(6)
    return fmt


def text_table_format() -> QTextTableFormat:
    """A table in the text as the editor draws it: a header row, thin collapsed borders."""
    fmt = QTextTableFormat()
    fmt.setHeaderRowCount(1)
    fmt.setCellPadding(4)
    fmt.setCellSpacing(0)
    fmt.setBorder(1)
    fmt.setBorderStyle(QTextTableFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderBrush(QColor("#9aa7b4"))
    fmt.setBorderCollapse(True)
    return fmt


def body_char_format() -> QTextCharFormat:
    """Plain body text: not bold, not italic, the document's own size and colour."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Normal)
    fmt.setFontItalic(False)
    fmt.clearProperty(QTextCharFormat.Property.FontPointSize)
    fmt.clearForeground()
    return fmt


class _Builder:
    """Fills a QTextDocument from markdown-it tokens with one cursor."""

    def __init__(self, document: QTextDocument, cursor: QTextCursor | None = None):
        self.document = document
        self.cursor = cursor if cursor is not None else QTextCursor(document)
        self.fresh = self.cursor.block().length() <= 1  # the cursor's block is empty
        self.lists: list[list] = []  # per open list: [ordered, QTextList | None, start]
        self.base = document.defaultFont()

    def new_block(self, fmt: QTextBlockFormat, char: QTextCharFormat | None = None) -> None:
        char = char or QTextCharFormat()
        if self.fresh:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(char)
            self.cursor.setCharFormat(char)
        else:
            self.cursor.insertBlock(fmt, char)
        self.fresh = False

    def build(self, tokens: list[Token]) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "heading_open":
                level = min(max(int(token.tag[1:]), 2), 4)  # "#" counts as "##"
                char = heading_char_format(level, self.base)
                self.new_block(heading_block_format(level), char)
                self.inline(tokens[index + 1], char)
                index += 2
            elif kind == "paragraph_open":
                self.paragraph(tokens[index + 1])
                index += 2
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = int(token.attrs.get("start", 1) or 1)
                self.lists.append([kind == "ordered_list_open", None, start])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.lists[-1].append("item")  # the next paragraph is the item's first
            elif kind == "table_open":
                index = self.table(tokens, index)
            elif kind == "footnote_open":
                label = token.meta.get("label", "")
                self.pending_footnote = label
            elif kind in ("code_block", "fence", "html_block"):
                self.new_block(body_block_format())
                self.cursor.insertText(token.content.rstrip("\n").replace("\n", LINE_BREAK))
            elif kind == "hr":
                self.new_block(body_block_format())
                self.cursor.insertText("---", raw_format())
            index += 1

    def paragraph(self, inline: Token) -> None:
        if self.lists and self.lists[-1][-1] == "item":
            self.lists[-1].pop()
            self.list_item(inline)
            return
        fmt = body_block_format()
        if self.lists:  # a further paragraph of a list item
            fmt.setIndent(len(self.lists))
        self.new_block(fmt)
        label = getattr(self, "pending_footnote", None)
        if label is not None:
            self.pending_footnote = None
            self.cursor.insertText(f"[^{label}]: ", raw_format())
        self.inline(inline, QTextCharFormat())

    def list_item(self, inline: Token) -> None:
        entry = self.lists[-1]
        ordered, text_list, start = entry[0], entry[1], entry[2]
        block = QTextBlockFormat()
        self.new_block(block)
        if text_list is None:
            fmt = QTextListFormat()
            fmt.setStyle(QTextListFormat.Style.ListDecimal if ordered
                         else _bullet_style(len(self.lists)))
            fmt.setIndent(len(self.lists))
            if ordered and start != 1:
                fmt.setStart(start)
            entry[1] = self.cursor.createList(fmt)
        else:
            text_list.add(self.cursor.block())
        self.inline(inline, QTextCharFormat())

    def table(self, tokens: list[Token], index: int) -> int:
        rows: list[list[Token]] = []
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "inline":
                rows[-1].append(token)
            index += 1
        columns = max(len(row) for row in rows)
        self.new_block(body_block_format())
        fmt = text_table_format()
        table = self.cursor.insertTable(len(rows), columns, fmt)
        for r, row in enumerate(rows):
            for c, inline in enumerate(row):
                self.cursor = table.cellAt(r, c).firstCursorPosition()
                base = QTextCharFormat()
                if r == 0:
                    base.setFontWeight(QFont.Weight.Bold)
                    cell_format = table.cellAt(r, c).format()
                    cell_format.setBackground(QColor("#e8eef5"))
                    table.cellAt(r, c).setFormat(cell_format)
                self.inline(inline, base)
        self.cursor = table.lastCursorPosition()
        self.cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
        self.fresh = True  # Qt leaves an empty block after the table
        return index

    def inline(self, token: Token, base: QTextCharFormat) -> None:
        stack = [QTextCharFormat(base)]
        for child in token.children or ():
            kind = child.type
            fmt = stack[-1]
            if kind == "text":
                self.cursor.insertText(child.content, fmt)
            elif kind == "softbreak":
                self.cursor.insertText(" ", fmt)
            elif kind == "hardbreak":
                self.cursor.insertText(LINE_BREAK, fmt)
            elif kind == "code_inline":
                code = QTextCharFormat(fmt)
                code.setFontFixedPitch(True)
                code.setFontFamilies(["monospace"])
                code.setProperty(CODE_PROPERTY, True)
                self.cursor.insertText(child.content, code)
            elif kind == "footnote_ref":
                self.cursor.insertText(f"[^{child.meta.get('label', '')}]", raw_format(fmt))
            elif kind in ("strong_open", "em_open", "link_open"):
                new = QTextCharFormat(fmt)
                if kind == "strong_open":
                    new.setFontWeight(QFont.Weight.Bold)
                elif kind == "em_open":
                    new.setFontItalic(True)
                else:
                    new.setAnchor(True)
                    new.setAnchorHref(str(child.attrs.get("href", "")))
                    new.setFontUnderline(True)
                    new.setForeground(LINK_COLOR)
                stack.append(new)
            elif kind in ("strong_close", "em_close", "link_close"):
                if len(stack) > 1:
                    stack.pop()
            elif kind in ("html_inline", "image"):
                self.cursor.insertText(child.content, fmt)


def _bullet_style(level: int) -> QTextListFormat.Style:
    styles = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle,
              QTextListFormat.Style.ListSquare)
    return styles[(level - 1) % len(styles)]


def raw_format(base: QTextCharFormat | None = None) -> QTextCharFormat:
    fmt = QTextCharFormat(base) if base is not None else QTextCharFormat()
    fmt.setProperty(RAW_PROPERTY, True)
    fmt.setForeground(QColor("#6b4f00"))
    return fmt


def load_markdown(document: QTextDocument, text: str) -> None:
    """Replace the document's content with the Markdown `text`, formatted."""
    document.clear()
    _Builder(document).build(_PARSER.parse(text))


def insert_markdown(cursor: QTextCursor, text: str) -> None:
    """Insert Markdown at `cursor`: one paragraph joins the text there, more become blocks."""
    tokens = _PARSER.parse(text)
    builder = _Builder(cursor.document(), cursor)
    if [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]:
        builder.inline(tokens[1], QTextCharFormat(cursor.charFormat()))
        return
    builder.build(tokens)


def same_markdown(first: str, second: str) -> bool:
    """Whether two Markdown texts mean the same document (they render alike)."""
    return _PARSER.render(first) == _PARSER.render(second)

