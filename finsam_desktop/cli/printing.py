"""Everything the command line prints goes through `say`, which makes it safe for a terminal.

Names and rows come from files anyone may have written: an escape sequence in a CSV
row or a plan name must not move the cursor, retitle the window or hide text. Control
characters (C0 except tab and line break, DEL, C1) are shown as `\\xNN` instead.
"""

from __future__ import annotations

import re
import sys

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def printable(text: str, one_line: bool = False) -> str:
    """`text` with every control character made visible; `one_line` also joins lines."""
    if one_line:
        text = _LINE_BREAKS.sub(" ", text)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def say(text: str = "", error: bool = False, one_line: bool = False) -> None:
    """Print one line (or a block of lines) safely, to stdout or, for errors, stderr."""
    stream = sys.stderr if error else sys.stdout
    print(printable(text, one_line), file=stream)
