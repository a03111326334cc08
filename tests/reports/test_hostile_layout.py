"""Issue #10 item 7: a cell taller than a page, huge totals, control characters: never a crash."""

from __future__ import annotations

from dataclasses import replace

import openpyxl
import pytest
from pypdf import PdfReader

from finsam_desktop.domain.outcome import compute
from finsam_desktop.domain.plan import Section
from finsam_desktop.reports.charts import nice_ticks
from finsam_desktop.reports.excel import write_workbook
from finsam_desktop.reports.pdf import render_report
from tests.conftest import load_plan


def _cases():
    base = load_plan("sjuharad-2025")
    first = base.interventions[0]
    return {
        "5000-character intervention name": replace(
            base, interventions=(replace(first, name="ord " * 1250),) + base.interventions[1:]),
        "1600-character words": replace(
            base, interventions=(replace(first, name="x" * 1600, owner="y" * 1600,
                                         municipality="z" * 1600),) + base.interventions[1:]),
        "10000-character section title": replace(base, sections=(Section(1, "t" * 10_000, "text"),)),
        "10000-character title of words": replace(base, sections=(Section(1, "titel " * 2000, "x"),)),
        "5000-character member": replace(base, members=(replace(base.members[0], name="m" * 5000),)
                                         + base.members[1:]),
        "10000-character association": replace(base, association="a" * 10_000),
        "control characters": replace(base, association="För\x00bund\x1b[2J",
                                      sections=(Section(1, "Ti\x07tel", "te\x08xt"),),
                                      members=(replace(base.members[0], name="M\x01\x7f"),)
                                      + base.members[1:]),
    }


CASES = _cases()


@pytest.mark.parametrize("case", list(CASES))
def test_the_report_wraps_or_splits_instead_of_raising_a_layout_error(case, tmp_path):
    plan = CASES[case]
    target = tmp_path / "plan.pdf"
    render_report(plan, compute(plan), target)
    reader = PdfReader(str(target))
    assert len(reader.pages) >= 3
    for page in reader.pages:  # nothing drawn outside the page
        assert float(page.mediabox.width) < 600


def test_control_characters_print_as_the_replacement_character(tmp_path):
    plan = CASES["control characters"]
    target = tmp_path / "plan.pdf"
    render_report(plan, compute(plan), target)
    text = " ".join(page.extract_text() for page in PdfReader(str(target)).pages)
    assert "För\ufffdbund\ufffd[2J" in text and "Ti\ufffdtel" in text and "M\ufffd\ufffd" in text


@pytest.mark.parametrize("unit", ["kr", "tkr"])
def test_totals_of_ten_to_the_400_still_give_a_report_chart_and_workbook(unit, tmp_path):
    base = load_plan("skaraborg-2026")
    big = 10 ** 400
    plan = replace(base, equity=replace(base.equity, opening=big),
                   interventions=(replace(base.interventions[0], amounts={2026: big}),)
                   + base.interventions[1:])
    render_report(plan, compute(plan), tmp_path / "plan.pdf", unit=unit)
    write_workbook(plan, compute(plan), tmp_path / "plan.xlsx", unit=unit)
    sheet = openpyxl.load_workbook(tmp_path / "plan.xlsx")["Insatser"]
    assert any(isinstance(c.value, str) and c.value.startswith("1" + "0" * 300)
               for row in sheet.iter_rows() for c in row)


def test_axis_ticks_are_integers_for_any_size():
    assert nice_ticks(0, 10 ** 400)[-1] >= 10 ** 400
    assert nice_ticks(-1500, 6_000_000) == [-2_000_000, 0, 2_000_000, 4_000_000, 6_000_000]
    assert nice_ticks(0, 0) == [0, 200, 400, 600, 800, 1000]
