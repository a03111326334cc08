"""Reads a tagged PDF back with pikepdf: its structure tree, and its text two ways.

`TaggedPdf(path)` gives the structure elements in tree order, the marked content of
every page (which MCID or artifact each painting operator belongs to), the text of each
MCID as a screen reader gets it (the strings of the sequence joined as they are, with
no break between lines), and the visible text in drawing order with a break wherever
the text position moves, as a sighted reader sees separate lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pikepdf

PAINTING = frozenset("Tj TJ ' \" Do S s f F f* B B* b b* sh BI EI".split())
TEXT = frozenset(("Tj", "TJ", "'", '"'))
MOVES = frozenset(("Td", "TD", "Tm", "T*", "'", '"', "BT", "ET"))


@dataclass
class Element:
    role: str
    obj: pikepdf.Dictionary
    parent: Element | None
    children: list = field(default_factory=list)
    """Elements and ("mcid", page index, mcid) / ("objr", annotation) in order."""

    def descendants(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.descendants()

    def mcids(self):
        for child in self.children:
            if isinstance(child, Element):
                yield from child.mcids()
            elif child[0] == "mcid":
                yield child[1:]


def _cmap(font) -> dict[int, str]:
    mapping: dict[int, str] = {}
    unicode = font.get("/ToUnicode")
    if unicode is None:
        return mapping
    data = unicode.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = (bytes.fromhex(text).decode("utf-16-be", "replace")
                                      if len(text) % 4 == 0 else chr(int(text, 16)))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, start in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            first = int(start, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(first + offset)
    return mapping


class TaggedPdf:
    def __init__(self, path) -> None:
        self.pdf = pikepdf.open(path)
        self.page_index = {page.obj.objgen: n for n, page in enumerate(self.pdf.pages)}
        root = self.pdf.Root.StructTreeRoot
        self.root = self._element(root.K, None)
        self.runs: list[list[tuple[object, str, bool]]] = []
        """Per page: (mcid, "artifact" or None; text; starts a new line) in drawing order."""
        self.unmarked: list[list[str]] = []
        """Per page: the painting operators outside any marked content."""
        self.mcids: list[list[int]] = []
        """Per page: the MCID of each marked-content sequence, in order."""
        self._cmaps: dict = {}
        for page in self.pdf.pages:
            runs: list = []
            unmarked: list[str] = []
            self.mcids.append([])
            self._read(page.obj, page.Resources, [], runs, unmarked, [True])
            self.runs.append(runs)
            self.unmarked.append(unmarked)

    # ------------------------------------------------------------- structure
    def _element(self, obj, parent) -> Element:
        element = Element(str(obj.S)[1:], obj, parent)
        page = self.page_index.get(obj.Pg.objgen) if "/Pg" in obj else None
        kids = obj.get("/K")
        kids = [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in kids:
            if isinstance(kid, int):
                element.children.append(("mcid", page, int(kid)))
            elif kid.get("/Type") == "/MCR":
                element.children.append(("mcid", self.page_index[kid.Pg.objgen], int(kid.MCID)))
            elif kid.get("/Type") == "/OBJR":
                element.children.append(("objr", kid.Obj))
            else:
                element.children.append(self._element(kid, element))
        return element

    def elements(self, *roles: str) -> list[Element]:
        found = [self.root, *self.root.descendants()]
        return [e for e in found if not roles or e.role in roles]

    # --------------------------------------------------------------- content
    def _read(self, stream_owner, resources, stack, runs, unmarked, line) -> None:
        fonts = resources.get("/Font", {})
        font = None
        for instruction in pikepdf.parse_content_stream(stream_owner):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                if not stack:
                    unmarked.append("BI")
                continue
            operands, op = instruction.operands, str(instruction.operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                mcid = None
                if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                    mcid = operands[1].get("/MCID")
                    if mcid is not None:
                        assert not any(isinstance(c, int) for c in stack), "nested MCIDs"
                        self.mcids[-1].append(int(mcid))
                stack.append("artifact" if tag == "/Artifact" else
                             int(mcid) if mcid is not None else stack[-1] if stack else None)
                continue
            if op == "EMC":
                stack.pop()
                continue
            if op == "Tf":
                font = fonts[str(operands[0])]
            if op in MOVES:
                line[0] = True
            if op in PAINTING and not stack:
                unmarked.append(op)
            context = stack[-1] if stack else None
            if op in TEXT:
                strings = operands[0] if op == "TJ" else [operands[-1]]
                cmap = self._cmaps.get(font.objgen) if font is not None else None
                if cmap is None and font is not None:
                    cmap = self._cmaps[font.objgen] = _cmap(font)
                text = "".join(cmap.get(b, "\ufffd") for s in strings
                               if isinstance(s, pikepdf.String) for b in bytes(s))
                runs.append((context, text, line[0]))
                line[0] = op in ("'", '"')
            elif op == "Do":
                xobject = resources.XObject[str(operands[0])]
                if xobject.get("/Subtype") == "/Form":
                    self._read(xobject, xobject.get("/Resources", resources), [*stack],
                               runs, unmarked, line)

    def mcid_text(self) -> dict[tuple[int, int], str]:
        """The text of each (page, MCID) as one string, the way assistive technology reads it."""
        texts: dict[tuple[int, int], str] = {}
        for page, runs in enumerate(self.runs):
            for context, text, _ in runs:
                if isinstance(context, int):
                    texts[(page, context)] = texts.get((page, context), "") + text
        return texts

    def figures(self) -> set[tuple[int, int]]:
        """The MCIDs of figures: assistive technology reads a figure's /Alt instead."""
        return {key for figure in self.elements("Figure") for key in figure.mcids()}

    def tagged_text(self) -> str:
        """The text of the tree's MCIDs in tree order, figures left out."""
        texts, figures = self.mcid_text(), self.figures()
        return " ".join(texts.get(key, "") for key in self.root.mcids() if key not in figures)

    def visible_text(self) -> str:
        """The text drawn, in drawing order, a space wherever a new line starts
        (artifacts and figures left out)."""
        parts, figures = [], self.figures()
        for page, runs in enumerate(self.runs):
            for context, text, new_line in runs:
                if context == "artifact" or (page, context) in figures:
                    continue
                parts.append((" " if new_line else "") + text)
        return "".join(parts)

