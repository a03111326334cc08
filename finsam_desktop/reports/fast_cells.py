"""How a fast table's rows are written: each cell's text as raw PDF text operators.

A large plan's table has hundreds of thousands of cells, so this is the report's
innermost loop. A line's operators are made once per distinct text, column and font
(`_place`); a one-line cell is then one lookup and one string.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .fast_text import TextWriter
from .fonts import BOLD
from .tagging_table import EMC
from .wrapping import stringWidth

if TYPE_CHECKING:
    from .fast_table import TableLayout, _Row

    _Placed = tuple[str, str, str, str]
    """A line's text matrix up to y, what follows y, its first font operator and the
    font it leaves set (see `_place`)."""
    _Known = dict[str, _Placed]
    """A line's operators by its text."""

PAD = 3.0
"""A cell's padding in points, on every side."""


class Placements:
    """The operators placed so far in one table, for one font on one document
    (encodings belong to a document). Per column: lines that a space follows (`more`)
    and last lines (`last`)."""

    __slots__ = ("doc", "more", "last", "lefts", "heads")

    def __init__(self, doc: object, layout: TableLayout) -> None:
        self.doc = doc
        columns = range(len(layout.widths))
        self.more: list[_Known] = [{} for _ in columns]
        self.last: list[_Known] = [{} for _ in columns]
        self.lefts = [sum(layout.widths[:column]) for column in columns]
        """Each column's left edge."""
        self.heads = [f"1 0 0 1 {left + PAD:.2f} " for left in self.lefts]
        """A text column's lines' text matrix up to y (they all start at its left edge)."""


def placements(text: TextWriter, layout: TableLayout, font_name: str) -> Placements:
    """The `Placements` of `layout` in `font_name` on the canvas's document."""
    holder: dict[str, Placements] = layout.__dict__.setdefault("_placements", {})
    placed = holder.get(font_name)
    if placed is None or placed.doc is not text.canvas._doc:
        placed = holder[font_name] = Placements(text.canvas._doc, layout)
    return placed


def write_row(layout: TableLayout, row: _Row, top: float, text: TextWriter,
              openers: Sequence[str | None] | None, placed: Placements) -> None:
    """One row's text; `openers` are the cells' marked-content operators (or None).

    A cell's lines but the last end in a space, so that its tagged text never joins
    the last word of a line to the first of the next.
    """
    font = layout.font if row.kind == "body" else BOLD
    baseline = top - PAD - layout.size * 0.93
    cells = row.cells
    at = f"{baseline:.2f}"
    ops = text.ops
    append = ops.append
    font_op = text.font_op
    for column, (lines, opener, known_more, known) in enumerate(zip(  # short rows: see measure
            cells, openers or _NO_OPENERS * len(cells), placed.more, placed.last, strict=False)):
        if len(lines) == 1:
            line = lines[0]
            if line:
                head, tail, first_font, last_font = known.get(line) or \
                    _place(text, layout, placed, font, column, line, True, known)
                if first_font != font_op:
                    head = f"{first_font}\n{head}"
                font_op = last_font
                append(f"{head}{at}{tail}" if opener is None
                       else f"{opener}\n{head}{at}{tail}\nEMC")
            elif opener is not None:
                ops += (opener, EMC)
            continue
        if opener is not None:
            append(opener)
        y = baseline
        last = len(lines) - 1
        for number, line in enumerate(lines):
            if line:
                is_last = number == last
                table = known if is_last else known_more
                head, tail, first_font, last_font = table.get(line) or \
                    _place(text, layout, placed, font, column, line, is_last, table)
                if first_font != font_op:
                    append(first_font)
                font_op = last_font
                append(f"{head}{y:.2f}{tail}")
            y -= layout.leading
        if opener is not None:
            append(EMC)
    text.font_op = font_op


_NO_OPENERS = [None]


def _place(text: TextWriter, layout: TableLayout, placed: Placements, font_name: str,
           column: int, line: str, last: bool, known: _Known) -> _Placed:
    """How `line` is written in `column`: the text matrix up to y, what follows y, the
    font operator it needs first and the font it leaves set (a number ends at the
    column's right edge; a line that a space follows ends before that space)."""
    line_text = line if last else line + " "  # the space goes after the line's right edge
    pieces = text.encoded(line_text, font_name)
    if layout.numeric[column]:
        end = placed.lefts[column] + layout.widths[column] - PAD - layout.insets[column]
        if not last:
            end += stringWidth(" ", font_name, layout.size)
        start = end - stringWidth(line_text, font_name, layout.size)
        head = f"1 0 0 1 {start:.2f} "
    else:
        head = placed.heads[column]
    first_font, chunk = pieces[0]
    if len(pieces) == 1:
        placement = known[line] = (head, f" Tm ({chunk}) Tj", first_font, first_font)
        return placement
    tail = [f" Tm ({chunk}) Tj"]
    current = first_font
    for font_op, chunk in pieces[1:]:
        if font_op != current:
            tail.append(f"\n{font_op}")
            current = font_op
        tail.append(f"\n({chunk}) Tj")
    placement = known[line] = (head, "".join(tail), first_font, current)
    return placement
