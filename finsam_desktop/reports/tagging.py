"""Tags for an accessible PDF (PDF/UA-1) on top of reportlab, which has no tagging API.

While the report is drawn, content goes into marked-content sequences: real content
as `/P <</MCID n>> BDC … EMC` (n counts per page), decoration as `/Artifact`. Each MCID
belongs to a structure element (`Node`); nodes join their parent the first time they
mark content, so the tree's order is the order of drawing, which is the document's.
When the canvas saves, `Tags.write` adds the structure tree, the parent tree, the role
map, MarkInfo, the XMP packet and the catalog entries PDF/UA asks for. The objects are
written by reportlab itself as pre-formatted bytes: a second pass over the file (with
pikepdf) would cost its import and a re-parse of every page on each report.

How a layout uses it (see `tagging_story` for the report's own flowables):
- `tag(flowable, node_or_role)` makes a flowable's drawing one marked-content sequence
  of that node; the parts of a split flowable share the node.
- `artifact(flowable)` marks a flowable as decoration (rules, backgrounds).
- Code that writes its own operators (the fast table) calls `Tags.bdc(canvas, node)` and
  `ARTIFACT_BMC` / `EMC` and appends them to its operators.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

if TYPE_CHECKING:
    from typing import TypeAlias, TypeVar

    from reportlab.lib.colors import Color
    from reportlab.pdfbase.pdfdoc import Annotation
    from reportlab.platypus.flowables import Flowable
    from reportlab.platypus.paragraph import Paragraph

    from .tagging_table import Cells

    _F = TypeVar("_F")
    Kid: TypeAlias = "Node | tuple[int, int] | tuple[str, str, int]"
    """A node's kid: a node, (page, mcid) or ("annot", annotation name, page)."""

LANGUAGE = "sv-SE"
EMC = "EMC"
ARTIFACT_BMC = "/Artifact BMC"
PAGINATION_BDC = "/Artifact <</Type /Pagination>> BDC"
ROLE_MAP = {"Title": "P"}
"""Our own roles and the standard role each stands for (PDF 1.7 has no Title)."""


class Node:
    """A structure element: its role, its parent, and its kids in order.

    Kids are `Node`s, `(page, mcid)` pairs and `("annot", name, page)` for a link's
    annotation. `attributes` is written as the element's /A dictionary (owner first).
    A table row keeps its cells in `cells` instead (`tagging_table.Cells`): tens of
    thousands of cells are elements without an object each.
    """

    __slots__ = ("role", "parent", "kids", "alt", "attributes", "attached", "parts", "ref",
                 "number", "cells")
    ref: str
    """"n 0 R", once the structure is numbered (`tagging_write`)."""
    number: int

    def __init__(self, role: str, parent: Node | None = None, alt: str | None = None,
                 attributes: dict[str, str] | None = None) -> None:
        self.role, self.parent, self.alt, self.attributes = role, parent, alt, attributes
        self.kids: list[Kid] = []
        self.attached = False
        self.cells: Cells | None = None
        self.parts: dict[object, Node] | None = None
        """Sub-elements a drawing creates lazily (a table's rows), keyed by the drawer."""

    def part(self, key: object, role: str, parent: Node | None = None, **options: Any) -> Node:
        """The sub-element `key` of this node, made on first use (a row of a table)."""
        if self.parts is None:
            self.parts = {}
        node = self.parts.get(key)
        if node is None:
            node = self.parts[key] = Node(role, parent or self, **options)
        return node


