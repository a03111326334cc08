"""The fast path for whole numbers gives exactly what babel's CLDR Swedish formatting gives."""

from __future__ import annotations

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from finsam_desktop.domain.money import format_number


@given(st.integers(-10**15, 10**15))
def test_whole_numbers_as_babel_formats_them(value):
    assert format_number(value) == format_decimal(value, format="#,##0", locale="sv_SE")


def test_examples():
    assert format_number(0) == "0"
    assert format_number(-710_000) == "-710\u00a0000"
    assert format_number(1234567) == "1\u00a0234\u00a0567"
