"""The plan report as a PDF: reportlab Platypus lays out a `Report` on A4.

Every user string reaches a Paragraph only through `escape` (reportlab reads
Paragraph text as markup; see docs/pitfalls.md); table cells are plain strings broken into lines by
`wrapping`, which is fast and never markup. Fonts are DejaVu Sans, embedded.
Layout runs once: the contents list's lines are known before layout and its
page numbers after, so its page shows a PDF form filled in when the document
is saved; the footer's "Sida X av Y" comes from a canvas that holds every page
until the total is known. Tables are `fast_table.FastTable`s.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.flowables import Flowable, HRFlowable

from .blocks import Block, Bullets, Chart, Footnotes, Heading, ItemList, Report, Rich, Rule, Table, Text
from .charts import draw_chart
from .fast_table import ACCENT, GREY, RULE, FastTable, measure
from .fonts import BOLD, register_fonts
from .narrative_pdf import escape, footnotes, item_list, logo_image, rich_markup, slanted_faces
from .tagging import TaggedCanvas, artifact_code
from .tagging_story import draw_contents, tag_story
from .wrapping import fit_line, printable, stringWidth, wrap_lines

if TYPE_CHECKING:
    from ..domain.outcome import Outcome
    from ..domain.plan import Plan

__all__ = ["escape", "rich_markup", "render_report", "write_report_pdf", "report_story"]

MARGIN = 2.2 * cm
FRAME_WIDTH = A4[0] - 2 * MARGIN
CONTENTS_FORM = "contents"


def _styles(font: str) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, spaceAfter=6)
    return {
        "body": body,
        "note": ParagraphStyle("note", parent=body, fontSize=8, leading=10.5, textColor=GREY,
                               spaceBefore=2),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=3, bulletFontName=font,
                                 spaceAfter=3),
        "h1": ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=16, leading=20,
                             textColor=ACCENT, spaceBefore=14, spaceAfter=8, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=11.5, leading=15,
                             textColor=ACCENT, spaceBefore=10, spaceAfter=4, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=body, fontName=BOLD, fontSize=10.5, leading=14,
                             textColor=ACCENT, spaceBefore=8, spaceAfter=3, keepWithNext=1),
        "h4": ParagraphStyle("h4", parent=body, fontName=BOLD, fontSize=10, leading=14,
                             spaceBefore=6, spaceAfter=2, keepWithNext=1),
        "literal": ParagraphStyle("literal", parent=body, leftIndent=10),
        "cover_org": ParagraphStyle("cover_org", parent=body, fontSize=15, leading=20,
                                    textColor=ACCENT),
        "cover_title": ParagraphStyle("cover_title", parent=body, fontName=BOLD, fontSize=26,
                                      leading=32, spaceAfter=10),
        "cover_sub": ParagraphStyle("cover_sub", parent=body, fontSize=14, leading=18,
                                    spaceAfter=24),
    }


def _short(title: str, limit: int = 240) -> str:
    """A title as the contents and the outline list it: one line of text, cut at `limit`."""
    title = " ".join(printable(title).split())
    return title if len(title) <= limit else title[:limit - 1] + "…"


def _heading(text: str, style: ParagraphStyle) -> Paragraph:
    """A heading kept with what follows it, unless it is so long that it must split itself."""
    if len(text) > 400:
        style = ParagraphStyle(f"{style.name}-long", parent=style, keepWithNext=0)
    return Paragraph(escape(text), style)


class Contents(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """The contents list: its lines now, page numbers drawn into forms (one an entry, so that
    each is one TOCI of the tags) at save time.

    `entries` are (entry number, level, title); a level-2 or level-3 line is indented.
    `pages` maps an entry number to its page once the layout has placed it.
    """

    SIZE, LEADING, GAP, INDENT = 10.5, 15.0, 4.0, 14.0
    _tags_itself = True

    def __init__(self, entries: list[tuple[int, int, str]], font: str, pages: dict[int, int],
                 start: int = 0, end: int | None = None) -> None:
        super().__init__()
        self.entries, self.font, self.pages = entries, font, pages
        self.start, self.end = start, len(entries) if end is None else end
        self.nested = any(level > 1 for _, level, _ in entries)
        """With sub-headings listed, chapter lines are bold (a first-release contents is not)."""
        self.lines = [wrap_lines(_short(title), self._font(level), self.SIZE,
                                 FRAME_WIDTH - 50 - self._indent(level))
                      for _, level, title in entries]
        self.form = f"{CONTENTS_FORM}{start}"
        self.height = self._height(self.start, self.end)

    def _font(self, level: int) -> str:
        return BOLD if level == 1 and self.nested else self.font

    def _indent(self, level: int) -> float:
        return (level - 1) * self.INDENT

    def _height(self, start: int, end: int) -> float:
        return sum(len(lines) * self.LEADING + self.GAP for lines in self.lines[start:end])

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return FRAME_WIDTH, self.height

    def split(self, available_width: float, available_height: float) -> list[Contents]:
        cut = self.start
        while cut < self.end and self._height(self.start, cut + 1) <= available_height:
            cut += 1
        if cut == self.start and self.end - self.start > 1 and available_height >= 0.5 * A4[1]:
            cut = self.start + 1  # one entry taller than a page: it goes alone, cut off at the foot
        if cut in (self.start, self.end):
            return []
        return [Contents(self.entries, self.font, self.pages, self.start, cut),
                Contents(self.entries, self.font, self.pages, cut, self.end)]

    def draw(self) -> None:
        draw_contents(self, self.canv)
        self.canv.contents_parts.append(self)

    def draw_form(self, canvas: Canvas) -> None:
        """Draw the entries with their page numbers (called once the pages are known)."""
        for index in range(self.start, self.end):
            y = self._height(index, index + 1)
            canvas.beginForm(f"{self.form}_{index}", 0, 0, FRAME_WIDTH, y)
            number, level, _ = self.entries[index]
            font = self._font(level)
            dot = stringWidth(" .", font, self.SIZE)  # the leaders are in the line's own font
            canvas.setFont(font, self.SIZE)
            indent = self._indent(level)
            lines = self.lines[index]
            for line in lines:
                y -= self.LEADING
                canvas.drawString(indent, y + 4, line + " ")  # a space: tagged words never join
            page = str(self.pages.get(number, ""))
            canvas.drawRightString(FRAME_WIDTH, y + 4, page)
            begin = indent + stringWidth(lines[-1], font, self.SIZE) + 6
            finish = FRAME_WIDTH - stringWidth(page, font, self.SIZE) - 6
            if finish - begin > dot:
                with artifact_code(canvas):  # the leader dots
                    canvas.drawRightString(finish, y + 4, " ." * int((finish - begin) / dot))
            canvas.endForm()


def numbered_canvas(association: str, font: str, free: bool = True) -> type[Canvas]:
    """A canvas class that writes "Sida X av Y" and the association's name on every page,
    and fills in the contents forms once every page number is known (`free`: see
    `TaggedCanvas.frees`)."""

    class NumberedCanvas(TaggedCanvas):
        frees = free
        _fontname: str  # reportlab's, declared for the footer's saved state
        _fontsize: float
        _leading: float

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._footers: dict[str, tuple[list[str], list[str]]] = {}
            """Per fitted name, the footer's operators before and after the page number (one
            dict for every page: `save` puts each page's own attributes back)."""
            self.contents_parts: list[Contents] = []
            self.bookmarks: list[tuple[int, str, str, int]] = []
            """(page, key, title, outline level from 0) of each heading, in reading order."""

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            from .pdf_compress import compressor_of
            try:
                self._save_pages()
            finally:  # also when writing fails: no compressing thread outlives the report
                compressor_of(self._doc).join()
            if self.frees:
                self._pages.clear()  # each held page refers to the list: a cycle, now broken

        def _save_pages(self) -> None:
            from .pdf_compress import compress_page_soon  # loaded with the tagged document
            from .tagging_file import page_level
            total = len(self._pages)
            zlib_level = page_level(total)
            for part in self.contents_parts:
                part.draw_form(self)
            by_page: dict[int, list[tuple[str, str, int]]] = {}
            for page, key, title, level in self.bookmarks:
                by_page.setdefault(page, []).append((key, title, level))
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                with artifact_code(self, pagination=True):
                    self._footer(number, total)
                for key, title, level in by_page.get(number, ()):
                    # only now is this the document's current page
                    self.bookmarkPage(key)
                    self.addOutlineEntry(title, key, level)
                super().showPage()
                compress_page_soon(self._doc, self._doc.Pages.pages[-1], zlib_level)
            super().save()

        def _footer(self, number: int, total: int) -> None:
            """The page's footer. All of it but the page number is the same on every page
            with the same fitted name, so the first page's operators around the number are
            written again instead of drawn again (1 800 footers at 50 000 interventions)."""
            y = 1.3 * cm
            page = f"Sida {number} av {total}"
            room = FRAME_WIDTH - stringWidth(page, font, 8) - 20
            name = fit_line(association, font, 8, room)
            code = self._code
            known = self._footers.get(name)
            if known is not None:
                code += known[0]  # the state saved, the rule, the font and colour set
                state = self._fontname, self._fontsize, self._leading
                self.setFont(font, 8)
                self.drawRightString(A4[0] - MARGIN, y, page)
                self._fontname, self._fontsize, self._leading = state
                code += known[1]  # the name, and the state restored
                return
            start = len(code)
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, y + 10, A4[0] - MARGIN, y + 10)
            self.setFont(font, 8)
            self.setFillColor(GREY)
            before = len(code)
            self.drawRightString(A4[0] - MARGIN, y, page)
            after = len(code)
            self.drawString(MARGIN, y, name)
            self.restoreState()
            self._footers[name] = (code[start:before], code[after:])

    return NumberedCanvas


