"""The commands: each parses nothing itself, calls one service job, and says what it did.

The jobs (and their safety: locks, backups, all-or-nothing output) are in
`finsam_desktop.services`; a command imports its job only when it runs, so
`--help` and `check` start without the report, spreadsheet or SQL libraries.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from .printing import say


def run_import(args: argparse.Namespace) -> int:
    from ..services.plans import import_plan
    plan = import_plan(args.plan, args.output, force=args.force)
    say(f"Skrev {args.output} ({plan.association}, {plan.plan_year}).")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..services.exports import export_file
    target = export_file(args.file, args.output, unit=args.unit, force=args.force)
    say(f"Skrev {target}.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    import json

    from ..domain.check_result import check_result, check_text
    from ..services.exports import open_plan
    with open_plan(args.file) as (plan, outcome):
        if args.json:
            say(json.dumps(check_result(plan, outcome), ensure_ascii=False, indent=2))
        else:
            say(check_text(plan, outcome))
    return 0


def run_report(args: argparse.Namespace) -> int:
    if args.follow_up is not None:
        from ..services.follow_up import follow_up_report_file
        target = follow_up_report_file(args.file, args.output, args.follow_up, unit=args.unit,
                                       force=args.force)
        say(f"Skrev {target}.")
        return 0
    from ..services.exports import report_file
    # free=False: the process runs no cycle collector and ends right after (`main.run`)
    target = report_file(args.file, args.output, unit=args.unit, force=args.force, free=False)
    say(f"Skrev {target}.")
    return 0


def run_new(args: argparse.Namespace) -> int:
    from ..services.plans import new_year
    _, summary = new_year(args.source_file, args.output, year=args.year, force=args.force)
    for line in summary.lines():
        say(line.replace("\u00a0", " "))
    say()
    say(f"Skrev {args.output}.")
    return 0


def _key_text(key: int | Decimal | None) -> str:
    if key is None:
        return "ingen"
    from ..domain.money import format_number
    return format_number(key).replace("\u00a0", " ")


def run_keys(args: argparse.Namespace) -> int:
    from ..services.plans import update_keys
    done = update_keys(args.file, args.population_file, args.source_text)
    result = done.result
    if not done.written:
        say(f"finsam-desktop: {Path(args.population_file).name} kunde inte läsas in; "
            "inget har ändrats.", error=True, one_line=True)
        for line in result.problems():
            say(f"  {line}", error=True, one_line=True)
        return 1
    for match in result.matches:
        old, new = _key_text(match.old_key), _key_text(match.population)
        change = "oförändrad" if match.old_key == match.population else f"{old} → {new}"
        say(f"{match.member_name}: {change} (rad {match.row.row})", one_line=True)
    for line in result.warnings():
        say(line, one_line=True)
    for row in result.skipped_rows:
        say(f"Rad {row.row} (”{row.region}”) är ingen kommun och hoppades över.", one_line=True)
    say(f"Nyckelkälla: {' '.join(args.source_text.split())}", one_line=True)
    say(f"Uppdaterade {len(result.matches)} kommuners folkmängd i {Path(args.file).name}.",
        one_line=True)
    return 0


def run_actuals(args: argparse.Namespace) -> int:
    from ..cli.follow_up import print_actuals
    from ..services.follow_up import import_actuals_file
    done = import_actuals_file(args.file, args.sie, args.period, args.end)
    print_actuals(done, Path(args.sie).name, Path(args.file).name)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import": run_import, "export": run_export, "check": run_check, "report": run_report,
    "new": run_new, "keys": run_keys, "actuals": run_actuals,
}


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Every command's arguments, in the order `--help` lists them."""
    force = {"action": "store_true", "help": "skriv över en befintlig fil (en plan sparas först "
                                             "som säkerhetskopia)"}
    unit = {"choices": ("kr", "tkr"), "help": "enhet för beloppen (standard: planens)"}

    p = sub.add_parser("import", help="läs en plan i JSON-format till en .finsam-fil")
    p.add_argument("plan", metavar="PLAN.json", help="planen i JSON-format (finsam-plan)")
    p.add_argument("-o", "--output", required=True, metavar="NY.finsam", help="den nya .finsam-filen")
    p.add_argument("--force", **force)

    p = sub.add_parser("export", help="skriv planen som JSON (.json) eller tabeller (.xlsx)")
    p.add_argument("file", metavar="FIL.finsam", help=".finsam-filen")
    p.add_argument("-o", "--output", required=True, metavar="MÅLFIL",
                   help="målfilen, .json eller .xlsx")
    p.add_argument("--unit", **unit)
    p.add_argument("--force", **force)

    p = sub.add_parser("check", help="räkna ut planen och visa iakttagelser")
    p.add_argument("file", metavar="FIL.finsam", help=".finsam-filen")
    p.add_argument("--json", action="store_true", help="resultatet som JSON")

    p = sub.add_parser("report", help="skriv verksamhetsplanen som PDF")
    p.add_argument("file", metavar="FIL.finsam", help=".finsam-filen")
    p.add_argument("-o", "--output", required=True, metavar="FIL.pdf", help="PDF-filen att skriva")
    p.add_argument("--follow-up", metavar="PERIOD",
                   help='skriv uppföljningsrapporten för perioden i stället, t.ex. "Tertial 1"')
    p.add_argument("--unit", **unit)
    p.add_argument("--force", **force)

    p = sub.add_parser("new", help="ny plan för nästa år från fjolårets .finsam-fil")
    p.add_argument("--from", dest="source_file", required=True, metavar="FJOL.finsam",
                   help="fjolårets plan (läses, ändras aldrig)")
    p.add_argument("-o", "--output", required=True, metavar="NY.finsam", help="den nya planen")
    p.add_argument("--year", type=int, metavar="ÅR", help="det nya planåret (standard: året efter fjolårets)")
    p.add_argument("--force", **force)

    p = sub.add_parser("keys", help="uppdatera kommunernas folkmängd från en SCB-fil")
    p.add_argument("file", metavar="FIL.finsam", help=".finsam-filen")
    p.add_argument("--from", dest="population_file", required=True, metavar="SCB.csv|SCB.xlsx",
                   help="export från SCB:s statistikdatabas (CSV eller xlsx)")
    p.add_argument("--source", dest="source_text", required=True, metavar="KÄLLA",
                   help='nyckelkällan, till exempel "Folkmängd 31/12 2025, SCB"')

    p = sub.add_parser("actuals", help="läs in utfall från en SIE-fil till en uppföljningsperiod")
    p.add_argument("file", metavar="FIL.finsam", help=".finsam-filen")
    p.add_argument("--sie", required=True, metavar="FIL.se",
                   help="SIE 4-filen från bokföringen (eller CSV/xlsx med konto och belopp)")
    p.add_argument("--period", required=True, metavar="PERIOD", help='perioden, till exempel "Tertial 1"')
    p.add_argument("--end", metavar="ÅÅÅÅ-MM-DD",
                   help="periodens slutdatum, när perioden ska läggas till")
