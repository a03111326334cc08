"""The structure tree and the PDF/UA catalog entries, written into reportlab's document.

`write_structure` runs when the canvas saves, once every page is in the document: it
numbers the pages' parent-tree keys and fills in the catalog. The elements themselves are
formatted as strings (a report has thousands of table cells) when the file is written,
numbered after reportlab's own objects, and packed by `tagging_file`.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING, cast

from reportlab.pdfbase.pdfdoc import XMP, PDFDictionary, PDFDocument, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas

from .tagging import LANGUAGE, ROLE_MAP, Node, Tags
from .tagging_file import Late
from .tagging_table import HEADER_CELL

if TYPE_CHECKING:
    from typing import TypeAlias

    from .tagging_table import Cells

    PageRefs: TypeAlias = dict[int, str]
    """Page number -> "n 0 R" of its page object."""
    Numbers: TypeAlias = dict[str, tuple[int, int]]
    """reportlab's object name -> (object number, generation)."""


def text_string(text: str) -> str:
    """`text` as a PDF text string: UTF-16BE with its byte order mark, in hex."""
    return "<FEFF" + text.encode("utf-16-be", "surrogatepass").hex().upper() + ">"


def write_structure(tags: Tags, canvas: Canvas) -> None:
    """Point the catalog, the pages and the annotations at the structure written later."""
    doc = canvas._doc
    pages = doc.Pages.pages
    annotation_keys = len(tags.annotations)
    for index, page in enumerate(pages):
        page.StructParents = annotation_keys + index
        page.Tabs = PDFName("S")
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
    _span_headings(tags)

    def build(first: int) -> tuple[bytes, int, Iterator[str]]:
        return _objects(tags, doc, first)
    doc.structure = Late(build)
    _catalog(canvas, doc.structure)


def _objects(tags: Tags, doc: PDFDocument, first: int) -> tuple[bytes, int, Iterator[str]]:
    """The tree root's bytes, how many objects are packed, and each one's text in turn
    (the elements numbered from `first`, then the parent tree): made as they are packed,
    so their compression starts while the rest are made. A table row's cells are
    numbered right after the row."""
    numbers: Numbers = doc.idToObjectNumberAndVersion
    page_refs = {index: f"{numbers[doc.Reference(page).name][0]} 0 R"
                 for index, page in enumerate(doc.Pages.pages, start=1)}
    root_ref = f"{numbers[doc.Reference(doc.structure).name][0]} 0 R"
    order: list[Node] = []
    stack = [tags.root]
    number = first
    while stack:  # pre-order, without recursion: lists nest, cells are many
        node = stack.pop()
        order.append(node)
        node.number = number
        node.ref = f"{number} 0 R"
        number += 1
        if node.cells is not None:
            number += len(node.cells.mcids)
        else:
            stack.extend(kid for kid in reversed(node.kids) if type(kid) is Node)
    role_map = " ".join(f"/{role} /{standard}" for role, standard in ROLE_MAP.items())
    root = (f"<< /Type /StructTreeRoot /K {tags.root.ref} /ParentTree {number} 0 R "
            f"/ParentTreeNextKey {len(tags.annotations) + len(doc.Pages.pages)} "
            f"/RoleMap << {role_map} >> >>")
    texts = _texts(tags, doc, order, root_ref, page_refs, numbers)
    return root.encode("latin-1"), number - first + 1, texts


def _texts(tags: Tags, doc: PDFDocument, order: list[Node], root_ref: str, page_refs: PageRefs,
           numbers: Numbers) -> Iterator[str]:
    """Each element's text in the order numbered, then the parent tree's."""
    for node in order:
        parent = node.parent.ref if node.parent else root_ref
        if node.cells is None:
            yield _element(node, parent, page_refs, numbers)
        else:
            yield from _row(node, parent, page_refs)
    nums = [f"{key} {node.ref}" for key, (_, node) in enumerate(tags.annotations)]
    for index in range(len(doc.Pages.pages)):
        marks = tags.pages.get(index + 1, ())
        refs: list[str] = []
        for mark, run in groupby(marks):  # a row whose cells all have content: one run
            if type(mark) is tuple:  # a cell of a row with empty cells: (row, cell index)
                refs.append(cast("Cells", mark[0].cells).refs[mark[1]])
            elif type(mark) is Node and mark.cells is not None:
                refs += mark.cells.refs  # each cell's reference as its row listed it
            elif type(mark) is Node:
                refs += [mark.ref] * sum(1 for _ in run)
        nums.append(f"{len(tags.annotations) + index} [{' '.join(refs)}]")
    yield f"<< /Nums [{' '.join(nums)}] >>"


