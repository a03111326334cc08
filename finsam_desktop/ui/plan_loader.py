"""Opening a plan file without freezing the window: the read runs on a worker thread.

A 50 000-intervention plan takes seconds to check and read. `open_document` takes the
lock here, lets a worker thread read the file on its own SQLite connection (a
connection never moves between threads) into the immutable Plan and its outcome
(`background.run_in_background`: the window paints, a progress bar counts the rows
read, the user's input waits). Then the document is finished here, on the GUI thread,
with its own connection, and returned just as `PlanDocument.open` returns it, refusals
(PlanFileError, OSError) included.
"""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from ..services.session import Opening, PlanDocument
from .background import run_in_background


def open_document(window: QMainWindow, path: str | Path, read_only: bool = False
                  ) -> PlanDocument:
    """`PlanDocument.open(path, read_only)` with the read on a worker thread and the
    window painting, showing progress, until the plan is read."""
    path = Path(path)
    opening = Opening(path, read_only)  # the lock: here, where the document will live
    # What was read is frozen for the collector (`freeze`); `thaw` at closing lets the
    # collector look at it again. A refusal has released the lock already (Opening.read).
    run_in_background(window, opening.read, window.tr("Öppnar {name} …").format(name=path.name),
                      f"read {path.name}", freeze=True)
    return opening.finish()


def thaw() -> None:
    """Let the garbage collector see again what opening froze (call when a plan closes:
    cycles among the closed plan's window objects are then collected)."""
    gc.unfreeze()
