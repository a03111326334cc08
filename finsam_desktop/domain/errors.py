"""The one base of every error the user can act on: a Swedish sentence, nothing changed.

Every boundary (a CLI command, a window action) catches `UserFacingError` and shows its
text; anything else is a bug and keeps its traceback.
"""


class UserFacingError(Exception):
    """A refusal or failure the user can fix; `str(error)` is the Swedish message."""
