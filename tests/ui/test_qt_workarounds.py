"""PySide6 6.12.0's emit() drops a reference to True each call; the app must survive that."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import finsam_desktop.ui  # noqa: F401 - importing the window applies the workaround
from finsam_desktop.ui.qt_workarounds import RESERVE, emit_drops_true


class Emitter(QObject):
    changed = Signal(frozenset)


def test_many_thousands_of_signals_do_not_use_up_true():
    emitter = Emitter()
    received = []
    emitter.changed.connect(received.append)
    for _ in range(20_000):  # without the workaround Python 3.11 aborts in here
        emitter.changed.emit(frozenset({"members"}))
    assert len(received) == 20_000
    assert sys.getrefcount(True) > 1_000


def test_the_reserve_is_only_given_where_the_defect_is():
    if sys.version_info < (3, 12) and emit_drops_true():
        assert sys.getrefcount(True) > RESERVE // 2
        assert sys.getrefcount(False) > RESERVE // 2
    else:
        assert sys.getrefcount(True) < RESERVE // 2
