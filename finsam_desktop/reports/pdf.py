"""The plan report as a PDF: reportlab Platypus lays out a `Report` on A4.

Every user string reaches a Paragraph only through `escape` (reportlab reads
Paragraph text as markup; see PITFALLS); table cells are plain strings broken into lines by
`wrapping`, which is fast and never markup. Fonts are DejaVu Sans, embedded.
Layout runs once: the contents list's lines are known before layout and its
page numbers after, so its page shows a PDF form filled in when the document
is saved; the footer's "Sida X av Y" comes from a canvas that holds every page
until the total is known. Tables are `fast_table.FastTable`s.
"""

from __future__ import annotations

from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.flowables import Flowable, HRFlowable

from .blocks import Bullets, Chart, Heading, Report, Table, Text
from .charts import draw_chart
from .fast_table import ACCENT, GREY, RULE, FastTable, measure
from .fonts import BOLD, register_fonts
from .wrapping import fit_line, stringWidth, wrap_lines

MARGIN = 2.2 * cm
FRAME_WIDTH = A4[0] - 2 * MARGIN
CONTENTS_FORM = "contents"


def escape(text: str) -> str:
    """User text made safe for a Paragraph: exactly `xml.sax.saxutils.escape` (PITFALLS).

    Written out because importing `xml.sax.saxutils` pulls in `urllib.request`,
    about 12 ms of the report's start-up; a test checks the two agree.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
        "cover_org": ParagraphStyle("cover_org", parent=body, fontSize=15, leading=20,
                                    textColor=ACCENT),
        "cover_title": ParagraphStyle("cover_title", parent=body, fontName=BOLD, fontSize=26,
                                      leading=32, spaceAfter=10),
        "cover_sub": ParagraphStyle("cover_sub", parent=body, fontSize=14, leading=18,
                                    spaceAfter=24),
    }


class Contents(Flowable):
    """The contents list: chapter titles now, page numbers drawn into a form at save time."""

    SIZE, LEADING, GAP = 10.5, 15.0, 4.0

    def __init__(self, titles: list[str], font: str, pages: dict[int, int], start: int = 0,
                 end: int | None = None):
        super().__init__()
        self.titles, self.font, self.pages = titles, font, pages
        self.start, self.end = start, len(titles) if end is None else end
        self.lines = [wrap_lines(t, font, self.SIZE, FRAME_WIDTH - 50) for t in titles]
        self.form = f"{CONTENTS_FORM}{start}"
        self.height = self._height(self.start, self.end)

    def _height(self, start: int, end: int) -> float:
        return sum(len(lines) * self.LEADING + self.GAP for lines in self.lines[start:end])

    def wrap(self, available_width, available_height):
        return FRAME_WIDTH, self.height

    def split(self, available_width, available_height):
        cut = self.start
        while cut < self.end and self._height(self.start, cut + 1) <= available_height:
            cut += 1
        if cut in (self.start, self.end):
            return []
        return [Contents(self.titles, self.font, self.pages, self.start, cut),
                Contents(self.titles, self.font, self.pages, cut, self.end)]

    def draw(self):
        self.canv.doForm(self.form)
        self.canv.contents_parts.append(self)

    def draw_form(self, canvas: Canvas) -> None:
        """Draw the entries with their page numbers (called once the pages are known)."""
        canvas.beginForm(self.form, 0, 0, FRAME_WIDTH, self.height)
        canvas.setFont(self.font, self.SIZE)
        dot = stringWidth(" .", self.font, self.SIZE)
        y = self.height
        for index in range(self.start, self.end):
            lines = self.lines[index]
            for line in lines:
                y -= self.LEADING
                canvas.drawString(0, y + 4, line)
            page = str(self.pages.get(index, ""))
            canvas.drawRightString(FRAME_WIDTH, y + 4, page)
            begin = stringWidth(lines[-1], self.font, self.SIZE) + 6
            finish = FRAME_WIDTH - stringWidth(page, self.font, self.SIZE) - 6
            if finish - begin > dot:
                canvas.drawRightString(finish, y + 4, " ." * int((finish - begin) / dot))
            y -= self.GAP
        canvas.endForm()


def numbered_canvas(association: str, font: str) -> type[Canvas]:
    """A canvas class that writes "Sida X av Y" and the association's name on every page,
    and fills in the contents forms once every page number is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self.contents_parts: list[Contents] = []
            self.bookmarks: list[tuple[int, str, str]] = []
            """(page, key, title) of each chapter, for the PDF outline."""

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for part in self.contents_parts:
                part.draw_form(self)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                for page, key, title in self.bookmarks:
                    if page == number:  # only now is this the document's current page
                        self.bookmarkPage(key)
                        self.addOutlineEntry(title, key, 0)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            self.saveState()
            y = 1.3 * cm
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, y + 10, A4[0] - MARGIN, y + 10)
            self.setFont(font, 8)
            self.setFillColor(GREY)
            page = f"Sida {number} av {total}"
            self.drawRightString(A4[0] - MARGIN, y, page)
            room = FRAME_WIDTH - stringWidth(page, font, 8) - 20
            self.drawString(MARGIN, y, fit_line(association, font, 8, room))
            self.restoreState()

    return NumberedCanvas


