"""Rolling a plan into the next year: the published plans, moved one column left."""

from __future__ import annotations

import pytest

from finsam_desktop.domain.outcome import compute
from finsam_desktop.domain.rollover import RolloverError, roll_forward
from tests.conftest import load_plan


def roll(name: str, year: int | None = None):
    plan = load_plan(name)
    new, summary = roll_forward(plan, compute(plan), year)
    return plan, new, summary


def plain(text: str) -> str:
    """Swedish amounts use no-break spaces; compare with ordinary ones."""
    return text.replace("\u00a0", " ")


def by_name(items, name):
    return next(item for item in items if item.name == name)


def test_sormland_2026_rolls_into_2027_with_forecast_opening_equity():
    old, new, _ = roll("sormland-2026")
    assert new.plan_year == 2027
    assert new.years == (2027, 2028, 2029)
    assert new.equity.opening == 8_763_300
    assert new.equity.opening_is_forecast is True
    outcome = compute(new)
    assert outcome.years[2027].opening_equity == 8_763_300
    forecast = [f for f in outcome.findings if f.code == "opening_equity_forecast"]
    assert len(forecast) == 1 and "8 763 300 kr" in plain(forecast[0].message)


def test_sormland_budget_year_is_last_years_2027_column():
    old, new, _ = roll("sormland-2026")
    assert by_name(new.interventions, "Cooperari").amounts == {2027: 858_500}
    assert by_name(new.interventions, "Sikta mot arbetslivet").amounts == {
        2027: 9_000_000, 2028: 9_000_000}
    assert by_name(new.costs, "Kansli").amounts == {2027: 3_500_000, 2028: 3_600_000}
    assert new.contributions.totals == {2027: 16_000_000, 2028: 16_000_000}
    old_outcome, new_outcome = compute(old), compute(new)
    assert new_outcome.years[2027].costs_total == old_outcome.years[2027].costs_total
    assert new_outcome.years[2028].costs_total == old_outcome.years[2028].costs_total


def test_sormland_new_last_column_is_empty_and_flagged():
    _, new, summary = roll("sormland-2026")
    rows = new.interventions + new.costs + new.other_income
    assert all(2029 not in row.amounts for row in rows)
    assert 2029 not in new.contributions.totals
    outcome = compute(new)
    assert outcome.years[2029].costs_total == 0
    assert ("contributions_missing", 2029) in {(f.code, f.year) for f in outcome.findings}
    assert any("2029" in line and "Fyll i" in line for line in summary.to_check)


def test_previous_contributions_are_last_years_computed_amounts():
    old, new, _ = roll("sormland-2026")
    last = compute(old).years[2026]
    for before, after in zip(old.members, new.members, strict=True):
        assert after.previous_contribution == last.contributions[before.id]
    assert [m.previous_contribution for m in new.members] == [8_000_000, 4_000_000, 4_000_000]
    assert new.contributions.previous_total == 16_000_000
    changes = compute(new).members
    assert changes[new.members[0].id].change == 0


def test_members_rules_goals_and_sections_come_along():
    old, new, summary = roll("skaraborg-2026")
    assert [(m.name, m.key, m.key_source) for m in new.members] == [
        (m.name, m.key, m.key_source) for m in old.members]
    assert new.equity.rules == old.equity.rules
    assert new.goals == old.goals and new.sections == old.sections
    assert new.contributions.shares == old.contributions.shares
    assert new.unit == old.unit and new.plan_span == old.plan_span
    assert new.decided == ""
    ids = [item.id for group in (new.members, new.other_income, new.costs, new.interventions,
                                 new.equity.rules, new.goals, new.sections) for item in group]
    assert len(ids) == len(set(ids))
    assert any("3 regler" in line for line in summary.carried)


def test_per_year_keys_move_one_column_left():
    old, new, _ = roll("sjuharad-2025")
    boras = by_name(new.members, "Borås")
    assert boras.key == {2026: 2_499_000, 2027: 2_495_000}
    assert by_name(old.members, "Borås").key[2025] == 2_210_400


def test_sjuharad_leaves_vilja_behind_and_says_why():
    old, new, summary = roll("sjuharad-2025")
    assert "VILJA ESF-projekt" not in [i.name for i in new.interventions]
    assert len(new.interventions) == len(old.interventions) - 1
    assert [(item.name, item.reason) for item in summary.left_behind] == [
        ("VILJA ESF-projekt", "slutade 2025-12-31, före 2026.")]
    text = "\n".join(summary.lines())
    assert "Lämnas kvar:\n  – VILJA ESF-projekt: slutade 2025-12-31" in text


def test_without_opening_equity_the_user_is_asked_for_it():
    _, new, summary = roll("sjuharad-2025")
    assert new.equity.opening is None and not new.equity.opening_is_forecast
    assert any("Fyll i ingående eget kapital 2026" in line for line in summary.to_check)


def test_an_intervention_ending_on_new_years_day_comes_along():
    plan = load_plan("sjuharad-2025")
    vilja = by_name(plan.interventions, "VILJA ESF-projekt")
    from dataclasses import replace
    plan = replace(plan, interventions=tuple(
        replace(i, end="2026-01-01") if i is vilja else i for i in plan.interventions))
    new, summary = roll_forward(plan, compute(plan))
    assert "VILJA ESF-projekt" in [i.name for i in new.interventions]
    assert summary.left_behind == ()


def test_a_later_year_may_be_given_but_not_an_earlier_one():
    _, new, summary = roll("sormland-2026", 2028)
    assert new.years == (2028, 2029, 2030)
    assert by_name(new.interventions, "Sikta mot arbetslivet").amounts == {2028: 9_000_000}
    assert summary.to_year == 2028
    plan = load_plan("sormland-2026")
    for year in (2026, 2025):
        with pytest.raises(RolloverError, match="måste ligga efter 2026"):
            roll_forward(plan, compute(plan), year)


def test_summary_lines_have_three_parts_in_swedish():
    _, _, summary = roll("sormland-2026")
    lines = summary.lines()
    assert lines[0] == "Ny plan för 2027 från planen för 2026."
    assert {"Följer med:", "Lämnas kvar:", "Att göra nu:"} <= set(lines)
    text = plain("\n".join(lines))
    assert "folkmängd" in text and "årsbokslutet" in text and "8 763 300 kr" in text
