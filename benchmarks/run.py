"""`python -m benchmarks`: every speed and memory figure the issues ask for, as one table.

Each row is a median over repeated runs with its spread (min–max); a part of
the app that is not built yet shows as "saknas ännu" instead of failing.
Options: --quick (fewer runs), --only compute,report,..., --markdown.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the window benchmarks run headless

from . import cases  # noqa: E402
from .plans import LARGE, SYNTHETIC, Missing, example_names  # noqa: E402
from .sie_import import sie_import  # noqa: E402
from .timing import HostSteal, Stats, reference_loop  # noqa: E402

# (task, label, target per plan ("*": every other plan), unit, function, runs, quick runs)
MS, S, MB = "ms", "s", "MB"
TASKS = [
    ("compute", "Full omräkning", {"*": 0.020}, MS, cases.compute, 50, 15),
    ("recompute", "Omräkning efter ändring", {"*": 0.020}, MS, cases.recompute_after_edit, 50, 15),
    ("edit", "Redigering till vy", {"*": 0.016, LARGE: 0.050}, MS, cases.edit_to_view, 30, 10),
    ("edit_slow", "Redigering till vy, långsam disk", {"*": 0.016}, MS,
     cases.edit_to_view_slow_disk, 30, 10),
    ("sort", "Sortera Insatser", {"*": 0.50}, MS, cases.sort_interventions, 10, 3),
    ("open", "Öppna och visa", {"*": 1.5, SYNTHETIC: 1.0, LARGE: 2.5}, S, cases.open_and_show,
     5, 2),
    ("open_pause", "Öppna: längsta stopp i fönstret", {"*": 0.25}, MS, cases.open_pause, 5, 2),
    ("report", "Rapport (process)", {"*": 0.30, SYNTHETIC: 0.50, LARGE: 5.0}, S, cases.report,
     7, 3),
    ("report_pause", "Rapport: längsta stopp i fönstret", {"*": 0.25}, MS, cases.report_pause,
     5, 2),
    ("check", "Kontroll (process)", {"*": 0.25}, S, cases.check, 7, 3),
    ("help", "Hjälp (process)", {"*": 0.15}, S, cases.command_help, 7, 3),
    ("rollover", "Nytt år (process)", {"*": 1.0}, S, cases.rollover, 5, 2),
    ("sie", "SIE-import 100 000 rader", {"*": 2.0}, S, sie_import, 5, 2),
    ("memory", "Toppminne, fönster", {"*": 300e6}, MB, cases.peak_memory, 2, 1),
]
SCALE = {MS: 1000.0, S: 1.0, MB: 1e-6}
REFERENCE = "Referensslinga"
"""The last row: `timing.reference_loop` before each task and at the end, how fast the
machine was while the table was measured (no target: it is the yardstick)."""
LARGE_TASKS = {"edit": 10, "sort": 5, "open": 2, "open_pause": 2, "report": 2,
               "report_pause": 2}
"""Tasks also run on the 50 000-intervention plan (with this many runs: it is slow to make)."""
PLANLESS = {"help": "–"}
"""Tasks that read no plan: one row, its plan column shows this."""


def machine() -> str:
    """CPU model, core count and Python version, for the README."""
    model = "okänd processor"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or model
    return (f"{model}, {os.cpu_count()} kärnor, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def _fmt(value: float, unit: str) -> str:
    scaled = value * SCALE[unit]
    text = f"{scaled:.1f}" if unit in (MS, MB) else f"{scaled:.2f}"
    return text.replace(".", ",")


def _row(label: str, plan: str, target: float | None, unit: str,
         stats: Stats | None, note: str, steal: float | None = None) -> list[str]:
    if stats is None:
        return [label, plan, "–" if target is None else f"< {_fmt(target, unit)} {unit}",
                "", "", "", note, ""]
    low, high = stats.low, stats.high
    verdict = "" if target is None else ("OK" if stats.median < target else "ÖVER MÅLET")
    return [label, plan, "–" if target is None else f"< {_fmt(target, unit)} {unit}",
            f"{_fmt(stats.median, unit)} {unit}", f"{_fmt(low, unit)}–{_fmt(high, unit)} {unit}",
            str(len(stats.samples)), verdict, "–" if steal is None else f"{steal:.0%}".replace("%", " %")]


HEADER = ["Mätning", "Plan", "Mål", "Median", "Min–max", "n", "Bedömning", "Stöld"]
"""Stöld: the host's steal share while the row ran (see timing.HostSteal)."""


def _print_table(rows: list[list[str]], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(HEADER) + " |")
        print("|" + "|".join("---" for _ in HEADER) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    for row in [HEADER, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="färre upprepningar")
    parser.add_argument("--only", help="kommaseparerade mätningar: " +
                        ",".join(task[0] for task in TASKS))
    parser.add_argument("--plans", help="kommaseparerade planer (standard: alla fem)")
    parser.add_argument("--markdown", action="store_true", help="tabellen i Markdown")
    parser.add_argument("--no-large", action="store_true",
                        help="utan planen med 50 000 insatser (tar några minuter att göra)")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    plans = args.plans.split(",") if args.plans else [*example_names(), SYNTHETIC]
    rows = []
    speed: list[float] = []
    with tempfile.TemporaryDirectory(prefix="finsam-bench-") as temp:
        folder = Path(temp)
        for key, label, targets, unit, function, runs, quick in TASKS:
            if only and key not in only:
                continue
            speed.append(reference_loop())
            task_plans = list(plans) if key not in PLANLESS else [PLANLESS[key]]
            if key in LARGE_TASKS and not args.plans and not args.no_large:
                task_plans.append(LARGE)
            for plan in task_plans:
                target = targets.get(plan, targets.get("*"))
                count = quick if args.quick else runs
                if plan == LARGE:
                    count = min(count, LARGE_TASKS.get(key, count))
                steal = HostSteal()
                try:
                    if function in (cases.compute, cases.recompute_after_edit):
                        stats = function(plan, count)
                    else:
                        stats = function(plan, count, folder)
                    rows.append(_row(label, plan, target, unit, stats, "", steal.share()))
                except Missing as missing:
                    rows.append(_row(label, "alla", target, unit, None, f"saknas ännu ({missing})"))
                    break
                except Exception as error:  # noqa: BLE001 - a failed row is reported, not fatal
                    traceback.print_exc(file=sys.stderr)
                    rows.append(_row(label, plan, target, unit, None,
                                     f"fel: {type(error).__name__}: {str(error)[:120]}"))
                print(f"  {label}: {plan} klar", file=sys.stderr, flush=True)
    speed.append(reference_loop())
    rows.append(_row(REFERENCE, "–", None, MS, Stats(tuple(speed)), ""))
    print(f"Maskin: {machine()}")
    _print_table(rows, args.markdown)
    return 0
