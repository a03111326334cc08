"""DejaVu Sans, shipped with the app and embedded in every PDF, registered once per process.

The built-in Helvetica is not embedded and lacks U+2212; DejaVu Sans carries
å ä ö é – ≥ ≤ − (PITFALLS). The family mapping makes <b>/<i> in Paragraphs work.
"""

from __future__ import annotations

from ..resources import FONTS

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_registered = False


def register_fonts() -> str:
    """Register the family (only the first call does work) and return the regular font's name."""
    global _registered
    if not _registered:
        from reportlab.lib.fonts import addMapping  # noqa: F401  (registerFontFamily uses it)
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                      boldItalic=BOLD_ITALIC)
        _registered = True
    return REGULAR
