"""What the window needs of plan files beyond the jobs, through the services layer.

The window opens a plan in steps (`Opening`: the read on a worker thread), holds the open
`PlanDocument` (its lock, commits and read-only state), asks who
holds a file, lists a file's backups, reads a population file for the preview and last
year's file for *Nytt år*. These are storage's own types and readers, re-exported here so
that `ui` depends on `services` only (`cli, ui -> services -> storage`); the file-replacing
jobs are in `plans`, `exports` and `output`.
"""

from __future__ import annotations

from pathlib import Path

from ..storage.backup import Backup, list_backups
from ..storage.document import Opening, PlanDocument
from ..storage.errors import PlanFileError, reason
from ..storage.lock import LockHolder, PlanLock
from ..storage.population_file import read_population_rows
from ..storage.rollover import read_last_year, suggested_name

__all__ = ["Backup", "LockHolder", "Opening", "PlanDocument", "PlanFileError", "holder_of", "reason", "list_backups",
           "read_last_year", "read_population_rows", "suggested_name"]


def holder_of(path: str | Path) -> LockHolder | None:
    """Who has the plan file `path` open for writing now (None: nobody, or a stale lock)."""
    return PlanLock(Path(path)).holder()
