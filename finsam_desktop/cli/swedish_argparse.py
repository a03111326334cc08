"""argparse's own words in Swedish: its error messages and the help's "usage:" line.

argparse words them in English through gettext, and a user's machine has no Swedish
catalog for them; the messages a command line of ours can meet are translated here, by
their English pattern (Python 3.11's wording). One that is not known stays as it is.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable

USAGE_PREFIX = "användning: "

_ARGUMENT = r"argument (?P<name>.+?): "
MESSAGES: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (?P<what>.+)", "det här saknas: {what}"),
    (r"unrecognized arguments: (?P<what>.+)", "okända argument: {what}"),
    (r"one of the arguments (?P<what>.+) is required", "ett av argumenten {what} behövs"),
    (r"ambiguous option: (?P<name>\S+) could match (?P<what>.+)",
     "{name} kan vara flera flaggor: {what}"),
    (_ARGUMENT + r"invalid choice: (?P<value>.+) \(choose from (?P<what>.+)\)",
     "{name} kan inte vara {value} (välj bland {what})"),
    (_ARGUMENT + r"expected one argument", "{name} behöver ett värde"),
    (_ARGUMENT + r"expected at most one argument", "{name} tar högst ett värde"),
    (_ARGUMENT + r"expected at least one argument", "{name} behöver minst ett värde"),
    (_ARGUMENT + r"expected (?P<what>\d+) arguments?", "{name} behöver {what} värden"),
    (_ARGUMENT + r"invalid \S+ value: (?P<value>.+)", "{name} kan inte vara {value}"),
    (_ARGUMENT + r"not allowed with argument (?P<what>.+)",
     "{name} går inte att ange tillsammans med {what}"),
    (_ARGUMENT + r"ignored explicit argument (?P<value>.+)", "{name} tar inget värde ({value})"),
)


def swedish(message: str) -> str:
    """`message`, one of argparse's, in Swedish."""
    for pattern, text in MESSAGES:
        found = re.fullmatch(pattern, message)
        if found:
            return text.format(**found.groupdict())
    return message


class HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup],
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE_PREFIX if prefix is None else prefix)


class RawDescriptionHelpFormatter(HelpFormatter, argparse.RawDescriptionHelpFormatter):
    """The description and epilog as written (line breaks kept)."""
