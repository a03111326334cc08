"""Every page's footer names its own page and the association, cut to the room beside it,
also where the footer's operators are written again from the first page's."""

from __future__ import annotations

import re
from dataclasses import replace

from pypdf import PdfReader

from benchmarks.synthetic import synthetic_plan
from finsam_desktop.domain.outcome import compute
from finsam_desktop.reports.fonts import register_fonts
from finsam_desktop.reports.pdf import FRAME_WIDTH, render_report
from finsam_desktop.reports.wrapping import fit_line, stringWidth


def test_each_footer_has_its_page_number_and_the_name_cut_for_it(tmp_path):
    name = "Samordningsförbundet " + "Mycket Långa Namnets Kommuner och Region " * 3
    plan = replace(synthetic_plan(municipalities=12, interventions=260, span=2),
                   association=name)
    render_report(plan, compute(plan), tmp_path / "plan.pdf")
    pages = [page.extract_text() for page in PdfReader(str(tmp_path / "plan.pdf")).pages]
    total = len(pages)
    assert total >= 10  # pages 1-9 and 10- have page numbers of different widths
    font = register_fonts()
    for number, text in enumerate(pages, start=1):
        page = f"Sida {number} av {total}"
        cut = fit_line(name, font, 8, FRAME_WIDTH - stringWidth(page, font, 8) - 20)
        assert cut.endswith("…")
        text = re.sub(r"\s+", " ", text)
        assert page in text
        assert re.sub(r"\s+", " ", cut) in text
