"""DejaVu Sans, shipped with the app and embedded in every PDF, registered once per process.

The built-in Helvetica is not embedded and lacks U+2212; DejaVu Sans carries
å ä ö é – ≥ ≤ − (docs/pitfalls.md). The family mapping makes <b> in Paragraphs work.
The slanted faces are loaded only when a report sets italics (Markdown emphasis).
"""

from __future__ import annotations

from ..resources import FONTS

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_registered: set[str] = set()


def register_fonts(italic: bool = False, bold_italic: bool = False) -> str:
    """Register the family (each face once per process) and return the regular font's name.

    The slanted faces are loaded only for a report that sets them; until then <i> falls
    back to upright (bold italics to bold). Faces come from their stored metrics
    (`fonts_cache`), not from parsing the TTF, which cost about 25 ms a face.
    """
    from reportlab.pdfbase import pdfmetrics

    from .fonts_cache import load_font
    wanted = (REGULAR, BOLD) + ((ITALIC,) if italic else ()) + \
        ((BOLD_ITALIC,) if bold_italic else ())
    missing = [name for name in wanted if name not in _registered]
    if missing:
        for name in missing:
            pdfmetrics.registerFont(load_font(name, FONTS / f"{name}.ttf"))
            _registered.add(name)
        pdfmetrics.registerFontFamily(
            REGULAR, normal=REGULAR, bold=BOLD,
            italic=ITALIC if ITALIC in _registered else REGULAR,
            boldItalic=BOLD_ITALIC if BOLD_ITALIC in _registered else BOLD)
    return REGULAR
