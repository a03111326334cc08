"""Plan JSON documents on disk, and writing any output file all-or-nothing."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Iterator

from ..domain.exchange import PlanFormatError, plan_from_document, plan_to_document
from ..domain.plan import Plan
from .errors import PlanFileError, reading, reason


@contextlib.contextmanager
def atomic_output(target: Path, force: bool = False) -> Iterator[Path]:
    """A temporary path beside `target`, renamed into place only if the block succeeds.

    An interrupted or failed write leaves no file at `target` (or the old one).
    """
    target = Path(target)
    if target.exists() and not force:
        raise PlanFileError(f"{target.name} finns redan. Välj ett annat namn eller använd --force.")
    if target.is_dir():
        raise PlanFileError(f"{target.name} är en mapp.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise PlanFileError(f"Mappen {folder} finns inte.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise PlanFileError(f"Kan inte skriva i mappen {folder}: {reason(error)}.") from None
    os.close(handle)
    temp = Path(temp_name)
    temp.unlink()
    try:
        yield temp
        _fsync(temp)
        os.replace(temp, target)
    except (OSError, sqlite3.Error) as error:
        raise PlanFileError(f"{target.name} kunde inte skrivas: {reason(error)}.") from None
    finally:
        for leftover in (temp, Path(str(temp) + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_plan_json(path: Path) -> Plan:
    """A plan from an exchange document; PlanFileError names the bad value."""
    path = Path(path)
    try:
        with reading(path):
            text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise PlanFileError(f"{path.name} är inte en UTF-8-textfil.") from None
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except ValueError as error:
        line = getattr(error, "lineno", None)
        where = f" (rad {line})" if line else ""
        raise PlanFileError(f"{path.name} är ingen giltig JSON{where}.") from None
    try:
        return plan_from_document(document)
    except PlanFormatError as error:
        raise PlanFileError(f"{path.name}: {error}") from None
    except RecursionError:
        raise PlanFileError(f"{path.name} är för djupt nästlad för att vara en plan.") from None


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number")


def plan_json_text(plan: Plan) -> str:
    return json.dumps(plan_to_document(plan), ensure_ascii=False, indent=2) + "\n"


def write_plan_json(plan: Plan, target: Path, force: bool = False) -> None:
    with atomic_output(target, force) as temp:
        temp.write_text(plan_json_text(plan), encoding="utf-8")
