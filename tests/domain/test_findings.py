"""Findings that keep the figures honest: money nobody pays, years without costs, a missing
upper rule, last year's rows against last year's total; and what was checked."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from finsam_desktop.domain import edits, rule_kinds
from finsam_desktop.domain.check_result import check_text
from finsam_desktop.domain.findings import SEVERITY_LABELS, checks_made
from finsam_desktop.domain.outcome import compute
from finsam_desktop.domain.plan import RULE_KINDS, Rule
from tests.conftest import load_plan


def _codes(plan) -> set[tuple[str, int | None]]:
    return {(f.code, f.year) for f in compute(plan).findings}


def test_with_no_municipality_keyed_the_sums_are_the_rows_and_the_part_is_unallocated():
    plan = load_plan("skaraborg-2026")
    plan = replace(plan, members=tuple(replace(m, key=None) if m.kind == "municipality" else m
                                       for m in plan.members))
    outcome = compute(plan)
    figures = outcome.years[2026]
    rows = sum(figures.contributions.values())
    assert figures.contributions_total == rows < plan.contributions.totals[2026]
    assert figures.income_total == rows + figures.other_income_total
    part = figures.contributions_unallocated["municipalities"]
    assert rows + part == plan.contributions.totals[2026]
    finding = next(f for f in outcome.findings if f.code == "contributions_unallocated")
    assert finding.severity == "error" and finding.year == 2026
    assert "ingen kommun har fördelningsnyckel" in finding.message


def test_a_share_with_no_member_is_not_income():
    plan = load_plan("sormland-2026")
    plan = replace(plan, members=tuple(m for m in plan.members if m.kind != "region"))
    figures = compute(plan).years[2026]
    assert set(figures.contributions_unallocated) == {"region"}
    assert figures.contributions_total == sum(figures.contributions.values())
    assert ("contributions_unallocated", 2026) in _codes(plan)


def test_a_year_with_income_and_no_costs_is_a_finding():
    plan = edits.set_span(load_plan("skaraborg-2026"), 3)
    plan = edits.set_total(plan, 2028, 20_000_000)
    assert ("costs_missing", 2028) in _codes(plan)
    assert ("costs_missing", 2026) not in _codes(plan)


def test_a_plan_without_an_upper_equity_rule_is_told_so():
    plan = load_plan("sormland-2026")
    assert ("equity_maximum_missing", None) in _codes(plan)
    with_rule, _ = edits.add_item(plan, "rules", kind="max_share", share=Decimal("0.2"))
    assert ("equity_maximum_missing", None) not in _codes(with_rule)
    assert ("equity_maximum_missing", None) not in _codes(load_plan("skaraborg-2026"))


def test_skaraborgs_previous_rows_do_not_add_up_to_its_previous_total():
    plan = load_plan("skaraborg-2026")
    finding = next(f for f in compute(plan).findings if f.code == "previous_total_mismatch")
    assert "17 090 001" in finding.message.replace("\u00a0", " ")
    assert "17 090 000" in finding.message.replace("\u00a0", " ")
    fixed = edits.set_previous_total(plan, 17_090_001)
    assert "previous_total_mismatch" not in {f.code for f in compute(fixed).findings}


def test_the_forecast_finding_quotes_the_opening_note():
    plan = load_plan("skaraborg-2026")
    plan = replace(plan, equity=replace(plan.equity, opening_is_forecast=True,
                                        opening_note="Prognos per 30 juni 2025"))
    finding = next(f for f in compute(plan).findings if f.code == "opening_equity_forecast")
    assert "”Prognos per 30 juni 2025”" in finding.message


def test_what_was_checked_names_every_rule_and_the_empty_check_text_says_it():
    plan = load_plan("skaraborg-2026")
    checks = checks_made(plan)
    assert sum(c.startswith("Regel: ") for c in checks) == len(plan.equity.rules)
    assert any("fjolårets total" in c for c in checks)
    quiet, _ = edits.add_item(load_plan("sormland-2026"), "rules", kind="max_share",
                              share=Decimal(1))
    quiet = edits.set_opening_equity(quiet, quiet.equity.opening)
    outcome = compute(quiet)
    assert not outcome.findings, [f.code for f in outcome.findings]
    text = check_text(quiet, outcome)
    assert "Inga iakttagelser. Kontrollerat:" in text
    assert "planen håller alla regler" not in text


def test_every_rule_kind_has_its_wording_margin_and_labels_in_one_place():
    assert tuple(rule_kinds.KINDS) == RULE_KINDS
    plan = load_plan("skaraborg-2026")
    figures = compute(plan).years[2026]
    for kind in RULE_KINDS:
        spec = rule_kinds.KINDS[kind]
        rule = rule_kinds.normalised(Rule(1, kind, amount=100, share=Decimal("0.5")))
        bound, actual, margin = spec.measure(rule, figures)
        assert spec.bound_side in ("min", "max") and spec.label and spec.finding_code
        assert (margin == actual - bound) if spec.bound_side == "min" else (margin == bound - actual)
        assert rule_kinds.describe_rule(rule)
        assert tuple(rule_kinds.rule_to_document(rule)) == spec.keys


def test_no_module_outside_rule_kinds_branches_on_a_kind_string():
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "finsam_desktop"
    allowed = {"domain/rule_kinds.py", "domain/plan.py"}
    for path in root.rglob("*.py"):
        name = path.relative_to(root).as_posix()
        if name in allowed:
            continue
        text = path.read_text(encoding="utf-8")
        for kind in RULE_KINDS:
            assert f'"{kind}"' not in text and f"'{kind}'" not in text, (name, kind)


def test_one_set_of_severity_labels():
    from finsam_desktop.reports import tables
    assert tables.SEVERITY_LABELS is SEVERITY_LABELS
    assert SEVERITY_LABELS == {"error": "Fel", "warning": "Varning", "info": "Att notera"}


def test_findings_does_not_import_outcome():
    import ast
    from pathlib import Path
    source = (Path(__file__).resolve().parents[2] / "finsam_desktop/domain/findings.py").read_text()
    imported = {node.module for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.ImportFrom)}
    assert "outcome" not in imported
