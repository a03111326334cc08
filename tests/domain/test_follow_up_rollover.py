"""Nytt år after a follow-up: the forecast's closing equity opens next year, said so, and
the account mapping comes along; the periods stay behind."""

from __future__ import annotations

from finsam_desktop.domain import edits
from finsam_desktop.domain import follow_up_edits as fe
from finsam_desktop.domain.outcome import compute
from finsam_desktop.domain.rollover import roll_forward
from tests.conftest import load_plan
from tests.domain.follow_up_example import ref, sormland_with_tertial


def test_opening_equity_is_the_latest_forecast_and_says_so():
    plan, _ = sormland_with_tertial()
    plan, delar = fe.add_period(plan, "Delår", "2026-08-31")
    plan = fe.set_forecast(plan, delar, ref(plan, "costs", "Kansli"), 3_500_000)
    new, summary = roll_forward(plan, compute(plan))
    assert compute(plan).follow_up[-1].closing_equity_forecast == 8_598_300
    assert new.equity.opening == 8_598_300 and new.equity.opening_is_forecast
    assert new.equity.opening_note == "Prognos per 31 augusti 2026"
    text = "\n".join(summary.lines()).replace("\u00a0", " ")
    assert "8 598 300 kr" in text and "prognos per 31 augusti 2026 (Delår)" in text
    assert "Kontokopplingen för SIE-import (2 rader)" in text
    assert new.follow_up.periods == ()
    assert new.follow_up.accounts == plan.follow_up.accounts


def test_without_a_period_the_planned_closing_equity_opens_as_before():
    plan = load_plan("sormland-2026")
    new, summary = roll_forward(plan, compute(plan))
    assert new.equity.opening == 8_763_300 and new.equity.opening_note == ""
    assert new.follow_up.accounts == {} and "Kontokopplingen" not in "\n".join(summary.lines())


def test_mapping_of_an_intervention_left_behind_does_not_come_along():
    plan, _ = sormland_with_tertial()
    sikta = ref(plan, "interventions", "Sikta mot arbetslivet")
    plan = edits.update_item(plan, "interventions", sikta[1], end="2026-06-30")
    new, _ = roll_forward(plan, compute(plan))
    assert sikta not in new.follow_up.accounts
    assert ref(plan, "costs", "Kansli") in new.follow_up.accounts


def test_a_later_year_than_the_next_keeps_the_planned_closing_equity():
    plan, _ = sormland_with_tertial()
    new, _ = roll_forward(plan, compute(plan), 2028)
    assert new.equity.opening == compute(plan).years[2027].closing_equity
