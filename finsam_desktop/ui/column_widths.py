"""Column widths of a plan table: every shown header fits the view, without scrolling sideways.

Each column first gets its natural width: a figure column (right-aligned: amounts, counts,
shares) is as wide as its header and its widest figure (the rows Qt samples, and at least an
amount the plan could hold, so typing a larger amount later does not cut it to "19 9…"); a
text column takes its suggested width, or its contents up to `TEXT_CAP`. When the natural
widths are wider than the view, the text columns give up room in proportion to what they have
beyond their own header (their cells are elided, their headers stay whole); figures are
never narrowed. A 1366×768 laptop so shows every header of every tab (issue 10, item 19).

A year column's header has two lines ("Belopp" over "2026", the whole text as its tooltip)
so that its width is the figure's, not the words'.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QTableView

from .columns import Column
from .formatting import money_text, number_text

if TYPE_CHECKING:
    from .table_view import PlanTableView

TEXT_CAP = 320
"""The widest a text column without a suggested width grows to fit its contents."""
WANTED_CAP = 480
"""The widest a text column grows into room the other columns leave."""
TEXT_FLOOR = 48
"""The narrowest a text column is made to let the others fit (its header permitting)."""
SAMPLE_MONEY = {"kr": 99_999_999, "tkr": 99_999_900}
"""An amount a single row could hold (the whole budget of a large förbund): money columns are
at least this wide in the plan's unit."""
SAMPLE_COUNT = 99_999
CONTENT_ROWS = 200
"""Rows read to fit a column to its contents: a 50 000-row plan opens without formatting
every row (the sample amount covers the rest)."""
CELL_MARGIN = 10


def header_text(column: Column) -> str:
    """A year column's header on two lines ("Belopp\\n2026"); other headers as they are."""
    suffix = f" {column.year}"
    if column.year is not None and column.header.endswith(suffix) and column.header != suffix:
        return column.header[:-len(suffix)] + "\n" + str(column.year)
    return column.header


def header_tooltip(column: Column) -> str:
    """The column's own tooltip, else the one-line header when it was wrapped."""
    if column.tooltip:
        return column.tooltip
    return column.header if header_text(column) != column.header else ""


def header_width(view: QTableView, position: int) -> int:
    """The width the header of column `position` needs for its text (its longest line) and
    the sort arrow. Qt's own `sectionSizeFromContents` adds the header's height for the arrow,
    so a two-line header would ask for twice the room it uses."""
    header = view.horizontalHeader()
    text = header.model().headerData(position, Qt.Orientation.Horizontal) or ""
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    width = header.fontMetrics().size(0, str(text)).width() + 2 * margin
    if header.isSortIndicatorShown():
        width += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
    return width


def texts_width(view: QTableView, position: int, texts: Iterable[str]) -> int:
    """The width column `position` needs for `texts` (its cells) and its header: what Qt's
    `resizeColumnToContents` gives, from the texts alone. Qt asks the delegate for every
    cell: 0,2-0,4 s for the 290 municipalities of the grouped Insatser totals."""
    metrics = view.fontMetrics()
    contents = max((metrics.horizontalAdvance(text) for text in texts), default=0) + CELL_MARGIN
    return max(contents, header_width(view, position))


def is_figure(column: Column) -> bool:
    """Right-aligned columns hold figures: they keep their width."""
    return bool(column.align & Qt.AlignmentFlag.AlignRight)


def _sample(column: Column, unit: str) -> str:
    kind = column.figure or column.editor
    if kind == "money":
        return money_text(SAMPLE_MONEY.get(unit, SAMPLE_MONEY["kr"]), unit)
    if kind == "count":
        return number_text(SAMPLE_COUNT)
    return ""


