"""The jobs that write what a plan says: the report (PDF), the workbook (xlsx), the plan JSON.

Each takes the plan in memory (the window's) or, through `open_plan`, a plan file
(the command line's), and writes through `output.write_output`.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..domain.outcome import Outcome
from ..domain.plan import Plan
from ..storage.errors import PlanFileError
from .output import refuse_early, write_output

Sources = Iterable[str | Path]

EXPORT_SUFFIXES = (".json", ".xlsx")


@contextlib.contextmanager
def without(*modules: str) -> Iterator[None]:
    """Import what the block imports as if `modules` were not installed, then show them again.

    openpyxl imports numpy whenever it is installed, only to accept numpy values, which a
    workbook of ours never holds: tens of milliseconds of a command. openpyxl treats the
    absence as normal. Modules already loaded stay loaded. (reportlab 5 needs PIL.)
    """
    hidden = [name for name in modules if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # "import name" fails fast
    try:
        yield
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


@contextlib.contextmanager
def open_plan(path: str | Path) -> Iterator[tuple[Plan, Outcome]]:
    """The plan in a plan file and its outcome, read-only (the file is never changed)."""
    from ..storage.document import PlanDocument
    with PlanDocument.open(Path(path), read_only=True) as document:
        yield document.plan, document.outcome


def _suffixed(target: Path, suffix: str, what: str) -> None:
    if target.suffix.lower() != suffix:
        raise PlanFileError(f"{what} skrivs som {suffix[1:].upper()}: ge målfilen ändelsen "
                            f"{suffix} (inte {target.suffix or 'ingen ändelse'}).")


@contextlib.contextmanager
def _no_cycle_collector() -> Iterator[None]:
    """The plan and the layout are many objects without cycles; the collector's passes over
    them were about a tenth of a large report's time. Refcounting still frees memory."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def write_report(plan: Plan, outcome: Outcome, target: str | Path, unit: str | None = None,
                 force: bool = False, sources: Sources = (), free: bool = True) -> Path:
    """The plan report as a PDF at `target`.

    `free`: break the layout's reference cycles once the file is written, so that the
    cycle collector need not look for them (half a second of it at 50 000 interventions).
    A command's process runs no collector and ends right after (`cli.run`): it passes
    False, since breaking them costs a large report 0,1 s there.
    """
    from ..reports.content import build_report
    from ..reports.pdf import write_report_pdf
    target = Path(target)
    _suffixed(target, ".pdf", "Rapporten")
    with _no_cycle_collector():
        report = build_report(plan, outcome, unit)
        write_output(target, lambda temp: write_report_pdf(report, temp, free), force=force,
                     sources=sources)
    return target


def write_excel(plan: Plan, outcome: Outcome, target: str | Path, unit: str | None = None,
                force: bool = False, sources: Sources = ()) -> Path:
    """The Medlemmar/Insatser/Ekonomi workbook at `target`."""
    with without("numpy"):
        from ..reports.excel import write_workbook
    target = Path(target)
    _suffixed(target, ".xlsx", "Tabellerna")
    write_output(target, lambda temp: write_workbook(plan, outcome, temp, unit=unit),
                 force=force, sources=sources)
    return target


def write_json(plan: Plan, target: str | Path, force: bool = False,
               sources: Sources = ()) -> Path:
    """The plan as an exchange document (finsam-plan JSON) at `target`."""
    from ..storage.exchange_file import plan_json_text
    target = Path(target)
    _suffixed(target, ".json", "Planen")
    text = plan_json_text(plan)
    def write(temp: Path) -> None:
        temp.write_text(text, encoding="utf-8")
    write_output(target, write, force=force, sources=sources)
    return target


def export_file(path: str | Path, target: str | Path, unit: str | None = None,
                force: bool = False) -> Path:
    """The plan file `path` exported to `target`, as JSON or xlsx by the target's suffix."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise PlanFileError(f"Okänd filtyp {suffix or '(ingen)'}: exportera till .json "
                            "eller .xlsx.")
    refuse_early(target, force=force, sources=[path])
    with open_plan(path) as (plan, outcome):
        if suffix == ".json":
            return write_json(plan, target, force=force, sources=[path])
        return write_excel(plan, outcome, target, unit=unit, force=force, sources=[path])


def report_file(path: str | Path, target: str | Path, unit: str | None = None,
                force: bool = False, free: bool = True) -> Path:
    """The report of the plan file `path` written to `target` (a PDF; `free`: as
    `write_report`)."""
    _suffixed(Path(target), ".pdf", "Rapporten")
    refuse_early(target, force=force, sources=[path])
    with _no_cycle_collector(), open_plan(path) as (plan, outcome):
        return write_report(plan, outcome, target, unit=unit, force=force, sources=[path],
                            free=free)
