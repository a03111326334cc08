"""`finsam-desktop new` and `finsam-desktop keys`: the new year and new population figures.

Loaded by `finsam_desktop.cli`; no Qt here. A user error is a PlanFileError (one
Swedish line, exit 1); a population file with unknown or unreadable rows names
them on stderr, changes nothing and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..domain.edits import EditError
from ..domain.money import format_number
from ..domain.population import apply_population, read_population
from .errors import PlanFileError


def run_new(args: argparse.Namespace) -> int:
    from .rollover import roll_file
    target = Path(args.output)
    _, summary = roll_file(Path(args.source_file), target, year=args.year, force=args.force)
    for line in summary.lines():
        print(line.replace("\u00a0", " "))
    print()
    print(f"Skrev {target}.")
    return 0


def _key_text(key) -> str:
    if key is None:
        return "ingen"
    return format_number(key).replace("\u00a0", " ")


def run_keys(args: argparse.Namespace) -> int:
    from .document import PlanDocument
    from .population_file import read_population_rows
    rows = read_population_rows(Path(args.population_file))
    with PlanDocument.open(Path(args.file)) as document:
        if document.read_only:
            who = document.holder.describe() if document.holder else "någon annan"
            raise PlanFileError(f"{Path(args.file).name} är öppnad av {who}; "
                                "nycklarna ändrades inte.")
        result = read_population(document.plan, rows)
        if not result.ok:
            print(f"finsam-desktop: {Path(args.population_file).name} kunde inte läsas in; "
                  "inget har ändrats.", file=sys.stderr)
            for line in result.problems():
                print(f"  {line}", file=sys.stderr)
            return 1
        try:
            new_plan = apply_population(document.plan, result.matches, args.source_text)
        except EditError as error:
            raise PlanFileError(str(error)) from None
        document.commit(new_plan)
    for match in result.matches:
        old, new = _key_text(match.old_key), _key_text(match.population)
        change = "oförändrad" if match.old_key == match.population else f"{old} → {new}"
        print(f"{match.member_name}: {change} (rad {match.row.row})")
    for line in result.warnings():
        print(line)
    for row in result.skipped_rows:
        print(f"Rad {row.row} (”{row.region}”) är ingen kommun och hoppades över.")
    print(f"Nyckelkälla: {' '.join(args.source_text.split())}")
    print(f"Uppdaterade {len(result.matches)} kommuners folkmängd i {Path(args.file).name}.")
    return 0


COMMANDS = {"new": run_new, "keys": run_keys}


def add_commands(subparsers) -> None:
    """Add `new` and `keys` to the finsam-desktop command line."""
    p = subparsers.add_parser("new", help="ny plan för nästa år från fjolårets .finsam-fil")
    p.add_argument("--from", dest="source_file", required=True, metavar="FJOL.finsam",
                   help="fjolårets plan (läses, ändras aldrig)")
    p.add_argument("-o", "--output", required=True, metavar="NY.finsam", help="den nya planen")
    p.add_argument("--year", type=int, help="det nya planåret (standard: året efter fjolårets)")
    p.add_argument("--force", action="store_true", help="skriv över en befintlig fil")

    p = subparsers.add_parser("keys", help="uppdatera kommunernas folkmängd från en SCB-fil")
    p.add_argument("file", help=".finsam-filen")
    p.add_argument("--from", dest="population_file", required=True, metavar="SCB.csv|SCB.xlsx",
                   help="export från SCB:s statistikdatabas (CSV eller xlsx)")
    p.add_argument("--source", dest="source_text", required=True,
                   help='nyckelkällan, till exempel "Folkmängd 31/12 2025, SCB"')