class _ReportTemplate(SimpleDocTemplate):
    """Records the page each chapter starts on, for the contents and the PDF outline."""

    def __init__(self, *args, chapter_pages: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.chapter_pages = chapter_pages

    def afterFlowable(self, flowable):
        chapter = getattr(flowable, "chapter", None)
        if chapter is not None:
            index, title = chapter
            self.canv.bookmarks.append((self.page, f"kapitel{index + 1}", title))
            self.chapter_pages[index] = self.page


def _cover(report: Report, styles) -> list:
    story = [Spacer(1, 3 * cm), Paragraph(escape(report.association), styles["cover_org"]),
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


def report_story(report: Report, font: str, chapter_pages: dict[int, int]) -> list:
    """The flowables of the whole report, in reading order."""
    styles = _styles(font)
    story = _cover(report, styles)
    titles = [f"{number} {chapter.title}" for number, chapter in enumerate(report.chapters, 1)]
    story += [Paragraph("Innehåll", styles["h1"]), Contents(titles, font, chapter_pages),
              PageBreak()]
    for index, chapter in enumerate(report.chapters):
        heading = Paragraph(escape(titles[index]), styles["h1"])
        heading.chapter = (index, titles[index])
        story.append(heading)
        for block in chapter.blocks:
            story += _block(block, styles, font)
    while isinstance(story[-1], Spacer):  # a spacer that does not fit would add a blank page
        story.pop()
    return story


def _block(block, styles, font: str) -> list:
    if isinstance(block, Heading):
        return [Paragraph(escape(block.text), styles["h2"])]
    if isinstance(block, Text):
        return [Paragraph(escape(block.text), styles["note" if block.note else "body"])]
    if isinstance(block, Bullets):
        return [Paragraph(escape(item), styles["bullet"], bulletText="•") for item in block.items] \
            + [Spacer(1, 4)]
    if isinstance(block, Table):
        flow = [FastTable(measure(block, font, FRAME_WIDTH))]
        if block.caption:
            flow.append(Paragraph(escape(block.caption), styles["note"]))
        return flow + [Spacer(1, 6)]
    if isinstance(block, Chart):
        return [draw_chart(block, FRAME_WIDTH, font), Spacer(1, 18)]
    raise TypeError(f"unknown block {block!r}")


def write_report_pdf(report: Report, target: Path) -> None:
    """Lay out `report` into the PDF file `target` (written directly; see `render_report`)."""
    font = register_fonts()
    rl_config.useA85 = 0  # ASCII85 is pure Python here and only makes the file bigger
    chapter_pages: dict[int, int] = {}
    document = _ReportTemplate(
        str(target), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=2 * cm,
        bottomMargin=2.2 * cm, title=f"{report.title} – {report.association}",
        author=report.association, subject=report.title, lang="sv", creator="FinSam Desktop",
        pageCompression=1, initialFontName=font, initialFontSize=10,
        chapter_pages=chapter_pages)
    document.build(report_story(report, font, chapter_pages),
                   canvasmaker=numbered_canvas(report.association, font))


def render_report(plan, outcome, target: Path, unit: str | None = None,
                  force: bool = False) -> None:
    """Build and write the plan report all-or-nothing: an interrupted run leaves no half PDF."""
    from ..storage.exchange_file import atomic_output
    from .content import build_report
    report = build_report(plan, outcome, unit)
    with atomic_output(Path(target), force=force) as temp:
        write_report_pdf(report, temp)
