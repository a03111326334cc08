"""A table flowable of plain-text cells that lays out and splits in linear time.

reportlab's own `Table` re-measures the remaining rows at every page break and
draws each cell through several layers; a 2 000-row plan took seconds. Here
every row's height is known in advance (cells are broken into lines by
`wrapping`), a page break is a binary search over the running heights, and
drawing writes the PDF text operators directly, in the way reportlab's
`ttfonts` documents for dynamic (TrueType) fonts. Cells are never markup.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter

from reportlab.lib import colors
from reportlab.platypus.flowables import Flowable

from .blocks import Row, Table
from .fast_cells import PAD, placements, write_row
from .fast_text import TextWriter
from .fonts import BOLD
from .tagging_table import table_tags
from .wrapping import printable, stringWidth, widest, wrap_lines

ACCENT = colors.HexColor("#1f4e79")
LIGHT = colors.HexColor("#e8eef5")
TOTAL_BACKGROUND = colors.HexColor("#dde6f0")
RULE = colors.HexColor("#c8d0d8")
GREY = colors.HexColor("#555555")
SPANNING = ("heading", "subheading")
MAX_ROW_HEIGHT = 520.0
"""A row taller than this (a 5 000-character name) continues in more rows, so it fits a page."""

@dataclass
class _Row:
    kind: str
    cells: list[list[str]]
    height: float


@dataclass
class TableLayout:
    """A table measured once: column widths, each row's lines and height."""

    widths: list[float]
    numeric: list[bool]
    insets: list[float]
    header: _Row
    rows: list[_Row]
    tops: list[float]
    """Running height before each row (len(rows) + 1 values)."""
    font: str
    size: float
    leading: float


def _column_widths(table: Table, size: float, width: float) -> list[float]:
    """Numbers get their natural width; text columns share the rest like an HTML table:
    each at least its longest word (within reason), the remainder by how much more
    each would need to fit on one line."""
    body = [row.cells for row in table.rows if row.kind not in SPANNING]
    plain = [row.cells for row in table.rows if row.kind == "body"]
    widths: list[float] = [0.0] * len(table.columns)
    text_columns = []
    for index, column in enumerate(table.columns):
        title = max((stringWidth(word, BOLD, size) for word in column.title.split()), default=0)
        if column.numeric:
            # Numbers: the digits are all one width, so only the longest strings can be the widest.
            values = set(map(itemgetter(index), body))  # amounts repeat: each measured once
            longest: float = max(map(len, values), default=0)
            content = widest([value for value in values if len(value) >= longest - 1], BOLD, size)
            widths[index] = min(max(content, title, 28), width * 0.3) + 2 * PAD + 2 \
                + _inset(table, index)
        else:
            text_columns.append(index)
    if not text_columns:
        return widths
    room = max(width - sum(widths), 60.0 * len(text_columns))
    natural, least = {}, {}
    for index in text_columns:
        column_title = table.columns[index].title
        distinct = set(map(itemgetter(index), body)) | {column_title}  # owners, places repeat
        natural[index] = widest(distinct, BOLD, size) + 2 * PAD + 1
        words = {word for c in set(map(itemgetter(index), plain)) | {column_title}
                 for word in c.split()}
        longest = widest(words, BOLD, size) + 2 * PAD + 1
        least[index] = min(longest, room * 0.4)
    total_natural, total_least = sum(natural.values()), sum(least.values())
    for index in text_columns:
        if total_natural <= room:
            weight = table.columns[index].width
            extra = (room - total_natural) * weight / sum(table.columns[i].width for i in text_columns)
            widths[index] = natural[index] + extra
        elif total_least >= room:
            widths[index] = room * least[index] / total_least
        else:
            spare = (room - total_least) / (total_natural - total_least)
            widths[index] = least[index] + (natural[index] - least[index]) * spare
    return widths


def _inset(table: Table, index: int) -> float:
    """Extra room right of a number that a left-aligned text column follows, so they don't touch."""
    columns = table.columns
    return 8.0 if columns[index].numeric and index + 1 < len(columns) \
        and not columns[index + 1].numeric else 0.0


