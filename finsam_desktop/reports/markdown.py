"""A section's Markdown text as report blocks, parsed by markdown-it-py (never by our own rules).

The contract's Markdown is CommonMark with pipe tables and footnotes: headings (`#` and
`##` are level 2, `###` level 3, `####` and deeper level 4), emphasis, nested bullet and
numbered lists, links (only http, https and mailto; any other target prints as its text),
footnotes, hard breaks. Raw HTML is not enabled, so it arrives as text and prints
literally; an image prints as the Markdown that was written. The result is plain data
(`blocks`); `pdf` turns it into flowables and escapes every string there.

Footnotes are numbered per chapter: a chapter's text may come in several pieces (text
after a placed table), so a `Notes` collector shared by the chapter numbers them in
the order they are first referred to and keeps their text for the chapter's end.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .blocks import Block, Column, Footnotes, Heading, ItemList, Rich, Row, Rule, Span, Table

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

LINK_SCHEMES = ("http", "https", "mailto")
_parser: MarkdownIt | None = None


def _markdown() -> MarkdownIt:
    """The parser, built once: CommonMark, raw HTML off, pipe tables and footnotes on."""
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.footnote import footnote_plugin
        _parser = MarkdownIt("commonmark", {"html": False, "maxNesting": 20}) \
            .enable("table").use(footnote_plugin)
    return _parser


class Notes:
    """One chapter's footnotes: numbers in order of first reference, texts by number."""

    def __init__(self) -> None:
        self.numbers: dict[tuple[int, object], int] = {}
        self.texts: dict[int, tuple[Block, ...]] = {}
        self.pieces = 0

    def start_piece(self) -> int:
        self.pieces += 1
        return self.pieces

    def number(self, piece: int, note_id: object) -> int:
        key = (piece, note_id)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
        return self.numbers[key]

    def define(self, piece: int, note_id: object, blocks: tuple[Block, ...]) -> None:
        self.texts[self.number(piece, note_id)] = blocks

    def block(self) -> Footnotes | None:
        """The chapter's footnotes, or None when it has none."""
        if not self.texts:
            return None
        return Footnotes(tuple(sorted(self.texts.items())))


def markdown_blocks(text: str, notes: Notes | None = None) -> list[Block]:
    """`text` as blocks; its footnotes go to `notes` (a fresh collector when None)."""
    if not text.strip():
        return []
    notes = notes if notes is not None else Notes()
    tokens = _markdown().parse(text)
    blocks, _ = _Converter(notes, notes.start_piece()).blocks(tokens, 0, None)
    return blocks


def _level(tag: str) -> int:
    """h1 and h2 are level 2 (h1 is the chapter's title), h3 is 3, h4 to h6 are 4."""
    return min(max(int(tag[1]), 2), 4)


def _link_target(href: str) -> str:
    """`href` when its scheme may be a link in the report, "" otherwise."""
    scheme, colon, _ = href.partition(":")
    return href if colon and scheme.lower() in LINK_SCHEMES else ""


