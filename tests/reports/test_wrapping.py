"""Table cells break into the same lines as the plain algorithm measured with `stringWidth`."""

from __future__ import annotations

import random

from finsam_desktop.reports import wrapping
from finsam_desktop.reports.fonts import BOLD, register_fonts
from finsam_desktop.reports.wrapping import _break_word, stringWidth, wrap_lines


def reference(text: str, font: str, size: float, width: float) -> list[str]:
    """The algorithm as first written: every width through `stringWidth`."""
    lines: list[str] = []
    space = stringWidth(" ", font, size)
    for paragraph in text.split("\n"):
        if stringWidth(paragraph, font, size) <= width:
            lines.append(paragraph)
            continue
        current, current_width = "", 0.0
        for word in paragraph.split():
            word_width = stringWidth(word, font, size)
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


WORDS = ["Arbetsförmedlingen", "och", "Försäkringskassan", "insats", "−1 234", "kr", "ÅÄÖ",
         "Samordningsförbundet" * 3, "a", "", "☀", "x<y", "Ωμέγα", "\u00a0", "日本"]


def test_wrapped_lines_are_the_reference_lines_for_any_text_and_width(monkeypatch):
    font = register_fonts()
    rng = random.Random(14)
    for case in range(600):
        if case % 50 == 0:  # now and then, characters not measured yet
            monkeypatch.setattr(wrapping, "_WIDTHS", {})
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 14)))
        if rng.random() < 0.3:
            text = text.replace(" ", "\n", 1)
        size, width = rng.choice([7.0, 7.5, 8.5]), rng.uniform(10, 300)
        for face in (font, BOLD):
            assert wrap_lines(text, face, size, width) == reference(text, face, size, width), \
                (text, face, size, width)
