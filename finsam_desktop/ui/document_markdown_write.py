"""The chapter's QTextDocument written back as the Markdown the plan stores.

Walks the document's blocks and tables (never Qt's own `toMarkdown`, which wraps lines,
drops hard breaks and leaves typed `*` unescaped): headings ## to ####, paragraphs with
bold, italic, links and hard breaks, nested lists, pipe tables; footnote markers and
definitions (RAW_PROPERTY) written exactly as they stand.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QFont,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextList,
    QTextListFormat,
    QTextTable,
)

from ..services.text_import import escape_markdown
from .document_markdown import CODE_PROPERTY, LINE_BREAK, PARAGRAPH_SEPARATOR, RAW_PROPERTY


def top_level_items(document: QTextDocument) -> list:
    """The document's blocks and tables in order; a table stands for all its cells."""
    items: list = []
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            if not items or items[-1] is not table and not _same_table(items[-1], table):
                items.append(table)
            block = table.lastCursorPosition().block().next()
            continue
        items.append(block)
        block = block.next()
    return items


def _same_table(item, table: QTextTable) -> bool:
    return isinstance(item, QTextTable) and item.firstPosition() == table.firstPosition()


def item_at(document: QTextDocument, position: int) -> int:
    """The index in `top_level_items` of the item holding `position`."""
    for index, item in enumerate(top_level_items(document)):
        if isinstance(item, QTextTable):
            if item.firstPosition() - 1 <= position <= item.lastPosition() + 1:
                return index
        elif item.position() <= position <= item.position() + item.length() - 1:
            return index
    return max(0, len(top_level_items(document)) - 1)


def to_markdown(document: QTextDocument, items: list | None = None) -> str:
    """The Markdown of `items` (all of the document when None), as the plan stores it."""
    items = top_level_items(document) if items is None else items
    out: list[str] = []
    previous_list: QTextList | None = None
    widths: dict[int, int] = {}
    for item in items:
        if isinstance(item, QTextTable):
            text = _table(item)
            text_list = None
        else:
            text_list = item.textList()
            text = _block(item, text_list, widths)
        if not text:
            continue
        tight = text_list is not None and previous_list is not None
        if out:
            out.append("\n" if tight else "\n\n")
        out.append(text)
        previous_list = text_list
    return "".join(out) + ("\n" if out else "")


def _block(block: QTextBlock, text_list: QTextList | None, widths: dict[int, int]) -> str:
    inline = _inline(block, in_table=False).strip(" ")
    while inline.endswith("\\\n"):  # a break at the end of a paragraph is no break
        inline = inline[:-2].rstrip(" ")
    while inline.startswith("\\\n"):
        inline = inline[2:].lstrip(" ")
    level = block.blockFormat().headingLevel()
    if level:
        inline = inline.replace("\\\n", " ")
        return f"{'#' * min(max(level, 2), 4)} {inline}" if inline else ""
    if text_list is None:
        indent = block.blockFormat().indent()
        prefix = " " * sum(widths.get(n, 2) for n in range(1, indent + 1)) if indent else ""
        return prefix + inline.replace("\n", "\n" + prefix) if inline else ""
    fmt = text_list.format()
    depth = max(fmt.indent(), 1)
    if fmt.style() in (QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha,
                       QTextListFormat.Style.ListUpperAlpha, QTextListFormat.Style.ListLowerRoman,
                       QTextListFormat.Style.ListUpperRoman):
        marker = f"{text_list.itemNumber(block) + max(fmt.start(), 1)}."
    else:
        marker = "-"
    widths[depth] = len(marker) + 1
    for deeper in [n for n in widths if n > depth]:
        del widths[deeper]
    prefix = " " * sum(widths.get(n, 2) for n in range(1, depth))
    body = inline.replace("\n", "\n" + prefix + " " * (len(marker) + 1))
    return f"{prefix}{marker} {body}" if body else f"{prefix}{marker}"


def _table(table: QTextTable) -> str:
    rows = []
    for r in range(table.rows()):
        cells = []
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            parts = []
            block = cell.firstCursorPosition().block()
            while block.isValid() and block.position() <= cell.lastPosition():
                parts.append(_inline(block, in_table=True, header=r == 0).strip())
                block = block.next()
            cells.append(" ".join(p for p in parts if p))
        rows.append("| " + " | ".join(cells) + " |")
    if not rows:
        return ""
    rows.insert(1, "|" + "|".join("---" for _ in range(table.columns())) + "|")
    return "\n".join(rows)


def _inline(block: QTextBlock, in_table: bool, header: bool = False) -> str:
    """The block's text with emphasis and links as Markdown, special characters escaped."""
    runs: list[tuple[tuple, str]] = []
    heading = block.blockFormat().headingLevel() > 0
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        iterator += 1
        if not fragment.isValid():
            continue
        fmt = fragment.charFormat()
        raw = bool(fmt.property(RAW_PROPERTY))
        code = bool(fmt.property(CODE_PROPERTY))
        bold = fmt.fontWeight() >= QFont.Weight.DemiBold and not heading and not header
        href = fmt.anchorHref() if fmt.isAnchor() else ""
        state = (bold, fmt.fontItalic(), href, raw, code)
        if runs and runs[-1][0] == state:
            runs[-1] = (state, runs[-1][1] + fragment.text())
        else:
            runs.append((state, fragment.text()))
    out = []
    for state, text in runs:
        out.append(_run(state, text, in_table, at_start=not out and not heading))
    return "".join(out)


def _run(state: tuple, text: str, in_table: bool, at_start: bool) -> str:
    bold, italic, href, raw, code = state
    text = text.replace("\ufffc", "").replace(PARAGRAPH_SEPARATOR, LINE_BREAK)
    if raw:
        return text
    if code:
        fence = "``" if "`" in text else "`"
        return f"{fence}{text}{fence}"
    stripped = text.strip(" \t" + LINE_BREAK)
    if not stripped:
        return escape_markdown(text, in_table, at_start)
    lead = text[:len(text) - len(text.lstrip(" \t" + LINE_BREAK))]
    trail = text[len(text.rstrip(" \t" + LINE_BREAK)):]
    body = escape_markdown(stripped, in_table, at_start and not lead)
    marks = ("**" if bold else "") + ("*" if italic else "")
    body = f"{marks}{body}{marks[::-1]}"
    if href:
        target = f"<{href}>" if any(ch in href for ch in " ()<>") else href
        body = f"[{body}]({target})"
    return escape_markdown(lead, in_table, at_start) + body + escape_markdown(trail, in_table, False)


