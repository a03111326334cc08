"""Edit-to-view: one committed cell edit until the real window's views have repainted.

The timed step is what happens when the user presses Enter in an amount cell:
`PlanModel.edit` (the pure edit, the recompute, the `changed` signal and every tab's
refresh) and the event loop's repaint of the visible tab. The window writes right after
the frame; that write is done before the next edit, untimed, as between a user's
keystrokes. `slow_disk` delays every commit by 20 ms (a disk other processes write to):
the frame must not notice. The window runs offscreen in this process.
"""

from __future__ import annotations

import time
from pathlib import Path

from .timing import Stats
from .window_shown import shown_window

SLOW_COMMIT = 0.020


def measure_edits(path: Path, runs: int, slow_disk: bool = False) -> Stats:
    from PySide6.QtWidgets import QApplication

    from finsam_desktop.domain import edits

    with shown_window(path) as (window, _):
        model = window.model
        if slow_disk:
            flush = model.document.flush

            def slow_flush(flush=flush):
                time.sleep(SLOW_COMMIT)
                return flush()
            model.document.flush = slow_flush
        plan = model.plan
        year = plan.plan_year
        if plan.interventions:
            target = plan.interventions[len(plan.interventions) // 2]
            window.tabs.setCurrentWidget(window.tabs_by_key["interventions"])
            start = target.amounts.get(year, 0)
            change = (edits.set_year_value, "interventions", target.id, "amounts", year)
        else:
            target = next(m for m in plan.members if m.kind == "municipality")
            window.tabs.setCurrentWidget(window.tabs_by_key["members"])
            start = target.key_for(year) or 0
            change = (edits.set_year_value, "members", target.id, "key", year)
        QApplication.processEvents()
        samples = []
        for run in range(runs + 2):  # two warm-up edits
            value = start + 1000 * (run + 1)
            began = time.perf_counter()
            refused = model.edit("Belopp", *change, value).refusal
            QApplication.processEvents()
            elapsed = time.perf_counter() - began
            if refused:
                raise RuntimeError(refused)
            if run >= 2:
                samples.append(elapsed)
            failed = model.flush().refusal  # the write after the frame, untimed
            if failed:
                raise RuntimeError(failed)
            QApplication.processEvents()  # and its "Allt är sparat", untimed too
    return Stats(tuple(samples))
