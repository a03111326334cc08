"""The plan document's rules (goals, sections, cover, labels), part of `validation`."""

from __future__ import annotations

from typing import Any

from .errors import Invalid
from .plan import AREAS, BLOCK_KINDS, SECTION_KINDS, Cover, Goal, Labels, Section
from .validation import (
    MAX_GOAL_DEPTH,
    MAX_LINE_LENGTH,
    MAX_LOGO_BYTES,
    _at,
    choice,
    markdown,
    name,
    text,
)

LOGO_MAGIC = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}


def logo(data: Any, mime: str) -> None:
    """A cover logo: PNG or JPEG bytes whose first bytes say so, at most MAX_LOGO_BYTES."""
    if not isinstance(data, bytes):
        raise Invalid("Logotypen ska vara en bild.", "logo")
    if not data:
        if mime:
            raise Invalid("Logotypen saknar bild.", "logo")
        return
    if mime not in LOGO_MAGIC:
        raise Invalid("Logotypen ska vara en PNG- eller JPEG-bild.", "logo")
    if len(data) > MAX_LOGO_BYTES:
        raise Invalid(f"Logotypen är för stor ({len(data) // 1024} kB; högst "
                      f"{MAX_LOGO_BYTES // (1024 * 1024)} MB). Välj en mindre bild.", "logo")
    if not data.startswith(LOGO_MAGIC[mime]):
        kind = "PNG" if mime == "image/png" else "JPEG"
        raise Invalid(f"Logotypen är ingen {kind}-bild (filens första byte stämmer inte).", "logo")


def goal(item: Goal, depth: int = 1) -> None:
    _at("title", name, item.title, "Rubriken")
    _at("text", markdown, item.text, "Målets text")
    for index, indicator in enumerate(item.indicators):
        prefix = f"indicators[{index}]"
        for field, what in (("text", "Indikatorn"), ("target", "Målvärdet"),
                            ("method", "Uppföljningsmetoden"), ("period", "Perioden")):
            _at(f"{prefix}.{field}", text, getattr(indicator, field), what)
    if item.goals and depth >= MAX_GOAL_DEPTH:
        raise Invalid(f"Delmålen får gå högst {MAX_GOAL_DEPTH} nivåer djupt.", "goals")
    for index, sub in enumerate(item.goals):
        _at(f"goals[{index}]", goal, sub, depth + 1)


def section(item: Section) -> None:
    _at("kind", choice, item.kind, SECTION_KINDS, "Slaget av avsnitt")
    _at("title", name, item.title, "Rubriken", required=False)
    _at("text", markdown, item.text, "Texten")
    if item.kind == "block":
        _at("block", choice, item.block, BLOCK_KINDS, "Tabellen")
        if item.block_title is not None:
            _at("title", name, item.block_title, "Rubriken", required=False)
        _at("alt", text, item.alt_text, "Alternativtexten", limit=MAX_LINE_LENGTH)
        if item.alt_text and not item.block.startswith("chart_"):
            raise Invalid("Bara diagram har alternativtext.", "alt")
    if not isinstance(item.included, bool):
        raise Invalid("”Med i rapporten” ska vara på eller av.", "included")


def cover(item: Cover) -> None:
    for field, what in (("title", "Titeln"), ("subtitle", "Underrubriken"),
                        ("note", "Beslutsraden")):
        _at(field, text, getattr(item, field), what)
    logo(item.logo, item.logo_type)


def labels(item: Labels) -> None:
    for area, label in item.areas.items():
        _at(f"areas.{area}", choice, area, AREAS, "Området")
        _at(f"areas.{area}", name, label, "Områdets namn")
