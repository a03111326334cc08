"""What the plan report says, as a pure function of the plan and its outcome.

`build_report(plan, outcome, unit)` returns a `Report` of chapters holding
paragraphs, bullets, tables of formatted strings and chart data. It does no
layout; `pdf.py` prints it and the tests read it directly.
"""

from __future__ import annotations

from ..domain.outcome import Outcome
from ..domain.plan import Plan
from .blocks import (Block, Bullets, Chapter, Chart, Column, Heading, Report, Row, Series,
                     Table, Text)
from .tables import (economy_table, equity_chart, intervention_chart, intervention_tables,
                     member_tables, municipality_table, rule_blocks)

__all__ = ["build_report", "Report", "Chapter", "Heading", "Text", "Bullets", "Table",
           "Column", "Row", "Chart", "Series", "Block"]

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")


def swedish_date(iso: str) -> str:
    """"2025-11-25" as "25 november 2025"; anything else as written."""
    parts = iso.strip().split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        year, month, day = (int(p) for p in parts)
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{day} {MONTHS[month - 1]} {year}"
    return iso.strip()


def narrative_blocks(text: str) -> list[Block]:
    """A section's text: blank lines split paragraphs, lines starting with "- " are bullets."""
    blocks: list[Block] = []
    lines: list[str] = []
    bullets: list[str] = []

    def flush_text():
        if lines:
            blocks.append(Text(" ".join(line.strip() for line in lines)))
            lines.clear()

    def flush_bullets():
        if bullets:
            blocks.append(Bullets(tuple(bullets)))
            bullets.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush_text()
            flush_bullets()
        elif line.startswith("- ") or line == "-":
            flush_text()
            bullets.append(line[2:].strip())
        else:
            flush_bullets()
            lines.append(line)
    flush_text()
    flush_bullets()
    return blocks


def _title(plan: Plan) -> tuple[str, str]:
    title = f"Verksamhetsplan och budget {plan.plan_year}"
    if plan.plan_span > 1:
        return title, f"med ekonomisk plan för {plan.years[1]}–{plan.years[-1]}"
    return title, ""


def _goal_blocks(plan: Plan) -> list[Block]:
    blocks: list[Block] = []
    for goal in plan.goals:
        blocks.append(Heading(goal.title))
        if goal.indicators:
            rows = tuple(Row((ind.text, ind.target)) for ind in goal.indicators)
            blocks.append(Table((Column("Indikator", width=3.0), Column("Målvärde", width=1.0)),
                                rows))
    return blocks


def build_report(plan: Plan, outcome: Outcome, unit: str | None = None) -> Report:
    """The whole report in reading order; amounts in `unit` ("kr" or "tkr", default the plan's)."""
    unit = unit or plan.unit
    if unit not in ("kr", "tkr"):
        unit = "kr"
    title, subtitle = _title(plan)
    chapters: list[Chapter] = []
    for section in plan.sections:
        chapters.append(Chapter(section.title or "Utan rubrik", tuple(narrative_blocks(section.text))))
    if plan.goals:
        chapters.append(Chapter("Mål och indikatorer", tuple(_goal_blocks(plan))))

    chapters.append(Chapter("Medlemmarnas medfinansiering", tuple(member_tables(plan, outcome, unit))))
    chapters.append(Chapter("Budget och ekonomisk plan", (economy_table(plan, outcome, unit),)))

    interventions: list[Block] = list(intervention_tables(plan, unit))
    by_municipality = municipality_table(plan, unit)
    if by_municipality is not None:
        interventions += [Heading("Insatser per kommun"), by_municipality]
    chapters.append(Chapter("Insatser", tuple(interventions)))

    chapters.append(Chapter("Eget kapital, regler och iakttagelser",
                            tuple(rule_blocks(plan, outcome, unit))))
    charts: list[Block] = [equity_chart(plan, outcome, unit)]
    if plan.interventions:
        charts.append(intervention_chart(plan, outcome, unit))
    chapters.append(Chapter("Diagram", tuple(charts)))

    decided = f"Beslutad av förbundsstyrelsen {swedish_date(plan.decided)}" if plan.decided else ""
    return Report(association=plan.association, title=title, subtitle=subtitle,
                  decided=decided, unit=unit, chapters=tuple(chapters))
