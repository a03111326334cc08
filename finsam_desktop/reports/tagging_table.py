"""Tags of the fast table: Table > THead/TBody > TR > TH/TD, one MCID per cell.

The header row is tagged once, on the table's first part; where the table continues on
the next page its repeated header is a pagination artifact. Rules and backgrounds are
artifacts. Group titles across a row are a TD spanning every column.
"""

from __future__ import annotations

from .tagging import EMC, PAGINATION_BDC, Node

HEADER_CELL = {"O": "Table", "Scope": "/Column"}


class TableTags:
    """Marks for one drawn part of a table (rows `start`.. of the layout)."""

    def __init__(self, tags, canvas, layout, start: int):
        self.tags, self.canvas = tags, canvas
        node = getattr(layout, "_tag_node", None)
        if node is None:
            node = layout._tag_node = Node("Table")
        self.node = node
        self.columns = len(layout.widths)
        self.start = start

    def graphics(self, ops: list[str]) -> list[str]:
        """Rules and backgrounds as one artifact."""
        return ["/Artifact BMC", *ops, EMC] if ops else ops

    def row(self, index: int | None, kind: str):
        """A function giving the opening operator of each cell of row `index` (None: header).

        Written for speed (a large plan has tens of thousands of cells): the row joins the
        tree once, and each cell is made, numbered and attached here directly.
        """
        if index is None:
            if self.start > 0:
                return lambda column, empty=False: None if empty else PAGINATION_BDC
            group, role, attributes = self.node.part("head", "THead"), "TH", HEADER_CELL
        else:
            group, role, attributes = self.node.part("body", "TBody"), "TD", None
            if kind in ("heading", "subheading"):
                attributes = {"O": "Table", "ColSpan": str(self.columns)}
        row = Node("TR", group)
        self.tags.attach(row)
        page = self.canvas.getPageNumber()
        marks = self.tags.pages.setdefault(page, [])
        kids = row.kids
        opener = f"/{role} <</MCID {{}}>> BDC".format

        def cell(column: int, empty: bool = False) -> str | None:
            node = Node(role, row, None, attributes)
            node.attached = True
            kids.append(node)
            if empty:
                return None
            mcid = len(marks)
            marks.append(node)
            node.kids.append((page, mcid))
            return opener(mcid)
        return cell


def table_tags(canvas, layout, start: int) -> TableTags | None:
    """The marks of a table part, or None when the canvas records no tags."""
    tags = getattr(canvas, "tags", None)
    return None if tags is None else TableTags(tags, canvas, layout, start)


__all__ = ["EMC", "TableTags", "table_tags"]
