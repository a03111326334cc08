"""The follow-up in print: the `follow_up` block of the plan document and the tertial report.

A pure function of the plan and its outcome, like the plan report (`content.py`): rows of
formatted strings, laid out by `pdf.py` with the plan report's look. Per line budget,
actual, forecast, deviation (kr and %) and comment, grouped as income and costs with sums;
then the result, the equity forecast against the plan's rules, and the follow-up findings.
In tkr each column is rounded so its sums add up as printed (`rounding.round_parts`).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from ..domain.findings import SEVERITY_LABELS, describe_rule
from ..domain.follow_up import COST_LISTS, INCOME_LISTS, PeriodOutcome
from ..domain.money import format_share
from ..domain.outcome import Outcome
from ..domain.plan import Plan
from ..domain.rule_kinds import KINDS
from .blocks import Block, Bullets, Chapter, Column, Heading, Report, Row, Table, Text
from .content import swedish_date
from .rounding import Formatter, round_parts

FOLLOW_UP_CODES = ("forecast_equity_below_minimum", "forecast_equity_above_maximum",
                   "forecast_equity_negative", "actual_exceeds_budget")


def period_of(outcome: Outcome, name: str | None = None) -> PeriodOutcome | None:
    """The period called `name` (case-insensitive), or the latest one when `name` is None."""
    if not outcome.follow_up:
        return None
    if name is None:
        return outcome.follow_up[-1]
    for period in outcome.follow_up:
        if period.name.casefold() == name.strip().casefold():
            return period
    return None


def _share(deviation: int, budget: int) -> str:
    return format_share(Fraction(deviation, budget)) if budget else ""


def line_figures(period: PeriodOutcome, unit: str) -> list[tuple[str, str, list[int], str, str]]:
    """(label, kind, [budget, actual, forecast, deviation], deviation %, comment) per printed
    row: income lines, their sum, cost lines, their sum, and the result; rounded so that
    every sum is the sum of the rows printed above it."""
    rows: list[tuple[str, str, list[int], str, str]] = []
    sums = {}
    for title, lists in (("Intäkter", INCOME_LISTS), ("Kostnader", COST_LISTS)):
        lines = [line for line in period.lines if line.list in lists]
        if title == "Intäkter":  # members first, as the plan's economy table lists income
            lines.sort(key=lambda line: line.list != "members")
        columns = [round_parts([getattr(line, field) for line in lines], unit)
                   for field in ("budget", "actual", "forecast", "deviation")]
        rows.append((title, "heading", [], "", ""))
        for index, line in enumerate(lines):
            rows.append((line.name, "body", [column[index] for column in columns],
                         _share(line.deviation, line.budget), line.comment))
        total = [sum(column) for column in columns]
        sums[title] = total
        rows.append((f"Summa {title.lower()}", "subtotal", total, _share(total[3], total[0]), ""))
    income, costs = sums["Intäkter"], sums["Kostnader"]
    result = [income[0] - costs[0], income[1] - costs[1], income[2] - costs[2],
              income[3] + costs[3]]
    rows.append(("Resultat", "total", result, "", ""))
    return rows


def line_table(period: PeriodOutcome, unit: str) -> Table:
    figures = line_figures(period, unit)
    formats = [Formatter(unit, [row[2][i] for row in figures if row[2]]) for i in range(4)]
    rows = []
    for label, kind, values, share, comment in figures:
        cells = (label, *(formats[i](v) for i, v in enumerate(values)), share, comment) \
            if values else (label, "", "", "", "", "", "")
        rows.append(Row(cells, kind))
    columns = (Column("Post", width=2.6), Column("Budget", True), Column("Utfall", True),
               Column("Prognos", True), Column("Avvikelse", True),
               Column("Avv. %", True, width=0.7), Column("Kommentar", width=2.2))
    caption = ("Belopp i tkr." if unit == "tkr" else "Belopp i kronor.") + (
        f" Utfall 1 januari–{swedish_date(period.end)}, prognos för helåret. Avvikelse är "
        "påverkan på resultatet mot budget: negativ är sämre än budget.")
    return Table(columns, tuple(rows), caption)


def equity_table(plan: Plan, period: PeriodOutcome, unit: str) -> Table:
    """Opening equity, the result and the closing equity, budget against forecast; then each
    equity rule's bound and margin on the forecast."""
    budget_result, forecast_result = period.result_budget, period.result_forecast
    rows = [("Ingående eget kapital", period.opening_equity, period.opening_equity, "body"),
            ("Årets resultat", budget_result, forecast_result, "body"),
            ("Utgående eget kapital", period.closing_equity_budget,
             period.closing_equity_forecast, "total")]
    for rule in plan.equity.rules:
        kind = KINDS.get(rule.kind)
        if kind is None or not kind.bounds_equity:
            continue
        bound_budget = kind.measure(rule, _Figures(period.closing_equity_budget,
                                                   lambda b: _budget_basis(period, b)))[0]
        bound_forecast = kind.measure(rule, _Figures(period.closing_equity_forecast,
                                                     period.basis))[0]
        rows.append((describe_rule(rule).capitalize(), bound_budget, bound_forecast, "body"))
    values = [[row[1] for row in rows], [row[2] for row in rows]]
    formats = [Formatter(unit, column) for column in values]
    printed = [Row((label, formats[0](b), formats[1](f)), kind) for label, b, f, kind in rows]
    return Table((Column("Eget kapital", width=3.0), Column("Budget", True),
                  Column("Prognos", True)), tuple(printed),
                 "Belopp i tkr." if unit == "tkr" else "Belopp i kronor.")


