"""`finsam-desktop`: the window, and the same jobs without one.

Commands that need no window never import Qt, so they run on a machine with no
display and start fast. A user error prints one Swedish line and exits 1.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Callable, Sequence

from .domain.errors import UserFacingError
from .storage.errors import PlanFileError

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


class UserError(UserFacingError):
    """A mistake the user can fix; printed as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own wording is English
        raise UserError(f"Felaktigt kommando: {message}. Se finsam-desktop --help.")


def command(name: str):
    def register(function):
        COMMANDS[name] = function
        return function
    return register


def _open_document(path: str, read_only: bool = True):
    from .storage.document import PlanDocument
    return PlanDocument.open(Path(path), read_only=read_only)


@command("import")
def run_import(args: argparse.Namespace) -> int:
    from .storage.exchange_file import atomic_output, read_plan_json
    from .storage.planfile import create
    plan = read_plan_json(Path(args.plan))
    target = Path(args.output)
    with atomic_output(target, force=args.force) as temp:
        create(temp, plan)
    print(f"Skrev {target} ({plan.association}, {plan.plan_year}).")
    return 0


@command("export")
def run_export(args: argparse.Namespace) -> int:
    target = Path(args.output)
    suffix = target.suffix.lower()
    with _open_document(args.file) as document:
        if suffix == ".json":
            from .storage.exchange_file import write_plan_json
            write_plan_json(document.plan, target, force=args.force)
        elif suffix == ".xlsx":
            from .reports.excel import write_workbook
            from .storage.exchange_file import atomic_output
            with atomic_output(target, force=args.force) as temp:
                write_workbook(document.plan, document.outcome, temp, unit=args.unit)
        else:
            raise UserError(f"Okänd filtyp {suffix or '(ingen)'}: exportera till .json eller .xlsx.")
    print(f"Skrev {target}.")
    return 0


@command("check")
def run_check(args: argparse.Namespace) -> int:
    from .domain.check_result import check_result, check_text
    with _open_document(args.file) as document:
        if args.json:
            print(json.dumps(check_result(document.plan, document.outcome),
                             ensure_ascii=False, indent=2))
        else:
            print(check_text(document.plan, document.outcome))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="finsam-desktop",
                     description="FinSam Desktop – verksamhetsplan och budget för samordningsförbund.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("import", help="läs en plan i JSON-format till en .finsam-fil")
    p.add_argument("plan", help="planen i JSON-format (finsam-plan)")
    p.add_argument("-o", "--output", required=True, help="den nya .finsam-filen")
    p.add_argument("--force", action="store_true", help="skriv över en befintlig fil")

    p = sub.add_parser("export", help="skriv planen som JSON (.json) eller tabeller (.xlsx)")
    p.add_argument("file", help=".finsam-filen")
    p.add_argument("-o", "--output", required=True, help="målfilen, .json eller .xlsx")
    p.add_argument("--unit", choices=("kr", "tkr"), help="enhet i Excel-filen (standard: planens)")
    p.add_argument("--force", action="store_true", help="skriv över en befintlig fil")

    p = sub.add_parser("check", help="räkna ut planen och visa iakttagelser")
    p.add_argument("file", help=".finsam-filen")
    p.add_argument("--json", action="store_true", help="resultatet som JSON")

    for extend in _EXTENSIONS:
        extend(sub)
    return parser


_EXTENSIONS: list[Callable] = []


def _load_extensions() -> None:
    """Commands that live beside their feature (report, new, keys) register here."""
    import importlib
    for module in ("finsam_desktop.reports.cli", "finsam_desktop.storage.rollover_cli"):
        try:
            loaded = importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise
            continue
        if loaded.add_commands not in _EXTENSIONS:  # main() may run more than once
            _EXTENSIONS.append(loaded.add_commands)
        COMMANDS.update(loaded.COMMANDS)


def open_window(argv: Sequence[str]) -> int:
    parser = _Parser(prog="finsam-desktop")
    parser.add_argument("file", nargs="?", help="planfilen att öppna")
    parser.add_argument("--example", action="store_true", help="öppna en exempelplan")
    args = parser.parse_args(argv)
    from .ui.app import run
    return run(args.file, example=args.example)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        _load_extensions()
        if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help"):
            return open_window(argv)
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except (UserError, PlanFileError) as error:
        one_line = re.sub(r"[\x00-\x1f\x7f]+", " ", str(error))  # a value may hold line breaks
        print(f"finsam-desktop: {one_line}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("finsam-desktop: avbrutet.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
