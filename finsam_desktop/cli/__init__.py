"""`finsam-desktop`: the window, and the same file jobs without one.

Commands that need no window never import Qt, so they run on a machine with no
display and start fast; each imports what its job needs only when it runs. A user
error prints one Swedish line on stderr and exits 1.
"""

from .main import UserError, main, run

__all__ = ["UserError", "main", "run"]