class _Figures:
    """Closing equity and bases as an equity rule measures them (domain.rule_kinds)."""

    def __init__(self, closing_equity: int, basis: Callable[[str], int]) -> None:
        self.closing_equity = closing_equity
        self.basis = basis


def _budget_basis(period: PeriodOutcome, basis: str) -> int:
    budget = {"contributions": sum(line.budget for line in period.lines
                                   if line.list == "members"),
              "income": period.income_budget, "costs": period.costs_budget}
    return budget[basis]


def finding_blocks(outcome: Outcome) -> list[Block]:
    found = [f for f in outcome.findings if f.code in FOLLOW_UP_CODES]
    if not found:
        return [Text("Prognosen håller planens regler för eget kapital, och inget utfall är "
                     "över sin helårsbudget.")]
    return [Bullets(tuple(f"{SEVERITY_LABELS.get(f.severity, f.severity)}: {f.message}"
                          for f in found))]


def follow_up_blocks(plan: Plan, outcome: Outcome, unit: str,
                     period: PeriodOutcome | None = None) -> list[Block]:
    """The `follow_up` block of the plan document: the latest period (or `period`)."""
    period = period or period_of(outcome)
    if period is None:
        return [Text("Planen har ingen uppföljningsperiod ännu.")]
    latest = period is outcome.follow_up[-1]
    blocks: list[Block] = [
        Text(f"{period.name}: utfall till och med {swedish_date(period.end)} och prognos för "
             f"helåret {plan.plan_year}. Prognosen för utgående eget kapital är "
             f"{Formatter(unit)(period.closing_equity_forecast)} {unit}, mot "
             f"{Formatter(unit)(period.closing_equity_budget)} {unit} i budgeten."),
        line_table(period, unit),
        Heading("Eget kapital enligt prognosen", level=3),
        equity_table(plan, period, unit)]
    if latest:
        blocks += [Heading("Iakttagelser", level=3), *finding_blocks(outcome)]
    return blocks


def build_follow_up_report(plan: Plan, outcome: Outcome, period_name: str,
                           unit: str | None = None) -> Report:
    """The tertial report, "Uppföljning Tertial 1 2026", with the plan report's look."""
    unit = unit if unit in ("kr", "tkr") else plan.unit if plan.unit in ("kr", "tkr") else "kr"
    period = period_of(outcome, period_name)
    if period is None:
        from ..domain.follow_up_edits import period_by_name
        period_by_name(plan, period_name)  # refuses in Swedish, naming the periods there are
        raise AssertionError(period_name)
    blocks = follow_up_blocks(plan, outcome, unit, period)
    comments = [f"{line.name}: {line.comment}" for line in period.lines if line.comment]
    chapters = [Chapter("Ekonomisk uppföljning", tuple(blocks[:2])),
                Chapter("Eget kapital och regler", tuple(blocks[3:]))]
    if period is not outcome.follow_up[-1]:
        chapters[1] = Chapter("Eget kapital och regler", (blocks[3],))
    if comments:
        chapters.append(Chapter("Kommentarer till avvikelserna", (Bullets(tuple(comments)),)))
    return Report(association=plan.association,
                  title=f"Uppföljning {period.name} {plan.plan_year}",
                  subtitle=f"Utfall till och med {swedish_date(period.end)} och prognos för "
                           f"helåret",
                  decided="", unit=unit, chapters=tuple(chapters), numbered=True,
                  logo=plan.cover.logo)
