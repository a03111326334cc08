"""Everything the command line prints goes through `say`, which makes it safe for a terminal.

Names and rows come from files anyone may have written: an escape sequence in a CSV
row or a plan name must not move the cursor, retitle the window or hide text. Control
characters (C0 except tab and line break, DEL, C1) are shown as `\\xNN` instead.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator

from ..domain.errors import UserFacingError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def printable(text: str, one_line: bool = False) -> str:
    """`text` with every control character made visible; `one_line` also joins lines."""
    if one_line:
        text = _LINE_BREAKS.sub(" ", text)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class OutputError(UserFacingError):
    """What the command prints could not be written (a full disk behind `> file`)."""


def say(text: str = "", error: bool = False, one_line: bool = False) -> None:
    """Print one line (or a block of lines) safely, to stdout or, for errors, stderr."""
    if error:
        print(printable(text, one_line), file=sys.stderr)
        return
    with _writing_output():
        print(printable(text, one_line))


def flush_output() -> None:
    """Write out what is printed, or say in Swedish why it could not be."""
    with _writing_output():
        sys.stdout.flush()


@contextlib.contextmanager
def _writing_output() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:  # the reader has gone: `main` ends quietly
        raise
    except OSError as failure:
        from ..services.errors import reason
        quiet_stdout()
        raise OutputError(f"Utskriften kunde inte skrivas: {reason(failure)}.") from None


def quiet_stdout() -> None:
    """Send the rest of stdout nowhere (after a closed pipe or a full disk), so that the
    interpreter's last flush does not fail as well."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
