"""`finsam-desktop report FILE.finsam -o PLAN.pdf [--unit kr|tkr] [--force]`.

Loaded by `finsam_desktop.cli`; imports nothing heavy until the command runs and
never imports Qt, so it works without a display and starts fast.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path


def _plan_document_class():
    """`PlanDocument`, imported without numpy when nothing has loaded it yet.

    sqlite-utils imports numpy whenever it is installed, only to accept numpy
    values as SQLite parameters; the report never stores any. Importing numpy
    is about 60 ms of a 0.6 s report run, so it is hidden for this one import
    (sqlite-utils treats its absence as normal) and visible again afterwards.
    """
    if "sqlite_utils" in sys.modules or "numpy" in sys.modules:
        from ..storage.document import PlanDocument
        return PlanDocument
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes "import numpy" fail fast
    try:
        from ..storage.document import PlanDocument
    finally:
        if "numpy" in sys.modules and sys.modules["numpy"] is None:
            del sys.modules["numpy"]
    return PlanDocument


def run_report(args: argparse.Namespace) -> int:
    """Write the plan report as a PDF; a bad file or target is one Swedish line, exit 1.

    The cycle collector is paused while it runs: the plan and the layout are
    hundreds of thousands of objects without cycles, and its passes over them
    were about a tenth of a large report's time. Refcounting still frees memory.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _write_report(args)
    finally:
        if paused:
            gc.enable()


def _write_report(args: argparse.Namespace) -> int:
    from ..cli import UserError
    PlanDocument = _plan_document_class()  # noqa: N806 - a class
    from .pdf import render_report
    target = Path(args.output)
    if target.suffix.lower() != ".pdf":
        raise UserError(f"Rapporten skrivs som PDF: ge målfilen ändelsen .pdf (inte "
                        f"{target.suffix or 'ingen ändelse'}).")
    with PlanDocument.open(Path(args.file), read_only=True) as document:
        render_report(document.plan, document.outcome, target, unit=args.unit, force=args.force)
    print(f"Skrev {target}.")
    return 0


COMMANDS = {"report": run_report}


def add_commands(subparsers) -> None:
    p = subparsers.add_parser("report", help="skriv verksamhetsplanen som PDF")
    p.add_argument("file", help=".finsam-filen")
    p.add_argument("-o", "--output", required=True, help="PDF-filen att skriva")
    p.add_argument("--unit", choices=("kr", "tkr"), help="enhet för beloppen (standard: planens)")
    p.add_argument("--force", action="store_true", help="skriv över en befintlig fil")
