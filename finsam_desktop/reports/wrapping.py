"""Plain-text line breaking for table cells, so cells stay fast plain strings.

A `Paragraph` per cell is slow and treats text as markup; instead a cell's text
is broken into lines here that fit the column, and a word longer than the
column is broken between characters rather than running off the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reportlab.pdfbase import pdfmetrics

_WIDTHS: dict[str, dict[str, float]] = {}


def stringWidth(text: str, font: str, size: float) -> float:
    """Width of `text` in points, from a per-font table of character widths.

    The same figure as `pdfmetrics.stringWidth`, and a little cheaper even with
    reportlab's C accelerator (1.3 against 1.5 µs for a cell's text); the per-font table
    also serves `widest` and `_wrap`, which sum it without a call per text.
    """
    widths = _WIDTHS.setdefault(font, {})
    try:
        return sum(map(widths.__getitem__, text)) * size / 1000
    except KeyError:
        for char in set(text) - widths.keys():
            widths[char] = pdfmetrics.stringWidth(char, font, 1000)
        return sum(map(widths.__getitem__, text)) * size / 1000


def widest(texts: Iterable[str], font: str, size: float) -> float:
    """The greatest `stringWidth` of `texts` (0 for none), with one call per text fewer:
    scaling is monotonic, so the widest text's width is the widest width."""
    widths = _WIDTHS.setdefault(font, {})
    get = widths.__getitem__
    try:
        return max((sum(map(get, text)) for text in texts), default=0) * size / 1000
    except KeyError:
        return max((stringWidth(text, font, size) for text in texts), default=0)


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and stringWidth(current + char, font, size) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def wrap_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` as lines no wider than `width` points (existing line breaks kept)."""
    try:
        return _wrap(text, _WIDTHS[font].__getitem__, font, size, width)
    except KeyError:  # a character (or the font) not measured yet: learn them, then wrap
        stringWidth(text + " ", font, size)
        return _wrap(text, _WIDTHS[font].__getitem__, font, size, width)


def _wrap(text: str, width_of: Callable[[str], float], font: str, size: float,
          width: float) -> list[str]:
    """`wrap_lines` with `stringWidth` written out (the same arithmetic: a table cell of a
    large plan is wrapped here once per distinct text)."""
    lines: list[str] = []
    space = width_of(" ") * size / 1000
    for paragraph in text.split("\n"):
        if sum(map(width_of, paragraph)) * size / 1000 <= width:
            lines.append(paragraph)
            continue
        current, current_width = "", 0.0
        for word in paragraph.split():
            word_width = sum(map(width_of, word)) * size / 1000
            if word_width > width:
                if current:
                    lines.append(current)
                pieces = _break_word(word, font, size, width)
                lines.extend(pieces[:-1])
                current = pieces[-1]
                current_width = stringWidth(current, font, size)
            elif not current:
                current, current_width = word, word_width
            elif current_width + space + word_width <= width:
                current += " " + word
                current_width += space + word_width
            else:
                lines.append(current)
                current, current_width = word, word_width
        lines.append(current)
    return lines


def fit_line(text: str, font: str, size: float, width: float) -> str:
    """`text` on one line, cut with "…" if it is wider than `width`."""
    text = " ".join(text.split())[:400]
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


_UNPRINTABLE = {code: "\ufffd" for code in (*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20),
                                            *range(0x7f, 0xa0), *range(0xd800, 0xe000),
                                            0xfffe, 0xffff)}
_UNPRINTABLE[0x09] = " "
_UNPRINTABLE[0x0d] = ""


def printable(text: str) -> str:
    """`text` with control characters and lone surrogates as U+FFFD, tabs as spaces, no CR.

    They cannot be drawn (a font has no glyph, PDF text and XML reject some), so they
    show as the replacement character instead of breaking the page or vanishing.
    """
    return text.translate(_UNPRINTABLE) if not text.isprintable() else text
