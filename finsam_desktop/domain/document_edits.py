"""Edits of the plan document as pure functions Plan -> Plan: outline, cover, labels, goals.

Like `domain.edits`, each function checks its input and raises EditError with a Swedish
message when the change is refused; then nothing changes. The rules of a valid section,
goal, cover and label are the plan's one validator (`validation_document`); only what is
about the edit itself (a chapter needs a title, the outline starts with a chapter) is here. The outline is `plan.sections`
in reading order (chapters, their continued text, placed blocks); goals nest, so a goal is
addressed by its path: the top goal's index, then the sub-goals' indices.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any, ParamSpec, TypeVar

from . import validation, validation_document
from .edits import EditError
from .errors import Invalid
from .plan import AREAS, BLOCK_KINDS, Goal, Indicator, Plan, Section

MAX_LOGO_BYTES = validation.MAX_LOGO_BYTES
_P = ParamSpec("_P")
_R = TypeVar("_R")


def _valid(check: Callable[_P, _R], /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
    """Run one of the validator's checks; its refusal becomes an EditError."""
    try:
        return check(*args, **kwargs)
    except Invalid as error:
        raise EditError(error.message) from None


def _text(value: object, what: str, required: bool = False) -> str:
    text = _valid(validation.markdown, value, what)  # a text, its length and characters
    if required and not text.strip():
        raise EditError(f"{what} får inte vara tom.")  # "tom": rubrik, titel (not "tomt")
    return text


def _section_index(plan: Plan, ident: int) -> int:
    for index, section in enumerate(plan.sections):
        if section.id == ident:
            return index
    raise EditError("Avsnittet finns inte längre i planen.")


def _with_sections(plan: Plan, sections: Iterable[Section]) -> Plan:
    sections = tuple(sections)
    old = {id(section) for section in plan.sections}
    for section in sections:
        if id(section) not in old:  # only new or changed items need checking
            _valid(validation_document.section, section)
    return replace(plan, sections=sections)


# --- the outline -------------------------------------------------------------------------

def add_chapter(plan: Plan, index: int | None = None, title: str = "Nytt kapitel",
                text: str = "") -> tuple[Plan, int]:
    """A chapter at `index` (the end when None); returns the plan and the chapter's id."""
    _text(title, "Kapitlets rubrik", required=True)
    _text(text, "Texten")
    ident = plan.next_id()
    sections = list(plan.sections)
    position = len(sections) if index is None else max(0, min(index, len(sections)))
    sections.insert(position, Section(id=ident, title=title.strip(), text=text))
    return _with_sections(plan, sections), ident


def set_title(plan: Plan, ident: int, title: str) -> Plan:
    """A chapter's level-1 heading; it may not be empty (the report's contents list it)."""
    index = _section_index(plan, ident)
    section = plan.sections[index]
    if section.kind != "chapter":
        raise EditError("Bara ett kapitel har en rubrik.")
    _text(title, "Kapitlets rubrik", required=True)
    return _replace_section(plan, index, replace(section, title=title))


def set_text(plan: Plan, ident: int, text: str) -> Plan:
    """The Markdown text of a chapter or of a chapter's continued text."""
    index = _section_index(plan, ident)
    section = plan.sections[index]
    if section.kind == "block":
        raise EditError("En tabell har ingen egen text.")
    return _replace_section(plan, index, replace(section, text=_text(text, "Texten")))


def set_included(plan: Plan, ident: int, included: bool) -> Plan:
    """Whether the item is printed (*med i rapporten*); it stays in the outline either way."""
    if not isinstance(included, bool):
        raise EditError("Med i rapporten ska vara på eller av.")
    index = _section_index(plan, ident)
    return _replace_section(plan, index, replace(plan.sections[index], included=included))


def set_block_title(plan: Plan, ident: int, title: str | None) -> Plan:
    """A block's heading: None is its default heading, "" none at all."""
    index = _section_index(plan, ident)
    section = plan.sections[index]
    if section.kind != "block":
        raise EditError("Bara en tabell har en egen tabellrubrik.")
    if title is not None:
        _text(title, "Tabellens rubrik")
    return _replace_section(plan, index, replace(section, block_title=title))


def set_alt_text(plan: Plan, ident: int, text: str) -> Plan:
    """A chart's alternative text for readers who cannot see it ("" = generated)."""
    index = _section_index(plan, ident)
    section = plan.sections[index]
    if section.kind != "block" or not section.block.startswith("chart_"):
        raise EditError("Bara ett diagram har en alternativ text.")
    return _replace_section(plan, index, replace(section, alt_text=_text(text, "Den alternativa texten")))


def insert_block(plan: Plan, kind: str, index: int | None = None) -> tuple[Plan, int]:
    """The generated block `kind` at outline position `index` (the end when None)."""
    if kind not in BLOCK_KINDS:
        raise EditError(f"Okänd tabell: {kind}.")
    if not plan.sections or index == 0:
        raise EditError("En tabell hör till ett kapitel: lägg först till ett kapitel ovanför.")
    ident = plan.next_id()
    sections = list(plan.sections)
    position = len(sections) if index is None else max(1, min(index, len(sections)))
    sections.insert(position, Section(id=ident, kind="block", block=kind))
    return _with_sections(plan, sections), ident