def measure(table: Table, font: str, width: float) -> TableLayout:
    """Break every cell into lines for `width` points and compute each row's height.

    Cells are made `printable` first: a control character has no glyph to draw.
    """
    size = 8.5 if len(table.columns) <= 5 else 7.5 if len(table.columns) <= 7 else 7.0
    leading = size * 1.25
    widths = _column_widths(table, size, width)
    total = sum(widths)
    numeric = [c.numeric for c in table.columns]
    insets = [_inset(table, i) for i in range(len(table.columns))]

    def row_height(lines: int) -> float:
        return lines * leading + 2 * PAD + 1

    header_cells = [wrap_lines(printable(c.title), BOLD, size, w - 2 * PAD)[:8]
                    for c, w in zip(table.columns, widths, strict=True)]
    header = _Row("header", header_cells, row_height(max(len(c) for c in header_cells)))
    inner = [w - 2 * PAD for w in widths]
    heights: dict[int, float] = {}
    rows = []
    plain = [row for row in table.rows if row.kind not in SPANNING]
    if len(widths) > 1 and all(len(row.cells) == len(widths) for row in plain):
        cells_of, mosts = _cells_by_column(plain, font, numeric, inner, size)
    else:  # a row may carry fewer cells than the table has columns; they stay empty
        cells_of = [_cells(row, font, numeric, inner, size) for row in plain]
        mosts = [max(map(len, cells), default=1) for cells in cells_of]
    next_cells, next_most = iter(cells_of).__next__, iter(mosts).__next__
    for row in table.rows:
        kind = row.kind
        if kind in SPANNING:
            lines = wrap_lines(printable(row.cells[0]), BOLD, size, total - 2 * PAD)
            rows.append(_Row(kind, [lines], row_height(len(lines))))
            continue
        cells, most = next_cells(), next_most()
        height = heights.get(most)
        if height is None:
            height = heights[most] = row_height(most)
        if height > MAX_ROW_HEIGHT:
            rows += _continued(kind, cells, most, row_height)
        else:
            rows.append(_Row(kind, cells, height))
    tops = [0.0, *accumulate(r.height for r in rows)]
    return TableLayout(widths, numeric, insets, header, rows, tops, font, size, leading)


def _cells(row: Row, font: str, numeric: list[bool], inner: list[float], size: float) -> list[list[str]]:
    """One row's cells as lines (the general case of `_cells_by_column`)."""
    cell_font = font if row.kind == "body" else BOLD
    cells = []
    for cell, is_number, room in zip(row.cells, numeric, inner, strict=False):
        if is_number:
            cells.append(_number_lines(cell, cell_font, size, room))
        else:
            cells.append(wrap_lines(printable(cell), cell_font, size, room))
    return cells


def _number_lines(cell: str, font: str, size: float, room: float) -> list[str]:
    if not cell.isprintable():
        cell = printable(cell)
    return wrap_lines(cell, font, size, room) if len(cell) > 40 else [cell]


def _cells_by_column(rows: Sequence[Row], font: str, numeric: list[bool], inner: list[float],
                     size: float) -> tuple[list[list[list[str]]], list[int]]:
    """Each row's cells as lines, and each row's most lines, worked out a column at a time
    (a large plan has hundreds of thousands of cells); a text is wrapped once per font and
    column, since owners and places repeat."""
    fonts = [font if row.kind == "body" else BOLD for row in rows]
    columns = []
    for index, (is_number, room) in enumerate(zip(numeric, inner, strict=True)):
        texts = [row.cells[index] for row in rows]
        if is_number:
            if max(map(len, texts), default=0) <= 40 \
                    and "".join(texts).replace("\u00a0", " ").isprintable():
                # the usual: every number one line that `printable` leaves as it is (what
                # it replaces is never printable; a Swedish number's no-break space is
                # kept, though str.isprintable counts it out)
                columns.append([[text] for text in texts])
                continue
            columns.append([[text] if len(text) <= 40 and text.isprintable()
                            else _number_lines(text, cell_font, size, room)
                            for text, cell_font in zip(texts, fonts, strict=True)])
            continue
        known: dict[str, dict[str, list[str]]] = {}
        lines_of = []
        for text, cell_font in zip(texts, fonts, strict=True):
            done = known.get(cell_font)
            if done is None:
                done = known[cell_font] = {}
            lines = done.get(text)
            if lines is None:
                lines = done[text] = wrap_lines(printable(text), cell_font, size, room)
            lines_of.append(lines)
        columns.append(lines_of)
    mosts = list(map(max, *[map(len, column) for column in columns]))
    return list(map(list, zip(*columns, strict=True))), mosts


