"""A written report leaves its structure tree, its encoded texts and its document's objects
to reference counting, not to the cycle collector (half a second at 50 000 interventions,
spent after the file is done)."""

from __future__ import annotations

import gc

from finsam_desktop.domain.outcome import compute
from finsam_desktop.reports.pdf import render_report
from finsam_desktop.reports.tagging import Node
from tests.conftest import load_plan


def test_nothing_of_the_tags_or_the_table_texts_waits_for_the_cycle_collector(tmp_path):
    plan = load_plan("skaraborg-2026")
    outcome = compute(plan)
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        render_report(plan, outcome, tmp_path / "plan.pdf")
        gc.collect()
        garbage = list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()
    assert (tmp_path / "plan.pdf").stat().st_size > 10_000
    assert len([o for o in garbage if type(o) is Node]) <= 1  # the (empty) document root
    encoded = [o for o in garbage if type(o) is list and len(o) == 1 and type(o[0]) is tuple
               and len(o[0]) == 2 and all(type(x) is str for x in o[0])
               and o[0][0].endswith(" Tf")]
    assert not encoded
    assert not [o for o in garbage if type(o).__name__ in ("PDFPage", "PDFStream", "Job")]
