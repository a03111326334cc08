"""Parse the command line, run one command, and turn every user-facing error into one line."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from ..domain.errors import UserFacingError
from .printing import flush_output, quiet_stdout, say
from .swedish_argparse import HelpFormatter, RawDescriptionHelpFormatter, swedish


class UserError(UserFacingError):
    """A mistake on the command line; printed as one line."""


class _Parser(argparse.ArgumentParser):
    """argparse in Swedish: its own help line and headings, and errors as one UserError."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self._optionals.title = "flaggor"
        self._positionals.title = "argument"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen")

    def print_help(self, file: Any = None) -> None:
        """Through `say`: argparse's own printing drops a failed write (a full disk)."""
        say(self.format_help().rstrip("\n"))

    def error(self, message: str) -> NoReturn:
        raise UserError(f"Felaktigt kommando: {swedish(message)}. Se {self.prog} --help.")


DESCRIPTION = "FinSam Desktop – verksamhetsplan och budget för samordningsförbund."
WINDOW_USAGE = """\
Fönstret:
  finsam-desktop [FIL.finsam]   öppna fönstret, med planfilen om den anges
  finsam-desktop --example      öppna fönstret med en kopia av exempelplanen
Kommandot väntar tills fönstret stängs. Kommandona ovan behöver inget fönster;
se till exempel finsam-desktop report --help."""
USAGE = "finsam-desktop [FIL.finsam | --example]\n       finsam-desktop KOMMANDO ..."


def build_parser() -> argparse.ArgumentParser:
    from .commands import COMMANDS, add_commands
    parser = _Parser(prog="finsam-desktop", description=DESCRIPTION, epilog=WINDOW_USAGE,
                     usage=USAGE, formatter_class=RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="KOMMANDO",
                                title="kommandon", prog="finsam-desktop")
    add_commands(sub)
    assert set(sub.choices) == set(COMMANDS)
    return parser


def open_window(argv: Sequence[str]) -> int:
    parser = _Parser(prog="finsam-desktop", description=DESCRIPTION)
    parser.add_argument("file", nargs="?", help="planfilen att öppna")
    parser.add_argument("--example", action="store_true", help="öppna en kopia av exempelplanen")
    args = parser.parse_args(argv)
    from ..ui.app import run
    return run(args.file, example=args.example)


def is_command(argv: Sequence[str]) -> bool:
    """A job without the window (`check`, `report`, `--help` …); otherwise the window opens."""
    from .commands import COMMANDS
    return bool(argv) and (argv[0] in COMMANDS or argv[0] in ("-h", "--help"))


def main(argv: Sequence[str] | None = None) -> int:
    from .commands import COMMANDS
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if not is_command(argv):
            return open_window(argv)
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as printed:  # --help (errors raise UserError): out like any output
            flush_output()
            return printed.code if isinstance(printed.code, int) else 0
        code = COMMANDS[args.command](args)
        flush_output()
        return code
    except UserFacingError as error:
        say(f"finsam-desktop: {error}", error=True, one_line=True)
        return 1
    except BrokenPipeError:
        quiet_stdout()  # the reader has what it wanted; nothing to say
        return 1
    except KeyboardInterrupt:
        say("finsam-desktop: avbrutet.", error=True)
        return 130


def run() -> NoReturn:
    """The `finsam-desktop` program: `main`, and a command's process ends once its output is out.

    Tearing the interpreter down frees the plan's and the report's objects one by one, 50–100 ms
    after a report, when the command has closed its files and written its result already. The
    window's process ends as usual: Qt writes the settings as it is torn down.

    A command's process also runs without the cycle collector: its modules, its plan and its
    report make no cycles worth collecting, and its passes cost a report about 13 ms (the
    last one, after the report, went through every object the report had made).
    """
    argv = sys.argv[1:]
    command = is_command(argv)
    if command:
        gc.disable()
    code = main(argv)
    if not command:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a reader that has gone: as main's BrokenPipeError
        code = code or 1
    os._exit(code)
