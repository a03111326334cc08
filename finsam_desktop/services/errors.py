"""The user-facing file error and the Swedish reason of a system error, for the layers above.

Light on purpose (no SQLite, no plan): the command line imports it for its own output.
"""

from ..storage.errors import PlanFileError, reason

__all__ = ["PlanFileError", "reason"]
