"""A written report leaves its structure tree, its encoded texts and its document's objects
to reference counting, not to the cycle collector (half a second at 50 000 interventions,
spent after the file is done) — except where no collector runs: a command's process ends
right after its report, so breaking the cycles there would be time for nothing (the
command says so: `free=False`)."""

from __future__ import annotations

import gc
from collections.abc import Callable

from finsam_desktop.domain.outcome import compute
from finsam_desktop.reports.pdf import render_report
from finsam_desktop.reports.tagging import Node
from finsam_desktop.services.exports import report_file, write_report
from tests.conftest import load_plan


def _garbage(write: Callable[[], object], collector: bool) -> list[object]:
    """What the cycle collector finds after `write`, run with the collector on or off."""
    gc.collect()
    was = gc.isenabled()
    (gc.enable if collector else gc.disable)()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        write()
        gc.collect()
        return list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        (gc.enable if was else gc.disable)()


def _nodes(garbage: list[object]) -> int:
    return len([o for o in garbage if type(o) is Node])


def test_nothing_of_the_tags_or_the_table_texts_waits_for_the_cycle_collector(tmp_path):
    plan = load_plan("skaraborg-2026")
    outcome = compute(plan)
    garbage = _garbage(lambda: render_report(plan, outcome, tmp_path / "plan.pdf"), False)
    assert (tmp_path / "plan.pdf").stat().st_size > 10_000
    assert _nodes(garbage) <= 1  # the (empty) document root
    encoded = [o for o in garbage if type(o) is list and len(o) == 1 and type(o[0]) is tuple
               and len(o[0]) == 2 and all(type(x) is str for x in o[0])
               and o[0][0].endswith(" Tf")]
    assert not encoded
    assert not [o for o in garbage if type(o).__name__ in ("PDFPage", "PDFStream", "Job")]


def test_the_window_s_report_frees_its_cycles_where_the_collector_runs(tmp_path):
    plan = load_plan("skaraborg-2026")
    outcome = compute(plan)
    garbage = _garbage(lambda: write_report(plan, outcome, tmp_path / "plan.pdf"), True)
    assert (tmp_path / "plan.pdf").stat().st_size > 10_000
    assert _nodes(garbage) <= 1


def test_a_report_told_not_to_free_leaves_its_cycles_to_the_process_end(tmp_path):
    plan = load_plan("skaraborg-2026")
    outcome = compute(plan)
    left = _garbage(lambda: write_report(plan, outcome, tmp_path / "a.pdf", free=False), False)
    assert _nodes(left) > 100  # the tree as it was drawn: nothing spent on breaking it
    assert [o for o in left if type(o).__name__ == "PDFPage"]
    freed = _garbage(lambda: write_report(plan, outcome, tmp_path / "b.pdf"), False)
    assert _nodes(freed) <= 1
    assert (tmp_path / "a.pdf").read_bytes()[:400] == (tmp_path / "b.pdf").read_bytes()[:400]


def test_the_report_command_leaves_its_cycles_and_report_file_frees_them(tmp_path, plan_file):
    from finsam_desktop.cli import main
    path = plan_file()
    command = _garbage(lambda: main(["report", str(path), "-o", str(tmp_path / "c.pdf")]), False)
    assert _nodes(command) > 100  # its process runs no collector and ends (cli.run)
    service = _garbage(lambda: report_file(path, tmp_path / "s.pdf"), True)
    assert _nodes(service) <= 1
