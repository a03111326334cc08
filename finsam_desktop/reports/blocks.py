"""The report's content as plain data: what to print, not how it looks.

`content.build_report` fills these; `pdf` lays them out and tests read them
directly. Every string is plain text (never markup) and every amount is already
formatted, so the layout code does no arithmetic at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """A sub-heading inside a chapter: `level` 2, 3 or 4 (the chapter's title is level 1).

    `outline` headings get a line in the contents (levels 2 and 3) and an entry in the
    PDF outline; a table's own sub-heading ("Iakttagelser" under the rules) does not.
    """

    text: str
    level: int = 2
    outline: bool = False


@dataclass(frozen=True)
class Text:
    """One paragraph; `note` prints smaller, for sources and remarks."""

    text: str
    note: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Column:
    title: str
    numeric: bool = False
    """Numbers are right-aligned; text is left-aligned and wraps."""
    width: float = 1.0
    """Relative share of the table's width."""


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    kind: str = "body"
    """"body", "heading"/"subheading" (a group title across the row), "subtotal" or "total" (sum rows)."""


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    caption: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]
    """Kronor per category, in the order of the chart's categories."""


@dataclass(frozen=True)
class Chart:
    """A chart as data: `bars` drawn as bars, `lines` (bounds) drawn across them."""

    title: str
    categories: tuple[str, ...]
    bars: tuple[Series, ...]
    lines: tuple[Series, ...] = ()
    unit: str = "kr"
    alt_text: str = ""
    """The user's alternative text for the chart; "" = written from the data (`tagging_alt`)."""


@dataclass(frozen=True)
class Span:
    """A run of narrative text: "\n" alone is a hard line break; `link` is an http(s) or
    mailto target already checked; `note` is a footnote reference number (superscript)."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str = ""
    note: bool = False


@dataclass(frozen=True)
class Rich:
    """A paragraph of narrative text with emphasis, links and footnote references."""

    spans: tuple[Span, ...]
    literal: bool = False
    """Code and the like: line breaks kept as written."""


@dataclass(frozen=True)
class ItemList:
    """A bullet or numbered list; each item is its own blocks (paragraphs, nested lists)."""

    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    start: int = 1


@dataclass(frozen=True)
class Rule:
    """A thematic break (a horizontal line)."""


@dataclass(frozen=True)
class Footnotes:
    """A chapter's footnotes, printed at its end: (number, blocks) in number order."""

    notes: tuple[tuple[int, tuple[Block, ...]], ...]


Block = Heading | Text | Bullets | Table | Chart | Rich | ItemList | Rule | Footnotes


@dataclass(frozen=True)
class Chapter:
    """A part of the report with a level-1 heading and a line in the contents.

    An empty `title` prints no heading (text placed before the document's first chapter).
    """

    title: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Report:
    association: str
    title: str
    subtitle: str = ""
    decided: str = ""
    unit: str = "kr"
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)
    numbered: bool = True
    """Chapters numbered "1 …" (the first release's layout); a written document numbers its own."""
    logo: bytes = b""
