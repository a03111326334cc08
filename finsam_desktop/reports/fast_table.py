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
from dataclasses import dataclass
from itertools import accumulate

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus.flowables import Flowable

from .blocks import Table
from .fonts import BOLD
from .wrapping import stringWidth, wrap_lines

ACCENT = colors.HexColor("#1f4e79")
LIGHT = colors.HexColor("#e8eef5")
TOTAL_BACKGROUND = colors.HexColor("#dde6f0")
RULE = colors.HexColor("#c8d0d8")
GREY = colors.HexColor("#555555")
PAD = 3.0
SPANNING = ("heading", "subheading")


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
    header: _Row
    rows: list[_Row]
    tops: list[float]
    """Running height before each row (len(rows) + 1 values)."""
    font: str
    size: float
    leading: float


def _column_widths(table: Table, size: float, width: float) -> list[float]:
    widths: list[float | None] = []
    for index, column in enumerate(table.columns):
        if not column.numeric:
            widths.append(None)
            continue
        content = max((stringWidth(row.cells[index], BOLD, size) for row in table.rows
                       if row.kind not in SPANNING), default=0)
        title = max((stringWidth(word, BOLD, size) for word in column.title.split()), default=0)
        widths.append(max(content, title, 28) + 2 * PAD + 2)
    left = width - sum(w for w in widths if w)
    weights = sum(c.width for c, w in zip(table.columns, widths) if w is None)
    if weights:
        left = max(left, 60.0)
        return [w if w else left * c.width / weights for c, w in zip(table.columns, widths)]
    return widths  # type: ignore[return-value]


def measure(table: Table, font: str, width: float) -> TableLayout:
    """Break every cell into lines for `width` points and compute each row's height."""
    size = 8.5 if len(table.columns) <= 5 else 7.5
    leading = size * 1.25
    widths = _column_widths(table, size, width)
    total = sum(widths)
    numeric = [c.numeric for c in table.columns]

    def row_height(lines: int) -> float:
        return lines * leading + 2 * PAD + 1

    header_cells = [wrap_lines(c.title, BOLD, size, w - 2 * PAD)
                    for c, w in zip(table.columns, widths)]
    header = _Row("header", header_cells, row_height(max(len(c) for c in header_cells)))
    rows = []
    for row in table.rows:
        cell_font = font if row.kind == "body" else BOLD
        if row.kind in SPANNING:
            lines = wrap_lines(row.cells[0], BOLD, size, total - 2 * PAD)
            rows.append(_Row(row.kind, [lines], row_height(len(lines))))
            continue
        cells, most = [], 1
        for cell, is_number, w in zip(row.cells, numeric, widths):
            lines = [cell] if is_number else wrap_lines(cell, cell_font, size, w - 2 * PAD)
            most = max(most, len(lines))
            cells.append(lines)
        rows.append(_Row(row.kind, cells, row_height(most)))
    tops = [0.0, *accumulate(r.height for r in rows)]
    return TableLayout(widths, numeric, header, rows, tops, font, size, leading)


def _rgb(colour) -> str:
    return f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f}"


