"""Largest remainder: parts add up, none negative, each within one unit of its quota."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from finsam_desktop.domain.allocation import allocate_year, largest_remainder, round_half_up
from finsam_desktop.domain.plan import Contributions, Member, Plan

keys = st.lists(st.integers(min_value=0, max_value=2_000_000), min_size=1, max_size=40)


@given(whole=st.integers(min_value=0, max_value=10**9), weights=keys)
def test_parts_add_up_and_stay_near_their_quota(whole, weights):
    parts = largest_remainder(whole, weights)
    total = sum(weights)
    if total == 0:
        assert parts == [0] * len(weights)
        return
    assert sum(parts) == whole
    for part, weight in zip(parts, weights, strict=True):
        assert part >= 0
        assert abs(part - Fraction(whole * weight, total)) < 1


@given(whole=st.integers(min_value=0, max_value=10**8),
       key=st.integers(min_value=1, max_value=10**6),
       count=st.integers(min_value=2, max_value=20))
def test_equal_keys_get_amounts_within_one_unit(whole, key, count):
    parts = largest_remainder(whole, [key] * count)
    assert max(parts) - min(parts) <= 1


def test_ties_go_to_the_earlier_part():
    assert largest_remainder(1, [1, 1]) == [1, 0]
    assert largest_remainder(5, [1, 1, 1]) == [2, 2, 1]


def test_round_half_up_rounds_halves_away_from_zero():
    assert round_half_up(Fraction(4815, 10000), Fraction(1, 1000)) == Fraction(482, 1000)
    assert round_half_up(Fraction(4814, 10000), Fraction(1, 1000)) == Fraction(481, 1000)


def _plan(total: int, rounding: int, municipal_keys: list[int], split_state: bool) -> Plan:
    members = [Member(1, "FK", "fk"), Member(2, "AF", "af")] if split_state else [
        Member(1, "Staten", "state")]
    members.append(Member(3, "Regionen", "region"))
    members += [Member(10 + i, f"Kommun {i}", "municipality", key=k)
                for i, k in enumerate(municipal_keys)]
    return Plan(association="Test", plan_year=2026,
                contributions=Contributions(totals={2026: total}, rounding=rounding),
                members=tuple(members))


@given(units=st.integers(min_value=0, max_value=10**6),
       rounding=st.sampled_from([1, 100, 1000]),
       municipal_keys=st.lists(st.integers(min_value=1, max_value=500_000), min_size=1, max_size=30),
       split_state=st.booleans())
def test_every_member_amount_is_a_multiple_of_rounding_and_the_year_adds_up(
        units, rounding, municipal_keys, split_state):
    plan = _plan(units * rounding, rounding, municipal_keys, split_state)
    amounts = allocate_year(plan, 2026)
    assert sum(amounts.values()) == units * rounding
    assert all(a >= 0 and a % rounding == 0 for a in amounts.values())
    municipal = sum(a for ident, a in amounts.items() if ident >= 10)
    assert abs(municipal - Fraction(units * rounding, 4)) <= rounding


def test_key_precision_reproduces_vastra_ostergotland():
    keys = [43505, 28695, 7490, 5517, 5237]
    plan = _plan(8_584_000, 1, keys, split_state=False)
    from dataclasses import replace
    plan = replace(plan, contributions=replace(plan.contributions, key_precision=Decimal("0.001")))
    amounts = allocate_year(plan, 2026)
    assert [amounts[10 + i] for i in range(5)] == [1032226, 680282, 178118, 130906, 124468]


def test_a_municipality_without_a_key_gets_nothing_and_the_others_share_the_part():
    plan = _plan(400, 1, [1, 1], split_state=False)
    from dataclasses import replace
    members = plan.members[:-1] + (replace(plan.members[-1], key={2027: 5}),)
    plan = replace(plan, members=members)
    amounts = allocate_year(plan, 2026)
    assert amounts[11] == 0 and amounts[10] == 100
