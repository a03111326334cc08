"""The jobs that write a plan file: import a plan JSON, next year's plan, new keys, restore."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import UserFacingError
from ..domain.plan import Plan
from ..domain.population import PopulationImport
from ..domain.rollover import RolloverSummary
from ..storage.errors import PlanFileError, reason
from ..storage.lock import LockHolder
from .output import refuse_early, write_output


def import_plan(source: str | Path, target: str | Path, force: bool = False) -> Plan:
    """A new plan file `target` from the plan JSON `source`; the plan it holds."""
    from ..storage.exchange_file import read_plan_json
    from ..storage.planfile import create
    refuse_early(target, force=force, sources=[source])
    plan = read_plan_json(Path(source))
    write_output(target, lambda temp: create(temp, plan), force=force, sources=[source])
    return plan


def new_year(source: str | Path, target: str | Path, year: int | None = None,
             force: bool = False) -> tuple[Plan, RolloverSummary]:
    """Next year's plan file from last year's (read as untrusted and never changed)."""
    from ..domain.outcome import compute
    from ..domain.rollover import roll_forward
    from ..storage.planfile import create
    from ..storage.rollover import read_last_year
    source, target = Path(source), Path(target)
    if target.exists() and target.resolve() == source.resolve():
        raise PlanFileError("Den nya planen kan inte sparas över fjolårets fil. "
                            "Välj ett annat namn.")
    refuse_early(target, force=force, sources=[source])
    old = read_last_year(source)
    new_plan, summary = roll_forward(old, compute(old), year)
    new_plan = with_checklist(new_plan, summary)
    write_output(target, lambda temp: create(temp, new_plan), force=force, sources=[source])
    return new_plan, summary


def with_checklist(plan: Plan, summary: RolloverSummary) -> Plan:
    """The rollover's "Att göra nu" kept in the new plan as checklist items until ticked off."""
    from dataclasses import replace

    from ..domain.plan import ChecklistItem
    first = plan.next_id()
    items = tuple(ChecklistItem(first + n, text) for n, text in enumerate(summary.to_check))
    return replace(plan, checklist=plan.checklist + items)


@dataclass(frozen=True)
class KeysResult:
    """What `update_keys` read and, when `result.ok`, wrote."""

    result: PopulationImport
    written: bool


def read_only_reason(path: Path, holder: LockHolder | None) -> str:
    """Why a plan opened read-only: who holds it, or which of file and folder is protected."""
    if holder is not None:
        return f"{path.name} är öppnad av {holder.describe()}"
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(folder, os.W_OK):
        return f"mappen {folder.name or folder} är skrivskyddad"
    return f"{path.name} är skrivskyddad"


def update_keys(path: str | Path, population_file: str | Path, source_text: str) -> KeysResult:
    """Set the municipalities' populations from an SCB export, in one commit, or not at all."""
    from ..domain.population import apply_population, read_population
    from ..storage.document import PlanDocument
    from ..storage.population_file import read_population_rows
    path = Path(path)
    rows = read_population_rows(Path(population_file))
    with PlanDocument.open(path) as document:
        if document.read_only:
            why = read_only_reason(path, document.holder)
            raise PlanFileError(f"{why[0].upper()}{why[1:]}; nycklarna ändrades inte.")
        result = read_population(document.plan, rows)
        if not result.ok:
            return KeysResult(result, written=False)
        try:
            new_plan = apply_population(document.plan, result.matches, source_text)
        except UserFacingError as error:
            raise PlanFileError(str(error)) from None
        document.commit(new_plan)
    return KeysResult(result, written=True)


def restore(path: str | Path, backup: str | Path) -> Path | None:
    """Put a backup back as `path`; the copy kept of the state it replaced (see storage.backup)."""
    from ..storage.backup import restore_backup
    return restore_backup(Path(path), Path(backup))


def fresh_example(source: str | Path, folder: str | Path) -> Path:
    """A new plan file from the bundled example `source` in `folder`, beside (never over) any
    earlier copy, so each *Öppna exempelplan* starts from the example as shipped."""
    source, folder = Path(source), Path(folder)
    stem = source.name.removesuffix(".plan.json") + "-exempel"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PlanFileError(f"Mappen {folder} kunde inte skapas: {reason(error)}.") from None
    target, number = folder / f"{stem}.finsam", 1
    while target.exists():
        number += 1
        target = folder / f"{stem}-{number}.finsam"
    import_plan(source, target)
    return target
