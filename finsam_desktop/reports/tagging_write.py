"""The structure tree and the PDF/UA catalog entries, written into reportlab's document.

Called by `TaggedCanvas.save` once every page is in the document (so each page has its
object number). Every structure element becomes one indirect object of pre-formatted
bytes: a report has thousands of table cells, and building reportlab dictionaries for
each would cost more than all of them as strings.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import XMP, PDFDictionary, PDFName, PDFObject, PDFString

from .tagging import LANGUAGE, ROLE_MAP, Node, Tags, _tag_of


class _Raw(PDFObject):
    """An indirect object whose bytes are known before the file is formatted."""

    __RefOnly__ = 1

    def __init__(self) -> None:
        self.data = b""

    def format(self, document) -> bytes:
        return self.data


def text_string(text: str) -> str:
    """`text` as a PDF text string: UTF-16BE with its byte order mark, in hex."""
    return "<FEFF" + text.encode("utf-16-be", "surrogatepass").hex().upper() + ">"


def write_structure(tags: Tags, canvas) -> None:
    doc = canvas._doc
    numbers = doc.idToObjectNumberAndVersion
    pages = doc.Pages.pages
    page_refs = {index: f"{numbers[doc.Reference(page).name][0]} 0 R"
                 for index, page in enumerate(pages, start=1)}

    order: list[Node] = []
    _span_headings(tags)
    stack = [tags.root]
    while stack:  # pre-order, without recursion: lists nest, cells are many
        node = stack.pop()
        order.append(node)
        stack.extend(kid for kid in reversed(node.kids) if type(kid) is Node)
    refs: dict[int, str] = {}
    raws: list[_Raw] = []
    for node in order:
        raw = _Raw()
        raws.append(raw)
        refs[id(node)] = f"{numbers[doc.Reference(raw).name][0]} 0 R"
    root_raw, parent_tree_raw = _Raw(), _Raw()
    root_ref = f"{numbers[doc.Reference(root_raw).name][0]} 0 R"
    parent_tree_ref = f"{numbers[doc.Reference(parent_tree_raw).name][0]} 0 R"

    for node, raw in zip(order, raws):
        parent = refs[id(node.parent)] if node.parent is not None else root_ref
        raw.data = _element(node, parent, refs, page_refs, doc, numbers).encode("latin-1")

    annotation_keys = len(tags.annotations)
    nums = []
    for key, (_, node) in enumerate(tags.annotations):
        nums.append(f"{key} {refs[id(node)]}")
    for index, page in enumerate(pages, start=1):
        key = annotation_keys + index - 1
        page.StructParents = key
        page.Tabs = PDFName("S")
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
        marks = tags.pages.get(index, ())
        nums.append(f"{key} [{' '.join(refs[id(n)] for n in marks)}]")
    parent_tree_raw.data = f"<< /Nums [{' '.join(nums)}] >>".encode("latin-1")
    role_map = " ".join(f"/{role} /{standard}" for role, standard in ROLE_MAP.items())
    root_raw.data = (f"<< /Type /StructTreeRoot /K {refs[id(tags.root)]} /ParentTree "
                     f"{parent_tree_ref} /ParentTreeNextKey {annotation_keys + len(pages)} "
                     f"/RoleMap << {role_map} >> >>").encode("latin-1")
    _catalog(canvas, root_raw)


HEADINGS = frozenset(("H", "H1", "H2", "H3", "H4", "H5", "H6"))


def _span_headings(tags: Tags) -> None:
    """A heading of several pieces holds one Span of them, so its /K is one object.

    (The pdfua checker's empty-heading rule cannot read a heading whose /K is an array.)
    """
    stack = [tags.root]
    while stack:
        node = stack.pop()
        kids = [kid for kid in node.kids if type(kid) is Node]
        if node.role in HEADINGS and len(node.kids) > 1:
            span = Node("Span", node)
            span.kids, node.kids, span.attached = node.kids, [span], True
            for kid in span.kids:
                if type(kid) is Node:
                    kid.parent = span
                elif kid[0] != "annot":
                    tags.pages[kid[0]][kid[1]] = span
        stack.extend(kids)


def _element(node: Node, parent: str, refs, page_refs, doc, numbers) -> str:
    page = None
    kids = []
    for kid in node.kids:
        if type(kid) is Node:
            kids.append(refs[id(kid)])
        elif kid[0] == "annot":
            annotation = f"{numbers[kid[1]][0]} 0 R"
            kids.append(f"<< /Type /OBJR /Obj {annotation} /Pg {page_refs[kid[2]]} >>")
        else:
            kid_page, mcid = kid
            if page is None:
                page = kid_page
            kids.append(str(mcid) if kid_page == page else
                        f"<< /Type /MCR /Pg {page_refs[kid_page]} /MCID {mcid} >>")
    parts = [f"<< /Type /StructElem /S /{node.role} /P {parent}"]
    if page is not None:
        parts.append(f"/Pg {page_refs[page]}")
    if len(kids) == 1:
        parts.append(f"/K {kids[0]}")
    elif kids:
        parts.append(f"/K [{' '.join(kids)}]")
    if node.role == "Document":
        parts.append(f"/Lang {text_string(LANGUAGE)}")
    if node.alt is not None:
        parts.append(f"/Alt {text_string(node.alt)}")
    if node.attributes:
        owner = node.attributes.get("O", "Layout")
        values = " ".join(f"/{key} {value}" for key, value in node.attributes.items()
                          if key != "O")
        parts.append(f"/A << /O /{owner} {values} >>")
    return " ".join(parts) + " >>"


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


def _catalog(canvas, root: _Raw) -> None:
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
