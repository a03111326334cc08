"""The plan document in its own order: chapters, more text, and generated blocks where placed.

When `plan.sections` holds at least one block item the report is exactly the document:
chapters in reading order, each block computed from the plan and printed where the
outline puts it, under a level-2 heading of the chapter above (its default, the item's
`block_title`, or none when that is ""). Items with `included` off are left out; a chapter
left out takes its text and blocks with it. Footnotes print at the end of their chapter.
"""

from __future__ import annotations

from collections.abc import Callable

from ..domain.outcome import Outcome
from ..domain.plan import Plan, Section
from .blocks import Block, Chapter, Chart, Heading, Text
from .details import detail_blocks, goal_blocks, key_blocks
from .markdown import Notes, markdown_blocks
from .tables import (
    economy_table,
    equity_chart,
    finding_blocks,
    intervention_chart,
    intervention_tables,
    member_tables,
    municipality_table,
    rule_table_blocks,
)

BLOCK_TITLES = {
    "members": "Medlemmarnas medfinansiering",
    "keys": "Fördelning mellan kommunerna",
    "economy": "Budget och ekonomisk plan",
    "interventions": "Insatser",
    "interventions_by_municipality": "Insatser per kommun",
    "intervention_details": "Insatserna i detalj",
    "goals": "Mål och indikatorer",
    "rules": "Eget kapital och regler",
    "findings": "Iakttagelser",
    "chart_equity": "Eget kapital per år",
    "chart_areas": "Insatsmedel per område",
    "follow_up": "Uppföljning",
}


def has_blocks(plan: Plan) -> bool:
    """True when the document places its own blocks (the contract's second-release layout)."""
    return any(section.kind == "block" for section in plan.sections)


def block_content(kind: str, plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    """The blocks one generated item prints (without its heading)."""
    builder = _BUILDERS.get(kind)
    if builder is None:
        return [Text(f"Okänt block: {kind}.")]
    return builder(plan, outcome, unit)


def _heading(section: Section) -> str:
    if section.block_title is None:
        return BLOCK_TITLES.get(section.block, section.block)
    return section.block_title.strip()


def _last_level(blocks: list[Block]) -> int:
    """The level of the nearest heading above (the chapter's title is level 1)."""
    return next((b.level for b in reversed(blocks) if isinstance(b, Heading)), 1)


def nest_headings(content: list[Block], above: int) -> list[Block]:
    """A block's own headings moved so that its top ones sit one level below `above`.

    A block builds its headings for the usual place, under its level-2 heading; placed
    with no heading of its own (`"title": ""`) straight under a chapter, or under a
    `###` of the text, they would skip or repeat a level in the outline and the tags.
    Levels stay within 2..4, the levels a chapter's headings have.
    """
    levels = [b.level for b in content if isinstance(b, Heading)]
    if not levels:
        return content
    shift = above + 1 - min(levels)
    if not shift:
        return content
    return [b._replace(level=min(max(b.level + shift, 2), 4)) if isinstance(b, Heading) else b
            for b in content]


def no_skipped_levels(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Each heading at most one level below the heading before it (the chapter's title is 1).

    A `####` written straight under a chapter's title prints as its first sub-level, so
    the contents, the PDF outline and the tagged headings never skip a level.
    """
    last, out = 1, []
    for block in blocks:
        if isinstance(block, Heading):
            if block.level > last + 1:
                block = block._replace(level=last + 1)
            last = block.level
        out.append(block)
    return tuple(out)


def document_chapters(plan: Plan, outcome: Outcome, unit: str) -> list[Chapter]:
    """The document's chapters in reading order, blocks computed where they are placed."""
    chapters: list[Chapter] = []
    title: str | None = None
    blocks: list[Block] = []
    notes = Notes()
    skipping = False

    def close() -> None:
        if title is not None or blocks:
            footnotes = notes.block()
            chapters.append(Chapter(title or "", no_skipped_levels(
                tuple(blocks) + ((footnotes,) if footnotes else ()))))

    for section in plan.sections:
        if section.kind == "chapter":
            close()
            title, blocks, notes = section.title.strip() or "Utan rubrik", [], Notes()
            skipping = not section.included
            if skipping:
                title = None
            else:
                blocks += markdown_blocks(section.text, notes)
            continue
        if skipping or not section.included:
            continue
        if section.kind == "text":
            blocks += markdown_blocks(section.text, notes)
        elif section.kind == "block":
            heading = _heading(section)
            if heading:
                blocks.append(Heading(heading, 2, True))
            content = nest_headings(block_content(section.block, plan, outcome, unit),
                                    _last_level(blocks))
            if section.alt_text.strip():  # the user's alternative text for a chart block
                content = [b._replace(alt_text=section.alt_text) if isinstance(b, Chart) else b
                           for b in content]
            blocks += content
    close()
    return chapters


def _members(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    return member_tables(plan, outcome, unit)


def _keys(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    return key_blocks(plan, outcome, unit)


def _economy(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    return [economy_table(plan, outcome, unit)]


def _interventions(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    return intervention_tables(plan, unit)


def _by_municipality(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    table = municipality_table(plan, unit)
    return [table] if table is not None else [Text("Insatserna anger ingen kommun.")]


def _details(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    return detail_blocks(plan, outcome, unit)


def _goals(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    return goal_blocks(plan)


def _rules(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    return rule_table_blocks(plan, outcome, unit)


def _findings(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    return finding_blocks(plan, outcome, unit)


def _chart_equity(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    return [equity_chart(plan, outcome, unit)]


def _chart_areas(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    if not plan.interventions:
        return [Text("Planen har inga insatser ännu.")]
    return [intervention_chart(plan, outcome, unit)]


def _follow_up(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    """The latest follow-up period (imported here: `follow_up` builds on `content`)."""
    from .follow_up import follow_up_blocks
    return follow_up_blocks(plan, outcome, unit)


_BUILDERS: dict[str, Callable[[Plan, Outcome, str], list[Block]]] = {
    "members": _members, "keys": _keys, "economy": _economy, "interventions": _interventions,
    "interventions_by_municipality": _by_municipality, "intervention_details": _details,
    "goals": _goals, "rules": _rules, "findings": _findings, "chart_equity": _chart_equity,
    "chart_areas": _chart_areas, "follow_up": _follow_up,
}
