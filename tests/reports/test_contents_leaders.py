"""The contents' leader dots start after the title, in the title's own font: a bold chapter line
measured with the regular font drew its dots over the title's end ("Vilka är vi?." read back)."""

from __future__ import annotations

import io

from reportlab.pdfbase.pdfmetrics import stringWidth

from finsam_desktop.reports.fonts import BOLD, register_fonts
from finsam_desktop.reports.pdf import FRAME_WIDTH, Contents
from finsam_desktop.reports.tagging import TaggedCanvas

ENTRIES = [(0, 1, "Vilka är vi?"), (1, 2, "Organisation"),
           (2, 1, "Strategi – hur ska vi uppnå det?"),
           (3, 1, "Fokusområden 2026 " + "och mycket mer som bryter raden " * 4)]


class Recording(TaggedCanvas):
    """A real canvas that also notes, per contents entry (form), every string drawn."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.forms: list[list[tuple[str, float, str, bool]]] = []

    def beginForm(self, *args, **kwargs):
        self.forms.append([])
        return super().beginForm(*args, **kwargs)

    def drawString(self, x, y, text, *args, **kwargs):
        self.forms[-1].append((self._fontname, x, text, False))
        return super().drawString(x, y, text, *args, **kwargs)

    def drawRightString(self, x, y, text, *args, **kwargs):
        self.forms[-1].append((self._fontname, x, text, True))
        return super().drawRightString(x, y, text, *args, **kwargs)


def test_leader_dots_never_reach_back_over_the_title_and_lines_fit_their_font():
    font = register_fonts()
    contents = Contents(ENTRIES, font, {0: 3, 1: 3, 2: 5, 3: 6})
    canvas = Recording(io.BytesIO())
    contents.draw_form(canvas)
    assert len(canvas.forms) == len(ENTRIES)
    size = Contents.SIZE
    for (_, level, title), drawn, lines in zip(ENTRIES, canvas.forms, contents.lines, strict=True):
        line_font = BOLD if level == 1 else font
        assert all(contents._indent(level) + stringWidth(line, line_font, size)
                   <= FRAME_WIDTH - 50 + 0.01 for line in lines)
        texts = [d for d in drawn if not d[3]]
        assert [t.strip() for _, _, t, _ in texts] == [line.strip() for line in lines]
        assert {f for f, _, _, _ in texts} == {line_font}
        last_font, x, last, _ = texts[-1]
        title_end = x + stringWidth(last.rstrip(), last_font, size)
        dots = [d for d in drawn if d[3] and set(d[2]) == {" ", "."}]
        assert len(dots) == 1, title
        dot_font, right, leaders, _ = dots[0]
        assert dot_font == line_font
        dot_start = right - stringWidth(leaders, dot_font, size)
        assert dot_start > title_end, f"{title!r}: dots at {dot_start:.1f}, title ends {title_end:.1f}"
