"""Tags of the fast table: Table > THead/TBody > TR > TH/TD, one MCID per cell.

The header row is tagged once, on the table's first part; where the table continues on
the next page its repeated header is a pagination artifact. Rules and backgrounds are
artifacts. Group titles across a row are a TD spanning every column.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from typing import Any

from .tagging import EMC, PAGINATION_BDC, Node, Tags

HEADER_CELL = {"O": "Table", "Scope": "/Column"}


class TableTags:
    """Marks for one drawn part of a table (rows `start`.. of the layout)."""

    def __init__(self, tags: Tags, canvas: Any, layout: Any, start: int) -> None:
        self.tags, self.canvas = tags, canvas
        node = getattr(layout, "_tag_node", None)
        if node is None:
            node = layout._tag_node = Node("Table")
        self.node = node
        self.columns = len(layout.widths)
        self.start = start
        self.body = node.part("body", "TBody")
        self.page = canvas.getPageNumber()  # a part of a table is drawn on one page
        self.marks = tags.pages.setdefault(self.page, [])
        self.spanning = {"O": "Table", "ColSpan": str(self.columns)}

    def graphics(self, ops: list[str]) -> list[str]:
        """Rules and backgrounds as one artifact."""
        return ["/Artifact BMC", *ops, EMC] if ops else ops

    def row(self, index: int | None, kind: str, cells: list[list[str]]) -> Sequence[str | None]:
        """The marked-content operator opening each cell of row `index` (None: the header),
        or None for an empty cell (an element without content).

        Written for speed (a large plan has hundreds of thousands of cells): the row joins
        the tree once and its cells are numbered together (see `Cells`).
        """
        attributes: dict[str, str] | None
        if index is None:
            if self.start > 0:
                return [PAGINATION_BDC if any(lines) else None for lines in cells]
            group, role, attributes = self.node.part("head", "THead"), "TH", HEADER_CELL
        else:
            group, role = self.body, "TD"
            attributes = self.spanning if kind in ("heading", "subheading") else None
        row = Node("TR", group)
        if group.attached:  # what `Tags.attach` does for a node whose parent is in the tree
            group.kids.append(row)
            row.attached = True
        else:
            self.tags.attach(row)
        page, marks = self.page, self.marks
        first, count = len(marks), len(cells)
        if all(map(any, cells)):  # the usual row: every cell has content
            row.cells = Cells(role, attributes, page, range(first, first + count))
            marks += repeat(row, count)  # MCIDs first.. of the row's cells, in order
            openers = _OPENERS[role]
            if len(openers) < first + count:
                _openers(role, first + count)
            return openers[first:first + count]
        mcids: list[int | None] = []
        for column, lines in enumerate(cells):
            if any(lines):
                mcids.append(len(marks))
                marks.append((row, column))
            else:
                mcids.append(None)
        row.cells = Cells(role, attributes, page, mcids)
        return [None if mcid is None else f"/{role} <</MCID {mcid}>> BDC" for mcid in mcids]


class Cells:
    """A table row's cells: each an element of `role` whose content is the MCID (on
    `page`), or none for an empty cell. They are numbered right after their row."""

    __slots__ = ("role", "attributes", "page", "mcids", "refs")

    def __init__(self, role: str, attributes: dict[str, str] | None, page: int,
                 mcids: list[int | None] | range) -> None:
        self.role, self.attributes, self.page, self.mcids = role, attributes, page, mcids
        self.refs: list[str] = []
        """The cells' object references ("12 0 R"), once the structure is numbered."""


_OPENERS: dict[str, list[str]] = {"TD": [], "TH": []}


def _openers(role: str, count: int) -> list[str]:
    """The operators opening MCIDs 0, 1, … of `role`, at least `count` of them (a page
    has a few hundred); the list is shared: slice it, never change it."""
    made = _OPENERS.setdefault(role, [])
    if len(made) < count:
        made += [f"/{role} <</MCID {mcid}>> BDC" for mcid in range(len(made), count)]
    return made


def table_tags(canvas: Any, layout: Any, start: int) -> TableTags | None:
    """The marks of a table part, or None when the canvas records no tags."""
    tags = getattr(canvas, "tags", None)
    return None if tags is None else TableTags(tags, canvas, layout, start)


__all__ = ["EMC", "Cells", "TableTags", "table_tags"]