class Tags:
    """What one document's drawing has marked: the tree and each page's MCIDs."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self.root.attached = True
        self.pages: dict[int, list[Node | tuple[Node, int]]] = {}
        """Page number -> the node of each MCID on it, in MCID order; a table cell's MCID
        has its row's node (a row whose cells all have content: a run of them, one per
        cell) or `(row node, cell index)` (a row with empty cells)."""
        self.annotations: list[tuple[str, Node]] = []
        self.open: list[tuple[Node, Node | str]] = []
        self.title = ""
        self.author = ""

    def attach(self, node: Node) -> None:
        """Make `node` (and its ancestors) part of the tree, after what is already there."""
        if not node.attached:
            parent = node.parent or self.root
            node.parent = parent
            self.attach(parent)
            parent.kids.append(node)
            node.attached = True

    def mark(self, page: int, node: Node) -> int:
        """A new MCID on `page` for `node` (joining the tree now if it had not yet)."""
        self.attach(node)
        marks = self.pages.setdefault(page, [])
        marks.append(node)
        node.kids.append((page, len(marks) - 1))
        return len(marks) - 1

    def bdc(self, canvas: Canvas, node: Node) -> str:
        """The operator that opens a marked-content sequence of `node` on the current page."""
        return f"/{_tag_of(node.role)} <</MCID {self.mark(canvas.getPageNumber(), node)}>> BDC"

    def begin(self, canvas: Canvas, node: Node) -> None:
        canvas._code.append(self.bdc(canvas, node))
        self.open.append((node, ""))

    def begin_artifact(self, canvas: Canvas, operator: str = ARTIFACT_BMC) -> None:
        canvas._code.append(operator)
        self.open.append((self.root, "artifact"))

    def end(self, canvas: Canvas) -> None:
        canvas._code.append(EMC)
        self.open.pop()

    def current(self) -> Node:
        """The node whose content is being drawn now (the document when none is)."""
        for node, kind in reversed(self.open):
            if not kind:
                return node
        return self.root

    def link(self, name: str, page: int) -> Node:
        """A Link element for the annotation `name`, inside the element being drawn."""
        node = Node("Link", self.current())
        self.attach(node)
        node.kids.append(("annot", name, page))
        self.annotations.append((name, node))
        return node

    def release(self) -> None:
        """Let the tree go once the file is written. Each element and its parent refer to
        each other, so without this only the cycle collector frees them: half a second
        of a 50 000-intervention report, spent after the file is done."""
        stack = [self.root]
        while stack:
            node = stack.pop()
            kids = node.kids
            node.parent, node.kids, node.parts = None, [], None
            stack.extend(kid for kid in kids if type(kid) is Node)
        self.pages, self.annotations, self.open = {}, [], []

    def write(self, canvas: Canvas) -> None:
        """Add the structure tree and the catalog entries to the document (before saving)."""
        from .tagging_write import write_structure
        write_structure(self, canvas)


def _tag_of(role: str) -> str:
    return ROLE_MAP.get(role, role) if role not in _STANDARD else role


_STANDARD = frozenset("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct
Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note
Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form""".split())


class _SpacedText(PDFTextObject):  # type: ignore[misc]  # reportlab is untyped
    """A text object that ends every line with a space.

    A paragraph's lines are separate text operators with no space between them, so a
    screen reader reading the marked content would join the last word of a line to the
    first of the next ("kommunernaoch"). The space is drawn after the line and is
    invisible.
    """

    def _textOut(self, text: str, TStar: int = 0) -> None:
        if TStar and not text.endswith(" "):
            text += " "
        super()._textOut(text, TStar)


class TaggedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that records tags (`self.tags`) and writes the structure when it saves."""

    frees = True
    """Whether `save` breaks the tree's and the document's reference cycles once the file
    is written, so that memory comes back without the cycle collector (at 50 000
    interventions the collector's pass over them took half a second). A process that
    ends right after the report, with no collector running, can skip it (0,1 s there)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tags = Tags()
        from .tagging_file import TaggedDocument
        self._doc.__class__ = TaggedDocument  # packs the structure into object streams
        self._doc._pdfVersion = max(self._doc._pdfVersion, (1, 7))

    def beginText(self, x: float = 0, y: float = 0, direction: str | None = None) -> _SpacedText:
        return _SpacedText(self, x, y, direction=direction)

    def linkURL(self, url: str, rect: Sequence[float], relative: int = 0, thickness: float = 0,
                color: Color | None = None, dashArray: Sequence[float] | None = None,
                kind: str = "URI", **kw: Any) -> None:
        kw.setdefault("Contents", PDFString(f"Länk till {url}"))
        self._link_pending = True
        super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)

    def _addAnnotation(self, annotation: Annotation, name: str | None = None, addtopage: int = 1) -> None:
        super()._addAnnotation(annotation, name, addtopage)
        if getattr(self, "_link_pending", False):
            self._link_pending = False
            name = name or f"NUMBER{self._annotationCount}"
            annotation["StructParent"] = len(self.tags.annotations)
            self.tags.link(self._doc.annotationName(name), self.getPageNumber())

    def save(self) -> None:
        self.tags.write(self)
        super().save()
        if not self.frees:
            return
        self.tags.release()
        from .fast_text import forget_texts  # loaded with any report that has a table
        forget_texts(self)
        # The file is written: the document's objects (its pages, fonts, streams) refer to
        # each other, so they too would wait for the cycle collector.
        self._doc.idToObject.clear()
        self._doc.Pages.pages = []


