"""DejaVu Sans, shipped with the app and embedded in every PDF, registered once per process.

The built-in Helvetica is not embedded and lacks U+2212; DejaVu Sans carries
å ä ö é – ≥ ≤ − (PITFALLS). The family mapping makes <b> in Paragraphs work.
Only the upright faces are loaded (each TTF parse costs about 20 ms and the
report never sets italics: user text is escaped, never markup).
"""

from __future__ import annotations

from ..resources import FONTS

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

_registered = False


def register_fonts() -> str:
    """Register the family (only the first call does work) and return the regular font's name."""
    global _registered
    if not _registered:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        for name in (REGULAR, BOLD):
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR,
                                      boldItalic=BOLD)
        _registered = True
    return REGULAR
