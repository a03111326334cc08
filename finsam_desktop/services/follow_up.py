"""The follow-up's file jobs: actuals from an SIE (or CSV/xlsx) file into a plan file's
period, and the tertial report as a PDF. The same safety as the other jobs: the source file
is only read, the plan is changed in one commit or not at all, output is all-or-nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import UserFacingError
from ..domain.follow_up import PERIOD_PRESETS
from ..domain.follow_up_import import ImportPreview
from ..domain.outcome import Outcome
from ..domain.plan import Plan
from ..storage.errors import PlanFileError
from .exports import _suffixed, open_plan
from .output import refuse_early, write_output

if TYPE_CHECKING:
    from ..storage.sie import SieBook


@dataclass(frozen=True)
class ActualsDone:
    """What `import_actuals_file` wrote: into which period, and what each line got."""

    plan: Plan
    period_name: str
    end: str
    created: bool
    preview: ImportPreview


def _period(plan: Plan, name: str, end: str | None) -> tuple[Plan, int, bool]:
    """The period called `name`, created (with `end`, or a preset's end) when missing."""
    from ..domain import follow_up_edits as fe
    for period in plan.follow_up.periods:
        if period.name.casefold() == name.strip().casefold():
            if end is not None and end != period.end:
                raise PlanFileError(f"Perioden {period.name} slutar {period.end}, inte {end}. "
                                    "Utelämna --end eller ange periodens eget slutdatum.")
            return plan, period.id, False
    if end is None:
        preset = {n.casefold(): (m, d) for n, m, d in PERIOD_PRESETS}.get(name.strip().casefold())
        if preset is None:
            raise PlanFileError(f"Planen har ingen period som heter ”{name}”. Ange --end "
                                "ÅÅÅÅ-MM-DD för att lägga till den.")
        end = f"{plan.plan_year}-{preset[0]:02d}-{preset[1]:02d}"
    plan, ident = fe.add_period(plan, name, end)
    return plan, ident, True


def _prepared(plan: Plan, period_name: str, end: str | None) -> tuple[Plan, int, bool]:
    plan, period_id, created = _period(plan, period_name, end)
    if not plan.follow_up.accounts:
        raise PlanFileError("Planen har ingen koppling av konton till rader ännu. Koppla "
                            "kontona en gång i fönstret (Uppföljning → Importera utfall "
                            "från SIE…).")
    return plan, period_id, created


def import_actuals_file(path: str | Path, source: str | Path, period_name: str,
                        end: str | None = None) -> ActualsDone:
    """Set a period's actuals in the plan file `path` from `source` through the plan's
    account mapping, in one commit. The plan and the file are checked first with the plan
    file opened read-only, so a refused file or plan leaves it byte for byte as it was."""
    from ..domain.follow_up_edits import find_period
    from ..domain.follow_up_import import import_actuals
    from ..storage.account_file import read_actuals_file
    from ..storage.document import PlanDocument
    from .plans import read_only_reason
    path = Path(path)
    try:
        with open_plan(path) as (plan, _outcome):
            plan, period_id, _created = _prepared(plan, period_name, end)
            period_end = find_period(plan, period_id).end
            year = plan.plan_year
        book = read_actuals_file(Path(source), year, period_end)
        with PlanDocument.open(path) as document:
            if document.read_only:
                why = read_only_reason(path, document.holder)
                raise PlanFileError(f"{why[0].upper()}{why[1:]}; utfallet lästes inte in.")
            plan, period_id, created = _prepared(document.plan, period_name, end)
            period = find_period(plan, period_id)
            if (plan.plan_year, period.end) != (year, period_end):
                raise PlanFileError(f"{path.name} ändrades medan utfallet lästes; försök igen.")
            new_plan, preview = import_actuals(plan, period_id, book.sums, book.names)
            document.commit(new_plan)
    except PlanFileError:
        raise
    except UserFacingError as error:
        raise PlanFileError(str(error)) from None
    return ActualsDone(new_plan, period.name, period.end, created, preview)


def write_follow_up_report(plan: Plan, outcome: Outcome, target: str | Path, period_name: str,
                           unit: str | None = None, force: bool = False,
                           sources: Sequence[str | Path] = ()) -> Path:
    """The tertial report of `period_name` as a PDF at `target`."""
    from ..reports.follow_up import build_follow_up_report
    from ..reports.pdf import write_report_pdf
    target = Path(target)
    _suffixed(target, ".pdf", "Rapporten")
    try:
        report = build_follow_up_report(plan, outcome, period_name, unit)
    except UserFacingError as error:
        raise PlanFileError(str(error)) from None
    write_output(target, lambda temp: write_report_pdf(report, temp), force=force,
                 sources=sources)
    return target


def follow_up_report_file(path: str | Path, target: str | Path, period_name: str,
                          unit: str | None = None, force: bool = False) -> Path:
    """The tertial report of the plan file `path` (read-only) at `target`."""
    _suffixed(Path(target), ".pdf", "Rapporten")
    refuse_early(target, force=force, sources=[path])
    with open_plan(path) as (plan, outcome):
        return write_follow_up_report(plan, outcome, target, period_name, unit=unit,
                                      force=force, sources=[path])


def read_actuals(source: str | Path, year: int, end: str) -> SieBook:
    """The sums per account of an SIE file (or a CSV/xlsx of account and amount) for 1
    January `year` to `end`; the file is only read."""
    from ..storage.account_file import read_actuals_file
    return read_actuals_file(Path(source), year, end)
