"""Plan -> the `finsam-plan` exchange document (plan-format.md), and its JSON text.

The inverse of `exchange.plan_from_document`: optional keys are written only when set,
so a plan of the first release comes back as the same document. Decimal keys stay
`Decimal` in the document; `document_json` writes them as the exact JSON numbers they
were read as (the standard encoder would refuse them, and a float would round them).
"""

from __future__ import annotations

import base64
import json
import re
import secrets
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .plan import (
    AREAS,
    FOLLOW_UP_LISTS,
    Goal,
    Indicator,
    Intervention,
    Line,
    LineRef,
    Member,
    Plan,
    Section,
)
from .rule_kinds import rule_to_document

FORMAT = "finsam-plan"
FORMAT_VERSION = 1


def document_json(document: Any, indent: int | None = 2) -> str:
    """The document as JSON text (no trailing newline), Decimals as exact numbers."""
    token = secrets.token_hex(12)

    def number(value: Any) -> str:
        if isinstance(value, Decimal) and value.is_finite():
            return f"{token}{value}{token}"
        raise TypeError(f"{type(value).__name__} is not JSON serializable")

    text = json.dumps(document, ensure_ascii=False, indent=indent, default=number)
    return re.sub(f'"{token}([^"]*){token}"', lambda m: m.group(1), text)


def _year_map_out(values: Mapping[int, object]) -> dict[str, Any]:
    return {str(year): amount for year, amount in sorted(values.items())}


def _set(target: dict[str, Any], key: str, value: Any) -> None:
    if value not in ("", None, {}, [], ()):
        target[key] = value


def plan_to_document(plan: Plan) -> dict[str, Any]:
    """The exchange document for `plan` (inverse of plan_from_document)."""
    association = {"name": plan.association}
    _set(association, "decided", plan.decided)
    settings = plan.contributions
    contributions: dict[str, Any] = {"totals": _year_map_out(settings.totals)}
    _set(contributions, "previous_total", settings.previous_total)
    contributions["shares"] = {"state": str(settings.shares.state),
                               "region": str(settings.shares.region),
                               "municipalities": str(settings.shares.municipalities)}
    contributions["key_precision"] = (None if settings.key_precision is None
                                      else str(settings.key_precision))
    contributions["rounding"] = settings.rounding
    document: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "association": association,
        "plan_year": plan.plan_year, "plan_span": plan.plan_span, "unit": plan.unit,
        "contributions": contributions,
        "members": [_member_out(m) for m in plan.members],
        "other_income": [_line_out(line) for line in plan.other_income],
        "costs": [_line_out(line) for line in plan.costs],
        "interventions": [_intervention_out(i) for i in plan.interventions],
        "equity": _equity_out(plan),
    }
    _set(document, "goals", [_goal_out(g) for g in plan.goals])
    _set(document, "sections", [_section_out(s) for s in plan.sections])
    _set(document, "cover", _cover_out(plan))
    if plan.labels.areas:
        document["labels"] = {"areas": {a: plan.labels.areas[a] for a in AREAS
                                        if a in plan.labels.areas}}
    _set(document, "follow_up", _follow_up_out(plan))
    _set(document, "checklist", [{"text": c.text, "done": c.done} for c in plan.checklist])
    return document


def _member_out(member: Member) -> dict[str, Any]:
    out: dict[str, Any] = {"name": member.name, "kind": member.kind}
    if member.key is not None:
        out["key"] = (member.key if isinstance(member.key, (int, Decimal))
                      else _year_map_out(member.key))
    _set(out, "key_source", member.key_source)
    _set(out, "previous_contribution", member.previous_contribution)
    return out


def _line_out(line: Line) -> dict[str, Any]:
    out: dict[str, Any] = {"name": line.name}
    _set(out, "code", line.code)
    _set(out, "group", line.group)
    out["amounts"] = _year_map_out(line.amounts)
    return out


def _intervention_out(item: Intervention) -> dict[str, Any]:
    out: dict[str, Any] = {"name": item.name}
    _set(out, "code", item.code)
    for key in ("owner", "group"):
        _set(out, key, getattr(item, key))
    out["area"] = item.area
    _set(out, "category", item.category)
    _set(out, "municipality", item.municipality)
    out["amounts"] = _year_map_out(item.amounts)
    _set(out, "participants", _year_map_out(item.participants))
    _set(out, "external_funding", _year_map_out(item.external_funding))
    _set(out, "start", item.start)
    _set(out, "end", item.end)
    _set(out, "description", item.description)
    return out


def _indicator_out(indicator: Indicator) -> dict[str, Any]:
    out = {"text": indicator.text}
    for key in ("target", "method", "period"):
        _set(out, key, getattr(indicator, key))
    return out


def _goal_out(goal: Goal) -> dict[str, Any]:
    out: dict[str, Any] = {"title": goal.title}
    _set(out, "text", goal.text)
    out["indicators"] = [_indicator_out(i) for i in goal.indicators]
    _set(out, "goals", [_goal_out(g) for g in goal.goals])
    return out


def _section_out(section: Section) -> dict[str, Any]:
    if section.kind == "block":
        out: dict[str, Any] = {"block": section.block}
        if section.block_title is not None:
            out["title"] = section.block_title
        _set(out, "alt", section.alt_text)
    elif section.kind == "text":
        out = {"text": section.text}
    else:
        out = {"title": section.title, "text": section.text}
    if not section.included:
        out["included"] = False
    return out


def _cover_out(plan: Plan) -> dict[str, Any]:
    cover = plan.cover
    out: dict[str, Any] = {}
    for key in ("title", "subtitle"):
        _set(out, key, getattr(cover, key))
    if cover.logo:
        out["logo"] = f"data:{cover.logo_type};base64," + base64.b64encode(cover.logo).decode()
    _set(out, "note", cover.note)
    return out


def _equity_out(plan: Plan) -> dict[str, Any]:
    out: dict[str, Any] = {"opening": plan.equity.opening}
    if plan.equity.opening_is_forecast:
        out["opening_is_forecast"] = True
    _set(out, "opening_note", plan.equity.opening_note)
    out["rules"] = [rule_to_document(rule) for rule in plan.equity.rules]
    return out


def _follow_up_out(plan: Plan) -> dict[str, Any]:
    names = {collection: {item.id: item.name for item in getattr(plan, collection)}
             for collection in FOLLOW_UP_LISTS}

    def per_line(values: Mapping[LineRef, object]) -> dict[str, dict[str, object]]:
        out: dict[str, dict[str, object]] = {}
        for collection in FOLLOW_UP_LISTS:  # lines in the plan's order, as a reader expects
            for ident, line_name in names[collection].items():
                if (collection, ident) in values:
                    out.setdefault(collection, {})[line_name] = values[(collection, ident)]
        return out

    periods = []
    for period in plan.follow_up.periods:
        item: dict[str, Any] = {"name": period.name, "end": period.end}
        _set(item, "actuals", per_line(period.actuals))
        _set(item, "forecast", per_line(period.forecast))
        _set(item, "comments", per_line(period.comments))
        periods.append(item)
    out: dict[str, Any] = {}
    _set(out, "periods", periods)
    accounts = per_line({ref: list(specs) for ref, specs in plan.follow_up.accounts.items()})
    _set(out, "accounts", accounts)
    return out
