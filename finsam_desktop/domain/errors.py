"""The one base of every error the user can act on: a Swedish sentence, nothing changed.

Every boundary (a CLI command, a window action) catches `UserFacingError` and shows its
text; anything else is a bug and keeps its traceback.
"""


class UserFacingError(Exception):
    """A refusal or failure the user can fix; `str(error)` is the Swedish message."""


class Invalid(UserFacingError, ValueError):
    """A value that breaks a rule of the plan (`domain.validation`).

    `message` reads on its own in the window; `field` says where the bad value is,
    relative to what was checked ("amounts.2026", "[4].name"), so the exchange reader
    can name the whole path.
    """

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field

    def within(self, prefix: str) -> "Invalid":
        """The same refusal with `prefix` in front of its field ("members[3]" + "key")."""
        return Invalid(self.message, join_path(prefix, self.field))


def join_path(prefix: str, field: str) -> str:
    """"members" + "[3].key" -> "members[3].key"; "equity" + "opening" -> "equity.opening"."""
    if not prefix or not field:
        return prefix or field
    return f"{prefix}{field}" if field.startswith("[") else f"{prefix}.{field}"
