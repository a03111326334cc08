"""Workarounds for defects in the Qt bindings the app runs on, applied when `ui` is imported.

PySide6 6.12.0's `SignalInstance.emit()` returns `True` without taking a
reference to it, so every signal emitted from Python takes one reference from
`True`. On Python 3.11, where `True` is an ordinary object with a few thousand
references, the interpreter aborts after a few thousand edits ("Fatal Python
error: bool_dealloc: deallocating True or False"). Python 3.12 made `True` and
`False` immortal; here we do the same by giving them a reserve of references
that no session can use up, and only when the defect is actually present.

The same release drops a reference to `None` on every call of a C++ method
that returns nothing (`QLabel.setText`, `QComboBox.setCurrentIndex`, ...): a
window makes a hundred such calls per edit, so a long session would abort in
`none_dealloc`. `None` gets the same reserve when that defect is present.
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


def void_call_drops_none() -> bool:
    """True when calling a Qt method that returns nothing takes a reference from `None`."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - 8


def _reserve(*values) -> None:
    for value in values:
        ctypes.c_ssize_t.from_address(id(value)).value += RESERVE  # ob_refcnt is the first field


def keep_singletons_alive() -> bool:
    """Give True, False and None a reserve of references where the bindings leak them.

    Returns True if any reserve was given.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal there
    given = False
    if sys.getrefcount(True) < RESERVE // 2 and emit_drops_true():
        _reserve(True, False)
        given = True
    if sys.getrefcount(None) < RESERVE // 2 and void_call_drops_none():
        _reserve(None)
        given = True
    return given
