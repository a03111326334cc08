"""The follow-up report (same layout as the plan report) is tagged as well: pdfua finds
nothing, and its tables and headings read back as they should."""

from __future__ import annotations

from dataclasses import replace

from pdfua import validate

from finsam_desktop.domain.outcome import compute
from finsam_desktop.domain.plan import FollowUp, Period
from finsam_desktop.reports.follow_up import build_follow_up_report
from finsam_desktop.reports.pdf import write_report_pdf
from tests.conftest import load_plan
from tests.reports.tagging_reader import TaggedPdf


def follow_up_plan():
    plan = load_plan("skaraborg-2026")
    cost, intervention = plan.costs[0], plan.interventions[0]
    period = Period(id=plan.next_id(), name="Tertial 1", end="2026-04-30",
                    actuals={("costs", cost.id): 1_100_000,
                             ("interventions", intervention.id): 2_000_000},
                    forecast={("costs", cost.id): 3_400_000},
                    comments={("costs", cost.id): "Ny tjänst från maj & <fler> i höst."})
    return replace(plan, follow_up=FollowUp(periods=(period,)))


def test_the_follow_up_report_is_tagged(tmp_path):
    plan = follow_up_plan()
    path = tmp_path / "uppfoljning.pdf"
    write_report_pdf(build_follow_up_report(plan, compute(plan), "Tertial 1"), path)
    report = validate(str(path))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert report.skipped == ()
    pdf = TaggedPdf(path)
    assert all(unmarked == [] for unmarked in pdf.unmarked)
    assert pdf.tagged_text().split() == pdf.visible_text().split()
    tables = pdf.elements("Table")
    assert len(tables) >= 2
    for table in tables:
        head = [c for c in table.children if c.role == "THead"]
        assert len(head) == 1 and all(cell.role == "TH" for cell in head[0].children[0].children)
    assert "Ny tjänst från maj & <fler> i höst." in " ".join(
        pdf.mcid_text()[key] for e in pdf.elements("LBody") for key in e.mcids())
