"""Last year's file, read as untrusted input for *Nytt år*.

Last year's file may come from anywhere (a colleague, an e-mail). It is opened
through `planfile.connect(read_only=True)`: a `mode=ro` URI, `trusted_schema`
off, `quick_check`, triggers, views and virtual tables refused, and copied into
memory where older schema versions are upgraded. Nothing is ever written to it.

Writing next year's file is `services.plans.new_year`'s job (own-input refusal, the
target's lock, a backup of a plan it replaces, atomic output): no second writer here.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.plan import Plan
from .planfile import connect, read_plan


def read_last_year(path: str | Path) -> Plan:
    """The plan in last year's file, read without writing or trusting anything in it."""
    path = Path(path)
    conn = connect(path, read_only=True)
    try:
        return read_plan(conn, path.name)
    finally:
        conn.close()


def suggested_name(source: str | Path, year: int) -> Path:
    """"sormland-2027.finsam" beside "sormland-2026.finsam"; else "<name>-2027.finsam"."""
    source = Path(source)
    stem = source.stem
    old = str(year - 1)
    stem = stem.replace(old, str(year)) if old in stem else f"{stem}-{year}"
    return source.with_name(stem + ".finsam")
