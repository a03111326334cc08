"""A long report (beyond `tagging_file.FAST_PAGES`) is written faster, not differently:
the same page content and structure, still valid PDF/UA."""

from __future__ import annotations

import pikepdf
from pdfua import validate

from finsam_desktop.domain.outcome import compute
from finsam_desktop.reports import tagging_file, tagging_table
from finsam_desktop.reports.pdf import render_report
from tests.conftest import load_plan
from tests.reports.tagging_reader import TaggedPdf


def test_a_long_report_has_the_same_pages_and_tags_with_faster_compression(tmp_path, monkeypatch):
    plan = load_plan("vastra-ostergotland-2026")
    render_report(plan, compute(plan), tmp_path / "usual.pdf")
    monkeypatch.setattr(tagging_file, "FAST_PAGES", 0)
    render_report(plan, compute(plan), tmp_path / "long.pdf")
    assert validate(str(tmp_path / "long.pdf")).findings == ()
    usual, long = pikepdf.open(tmp_path / "usual.pdf"), pikepdf.open(tmp_path / "long.pdf")
    assert len(usual.pages) == len(long.pages) > 1
    for ours, theirs in zip(long.pages, usual.pages, strict=True):
        assert ours.Contents.read_bytes() == theirs.Contents.read_bytes()
    def tree(path):
        return [(e.role, [c if c[0] == "mcid" else c[0] for c in e.children
                          if not hasattr(c, "role")]) for e in TaggedPdf(path).elements()]
    assert tree(tmp_path / "long.pdf") == tree(tmp_path / "usual.pdf")
    assert (tmp_path / "long.pdf").read_bytes() != (tmp_path / "usual.pdf").read_bytes()


def test_the_shared_cell_openers_are_never_changed_by_a_row(tmp_path):
    plan = load_plan("sjuharad-2025")
    render_report(plan, compute(plan), tmp_path / "plan.pdf")
    for role, openers in tagging_table._OPENERS.items():
        assert openers == [f"/{role} <</MCID {n}>> BDC" for n in range(len(openers))]
