"""The storage layer's one error type: a Swedish sentence the user can act on."""


class PlanFileError(Exception):
    """A file that cannot be opened, read or written as asked; nothing was changed."""