def contents_width(view: PlanTableView, position: int) -> int:
    """The widest text of column `position` in the first `CONTENT_ROWS` rows. Measured from
    the column's own text, not Qt's `sizeHintForColumn`: that asks the Python delegate for
    every cell (180 ms for 290 members), this costs a few milliseconds.

    Kept on the view while the plan (immutable), the column, the row count and the font
    are the same: a tab being built fits its columns three or four times in a row (the
    sort arrow, the hidden columns, the saved widths), 9 ms each on the Insatser tab."""
    table = view.table
    rows = range(min(table.rowCount(), CONTENT_ROWS))
    metrics = view.fontMetrics()
    if not hasattr(table, "item"):
        texts = {str(table.data(table.index(row, position)) or "") for row in rows}
        return max((metrics.horizontalAdvance(text) for text in texts), default=0) + CELL_MARGIN
    # a PlanTableModel: the column's own text, without data()
    column, model = table.column(position), table.plan_model
    stamp = (model.plan, table.rowCount(), view.font().key())
    cache = getattr(view, "_contents_widths", None)
    if cache is None or cache[0][0] is not stamp[0] or cache[0][1:] != stamp[1:]:
        cache = (stamp, {})
        view._contents_widths = cache
    known = cache[1].get(position)
    if known is not None and known[0] is column:
        return known[1]
    texts = {column.text(table.item(row), model) for row in rows}
    width = max((metrics.horizontalAdvance(text) for text in texts), default=0) + CELL_MARGIN
    cache[1][position] = (column, width)
    return width


def natural_widths(view: PlanTableView) -> list[int]:
    """Each column's width before fitting the view (see the module docstring)."""
    table = view.table
    unit = table.plan_model.plan.unit
    metrics = view.fontMetrics()
    widths = []
    for position in range(table.columnCount()):
        column = table.column(position)
        head = header_width(view, position)
        if is_figure(column):
            sample = _sample(column, unit)
            figure = metrics.horizontalAdvance(sample) + CELL_MARGIN if sample else 0
            widths.append(max(head, figure, contents_width(view, position)))
        elif column.width:
            widths.append(max(head, column.width))
        else:
            widths.append(max(head, min(contents_width(view, position), TEXT_CAP)))
    return widths


def wanted_widths(view: PlanTableView, natural: list[int]) -> list[int]:
    """What each column would take given room: a text column its contents (up to
    `WANTED_CAP`), a figure column its natural width."""
    table = view.table
    return [width if is_figure(table.column(position)) or width >= WANTED_CAP
            else max(width, min(contents_width(view, position), WANTED_CAP))
            for position, width in enumerate(natural)]


def _grown(view: PlanTableView, natural: list[int], wanted: list[int], shown: list[int],
           spare: int) -> list[int]:
    """`natural`, with `spare` pixels shared among the shown text columns that want more
    (a cut "Källa för nyckeln" rather than a wide last column)."""
    more = {p: wanted[p] - natural[p] for p in shown if wanted[p] > natural[p]}
    total = sum(more.values())
    widths = list(natural)
    if not total:
        return widths
    give = min(spare, total)
    for position, extra in more.items():
        widths[position] += give * extra // total
    return widths


def fitted_widths(view: PlanTableView, natural: list[int], room: int,
                  wanted: list[int] | None = None) -> list[int]:
    """`natural`, with the shown text columns narrowed (never below their header) so that the
    shown columns fit in `room` pixels where that is possible, or widened towards `wanted`
    where there is room to spare."""
    header = view.horizontalHeader()
    table = view.table
    shown = [p for p in range(len(natural)) if not header.isSectionHidden(p)]
    excess = sum(natural[p] for p in shown) - room
    if excess <= 0:
        if wanted is None or len(wanted) != len(natural):
            return list(natural)
        return _grown(view, natural, wanted, shown, -excess)
    give = {}
    for position in shown:
        if is_figure(table.column(position)):
            continue
        floor = max(TEXT_FLOOR, header_width(view, position))
        if natural[position] > floor:
            give[position] = natural[position] - floor
    slack = sum(give.values())
    if not slack:
        return list(natural)
    take = min(excess, slack)
    widths = list(natural)
    for position, spare in give.items():
        widths[position] = natural[position] - math.ceil(take * spare / slack)
    return widths
