"""Workarounds for defects in the Qt bindings the app runs on, applied when `ui` is imported.

PySide6 6.12.0's `SignalInstance.emit()` returns `True` without taking a
reference to it, so every signal emitted from Python takes one reference from
`True`. On Python 3.11, where `True` is an ordinary object with a few thousand
references, the interpreter aborts after a few thousand edits ("Fatal Python
error: bool_dealloc: deallocating True or False"). Python 3.12 made `True` and
`False` immortal; here we do the same by giving them a reserve of references
that no session can use up, and only when the defect is actually present.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40


def emit_drops_true() -> bool:
    """True when emitting a signal from Python takes a reference from `True`."""
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.ping.emit()
    return sys.getrefcount(True) <= before - 8


def keep_bools_alive() -> bool:
    """Give True and False a reserve of references if emit() leaks them; True if it did."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal there
    if sys.getrefcount(True) > RESERVE // 2 or not emit_drops_true():
        return False
    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += RESERVE  # ob_refcnt is the first field
    return True