class _ReportTemplate(SimpleDocTemplate):  # type: ignore[misc]  # reportlab is untyped
    """Records the page each heading lands on, for the contents and the PDF outline.

    A heading flowable carries `entry = (number, level, title)`; outline levels are
    kept within one step of the heading before (a `####` straight under a chapter
    title is nested one level down), as the PDF outline requires.
    """

    def __init__(self, *args: Any, chapter_pages: dict[int, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chapter_pages = chapter_pages
        self._last_level = -1

    def afterFlowable(self, flowable: Flowable) -> None:
        entry = getattr(flowable, "entry", None)
        if entry is not None:
            number, level, title = entry
            outline_level = min(level - 1, self._last_level + 1)
            self._last_level = outline_level
            self.canv.bookmarks.append((self.page, f"kapitel{number + 1}", _short(title),
                                        outline_level))
            self.chapter_pages[number] = self.page


def _cover(report: Report, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [Spacer(1, 3 * cm)]
    logo = logo_image(report.logo, 7 * cm, 3.2 * cm)
    if logo is not None:
        story = [Spacer(1, 1.2 * cm), logo, Spacer(1, 1.8 * cm - logo.drawHeight + 3.2 * cm)]
    story += [Paragraph(escape(report.association), styles["cover_org"]),
              Spacer(1, 3.4 * cm),
              HRFlowable(width="100%", thickness=3, color=ACCENT, spaceAfter=0.6 * cm, hAlign="LEFT"),
              Paragraph(escape(report.title), styles["cover_title"])]
    if report.subtitle:
        story.append(Paragraph(escape(report.subtitle), styles["cover_sub"]))
    if report.decided:
        story.append(Paragraph(escape(report.decided), styles["body"]))
    amounts = "tusental kronor (tkr)" if report.unit == "tkr" else "kronor"
    story += [Spacer(1, 0.4 * cm), Paragraph(f"Belopp anges i {amounts}.", styles["note"]),
              PageBreak()]
    return story


CONTENTS_LEVELS = 3
"""Headings down to this level get a line in the contents; deeper ones only the PDF outline."""


def report_story(report: Report, font: str, chapter_pages: dict[int, int]) -> list[Flowable]:
    """The flowables of the whole report, in reading order."""
    styles = _styles(font)
    story = _cover(report, styles)
    entries: list[tuple[int, int, str]] = []
    body: list[Flowable] = []
    number = 1
    for chapter in report.chapters:
        if chapter.title:
            title = f"{number} {chapter.title}" if report.numbered else chapter.title
            number += 1
            heading = _heading(title, styles["h1"])
            heading.entry = (len(entries), 1, title)
            entries.append(heading.entry)
            body.append(heading)
        for block in chapter.blocks:
            flow = _block(block, styles, font)
            if isinstance(block, Heading) and block.outline:
                flow[0].entry = (len(entries), block.level, block.text)
                entries.append(flow[0].entry)
            body += flow
    listed = [entry for entry in entries if entry[1] <= CONTENTS_LEVELS]
    if listed:
        story += [Paragraph("Innehåll", styles["h1"]), Contents(listed, font, chapter_pages),
                  PageBreak()]
    story += body
    while isinstance(story[-1], (Spacer, PageBreak)):  # would add a blank page
        story.pop()
    return tag_story(story, logo_alt=f"Logotyp: {printable(report.association)}")


def _block(block: Block, styles: dict[str, ParagraphStyle], font: str) -> list[Flowable]:
    if isinstance(block, Rich):
        style = styles["literal" if block.literal else "body"]
        return [Paragraph(rich_markup(block.spans, block.literal), style)]
    if isinstance(block, Heading):
        return [_heading(block.text, styles[f"h{min(max(block.level, 2), 4)}"])]
    if isinstance(block, Text):
        return [Paragraph(escape(block.text), styles["note" if block.note else "body"])]
    if isinstance(block, Bullets):
        return [Paragraph(escape(item), styles["bullet"], bulletText="•") for item in block.items] \
            + [Spacer(1, 4)]
    if isinstance(block, ItemList):
        return item_list(block, styles, font, 0.0, _block) + [Spacer(1, 4)]
    if isinstance(block, Table):
        flow = [FastTable(measure(block, font, FRAME_WIDTH))]
        if block.caption:
            flow.append(Paragraph(escape(block.caption), styles["note"]))
        return flow + [Spacer(1, 6)]
    if isinstance(block, Chart):
        return [draw_chart(block, FRAME_WIDTH, font), Spacer(1, 18)]
    if isinstance(block, Rule):
        return [HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=4, spaceAfter=8)]
    if isinstance(block, Footnotes):
        return footnotes(block, styles, font, _block)
    raise TypeError(f"unknown block {block!r}")


def write_report_pdf(report: Report, target: Path, free: bool = True) -> None:
    """Lay out `report` into the PDF file `target` (written directly; see `render_report`).

    `free`: break the layout's reference cycles once the file is written (see
    `TaggedCanvas.frees`); False where the process ends right after, collector off.
    """
    italic, bold_italic = slanted_faces(report)
    font = register_fonts(italic=italic, bold_italic=bold_italic)
    rl_config.useA85 = 0  # ASCII85 is pure Python here and only makes the file bigger
    chapter_pages: dict[int, int] = {}
    document = _ReportTemplate(
        str(target), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=2 * cm,
        bottomMargin=2.2 * cm, title=printable(f"{report.title} – {report.association}"),
        author=printable(report.association), subject=printable(report.title), lang="sv-SE",
        creator="FinSam Desktop", pageCompression=1, initialFontName=font, initialFontSize=10,
        chapter_pages=chapter_pages)
    document.build(report_story(report, font, chapter_pages),
                   canvasmaker=numbered_canvas(printable(report.association), font, free))


def render_report(plan: Plan, outcome: Outcome, target: Path, unit: str | None = None) -> None:
    """Build the plan report and lay it out into `target` (`services.exports.write_report`
    is the all-or-nothing, never-clobbering way to write one)."""
    from .content import build_report
    write_report_pdf(build_report(plan, outcome, unit), Path(target))
