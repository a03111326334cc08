"""The alternative text of a chart, written from the chart's own data.

A screen reader cannot read bars, so the Figure's /Alt says what they show: the title,
then for each category every series' value, formatted exactly as the tables print
amounts (the same figures as the table beside the chart). A chart block's own
`alt_text` replaces it when the user wrote one.
"""

from __future__ import annotations

from ..domain.money import format_money
from .blocks import Chart


def chart_alt_text(chart: Chart) -> str:
    """"Diagram: <title>. 2026: Utgående eget kapital 1 200 000 kr, Lägsta nivå 800 000 kr. …"."""
    own = getattr(chart, "alt_text", "")
    if own and own.strip():
        return own.strip()
    series = [*chart.bars, *chart.lines]
    parts = [f"Diagram: {' '.join(chart.title.split())}."]
    if not chart.categories or not series:
        parts.append("Diagrammet har inga värden.")
    for index, category in enumerate(chart.categories):
        values = ", ".join(f"{' '.join(s.name.split())} "
                           f"{format_money(s.values[index], chart.unit, with_unit=True)}"
                           for s in series if index < len(s.values))
        parts.append(f"{' '.join(category.split())}: {values}.")
    if chart.lines:
        names = ", ".join(" ".join(s.name.split()) for s in chart.lines)
        parts.append(f"Staplarna visar {', '.join(s.name for s in chart.bars)}; "
                     f"linjerna visar {names}.")
    return " ".join(parts).replace("\u00a0", " ")
