"""Swedish money text: what people type is understood, anything else is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam_desktop.domain.money import (
    MoneyError,
    format_money,
    format_share,
    parse_count,
    parse_money,
    parse_share,
)


@pytest.mark.parametrize("text, kronor", [
    ("1 234 567", 1234567), ("1 234 567 kr", 1234567), ("1234567", 1234567),
    ("1\u00a0234\u00a0567", 1234567), ("1\u202f234\u202f567 kr", 1234567),
    ("4 417,5 tkr", 4417500), ("1,5 mkr", 1500000), ("-710 000", -710000),
    ("\u2212710 000 kr", -710000), ("0", 0), ("  42 kr ", 42), ("100:-", 100),
])
def test_accepts_the_swedish_forms(text, kronor):
    assert parse_money(text) == kronor


def test_a_bare_number_is_read_in_the_given_unit():
    assert parse_money("4 417,5", unit="tkr") == 4417500
    assert parse_money("12 kr", unit="tkr") == 12


@pytest.mark.parametrize("text", ["", "abc", "12,5", "1 23", "1.234.567", "1,2,3", "12 kronor",
                                  "1e6", "--5", "٣", "5 %"])
def test_refuses_anything_else_with_a_swedish_message(text):
    with pytest.raises(MoneyError) as error:
        parse_money(text)
    assert error.value.args[0]


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_format_then_parse_gives_the_amount_back(kronor):
    assert parse_money(format_money(kronor)) == kronor
    assert parse_money(format_money(kronor, with_unit=True)) == kronor


@given(st.integers(min_value=-10**12, max_value=10**12).map(lambda n: n * 100))
def test_tkr_format_then_parse_gives_the_amount_back_at_100_kr_precision(kronor):
    assert parse_money(format_money(kronor, "tkr"), unit="tkr") == kronor


def test_format_money_in_kr_and_tkr():
    assert format_money(8450000) == "8\u00a0450\u00a0000"
    assert format_money(4417500, "tkr") == "4\u00a0417,5"
    assert format_money(4417000, "tkr") == "4\u00a0417"
    assert format_money(16900000, with_unit=True) == "16\u00a0900\u00a0000\u00a0kr"


def test_shares_and_counts():
    from decimal import Decimal
    assert parse_share("20 %") == Decimal("0.20")
    assert parse_share("0,25") == Decimal("0.25")
    assert format_share(Decimal("0.481")) == "48,1\u00a0%"
    assert format_share(Decimal("0.2")) == "20\u00a0%"
    assert parse_count("43 505") == 43505
    for bad in ("-1", "abc", "", "1,5"):
        with pytest.raises(MoneyError):
            parse_count(bad)
    with pytest.raises(MoneyError):
        parse_share("150 %")


@pytest.mark.parametrize("text", ["２０ %", "٢٠", "1e-1", "NaN", "-5 %", "20 %%", "0,2,5", ""])
def test_shares_refuse_anything_but_plain_ascii_numbers(text):
    with pytest.raises(MoneyError):
        parse_share(text)


def test_a_dot_before_three_digits_is_asked_about_not_guessed():
    with pytest.raises(MoneyError) as error:
        parse_money("1.500")
    assert "menar du 1 500 eller 1,5?" in error.value.args[0]
    assert parse_money("1,5 tkr") == 1500 and parse_money("1.5 tkr") == 1500


def test_a_stray_character_is_named_as_the_cause():
    with pytest.raises(MoneyError) as error:
        parse_money("21 000v")
    assert "”v”" in error.value.args[0] and "mellanslag" not in error.value.args[0]


def test_a_giant_number_is_refused_without_converting_it():
    with pytest.raises(MoneyError, match="orimligt stort"):
        parse_money("9" * 5000)
    with pytest.raises(MoneyError):
        parse_share("0." + "0" * 100_000 + "1")


def test_an_amount_far_beyond_the_plan_is_warned_about():
    from finsam_desktop.domain.scale import scale_warning
    from tests.conftest import load_plan
    plan = load_plan("skaraborg-2026")  # contributions about 17 million a year
    typed = parse_money("1 500 000", unit="tkr")
    warning = scale_warning(plan, typed, "tkr")
    assert warning and "menade du 1\u00a0500\u00a0000\u00a0kr" in warning
    assert scale_warning(plan, parse_money("1 500", unit="tkr"), "tkr") is None
    assert scale_warning(plan, 900_000, "kr") is None
