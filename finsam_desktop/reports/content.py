"""What the plan report says, as a pure function of the plan and its outcome.

`build_report(plan, outcome, unit)` returns a `Report` of chapters holding
paragraphs, bullets, tables of formatted strings and chart data. It does no
layout; `pdf.py` prints it and the tests read it directly.
"""

from __future__ import annotations

from dataclasses import replace

from ..domain.money import amounts_in
from ..domain.outcome import Outcome, findings_of
from ..domain.plan import Plan
from .blocks import Block, Bullets, Chapter, Chart, Column, Heading, Report, Row, Series, Table, Text
from .markdown import Notes, markdown_blocks
from .placed import document_chapters, has_blocks, no_skipped_levels
from .tables import (
    economy_table,
    equity_chart,
    intervention_chart,
    intervention_tables,
    member_tables,
    municipality_table,
    rule_blocks,
)

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


def narrative_blocks(text: str, notes: Notes | None = None) -> list[Block]:
    """A section's Markdown text as blocks (see `markdown`); first-release text is valid Markdown."""
    return markdown_blocks(text, notes)


def _title(plan: Plan) -> tuple[str, str]:
    """The cover's title and subtitle: the plan's own, or "Verksamhetsplan och budget YEAR"."""
    title = plan.cover.title.strip() or f"Verksamhetsplan och budget {plan.plan_year}"
    if plan.cover.subtitle.strip():
        return title, plan.cover.subtitle.strip()
    if plan.plan_span > 1 and not plan.cover.title.strip():
        return title, f"med ekonomisk plan för {plan.years[1]}–{plan.years[-1]}"
    return title, ""


def _text_chapters(plan: Plan) -> list[Chapter]:
    """The first release's narrative: one chapter per section, each with its footnotes."""
    chapters: list[tuple[str, list[Block], Notes]] = []
    for section in plan.sections:
        if not section.included or section.kind == "block":
            continue
        if section.kind == "text" and chapters:
            title, blocks, notes = chapters[-1]
        else:  # text before the first chapter prints without a heading
            title = (section.title or "Utan rubrik") if section.kind == "chapter" else ""
            blocks, notes = [], Notes()
            chapters.append((title, blocks, notes))
        blocks += markdown_blocks(section.text, notes)
    result = []
    for title, blocks, notes in chapters:
        footnotes = notes.block()
        result.append(Chapter(title, no_skipped_levels(
            tuple(blocks) + ((footnotes,) if footnotes else ()))))
    return result


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
    """The whole report in reading order; amounts in `unit` ("kr" or "tkr", default the plan's).

    In tkr every amount is in tkr, the findings' and the rules' own words included:
    they are worded again with `amounts_in("tkr")`.
    """
    unit = unit or plan.unit
    if unit not in ("kr", "tkr"):
        unit = "kr"
    with amounts_in(unit):
        if unit != "kr" and outcome.findings:
            outcome = replace(outcome, findings=findings_of(plan, outcome.years, outcome.margins,
                                                            outcome.follow_up))
        return _build(plan, outcome, unit)


def _build(plan: Plan, outcome: Outcome, unit: str) -> Report:
    title, subtitle = _title(plan)
    decided = plan.cover.note.strip() or (
        f"Beslutad av förbundsstyrelsen {swedish_date(plan.decided)}" if plan.decided else "")
    if has_blocks(plan):
        return Report(association=plan.association, title=title, subtitle=subtitle,
                      decided=decided, unit=unit, chapters=tuple(document_chapters(plan, outcome, unit)),
                      numbered=False, logo=plan.cover.logo)
    chapters = _text_chapters(plan)
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

    return Report(association=plan.association, title=title, subtitle=subtitle,
                  decided=decided, unit=unit, chapters=tuple(chapters), logo=plan.cover.logo)