class FastTable(Flowable):
    """Rows `start`..`end` of a measured table, with the header repeated on every part."""

    def __init__(self, layout: TableLayout, start: int = 0, end: int | None = None):
        super().__init__()
        self.layout = layout
        self.start = start
        self.end = len(layout.rows) if end is None else end
        self.width = sum(layout.widths)
        self.height = layout.header.height + layout.tops[self.end] - layout.tops[self.start]
        self.hAlign = "LEFT"

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def split(self, available_width, available_height):
        layout = self.layout
        room = available_height - layout.header.height
        cut = bisect_right(layout.tops, layout.tops[self.start] + room, self.start) - 1
        cut = min(cut, self.end)
        while cut > self.start and layout.rows[cut - 1].kind in SPANNING:
            cut -= 1  # never leave a group title alone at the foot of a page
        if cut <= self.start or cut >= self.end:
            return []
        return [FastTable(layout, self.start, cut), FastTable(layout, cut, self.end)]

    def draw(self):
        layout = self.layout
        canvas = self.canv
        ops: list[str] = []
        text = _TextWriter(canvas, ops)
        top = self.height
        self._draw_row(layout.header, top, ops, text)
        top -= layout.header.height
        for row in layout.rows[self.start:self.end]:
            self._draw_row(row, top, ops, text)
            top -= row.height
        text.close()
        # q/Q: the canvas's own idea of colours, line width and font stays true.
        canvas._code.append("q\n" + "\n".join(ops) + "\nQ")

    def _draw_row(self, row: _Row, top: float, ops: list[str], text: "_TextWriter") -> None:
        layout = self.layout
        width, height = self.width, row.height
        bottom = top - height
        kind = row.kind
        background = {"header": ACCENT, "heading": LIGHT, "total": TOTAL_BACKGROUND}.get(kind)
        if background is not None:
            text.pause()
            ops.append(f"{_rgb(background)} rg 0 {bottom:.2f} {width:.2f} {height:.2f} re f")
        if kind != "header":
            text.pause()
            ops.append(f"0.25 w {_rgb(RULE)} RG 0 {bottom:.2f} m {width:.2f} {bottom:.2f} l S")
        if kind in ("subtotal", "total"):
            weight, colour = (0.6, GREY) if kind == "subtotal" else (1.0, colors.black)
            ops.append(f"{weight} w {_rgb(colour)} RG 0 {top:.2f} m {width:.2f} {top:.2f} l S")
        font = layout.font if kind == "body" else BOLD
        colour = {"header": colors.white, "subheading": ACCENT}.get(kind, colors.black)
        size, leading = layout.size, layout.leading
        baseline = top - PAD - size * 0.93
        x = 0.0
        for index, lines in enumerate(row.cells):
            column_width = layout.widths[index]
            right = layout.numeric[index]
            y = baseline
            for line in lines:
                if line:
                    if right:
                        at = x + column_width - PAD - stringWidth(line, font, size)
                    else:
                        at = x + PAD
                    text.write(line, font, size, colour, at, y)
                y -= leading
            x += column_width


class _TextWriter:
    """PDF text operators for plain strings in a TrueType font, subset by subset."""

    def __init__(self, canvas, ops: list[str]):
        self.canvas = canvas
        self.doc = canvas._doc
        self.ops = ops
        self.open = False
        self.current = None
        self.colour = None

    def write(self, line: str, font_name: str, size: float, colour, x: float, y: float) -> None:
        ops = self.ops
        if not self.open:
            ops.append("BT")
            self.open, self.current, self.colour = True, None, None
        if colour is not self.colour:
            ops.append(f"{_rgb(colour)} rg")
            self.colour = colour
        font = getFont(font_name)
        first = True
        for subset, chunk in _encoded(self.canvas, font, line):
            key = (font_name, subset, size)
            if key != self.current:
                ops.append(f"{font.getSubsetInternalName(subset, self.doc)} {size} Tf")
                self.current = key
            if first:
                ops.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
                first = False
            ops.append(f"({chunk}) Tj")

    def pause(self) -> None:
        """End the text object so that graphics operators may follow."""
        if self.open:
            self.ops.append("ET")
            self.open = False

    def close(self) -> None:
        self.pause()


def _encoded(canvas, font, line: str) -> list[tuple[int, str]]:
    """`line` as (subset, escaped PDF string) pieces, cached per document: names repeat."""
    cache = canvas.__dict__.setdefault("_finsam_text_cache", {})
    key = (font.fontName, line)
    pieces = cache.get(key)
    if pieces is None:
        pieces = cache[key] = [(subset, canvas._escape(chunk))
                               for subset, chunk in font.splitString(line, canvas._doc)]
    return pieces