def _continued(kind: str, cells: list[list[str]], most: int,
               row_height: Callable[[int], float]) -> list[_Row]:
    """A row too tall for a page as several rows of at most MAX_ROW_HEIGHT, lines in order."""
    per_row = 1
    while row_height(per_row + 1) <= MAX_ROW_HEIGHT:
        per_row += 1
    pieces = []
    for first in range(0, most, per_row):
        part = [lines[first:first + per_row] for lines in cells]
        pieces.append(_Row(kind, part, row_height(max(1, max(len(p) for p in part)))))
    return pieces


class FastTable(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Rows `start`..`end` of a measured table, with the header repeated on every part."""

    _tags_itself = True  # Table > THead/TBody > TR > TH/TD, see `tagging_table`

    def __init__(self, layout: TableLayout, start: int = 0, end: int | None = None) -> None:
        super().__init__()
        self.layout = layout
        self.start = start
        self.end = len(layout.rows) if end is None else end
        self.width = sum(layout.widths)
        self.height = layout.header.height + layout.tops[self.end] - layout.tops[self.start]
        self.hAlign = "LEFT"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[FastTable]:
        layout = self.layout
        room = available_height - layout.header.height
        cut = bisect_right(layout.tops, layout.tops[self.start] + room, self.start) - 1
        cut = min(cut, self.end)
        while cut > self.start and layout.rows[cut - 1].kind in SPANNING:
            cut -= 1  # never leave a group title alone at the foot of a page
        if cut <= self.start or cut >= self.end:
            return []
        return [FastTable(layout, self.start, cut), FastTable(layout, cut, self.end)]

    def draw(self) -> None:
        """Rules and backgrounds first, then all text in one text object, as raw PDF operators."""
        layout = self.layout
        rows = [layout.header, *layout.rows[self.start:self.end]]
        width = f"{self.width:.2f}"
        graphics: list[str] = []
        append = graphics.append
        top = self.height
        tops: list[float] = []
        rules: list[str] = []
        for row in rows:
            tops.append(top)
            kind = row.kind
            if kind in _SUM_RULES:
                rules.append(f"{_SUM_RULES[kind]} 0 {top:.2f} m {width} {top:.2f} l S")
            bottom = top - row.height
            at = f"{bottom:.2f}"
            if kind in _BACKGROUNDS:
                append(f"{_BACKGROUNDS[kind]} rg 0 {at} {width} {row.height:.2f} re f")
            if kind != "header":
                append(f"0.25 w {_RULE} RG 0 {at} m {width} {at} l S")
            top = bottom
        graphics += rules  # the sum rules over the backgrounds and rules of every row
        text = TextWriter(self.canv, layout.size)
        tags = table_tags(self.canv, layout, self.start)
        if tags is not None:
            graphics = tags.graphics(graphics)
        placed = {font: placements(text, layout, font) for font in {layout.font, BOLD}}
        for index, (row, top) in enumerate(zip(rows, tops, strict=True)):
            kind = row.kind
            openers = None if tags is None else \
                tags.row(self.start + index - 1 if index else None, kind, row.cells)
            text.colour(_TEXT_COLOURS.get(kind, "0 0 0"))
            write_row(layout, row, top, text, openers, placed[layout.font if kind == "body" else BOLD])
        # q/Q: the canvas's own idea of colours, line width and font stays true.
        self.canv._code.append("q\n" + "\n".join(graphics) + "\nBT\n" + "\n".join(text.ops)
                               + "\nET\nQ")


def _rgb_of(colour: colors.Color) -> str:
    return f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f}"


_BACKGROUNDS = {"header": _rgb_of(ACCENT), "heading": _rgb_of(LIGHT),
                "total": _rgb_of(TOTAL_BACKGROUND)}
_RULE = _rgb_of(RULE)
_SUM_RULES = {"subtotal": f"0.6 w {_rgb_of(GREY)} RG", "total": "1 w 0 0 0 RG"}
_TEXT_COLOURS = {"header": "1 1 1", "subheading": _rgb_of(ACCENT)}
