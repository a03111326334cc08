"""The narrative's flowables: escaped Paragraph markup of spans, lists, footnotes, the logo.

Every user string reaches reportlab only through `escape` (Paragraph text is markup,
docs/pitfalls.md); the only tags are the ones written here from the spans' styles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import HRFlowable

from .blocks import Block, Footnotes, ItemList, Report, Rich, Span
from .fast_table import GREY
from .tagging import tag
from .wrapping import printable, stringWidth

Styles = dict[str, ParagraphStyle]
Render = Callable[[Block, Styles, str], list[Any]]
"""Lays out any other block as flowables (`pdf._block`)."""


def escape(text: str) -> str:
    """User text made safe for a Paragraph: `xml.sax.saxutils.escape` (docs/pitfalls.md) of `printable`.

    Written out because importing `xml.sax.saxutils` pulls in `urllib.request`,
    about 12 ms of the report's start-up; a test checks the two agree.
    """
    return printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(text: str) -> str:
    return escape(text).replace('"', "&quot;")


def rich_markup(spans: Iterable[Span], literal: bool = False) -> str:
    """Paragraph markup for narrative spans: every text escaped, the tags our own."""
    parts = []
    for span in spans:
        if span.text == "\n":
            parts.append("<br/>")
            continue
        text = escape(span.text)
        if literal:
            text = text.replace("\n", "<br/>")
        if span.note:
            text = f"<super>{text}</super>"
        if span.italic:
            text = f"<i>{text}</i>"
        if span.bold:
            text = f"<b>{text}</b>"
        if span.link:
            text = f'<a href="{_attribute(span.link)}" color="#1f4e79" underline="1">{text}</a>'
        parts.append(text)
    return "".join(parts)


def logo_image(data: bytes, width: float, height: float) -> Any:
    """The cover's logo scaled to fit width x height points, or None when it cannot be read."""
    if not data:
        return None
    try:
        from io import BytesIO

        from reportlab.lib.utils import ImageReader
        from reportlab.platypus import Image
        reader = ImageReader(BytesIO(data))
        pixels_wide, pixels_high = reader.getSize()
        if pixels_wide <= 0 or pixels_high <= 0 or pixels_wide * pixels_high > 40_000_000:
            return None
        scale = min(width / pixels_wide, height / pixels_high)
        image = Image(BytesIO(data), pixels_wide * scale, pixels_high * scale)
        image.hAlign = "LEFT"
        return image
    except Exception:  # noqa: BLE001 - any unreadable image: the cover prints without it
        return None


def item_list(block: ItemList, styles: Styles, font: str, indent: float,
              render: Render) -> list[Any]:
    """A list's items as paragraphs with a hanging indent; nested lists indent further.

    `render(block, styles, font)` lays out any other block an item holds.
    """
    if block.ordered:
        labels = [f"{block.start + n}." for n in range(len(block.items))]
        hang = max(14.0, max((stringWidth(label, font, 10) for label in labels), default=0) + 9)
    else:
        depth = int(indent // 14)
        labels = ["•◦▪"[depth % 3]] * len(block.items)
        hang = 14.0
    style = ParagraphStyle(f"item{indent}-{hang}", parent=styles["bullet"],
                           leftIndent=indent + hang, bulletIndent=indent + 3)
    flow: list[Any] = []
    for label, item in zip(labels, block.items, strict=True):
        first = True
        for part in item:
            if isinstance(part, Rich):
                flow.append(Paragraph(rich_markup(part.spans, part.literal), style,
                                      bulletText=label if first else None))
            elif isinstance(part, ItemList):
                if first:
                    flow.append(Paragraph("", style, bulletText=label))
                flow += item_list(part, styles, font, indent + hang, render)
            else:
                flow += render(part, styles, font)
            first = False
        if first:
            flow.append(Paragraph("", style, bulletText=label))
    return flow


def footnotes(block: Footnotes, styles: Styles, font: str, render: Render) -> list[Any]:
    """A chapter's footnotes under a short rule, each led by its number."""
    flow: list[Any] = [HRFlowable(width="30%", thickness=0.5, color=GREY, spaceBefore=8,
                             spaceAfter=4, hAlign="LEFT")]
    for number, parts in block.notes:
        first = True
        for part in parts:
            if isinstance(part, Rich):
                lead = f"<super>{number}</super> " if first else ""
                flow.append(tag(Paragraph(lead + rich_markup(part.spans, part.literal),
                                          styles["note"]), "Note"))
            else:
                if first:
                    flow.append(tag(Paragraph(f"<super>{number}</super>", styles["note"]), "Note"))
                flow += render(part, styles, font)
            first = False
    return flow


def slanted_faces(report: Report) -> tuple[bool, bool]:
    """Whether any narrative sets italics, and bold italics (each slanted face is loaded
    only then)."""
    def spans(blocks: Iterable[Block]) -> Iterator[Span]:
        for block in blocks:
            if isinstance(block, Rich):
                yield from block.spans
            elif isinstance(block, ItemList):
                for item in block.items:
                    yield from spans(item)
            elif isinstance(block, Footnotes):
                for _, parts in block.notes:
                    yield from spans(parts)
    italic = bold_italic = False
    for chapter in report.chapters:
        for span in spans(chapter.blocks):
            if span.italic:
                italic = True
                bold_italic = bold_italic or span.bold
    return italic, bold_italic
