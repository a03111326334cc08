"""PDF text operators for plain strings in a TrueType font, written without reportlab's
per-string work (the fast table's text).

reportlab's `ttfonts` documents how a dynamic (TrueType) font's text is written: split
into the font's 256-character subsets, each shown with its own font operator. Here that
is done once per distinct string and document, and for characters already in the first
subset by one `str.translate`.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import getFont

_PDF_ESCAPES = [("\\" + chr(c)) if chr(c) in "\\()" else chr(c) if 32 <= c < 127 else f"\\{c:03o}"
                for c in range(256)]
"""How a byte of a PDF string is written: reportlab's escapePDF as one table lookup per byte."""


class TextWriter:
    """PDF text operators for plain strings in a TrueType font, subset by subset.

    Each distinct (font, text) is encoded once per document: names, years and owners
    repeat on every page.
    """

    def __init__(self, canvas: Any, size: float) -> None:
        self.canvas = canvas
        self.size = size
        self.ops: list[str] = []
        self.font_op: str | None = None
        self.current_colour: str | None = None
        self.cache: dict[str, dict[str, list[tuple[str, str]]]] = \
            canvas.__dict__.setdefault(f"{_CACHE}{size}", {})
        self._fast: dict[str, tuple[str, _FirstSubset]] = {}
        """Per font, its first subset's font operator and characters, once known."""

    def colour(self, rgb: str) -> None:
        if rgb != self.current_colour:
            self.ops.append(f"{rgb} rg")
            self.current_colour = rgb

    def encoded(self, line: str, font_name: str) -> list[tuple[str, str]]:
        """`line`'s (font operator, PDF string) pieces, made once."""
        cache = self.cache.get(font_name)
        if cache is None:
            cache = self.cache[font_name] = {}
        pieces = cache.get(line)
        if pieces is None:
            fast = self._fast.get(font_name)
            if fast is not None and fast[1].known.issuperset(line):
                pieces = cache[line] = [(fast[0], line.translate(fast[1].table))]
            else:
                pieces = cache[line] = self._encode(line, font_name)
        return pieces

    def _encode(self, line: str, font_name: str) -> list[tuple[str, str]]:
        font: Any = getFont(font_name)
        doc = self.canvas._doc
        fast = _first_subset(font, doc)
        if fast is not None:
            self._fast[font_name] = (f"{fast.name} {self.size} Tf", fast)
            if fast.known.issuperset(line):
                return [(self._fast[font_name][0], line.translate(fast.table))]
        pieces = [(f"{font.getSubsetInternalName(subset, doc)} {self.size} Tf",
                   "".join(map(_PDF_ESCAPES.__getitem__, chunk)))
                  for subset, chunk in font.splitString(line, doc)]
        if fast is not None:
            fast.learn(font, doc)
        return pieces


_CACHE = "_finsam_text_cache_"


def forget_texts(canvas: Any) -> None:
    """Drop the canvas's encoded texts once its document is written (the canvas is part
    of reference cycles, so they would wait for the cycle collector)."""
    for key in [key for key in vars(canvas) if key.startswith(_CACHE)]:
        del canvas.__dict__[key]


class _FirstSubset:
    """Characters already placed in a font's first subset, as a `str.translate` table.

    A document rarely uses more than 255 distinct characters per font, so after
    the first page nearly every string is encoded by one C-level `translate`
    instead of reportlab's per-character `splitString` and escape. The table is
    read from the font's own assignments, so the bytes are the same.
    """

    def __init__(self, name: str):
        self.name = name
        self.table: dict[int, str] = {}
        self.known: set[str] = set()

    def learn(self, font: Any, doc: Any) -> None:
        for code, byte in font.state[doc].assignments.items():
            if byte < 256 and code not in self.table:
                self.table[code] = _PDF_ESCAPES[byte]
                self.known.add(chr(code))
        if 32 in self.table:  # splitString writes a non-breaking space as the space
            self.table[0xA0] = self.table[32]
            self.known.add("\u00a0")


def _first_subset(font: Any, doc: Any) -> _FirstSubset | None:
    holder: dict[str, _FirstSubset] = doc.__dict__.setdefault("_finsam_first_subsets", {})
    fast = holder.get(font.fontName)
    if fast is None:
        try:
            fast = _FirstSubset(font.getSubsetInternalName(0, doc))
            fast.learn(font, doc)
        except (AttributeError, KeyError, IndexError):  # a reportlab without these internals
            return None
        holder[font.fontName] = fast
    return fast
