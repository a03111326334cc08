"""The follow-up figures, findings and edits on the contract's Sörmland example."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest

from finsam_desktop.domain import edits
from finsam_desktop.domain import follow_up_edits as fe
from finsam_desktop.domain.check_result import check_result
from finsam_desktop.domain.edits import EditError
from finsam_desktop.domain.follow_up import extrapolated, year_fraction
from finsam_desktop.domain.outcome import compute
from finsam_desktop.domain.plan import Rule
from tests.domain.follow_up_example import ref, sormland_with_tertial

CONTRACT_KANSLI = {"list": "costs", "name": "Kansli", "budget": 3335000, "actual": 1100000,
                   "forecast": 3400000, "deviation": -65000}
CONTRACT_TOTALS = {
    "end": "2026-04-30",
    "income_budget": 17683000, "income_actual": 1000000, "income_forecast": 17683000,
    "costs_budget": 18551700, "costs_actual": 3100000, "costs_forecast": 18616700,
    "result_budget": -868700, "result_forecast": -933700,
    "closing_equity_budget": 8763300, "closing_equity_forecast": 8698300,
}


def test_check_json_gives_the_contract_figures():
    plan, _ = sormland_with_tertial()
    period = check_result(plan, compute(plan))["follow_up"]["Tertial 1"]
    for key, value in CONTRACT_TOTALS.items():
        assert period[key] == value, key
    kansli = [line for line in period["lines"] if line["name"] == "Kansli"]
    assert kansli == [CONTRACT_KANSLI]


def test_lines_are_every_line_in_contract_order():
    plan, _ = sormland_with_tertial()
    lines = check_result(plan, compute(plan))["follow_up"]["Tertial 1"]["lines"]
    assert [(line["list"], line["name"]) for line in lines] == [
        ("other_income", "Övriga intäkter, ESF projekt"), ("costs", "Styrelse"),
        ("costs", "Kansli"), ("costs", "Samverkansstöd, ESF, utvärdering"),
        ("interventions", "Sikta mot arbetslivet"), ("interventions", "Cooperari"),
        ("members", "Staten"), ("members", "Regionen"), ("members", "Kommuner")]
    members = {line["name"]: line for line in lines if line["list"] == "members"}
    assert members["Regionen"] == {"list": "members", "name": "Regionen", "budget": 4000000,
                                   "actual": 1000000, "forecast": 4000000, "deviation": 0}


def test_income_deviation_is_forecast_minus_budget():
    plan, period = sormland_with_tertial()
    plan = fe.set_forecast(plan, period, ref(plan, "members", "Regionen"), 4_100_000)
    line = compute(plan).follow_up[0].line(ref(plan, "members", "Regionen"))
    assert line.deviation == 100_000
    assert line.deviation_share == Decimal("0.025")


def test_no_period_no_follow_up_key_and_no_findings():
    plan, period = sormland_with_tertial()
    plan = fe.remove_period(plan, period)
    result = check_result(plan, compute(plan))
    assert "follow_up" not in result
    assert not [f for f in result["findings"] if f["code"].startswith(("forecast", "actual"))]


def _codes(plan):
    return [f.code for f in compute(plan).findings]


def test_forecast_equity_findings_follow_the_rules():
    plan, period = sormland_with_tertial()
    assert not [c for c in _codes(plan) if c.startswith("forecast")]
    low = replace(plan, equity=replace(plan.equity, rules=(
        Rule(id=900, kind="min_amount", amount=8_700_000),)))
    found = [f for f in compute(low).findings if f.code == "forecast_equity_below_minimum"]
    assert len(found) == 1 and found[0].year == 2026 and found[0].severity == "warning"
    assert "8 698 300 kr" in found[0].message.replace("\u00a0", " ")
    assert "1 700 kr" in found[0].message.replace("\u00a0", " ")
    assert not [f for f in compute(low).findings  # the budget's 8 763 300 holds in 2026
                if f.code == "equity_below_minimum" and f.year == 2026]
    # 50 % of forecast income 17 683 000 = 8 841 500 holds; of forecast costs 9 308 350 holds;
    # 49 % of forecast contributions 16 000 000 = 7 840 000 is broken.
    for basis, share, broken in (("income", "0.5", False), ("costs", "0.5", False),
                                 ("contributions", "0.49", True)):
        ruled = replace(plan, equity=replace(plan.equity, rules=(
            Rule(id=901, kind="max_share", share=Decimal(share), basis=basis),)))
        assert ("forecast_equity_above_maximum" in _codes(ruled)) == broken, basis
    negative = fe.set_forecast(plan, period, ref(plan, "costs", "Kansli"), 13_000_000)
    found = [f for f in compute(negative).findings if f.code == "forecast_equity_negative"]
    assert len(found) == 1 and found[0].severity == "error"


def test_max_share_basis_is_the_forecast_not_the_budget():
    plan, period = sormland_with_tertial()
    # 50 % of budget costs 18 551 700 = 9 275 850; of forecast costs lowered by 1 000 000 =
    # 8 775 850 < forecast closing equity 9 698 300 -> broken on the forecast only.
    plan = fe.set_forecast(plan, period, ref(plan, "costs", "Kansli"), 2_335_000)
    plan = replace(plan, equity=replace(plan.equity, rules=(
        Rule(id=902, kind="max_share", share=Decimal("0.5"), basis="costs"),)))
    assert compute(plan).follow_up[0].closing_equity_forecast == 9_763_300
    assert "forecast_equity_above_maximum" in _codes(plan)


def test_actual_exceeds_budget_once_per_cost_line_in_the_latest_period():
    plan, period = sormland_with_tertial()
    plan = fe.set_actual(plan, period, ref(plan, "costs", "Styrelse"), 480_000)
    plan = fe.set_actual(plan, period, ref(plan, "interventions", "Cooperari"), 1_300_000)
    plan = fe.set_actual(plan, period, ref(plan, "members", "Staten"), 9_000_000)  # income
    found = [f for f in compute(plan).findings if f.code == "actual_exceeds_budget"]
    assert sorted(f.subject_id for f in found) == sorted(
        [ref(plan, "costs", "Styrelse")[1], ref(plan, "interventions", "Cooperari")[1]])
    # a later, empty period is the latest: its actuals are 0
    later, _ = fe.add_period(plan, "Delår", "2026-08-31")
    assert "actual_exceeds_budget" not in _codes(later)


def test_suggestions_extrapolate_or_reset_to_budget():
    plan, period = sormland_with_tertial()
    kansli = ref(plan, "costs", "Kansli")
    extrapolated_plan = fe.suggest_extrapolated(plan, period)
    outcome = compute(extrapolated_plan).follow_up[0]
    assert outcome.line(kansli).forecast == 3_300_000  # 1 100 000 over four months
    assert outcome.line(ref(plan, "costs", "Styrelse")).forecast == 0
    only = fe.suggest_extrapolated(plan, period, [ref(plan, "members", "Regionen")])
    assert compute(only).follow_up[0].line(kansli).forecast == 3_400_000
    reset = fe.suggest_budget(extrapolated_plan, period)
    assert compute(reset).follow_up[0].line(kansli).forecast == 3_335_000
    assert compute(reset).follow_up[0].costs_forecast == 18_551_700


def test_extrapolation_by_months_or_days():
    assert year_fraction("2026-04-30") == Fraction(4, 12)
    assert year_fraction("2026-12-31") == 1
    assert year_fraction("2026-01-10") == Fraction(10, 365)
    assert extrapolated(100, "2026-08-31") == 150
    assert extrapolated(1, "2026-08-31") == 2  # 1.5 rounds away from zero
    assert extrapolated(-1, "2026-08-31") == -2


def test_periods_stay_in_date_order_and_refuse_bad_input():
    plan, period = sormland_with_tertial()
    plan, helar = fe.add_period(plan, "Helår", "2026-12-31")
    plan, delar = fe.add_period(plan, "Delår", "2026-08-31")
    assert [p.name for p in plan.follow_up.periods] == ["Tertial 1", "Delår", "Helår"]
    with pytest.raises(EditError, match="redan en period"):
        fe.add_period(plan, "delår", "2026-09-30")
    with pytest.raises(EditError, match="budgetåret 2026"):
        fe.add_period(plan, "Mars", "2025-03-31")
    with pytest.raises(EditError, match="inget datum"):
        fe.add_period(plan, "Mars", "31 mars")
    with pytest.raises(EditError, match="slutar redan"):
        fe.add_period(plan, "Augusti", "2026-08-31")
    with pytest.raises(EditError, match="tomt"):
        fe.rename_period(plan, delar, "  ")
    renamed = fe.rename_period(plan, delar, "Delårsrapport")
    assert [p.name for p in renamed.follow_up.periods][1] == "Delårsrapport"
    moved = fe.set_period_end(plan, helar, "2026-06-30")
    assert [p.name for p in moved.follow_up.periods] == ["Tertial 1", "Helår", "Delår"]
    with pytest.raises(EditError, match="helt antal kronor"):
        fe.set_actual(plan, period, ref(plan, "costs", "Kansli"), 1.5)
    with pytest.raises(EditError, match="orimligt"):
        fe.set_forecast(plan, period, ref(plan, "costs", "Kansli"), 10**13)
    with pytest.raises(EditError, match="finns inte längre"):
        fe.set_actual(plan, period, ("costs", 99999), 1)
    with pytest.raises(EditError, match="Perioden finns inte"):
        fe.set_actual(plan, 99999, ref(plan, "costs", "Kansli"), 1)
    with pytest.raises(EditError, match="ingen uppföljningsperiod"):
        fe.period_by_name(plan, "Tertial 2")
    assert fe.period_by_name(plan, "tertial 1").id == period


def test_accounts_parse_and_refuse_overlaps():
    plan, _ = sormland_with_tertial()
    assert fe.parse_accounts("5000 – 5999; 6110  7010") == ("5000-5999", "6110", "7010")
    with pytest.raises(EditError, match="inget konto"):
        fe.parse_accounts("60x0")
    with pytest.raises(EditError, match="slutar före"):
        fe.parse_accounts("5999-5000")
    styrelse = ref(plan, "costs", "Styrelse")
    with pytest.raises(EditError, match="Konto 6110 hör redan till Kansli"):
        fe.set_accounts(plan, styrelse, ["6100-6199"])
    with pytest.raises(EditError, match="Konto 4010 hör redan till Sikta"):
        fe.set_accounts(plan, styrelse, ["4010"])
    plan = fe.set_accounts(plan, styrelse, ["6000-6109"])
    assert plan.follow_up.accounts[styrelse] == ("6000-6109",)
    assert styrelse not in fe.set_accounts(plan, styrelse, []).follow_up.accounts


def test_removing_a_line_drops_its_follow_up_values():
    plan, _period = sormland_with_tertial()
    kansli = ref(plan, "costs", "Kansli")
    removed = edits.remove_item(plan, "costs", kansli[1])
    assert kansli not in removed.follow_up.accounts
    assert kansli not in removed.follow_up.periods[0].actuals
    assert compute(removed).follow_up[0].costs_actual == 2_000_000


def test_edits_never_change_the_plan_they_were_given():
    plan, period = sormland_with_tertial()
    before = repr(plan)
    fe.set_actual(plan, period, ref(plan, "costs", "Kansli"), 5)
    fe.suggest_extrapolated(plan, period)
    fe.set_accounts(plan, ref(plan, "costs", "Styrelse"), ["7000"])
    assert repr(plan) == before