def split_and_insert_block(plan: Plan, ident: int, kind: str, before: str,
                           after: str) -> tuple[Plan, int]:
    """Place block `kind` inside the text of item `ident` at the writer's cursor.

    The item keeps `before`; the block follows it; `after` (when not empty) becomes a
    `text` item after the block. One change, so one undo step.
    """
    if kind not in BLOCK_KINDS:
        raise EditError(f"Okänd tabell: {kind}.")
    index = _section_index(plan, ident)
    section = plan.sections[index]
    if section.kind == "block":
        raise EditError("Markören står inte i någon text.")
    _text(before, "Texten")
    _text(after, "Texten")
    block_id = plan.next_id()
    added = [replace(section, text=before), Section(id=block_id, kind="block", block=kind)]
    if after.strip():
        added.append(Section(id=block_id + 1, kind="text", text=after))
    sections = list(plan.sections)
    sections[index:index + 1] = added
    return _with_sections(plan, sections), block_id


def move_section(plan: Plan, ident: int, new_index: int) -> Plan:
    """Move an item to `new_index` of the outline; the first item must stay a chapter."""
    sections = list(plan.sections)
    item = sections.pop(_section_index(plan, ident))
    sections.insert(max(0, min(new_index, len(sections))), item)
    _first_is_chapter(sections)
    return _with_sections(plan, sections)


def remove_section(plan: Plan, ident: int) -> Plan:
    """Remove an item; what followed a removed first chapter must still start with one."""
    sections = list(plan.sections)
    del sections[_section_index(plan, ident)]
    _first_is_chapter(sections)
    return _with_sections(plan, sections)


def _first_is_chapter(sections: Sequence[Section]) -> None:
    if sections and sections[0].kind != "chapter":
        raise EditError("Dokumentet måste börja med ett kapitel; en tabell eller fortsatt "
                        "text hör till kapitlet ovanför.")


def _replace_section(plan: Plan, index: int, section: Section) -> Plan:
    if section == plan.sections[index]:
        return plan
    sections = list(plan.sections)
    sections[index] = section
    return _with_sections(plan, sections)


def import_chapters(plan: Plan, chapters: Sequence[tuple[str, str]],
                    replace_text: bool = False) -> Plan:
    """Chapters (title, Markdown) brought in from a document, as one change.

    They follow the existing outline; with `replace_text` they replace its chapters and
    continued text, and the placed blocks follow them (placed again by the user).
    """
    if not chapters:
        raise EditError("Dokumentet innehåller ingen text att importera.")
    kept = [s for s in plan.sections if s.kind == "block"] if replace_text else list(plan.sections)
    ident = plan.next_id()
    new = []
    for number, (title, text) in enumerate(chapters):
        title = _text(title, "Kapitlets rubrik").strip() or "Inledning"
        new.append(Section(id=ident + number, title=title, text=_text(text, "Texten")))
    return _with_sections(plan, new + kept if replace_text else kept + new)


# --- cover and labels ------------------------------------------------------------------------

def set_cover(plan: Plan, **changes: str) -> Plan:
    """Title, subtitle or decision note of the cover ("" = the default)."""
    names = {"title": "Titeln", "subtitle": "Undertiteln", "note": "Beslutsnoteringen"}
    unknown = set(changes) - set(names)
    if unknown:
        raise EditError(f"Fältet {', '.join(sorted(unknown))} finns inte på försättsbladet.")
    for name, value in changes.items():
        _text(value, names[name])
    fields: dict[str, Any] = changes  # only the text fields (checked above), never the logo
    cover = replace(plan.cover, **fields)
    _valid(validation_document.cover, cover)
    return replace(plan, cover=cover)


def logo_type(data: bytes) -> str:
    """The MIME type of a PNG or JPEG picture, from its first bytes; refused otherwise."""
    for mime, magic in validation_document.LOGO_MAGIC.items():
        if data.startswith(magic):
            return mime
    raise EditError("Logotypen ska vara en PNG- eller JPEG-bild.")


def set_logo(plan: Plan, data: bytes) -> Plan:
    """The cover's logo (PNG or JPEG bytes, stored in the plan); b"" removes it."""
    if not isinstance(data, bytes):
        raise EditError("Logotypen ska vara en bild.")
    if not data:
        return replace(plan, cover=replace(plan.cover, logo=b"", logo_type=""))
    if len(data) > MAX_LOGO_BYTES:
        raise EditError(f"Logotypen är för stor ({len(data) // 1024} kB); högst "
                        f"{MAX_LOGO_BYTES // (1024 * 1024)} MB.")
    return replace(plan, cover=replace(plan.cover, logo=data, logo_type=logo_type(data)))