def _row(row: Node, parent: str, page_refs: PageRefs) -> list[str]:
    """A table row's element and its cells' (what `_element` writes for each, in bulk)."""
    cells = cast("Cells", row.cells)
    count = len(cells.mcids)
    refs = cells.refs = [f"{number} 0 R" for number in range(row.number + 1, row.number + 1 + count)]
    kids = "" if not refs else f" /K {refs[0]}" if count == 1 else f" /K [{' '.join(refs)}]"
    attributes = _attributes(cells.attributes) if cells.attributes else ""
    head = f"<< /Type /StructElem /S /{cells.role} /P {row.ref}"
    filled = f"{head} /Pg {page_refs[cells.page]} /K "
    empty = f"{head}{attributes} >>"
    tail = f"{attributes} >>"
    return [f"<< /Type /StructElem /S /{row.role} /P {parent}{kids} >>",
            *[empty if mcid is None else f"{filled}{mcid}{tail}" for mcid in cells.mcids]]


HEADINGS = frozenset(("H", "H1", "H2", "H3", "H4", "H5", "H6"))


def _span_headings(tags: Tags) -> None:
    """A heading of several pieces holds one Span of them, so its /K is one object.

    (The pdfua checker's empty-heading rule cannot read a heading whose /K is an array.)
    """
    stack = [tags.root]
    while stack:
        node = stack.pop()
        kids = [kid for kid in node.kids if type(kid) is Node and kid.role != "Table"]
        if node.role in HEADINGS and len(node.kids) > 1:
            span = Node("Span", node)
            span.kids, node.kids, span.attached = node.kids, [span], True
            for kid in span.kids:
                if isinstance(kid, Node):
                    kid.parent = span
                elif kid[0] != "annot":
                    page, mcid = cast("tuple[int, int]", kid)
                    tags.pages[page][mcid] = span
        stack.extend(kids)


def _element(node: Node, parent: str, page_refs: PageRefs, numbers: Numbers) -> str:
    kids = node.kids
    if len(kids) == 1 and node.alt is None and type(kids[0]) is tuple \
            and type(kids[0][0]) is int:  # most elements: one piece of content (a cell)
        page, mcid = kids[0]
        attributes = _attributes(node.attributes) if node.attributes else ""
        return (f"<< /Type /StructElem /S /{node.role} /P {parent} /Pg {page_refs[page]} "
                f"/K {mcid}{attributes} >>")
    first_page: int | None = None
    written: list[str] = []
    for kid in node.kids:
        if isinstance(kid, Node):
            written.append(kid.ref)
        elif kid[0] == "annot":
            _, name, annotation_page = kid
            annotation = f"{numbers[name][0]} 0 R"
            written.append(f"<< /Type /OBJR /Obj {annotation} /Pg {page_refs[annotation_page]} >>")
        else:
            kid_page, mcid = cast("tuple[int, int]", kid)
            if first_page is None:
                first_page = kid_page
            written.append(str(mcid) if kid_page == first_page else
                           f"<< /Type /MCR /Pg {page_refs[kid_page]} /MCID {mcid} >>")
    parts = [f"<< /Type /StructElem /S /{node.role} /P {parent}"]
    if first_page is not None:
        parts.append(f"/Pg {page_refs[first_page]}")
    if len(written) == 1:
        parts.append(f"/K {written[0]}")
    elif written:
        parts.append(f"/K [{' '.join(written)}]")
    if node.role == "Document":
        parts.append(f"/Lang {text_string(LANGUAGE)}")
    if node.alt is not None:
        parts.append(f"/Alt {text_string(node.alt)}")
    if node.attributes:
        parts.append(_attributes(node.attributes).lstrip())
    return " ".join(parts) + " >>"


def _attributes(attributes: dict[str, str]) -> str:
    """" /A << /O /Table /Scope /Column >>" (header cells share one dictionary and string)."""
    if attributes is HEADER_CELL:
        return _HEADER_CELL
    owner = attributes.get("O", "Layout")
    values = " ".join(f"/{key} {value}" for key, value in attributes.items() if key != "O")
    return f" /A << /O /{owner} {values} >>"


_HEADER_CELL = " /A << /O /Table /Scope /Column >>"


def _xml(text: str) -> str:
    text = "".join(c for c in text if c in "\t\n" or " " <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd"
                   or c >= "\U00010000")
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def xmp_packet(title: str, author: str, producer: str) -> str:
    """The XMP metadata: title, language, author and the PDF/UA-1 identification."""
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{_xml(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{_xml(producer)}</pdf:Producer>
   <xmp:CreatorTool>FinSam Desktop</xmp:CreatorTool>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _catalog(canvas: Canvas, root: Late) -> None:
    doc = canvas._doc
    catalog = doc.Catalog
    catalog.StructTreeRoot = root
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.Lang = PDFString(LANGUAGE)
    canvas.setViewerPreference("DisplayDocTitle", "true")
    canvas.showOutline()
    info = doc.info
    title = getattr(info, "title", "") or ""
    author = getattr(info, "author", "") or ""
    producer = getattr(info, "producer", "") or ""
    metadata = XMP(creator=lambda _doc: xmp_packet(title, author, producer).encode("utf-8"))
    metadata.filters = []  # uncompressed, so any tool can read the metadata
    catalog.Metadata = metadata
