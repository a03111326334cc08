"""The report's content as plain data: what to print, not how it looks.

`content.build_report` fills these; `pdf` lays them out and tests read them
directly. Every string is plain text (never markup) and every amount is already
formatted, so the layout code does no arithmetic at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROW_KINDS = ("body", "heading", "subheading", "subtotal", "total")


@dataclass(frozen=True)
class Heading:
    """A sub-heading inside a chapter."""

    text: str


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


Block = Heading | Text | Bullets | Table | Chart


@dataclass(frozen=True)
class Chapter:
    """A numbered part of the report; it gets a line in the contents."""

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
