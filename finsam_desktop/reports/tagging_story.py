"""The report's flowables given the structure roles they stand for, in one pass.

`tag_story(story)` runs over the finished story: a flowable the layout has already
tagged keeps its tag; a paragraph's role follows its style (h1–h4 are headings,
"footnote…" styles are notes, the cover title is the Title); bulleted paragraphs become
list items, nested by their indent; rules and lines are artifacts; pictures are figures.
New kinds of flowable therefore come out tagged without a change here, and a layout
that knows better says so with `tagging.tag`.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import HRFlowable, Image, PageBreak, Spacer

from .tagging import ARTIFACT, EMC, Node, artifact, list_item, node_of, tag

HEADINGS = {"h1": "H1", "h2": "H2", "h3": "H3", "h4": "H4", "cover_title": "Title"}
_SILENT = (Spacer, PageBreak)


def paragraph_role(style_name: str) -> str:
    """The role of a paragraph of this style ("h2-long", a long heading, is still an H2)."""
    style_name = style_name.split("-")[0]
    if style_name in HEADINGS:
        return HEADINGS[style_name]
    if "footnote" in style_name:
        return "Note"
    return "P"


class _Lists:
    """The lists being built: (indent, L, its last LI) from the outermost in."""

    def __init__(self, parent: Node | None) -> None:
        self.parent = parent
        self.open: list[tuple[float, Node, Node | None]] = []

    def item(self, indent: float) -> Node:
        while self.open and self.open[-1][0] > indent:
            self.open.pop()
        if not self.open or self.open[-1][0] < indent:
            outer = self.open[-1][2] if self.open else None  # a nested list is in its item's body
            parent = outer.part("body", "LBody") if outer is not None else self.parent
            self.open.append((indent, Node("L", parent), None))
        level, items, _ = self.open[-1]
        item = Node("LI", items)
        self.open[-1] = (level, items, item)
        return item

    def continuation(self, indent: float) -> Node | None:
        """The body of the item a paragraph indented under it continues, if any."""
        while self.open and indent < self.open[-1][0] - 0.01:
            self.open.pop()
        if self.open and indent > 0 and self.open[-1][2] is not None:
            return self.open[-1][2].part("body", "LBody")
        self.open.clear()
        return None


def tag_story(story: list[Any], logo_alt: str = "", parent: Node | None = None) -> list[Any]:
    """Tag every untagged flowable of `story` (in place) and return the story."""
    lists = _Lists(parent)
    for flowable in story:
        if node_of(flowable) is not None:
            lists.open.clear()
            continue
        if isinstance(flowable, Paragraph):
            indent = float(getattr(flowable.style, "leftIndent", 0) or 0)
            if flowable.bulletText is not None:
                list_item(flowable, lists.item(indent))
                continue
            body = lists.continuation(indent)
            if body is not None:
                tag(flowable, Node("P", body))
                continue
            tag(flowable, Node(paragraph_role(flowable.style.name), parent))
            continue
        lists.open.clear()
        if isinstance(flowable, _SILENT) or getattr(flowable, "_tags_itself", False):
            continue
        content = getattr(flowable, "_content", None)
        if isinstance(content, list):  # KeepTogether and the like
            tag_story(content, logo_alt, parent)
        elif isinstance(flowable, HRFlowable):
            artifact(flowable)
        elif isinstance(flowable, Image):
            tag(flowable, Node("Figure", parent, alt=logo_alt or "Bild"))
        elif not hasattr(flowable, "draw") or type(flowable).draw is object:
            continue
        else:
            tag(flowable, Node("Div", parent))
    return story


def draw_contents(contents: Any, canvas: Any) -> None:
    """Draw a contents part's entries (one form each) as the TOCI elements of one TOC."""
    tags = getattr(canvas, "tags", None)
    y = contents.height
    for index in range(contents.start, contents.end):
        y -= contents._height(index, index + 1)
        if tags is not None:
            entry = tags.root.part("TOC", "TOC").part(index, "TOCI")
            canvas._code.append(tags.bdc(canvas, entry))
        canvas.saveState()
        canvas.translate(0, y)
        canvas.doForm(f"{contents.form}_{index}")
        canvas.restoreState()
        if tags is not None:
            canvas._code.append(EMC)


__all__ = ["ARTIFACT", "HEADINGS", "draw_contents", "paragraph_role", "tag_story"]
