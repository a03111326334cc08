"""The report's content as plain data: what to print, not how it looks.

`content.build_report` fills these; `pdf` lays them out and tests read them
directly. Every string is plain text (never markup) and every amount is already
formatted, so the layout code does no arithmetic at all.

They are named tuples, not frozen dataclasses: as immutable and typed, and a twentieth of
the cost to define (Python 3.11 compiles six methods for each dataclass; the fifteen here
were about 12 ms of every report's start). A block is changed with `_replace`.
"""

from __future__ import annotations

from typing import NamedTuple


class Heading(NamedTuple):
    """A sub-heading inside a chapter: `level` 2, 3 or 4 (the chapter's title is level 1).

    `outline` headings get a line in the contents (levels 2 and 3) and an entry in the
    PDF outline; a table's own sub-heading ("Iakttagelser" under the rules) does not.
    """

    text: str
    level: int = 2
    outline: bool = False


class Text(NamedTuple):
    """One paragraph; `note` prints smaller, for sources and remarks."""

    text: str
    note: bool = False


class Bullets(NamedTuple):
    items: tuple[str, ...]


class Column(NamedTuple):
    title: str
    numeric: bool = False
    """Numbers are right-aligned; text is left-aligned and wraps."""
    width: float = 1.0
    """Relative share of the table's width."""


class Row(NamedTuple):
    cells: tuple[str, ...]
    kind: str = "body"
    """"body", "heading"/"subheading" (a group title across the row), "subtotal" or "total" (sum rows)."""


class Table(NamedTuple):
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    caption: str = ""


class Series(NamedTuple):
    name: str
    values: tuple[int, ...]
    """Kronor per category, in the order of the chart's categories."""


class Chart(NamedTuple):
    """A chart as data: `bars` drawn as bars, `lines` (bounds) drawn across them."""

    title: str
    categories: tuple[str, ...]
    bars: tuple[Series, ...]
    lines: tuple[Series, ...] = ()
    unit: str = "kr"
    alt_text: str = ""
    """The user's alternative text for the chart; "" = written from the data (`tagging_alt`)."""


class Span(NamedTuple):
    """A run of narrative text: "\n" alone is a hard line break; `link` is an http(s) or
    mailto target already checked; `note` is a footnote reference number (superscript)."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str = ""
    note: bool = False


class Rich(NamedTuple):
    """A paragraph of narrative text with emphasis, links and footnote references."""

    spans: tuple[Span, ...]
    literal: bool = False
    """Code and the like: line breaks kept as written."""


class ItemList(NamedTuple):
    """A bullet or numbered list; each item is its own blocks (paragraphs, nested lists)."""

    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    start: int = 1


class Rule(NamedTuple):
    """A thematic break (a horizontal line)."""


class Footnotes(NamedTuple):
    """A chapter's footnotes, printed at its end: (number, blocks) in number order."""

    notes: tuple[tuple[int, tuple[Block, ...]], ...]


Block = Heading | Text | Bullets | Table | Chart | Rich | ItemList | Rule | Footnotes


class Chapter(NamedTuple):
    """A part of the report with a level-1 heading and a line in the contents.

    An empty `title` prints no heading (text placed before the document's first chapter).
    """

    title: str
    blocks: tuple[Block, ...] = ()


class Report(NamedTuple):
    association: str
    title: str
    subtitle: str = ""
    decided: str = ""
    unit: str = "kr"
    chapters: tuple[Chapter, ...] = ()
    numbered: bool = True
    """Chapters numbered "1 …" (the first release's layout); a written document numbers its own."""
    logo: bytes = b""