class _Converter:
    def __init__(self, notes: Notes, piece: int):
        self.notes = notes
        self.piece = piece

    def blocks(self, tokens: Sequence[Token], i: int, end: str | None) -> tuple[list[Block], int]:
        """Blocks from tokens[i:] up to the closing token `end` (consumed); returns the next index."""
        out: list[Block] = []
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == end:
                return out, i + 1
            if kind == "heading_open":
                out.append(Heading(_plain(tokens[i + 1].children or []), _level(token.tag), True))
                i += 3
            elif kind == "paragraph_open":
                spans = self.spans(tokens[i + 1].children or [])
                if spans:
                    out.append(Rich(spans))
                i += 3
            elif kind in ("bullet_list_open", "ordered_list_open"):
                item_list, i = self.item_list(tokens, i)
                out.append(item_list)
            elif kind == "blockquote_open":
                inner, i = self.blocks(tokens, i + 1, "blockquote_close")
                out.extend(inner)
            elif kind == "table_open":
                table, i = _table(tokens, i + 1)
                out.append(table)
            elif kind in ("fence", "code_block"):
                out.append(Rich((Span(token.content.rstrip("\n")),), literal=True))
                i += 1
            elif kind == "hr":
                out.append(Rule())
                i += 1
            elif kind == "footnote_open":
                note_id = token.meta.get("id")
                inner, i = self.blocks(tokens, i + 1, "footnote_close")
                self.notes.define(self.piece, note_id, tuple(inner))
            elif kind == "inline":  # not expected at block level; print what it says
                spans = self.spans(token.children or [])
                if spans:
                    out.append(Rich(spans))
                i += 1
            else:  # *_close of containers handled above, footnote_block_open/close, html off
                i += 1
        return out, i

    def item_list(self, tokens: Sequence[Token], i: int) -> tuple[ItemList, int]:
        opening = tokens[i]
        ordered = opening.type == "ordered_list_open"
        close = "ordered_list_close" if ordered else "bullet_list_close"
        start = opening.attrs.get("start", 1) if ordered else 1
        try:
            start = int(start)
        except (TypeError, ValueError):
            start = 1
        items: list[tuple[Block, ...]] = []
        i += 1
        while i < len(tokens) and tokens[i].type != close:
            if tokens[i].type == "list_item_open":
                inner, i = self.blocks(tokens, i + 1, "list_item_close")
                items.append(tuple(inner))
            else:
                i += 1
        return ItemList(tuple(items), ordered, start), i + 1

    def spans(self, children: Sequence[Token]) -> tuple[Span, ...]:
        """Inline tokens as spans of one style each; neighbours of one style are merged."""
        out: list[Span] = []
        bold = italic = 0
        link = ""

        def add(text: str, note: bool = False) -> None:
            if not text:
                return
            span = Span(text, bold > 0, italic > 0, link, note)
            last = out[-1] if out else None
            if last is not None and not note and not last.note and text != "\n" \
                    and last.text != "\n" and (last.bold, last.italic, last.link) == \
                    (span.bold, span.italic, span.link):
                out[-1] = Span(last.text + text, last.bold, last.italic, last.link)
            else:
                out.append(span)

        for child in children:
            kind = child.type
            if kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "link_open":
                link = _link_target(str(child.attrs.get("href", "")))
            elif kind == "link_close":
                link = ""
            elif kind == "softbreak":
                add(" ")
            elif kind == "hardbreak":
                add("\n")
            elif kind == "image":
                add(_image_literal(child))
            elif kind == "footnote_ref":
                add(str(self.notes.number(self.piece, child.meta.get("id"))), note=True)
            elif kind == "footnote_anchor":
                continue
            else:
                add(child.content)
        while out and out[-1].text == "\n":
            out.pop()
        return tuple(out)


def _image_literal(token: Token) -> str:
    """An image as the Markdown that wrote it: images are not printed (contract)."""
    title = token.attrs.get("title")
    target = str(token.attrs.get("src", "")) + (f' "{title}"' if title else "")
    return f"![{token.content}]({target})"


def _plain(children: Sequence[Token]) -> str:
    """Inline tokens as plain text (headings and table cells have no emphasis of their own)."""
    parts = []
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_image_literal(child))
        elif child.content:
            parts.append(child.content)
    return "".join(parts).strip()


def _table(tokens: Sequence[Token], i: int) -> tuple[Table, int]:
    """A pipe table as a report table: header row, body rows, right-aligned columns numeric."""
    header: list[str] = []
    numeric: list[bool] = []
    rows: list[list[str]] = []
    current: list[str] | None = None
    in_head = False
    while i < len(tokens) and tokens[i].type != "table_close":
        token = tokens[i]
        kind = token.type
        if kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            current = []
        elif kind == "tr_close" and current is not None:
            if not in_head:
                rows.append(current)
            current = None
        elif kind in ("th_open", "td_open"):
            text = _plain(tokens[i + 1].children or []) if tokens[i + 1].type == "inline" else ""
            if in_head:
                header.append(text)
                numeric.append("right" in str(token.attrs.get("style", "")))
            elif current is not None:
                current.append(text)
        i += 1
    count = max(len(header), 1)
    columns = tuple(Column(title, numeric=n) for title, n in zip(header, numeric, strict=True)) \
        or (Column(""),)
    body = tuple(Row(tuple((cells + [""] * count)[:count])) for cells in rows)
    return Table(columns, body), i + 1
