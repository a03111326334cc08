"""A new plan file from last year's: read the old file as untrusted, roll, write a new file.

Last year's file may come from anywhere (a colleague, an e-mail). It is opened
through `planfile.connect(read_only=True)`: a `mode=ro` URI, `trusted_schema`
off, `quick_check`, triggers, views and virtual tables refused, and copied into
memory where older schema versions are upgraded. Nothing is ever written to it.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.outcome import compute
from ..domain.plan import Plan
from ..domain.rollover import RolloverError, RolloverSummary, roll_forward
from .errors import PlanFileError
from .exchange_file import atomic_output
from .planfile import connect, create, read_plan


def read_last_year(path: str | Path) -> Plan:
    """The plan in last year's file, read without writing or trusting anything in it."""
    path = Path(path)
    conn = connect(path, read_only=True)
    try:
        return read_plan(conn, path.name)
    finally:
        conn.close()


def roll_file(source: str | Path, target: str | Path, year: int | None = None,
              force: bool = False) -> tuple[Plan, RolloverSummary]:
    """Write next year's plan from `source` to `target`; returns the new plan and the summary.

    `target` must not exist unless `force`; it can never be `source` itself.
    """
    source, target = Path(source), Path(target)
    if target.exists() and target.resolve() == source.resolve():
        raise PlanFileError("Den nya planen kan inte sparas över fjolårets fil. "
                            "Välj ett annat namn.")
    plan = read_last_year(source)
    try:
        new_plan, summary = roll_forward(plan, compute(plan), year)
    except RolloverError as error:
        raise PlanFileError(str(error)) from None
    with atomic_output(target, force=force) as temp:
        create(temp, new_plan)
    return new_plan, summary


def suggested_name(source: str | Path, year: int) -> Path:
    """"sormland-2027.finsam" beside "sormland-2026.finsam"; else "<name>-2027.finsam"."""
    source = Path(source)
    stem = source.stem
    old = str(year - 1)
    if old in stem:
        stem = stem.replace(old, str(year))
    else:
        stem = f"{stem}-{year}"
    return source.with_name(stem + ".finsam")