def set_area_label(plan: Plan, area: str, name: str) -> Plan:
    """The printed name of an intervention area; "" goes back to the default name."""
    if area not in AREAS:
        raise EditError(f"Okänt område: {area}.")
    areas = dict(plan.labels.areas)
    name = _text(name, "Områdets namn").strip()
    if name:
        areas[area] = name
    else:
        areas.pop(area, None)
    labels = replace(plan.labels, areas=areas)
    _valid(validation_document.labels, labels)
    shown = labels.area(area)
    if any(other != area and label.casefold() == shown.casefold()
           for other, label in labels.area_names().items()):
        raise EditError(f"Ett annat område heter redan ”{shown}”: välj ett namn som skiljer "
                        "områdena åt i tabellerna och rapporten.")
    return replace(plan, labels=labels)


def set_opening_note(plan: Plan, note: str) -> Plan:
    """Where the opening equity comes from ("Prognos per 30 juni 2025")."""
    _valid(validation.text, note, "Noteringen om eget kapital")
    return replace(plan, equity=replace(plan.equity, opening_note=note))


# --- goals -----------------------------------------------------------------------------------

GoalPath = tuple[int, ...]
"""A goal's place: index among the plan's goals, then among each parent's sub-goals."""


def goal_at(plan: Plan, path: GoalPath) -> Goal:
    """The goal at `path`; refused when it no longer exists."""
    goals, goal = plan.goals, None
    for index in path:
        if not 0 <= index < len(goals):
            raise EditError("Målet finns inte längre i planen.")
        goal = goals[index]
        goals = goal.goals
    if goal is None:
        raise EditError("Målet finns inte längre i planen.")
    return goal


def _set_goals(plan: Plan, parent: GoalPath, goals: tuple[Goal, ...]) -> Plan:
    if not parent:
        return replace(plan, goals=goals)
    return _set_goal(plan, parent, replace(goal_at(plan, parent), goals=goals))


def _siblings(plan: Plan, parent: GoalPath) -> tuple[Goal, ...]:
    return plan.goals if not parent else goal_at(plan, parent).goals


def _set_goal(plan: Plan, path: GoalPath, goal: Goal) -> Plan:
    siblings = list(_siblings(plan, path[:-1]))
    siblings[path[-1]] = goal
    return _set_goals(plan, path[:-1], tuple(siblings))


def _check_goal(goal: Goal, depth: int = 1) -> None:
    """A goal at `depth` (1 = a top goal), by the validator's rules (title, texts, nesting)."""
    _text(goal.title, "Målets rubrik", required=True)
    _valid(validation_document.goal, goal, depth)


def add_goal(plan: Plan, parent: GoalPath = (), index: int | None = None,
             title: str = "Nytt mål") -> tuple[Plan, GoalPath]:
    """A new goal (a sub-goal of `parent` when given); returns the plan and its path."""
    if len(parent) >= validation.MAX_GOAL_DEPTH:
        raise EditError(f"Delmålen får gå högst {validation.MAX_GOAL_DEPTH} nivåer djupt.")
    siblings = list(_siblings(plan, parent))
    position = len(siblings) if index is None else max(0, min(index, len(siblings)))
    goal = Goal(id=0 if parent else plan.next_id(), title=title)
    _check_goal(goal, len(parent) + 1)
    siblings.insert(position, goal)
    return _set_goals(plan, parent, tuple(siblings)), parent + (position,)


def update_goal(plan: Plan, path: GoalPath, **changes: Any) -> Plan:
    """Change the title or text of the goal at `path`."""
    unknown = set(changes) - {"title", "text"}
    if unknown:
        raise EditError(f"Fältet {', '.join(sorted(unknown))} kan inte ändras här.")
    goal = replace(goal_at(plan, path), **changes)
    _check_goal(goal, len(path))
    return _set_goal(plan, path, goal)


def set_goal_indicators(plan: Plan, path: GoalPath, indicators: Sequence[Indicator]) -> Plan:
    """All indicators of the goal at `path` (text, target, method, period)."""
    goal = replace(goal_at(plan, path), indicators=tuple(indicators))
    _check_goal(goal, len(path))
    return _set_goal(plan, path, goal)


def remove_goal(plan: Plan, path: GoalPath) -> Plan:
    """Remove the goal at `path` with its sub-goals."""
    goal_at(plan, path)
    siblings = list(_siblings(plan, path[:-1]))
    del siblings[path[-1]]
    return _set_goals(plan, path[:-1], tuple(siblings))


def move_goal(plan: Plan, path: GoalPath, step: int) -> tuple[Plan, GoalPath]:
    """Move a goal up (-1) or down (+1) among its siblings; returns its new path."""
    goal = goal_at(plan, path)
    siblings = list(_siblings(plan, path[:-1]))
    target = path[-1] + step
    if not 0 <= target < len(siblings):
        raise EditError("Målet står redan först eller sist.")
    del siblings[path[-1]]
    siblings.insert(target, goal)
    return _set_goals(plan, path[:-1], tuple(siblings)), path[:-1] + (target,)
