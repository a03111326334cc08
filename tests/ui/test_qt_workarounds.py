"""PySide6 6.12.0 drops references to True (emit) and None (void calls); the app must survive."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

import finsam_desktop.ui  # noqa: F401 - importing the window applies the workaround
from finsam_desktop.ui.qt_workarounds import (
    RESERVE,
    emit_drops_true,
    void_call_drops_none,
)


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


def test_many_thousands_of_void_qt_calls_do_not_use_up_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    for index in range(30_000):  # without the workaround Python 3.11 aborts in none_dealloc
        label.setText(str(index % 7))
    assert label.text() == str(29_999 % 7)
    assert sys.getrefcount(None) > 1_000


def test_none_gets_a_reserve_only_where_the_defect_is():
    if sys.version_info < (3, 12) and void_call_drops_none():
        assert sys.getrefcount(None) > RESERVE // 2
    else:
        assert sys.getrefcount(None) < RESERVE // 2
