"""DejaVu's parsed metrics shipped beside each TTF, so a report does not parse the fonts.

reportlab's `TTFont` reads a font's tables one integer at a time in Python: about 25 ms
a face, four faces for a report with italics, on every start of `report`. What the
parse produces (the face's attributes: widths, character map, glyph offsets) is the
same every time for the same font file and the same reportlab, so it is stored once in
`<font>.metrics` (marshal; the big tables as arrays of the smallest integer type that
holds them, not compressed: inflating them was 2 ms a face) and loaded in a millisecond
or two. The file names the reportlab version, the font file's size and CRC-32 and this
machine's array layout: a different font, reportlab or machine is parsed as before (and
`python -m finsam_desktop.reports.fonts_cache` writes new files). The font's bytes are
still read from the TTF, for embedding the subsets.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable
from fnmatch import fnmatch
from functools import cached_property
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

FORMAT = 3
NAME_TAG = "\0TTFNameBytes"
"""Marks a TTFNameBytes value (a bytes subclass marshal cannot keep)."""
INTS, FLOATS, LISTS, INT_LIST, PAIRS = "\0ii", "\0if", "\0il", "\0li", "\0lp"
"""Tags of the big tables, stored as packed arrays: reading 6 000 marshalled dict entries
cost more than the arrays do."""


def _ints(values: Iterable[object]) -> bool:
    return all(type(v) is int for v in values)


INT_CODES = ("B", "H", "I", "q")
"""Array types for the tables' integers, smallest first (their sizes are in the key)."""


def _fits(code: str, low: int, high: int) -> bool:
    bits = 8 * array(code).itemsize
    if code.isupper():
        return low >= 0 and high < 1 << bits
    return -(1 << (bits - 1)) <= low and high < 1 << (bits - 1)


def _array(values: list[int]) -> tuple[str, bytes]:
    low, high = min(values, default=0), max(values, default=0)
    code = next(code for code in INT_CODES if _fits(code, low, high))
    return code, array(code, values).tobytes()


def _packed(value: object) -> object:
    """`value` as a (tag, arrays...) tuple when it is one of the face's big tables."""
    if type(value) is dict and len(value) > 64 and _ints(value):
        keys = _array(list(value))
        items = list(value.values())
        if _ints(items):
            return INTS, keys, _array(items)
        if all(type(v) is float for v in items):
            return FLOATS, keys, ("d", array("d", items).tobytes())
        if all(type(v) is list and _ints(v) for v in items):
            flat = [c for v in items for c in v]
            return LISTS, keys, _array([len(v) for v in items]), _array(flat)
    if type(value) is list and len(value) > 64:
        if _ints(value):
            return INT_LIST, _array(value)
        if all(type(v) is tuple and len(v) == 2 and _ints(v) for v in value):
            return PAIRS, _array([v[0] for v in value]), _array([v[1] for v in value])
    return value


def _numbers(packed: tuple[str, bytes]) -> list[Any]:  # ints, or floats ("d")
    code, data = packed
    return array(code, data).tolist()


def _unpacked(value: object) -> Any:  # whatever the face's attribute was
    if type(value) is not tuple or not value or type(value[0]) is not str:
        return value
    tag = value[0]
    if tag == NAME_TAG:
        from reportlab.pdfbase.ttfonts import TTFNameBytes
        return TTFNameBytes(value[1])
    if tag in (INTS, FLOATS):
        return dict(zip(_numbers(value[1]), _numbers(value[2]), strict=True))
    if tag == LISTS:
        flat, ends = _numbers(value[3]), list(accumulate(_numbers(value[2])))
        # strict=False: the starts are the ends shifted by one, one more than there are lists
        lists = [flat[start:end] for start, end in zip([0, *ends], ends, strict=False)]
        return dict(zip(_numbers(value[1]), lists, strict=True))
    if tag == INT_LIST:
        return _numbers(value[1])
    if tag == PAIRS:
        return list(zip(_numbers(value[1]), _numbers(value[2]), strict=True))
    return value


def metrics_path(ttf: Path) -> Path:
    return ttf.with_suffix(".metrics")


def _key(data: bytes) -> tuple[int, str, int, int, str]:
    from reportlab import Version
    layout = " ".join([sys.byteorder, *(str(array(code).itemsize) for code in (*INT_CODES, "d"))])
    return (FORMAT, Version, len(data), zlib.crc32(data), layout)


def face_state(face: TTFontFace) -> dict[str, object]:
    """The parsed face's attributes, in a form marshal can write (without the font bytes)."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes
    state: dict[str, object] = {}
    for name, value in vars(face).items():
        if name in ("_ttf_data", "_pdfScale", "filename"):
            continue
        if isinstance(value, TTFNameBytes):
            value = (NAME_TAG, bytes(value))
        state[name] = _packed(value)
    return state


def write_metrics(ttf: Path) -> Path:
    """Parse `ttf` with reportlab and store its metrics beside it."""
    from reportlab.pdfbase.ttfonts import TTFontFace
    data = ttf.read_bytes()
    face = TTFontFace(str(ttf))
    state = face_state(face)
    for name, value in state.items():  # every table must come back exactly as parsed
        back = _unpacked(value)
        if back != getattr(face, name) or type(back) is not type(getattr(face, name)):
            state[name] = getattr(face, name)
    target = metrics_path(ttf)
    target.write_bytes(marshal.dumps((_key(data), state)))
    return target


def _scale(units_per_em: int) -> Callable[[float], float]:
    """The face's unit conversion, made the way `TTFontFile.extractInfo` makes it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


STORED_GLYPHS = "_stored_glyphToChar"
_STORED_FACE: list[type[TTFontFace]] = []


def _stored_face_class() -> type[TTFontFace]:
    """`TTFontFace` for a face made from stored metrics.

    Its `glyphToChar` (glyph -> characters), which reportlab reads only while it parses a
    font, is unpacked when something first asks for it: building its six thousand lists
    was a third of loading a face.
    """
    if not _STORED_FACE:
        from reportlab.pdfbase.ttfonts import TTFontFace

        class StoredFace(TTFontFace):  # type: ignore[misc]  # reportlab is untyped
            @cached_property
            def glyphToChar(self) -> dict[int, list[int]]:
                table: dict[int, list[int]] = _unpacked(self.__dict__.pop(STORED_GLYPHS))
                return table

        _STORED_FACE.append(StoredFace)
    return _STORED_FACE[0]


def load_font(name: str, ttf: Path) -> TTFont:
    """A `TTFont` for `ttf` named `name`: from the stored metrics when they fit, else parsed."""
    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont
    data = ttf.read_bytes()
    try:
        key, state = marshal.loads(metrics_path(ttf).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        key, state = None, None
    if key != _key(data):
        return TTFont(name, str(ttf))
    # type[Any] (reportlab is untyped) looks like `type` to mypy, whose __new__ differs
    face = _stored_face_class().__new__(_stored_face_class())  # type: ignore[call-overload]
    for attribute, value in state.items():
        if attribute == "glyphToChar":
            face.__dict__[STORED_GLYPHS] = value
        else:
            setattr(face, attribute, _unpacked(value))
    face.filename = str(ttf)
    face._ttf_data = data
    face._pdfScale = _scale(face.unitsPerEm)
    # What TTFont.__init__ does once its face is parsed (tests compare with a real TTFont).
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
    return font


def main() -> None:
    from ..resources import FONTS
    for ttf in sorted(FONTS.glob("*.ttf")):
        print(write_metrics(ttf))


if __name__ == "__main__":
    main()
