"""What a placed block prints, for the window to show as the report computes it.

A service so the window never imports the report layer itself. The report builds each block as plain data (`reports.placed.block_content`: tables as rows
of formatted strings, paragraphs, charts as series); this turns that data into simple HTML
for a QTextBrowser, so the coordinator sees the table where they place it. No figure is
computed here.
"""

from __future__ import annotations

from html import escape

from ..domain.outcome import Outcome
from ..domain.plan import Plan
from ..reports.blocks import Block, Bullets, Chart, Heading, ItemList, Rich, Table, Text
from ..reports.placed import BLOCK_TITLES, block_content

MAX_ROWS = 60
"""A preview, not the report: long tables are cut with a line saying how many rows follow."""


def block_name(kind: str) -> str:
    """The block's default heading, as the report prints it."""
    return BLOCK_TITLES.get(kind, kind)


def preview_html(kind: str, plan: Plan, outcome: Outcome) -> str:
    """The block `kind` of `plan` as HTML, in the plan's unit."""
    blocks = block_content(kind, plan, outcome, plan.unit)
    parts = [_block(block) for block in blocks]
    return "".join(parts) or "<p><i>Planen har inget att visa i den här tabellen ännu.</i></p>"


def _block(block: Block) -> str:
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Heading):
        return f"<h4>{escape(block.text)}</h4>"
    if isinstance(block, Text):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Rich):
        return "<p>" + "".join(escape(span.text) for span in block.spans) + "</p>"
    if isinstance(block, ItemList):
        items = "".join("<li>" + "".join(_block(b) for b in item) + "</li>" for item in block.items)
        return f"<ol>{items}</ol>" if block.ordered else f"<ul>{items}</ul>"
    if isinstance(block, Chart):
        rows = "".join(f"<tr><td>{escape(series.name)}</td>"
                       + "".join(f"<td align='right'>{value:,}</td>".replace(",", " ")
                                 for value in series.values) + "</tr>"
                       for series in block.bars + block.lines)
        head = "".join(f"<th>{escape(c)}</th>" for c in block.categories)
        return (f"<p><b>Diagram: {escape(block.title)}</b> (kr)</p>"
                f"<table border='1' cellspacing='0' cellpadding='3'><tr><th></th>{head}</tr>"
                f"{rows}</table>")
    return ""


def _table(table: Table) -> str:
    head = "".join(f"<th align='{'right' if c.numeric else 'left'}'>{escape(c.title)}</th>"
                   for c in table.columns)
    rows = []
    for row in table.rows[:MAX_ROWS]:
        strong = row.kind in ("heading", "subheading", "subtotal", "total")
        cells = []
        for column, cell in zip(table.columns, row.cells, strict=False):  # short rows: fine
            text = escape(cell)
            cells.append(f"<td align='{'right' if column.numeric else 'left'}'>"
                         f"{'<b>' + text + '</b>' if strong else text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = len(table.rows) - MAX_ROWS
    tail = f"<p><i>… och {more} rader till.</i></p>" if more > 0 else ""
    caption = f"<p><i>{escape(table.caption)}</i></p>" if table.caption else ""
    return (f"{caption}<table border='1' cellspacing='0' cellpadding='4' "
            f"style='border-color:#9aa7b4; border-style:solid'>"
            f"<tr style='background:#e8eef5'>{head}</tr>{''.join(rows)}</table>{tail}")
