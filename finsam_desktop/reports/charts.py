"""The report's charts drawn with reportlab's own graphics: bars, bound lines, axis, legend.

Drawn by hand rather than with reportlab's chart widgets so that axis labels
use Swedish number form and the bounds are steps across each year's bars.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from .blocks import Chart
from .rounding import Formatter
from .tagging import Node, tag
from .tagging_alt import chart_alt_text
from .wrapping import fit_line, stringWidth

BAR_COLOURS = (colors.HexColor("#1f4e79"), colors.HexColor("#5b9bd5"), colors.HexColor("#a5c8e4"),
               colors.HexColor("#2e75b6"), colors.HexColor("#9dc3e6"))
LINE_COLOURS = (colors.HexColor("#c00000"), colors.HexColor("#ed7d31"), colors.HexColor("#7f6000"))
GRID = colors.HexColor("#d0d7de")


def nice_ticks(low: int, high: int, count: int = 5) -> list[int]:
    """Round axis values covering low..high (always including 0).

    In integers throughout, so totals beyond a float's range (10^400) still get an axis.
    """
    low, high = min(low, 0), max(high, 0)
    if low == high:
        high = low + 1000
    span = high - low
    magnitude = 10 ** max(len(str(span // count)) - 1, 0)
    # the first of 1, 2, 2.5, 5 and 10 times the magnitude that is at least span / count
    candidates = ((magnitude, magnitude * count >= span),
                  (2 * magnitude, 2 * magnitude * count >= span),
                  (5 * magnitude // 2, 5 * magnitude * count >= 2 * span),
                  (5 * magnitude, 5 * magnitude * count >= span))
    step = next((value for value, enough in candidates if enough), 10 * magnitude)
    step = max(step, 1)
    start = (low // step) * step
    ticks = [start]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


def draw_chart(chart: Chart, width: float, font: str, height: float = 200) -> Drawing:
    """A Drawing of `chart` that fits `width` points, tagged as a Figure with its /Alt."""
    drawing = Drawing(width, height, initialFontName=font, initialFontSize=8)
    values = [v for s in chart.bars + chart.lines for v in s.values] or [0]
    ticks = nice_ticks(min(values), max(values))
    label_width = 62
    names = [s.name for s in chart.bars + chart.lines]
    per_row = 2 if all(stringWidth(n, font, 8) + 24 <= (width - label_width) / 2 for n in names) else 1
    legend_height = 14 * ((len(names) + per_row - 1) // per_row) + 4
    left, right = label_width, width - 8
    bottom, top = 30 + legend_height, height - 30
    drawing.add(String(0, height - 10, fit_line(chart.title, font, 10, width), fontName=font,
                       fontSize=10))

    def y_of(value: int) -> float:
        return bottom + (value - ticks[0]) / (ticks[-1] - ticks[0]) * (top - bottom)

    label = Formatter(chart.unit)  # the report's own integer formatting: any size of total
    for tick in ticks:
        y = y_of(tick)
        drawing.add(Line(left, y, right, y, strokeColor=GRID, strokeWidth=0.5))
        drawing.add(String(left - 4, y - 3, fit_line(label(tick), font, 7,
                                                     label_width - 6),
                           fontName=font, fontSize=7, textAnchor="end"))
    drawing.add(Line(left, y_of(0), right, y_of(0), strokeColor=colors.black, strokeWidth=0.8))

    slots = max(len(chart.categories), 1)
    slot = (right - left) / slots
    group = min(slot * 0.7, 56 * max(len(chart.bars), 1))
    bar = group / max(len(chart.bars), 1)
    for n, category in enumerate(chart.categories):
        x0 = left + n * slot + (slot - group) / 2
        for k, series in enumerate(chart.bars):
            value = series.values[n]
            y1, y2 = sorted((y_of(0), y_of(value)))
            drawing.add(Rect(x0 + k * bar, y1, bar * 0.92, max(y2 - y1, 0.1), strokeWidth=0,
                             fillColor=BAR_COLOURS[k % len(BAR_COLOURS)]))
        for k, series in enumerate(chart.lines):
            y = y_of(series.values[n])
            drawing.add(Line(x0 - 4, y, x0 + group + 4, y, strokeWidth=1.6,
                             strokeColor=LINE_COLOURS[k % len(LINE_COLOURS)],
                             strokeDashArray=(4, 2)))
        drawing.add(String(left + n * slot + slot / 2, legend_height + 14,
                           fit_line(category, font, 8, slot - 4), fontName=font, fontSize=8,
                           textAnchor="middle"))

    entries = [(s.name, BAR_COLOURS[k % len(BAR_COLOURS)], False) for k, s in enumerate(chart.bars)]
    entries += [(s.name, LINE_COLOURS[k % len(LINE_COLOURS)], True) for k, s in enumerate(chart.lines)]
    column = (width - left) / per_row
    for index, (name, colour, is_line) in enumerate(entries):
        x = left + (index % per_row) * column
        y = legend_height - 10 - 14 * (index // per_row)
        if is_line:
            drawing.add(Line(x, y + 3, x + 14, y + 3, strokeColor=colour, strokeWidth=1.6,
                             strokeDashArray=(4, 2)))
        else:
            drawing.add(Rect(x, y, 10, 8, strokeWidth=0, fillColor=colour))
        drawing.add(String(x + 18, y, fit_line(name, font, 8, column - 22), fontName=font,
                           fontSize=8))
    drawing.add(String(left - 4, top + 8, chart.unit, fontName=font, fontSize=7,
                       textAnchor="end", fillColor=colors.HexColor("#555555")))
    return tag(drawing, Node("Figure", alt=chart_alt_text(chart)))