@contextmanager
def artifact_code(canvas: Canvas, pagination: bool = False) -> Iterator[None]:
    """What is drawn inside is an artifact (a pagination artifact: headers, footers)."""
    tags: Tags | None = getattr(canvas, "tags", None)
    if tags is None:
        yield
        return
    tags.begin_artifact(canvas, PAGINATION_BDC if pagination else ARTIFACT_BMC)
    try:
        yield
    finally:
        tags.end(canvas)


def _tagged_class(base: type) -> type:
    cls = _TAGGED_CLASSES.get(base)
    if cls is None:
        cls = _TAGGED_CLASSES[base] = type(f"Tagged{base.__name__}", (base,), {
            "drawOn": _tagged_draw_on, "split": _tagged_split, "_tag_node": None})
    return cls


_TAGGED_CLASSES: dict[type, type] = {}
ARTIFACT = Node("Artifact")
"""The node of decoration: a flowable tagged with it is drawn as an /Artifact."""


def tag(flowable: _F, node: Node | str, **options: Any) -> _F:
    """`flowable` drawn as marked content of `node` (or of a new node of that role)."""
    if isinstance(node, str):
        node = Node(node, **options)
    if type(flowable) not in _TAGGED_CLASSES.values():
        # object.__setattr__: a Drawing checks the attributes set on it
        object.__setattr__(flowable, "__class__", _tagged_class(type(flowable)))
    object.__setattr__(flowable, "_tag_node", node)
    return flowable


def artifact(flowable: _F) -> _F:
    return tag(flowable, ARTIFACT)


def node_of(flowable: object) -> Node | None:
    node: Node | None = getattr(flowable, "_tag_node", None)
    return node


def _tagged_draw_on(self: Flowable, canvas: Canvas, x: float, y: float, _sW: float = 0) -> object:
    """The flowable's own drawing (what it returns, None), inside its marked content."""
    tags: Tags | None = getattr(canvas, "tags", None)
    node: Node | None = self._tag_node
    base: Flowable = super(type(self), self)
    if tags is None or node is None:
        return base.drawOn(canvas, x, y, _sW)
    label = getattr(self, "_tag_label", None)
    if node is ARTIFACT:
        tags.begin_artifact(canvas)
    elif label is not None and getattr(self, "bulletText", None):
        tags.begin(canvas, label)  # the bullet comes first; `_drawBullet` switches to the body
        tags.open[-1] = (label, node)
    else:
        tags.begin(canvas, node)
    try:
        return base.drawOn(canvas, x, y, _sW)
    finally:
        tags.end(canvas)


def _tagged_split(self: Flowable, *args: Any, **kwargs: Any) -> list[Flowable]:
    parts: list[Flowable] = super(type(self), self).split(*args, **kwargs)
    for part in parts:
        if node_of(part) is None:
            tag(part, self._tag_node)
        if getattr(self, "_tag_label", None) is not None:
            part._tag_label = self._tag_label
    return parts


def _patch_bullets() -> None:
    """After a tagged list item's bullet is drawn, its label ends and its body begins.

    reportlab draws a paragraph's bullet inside `Paragraph.drawPara` through the module
    function `_drawBullet`; wrapping it is the one place to split label from body.
    """
    from reportlab.platypus import paragraph
    original = paragraph._drawBullet
    if getattr(original, "_tagging", False):
        return

    def draw_bullet(canvas: Canvas, *args: Any, **kwargs: Any) -> float:
        tags: Tags | None = getattr(canvas, "tags", None)
        body = tags.open[-1][1] if tags is not None and tags.open else None
        offset: float = original(canvas, *args, **kwargs)
        if isinstance(body, Node) and tags is not None:
            tags.end(canvas)
            tags.begin(canvas, body)
        return offset

    draw_bullet._tagging = True  # type: ignore[attr-defined]
    paragraph._drawBullet = draw_bullet


_patch_bullets()


def list_item(paragraph: Paragraph, item: Node) -> Paragraph:
    """A bulleted paragraph as one list item: its bullet the Lbl, its text the LBody."""
    tag(paragraph, item.part("body", "LBody"))
    paragraph._tag_label = item.part("label", "Lbl")
    return paragraph


__all__ = ["ARTIFACT", "ARTIFACT_BMC", "EMC", "LANGUAGE", "Node", "PAGINATION_BDC",
           "TaggedCanvas", "Tags", "artifact", "artifact_code", "list_item", "node_of", "tag"]
