"""The `finsam-plan` exchange document (plan-format.md) -> Plan.

Reading checks the document's shape here (objects, lists, texts, integers, known keys,
year keys, names of referenced lines) and the plan's rules in `validation`, the same
rules the window's edits obey; a refusal names the path of the first bad value
(`members[3].key`) in a Swedish message. Nothing is half-read. Writing is in
`exchange_out` and gives back the same document that was read.

Decimal numbers (a municipality's key 17.5) must arrive as `Decimal`: read the JSON
text with `json.loads(text, parse_float=Decimal)`, never through a binary float.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, TypeVar

from . import validation
from .errors import Invalid
from .exchange_out import FORMAT, FORMAT_VERSION, document_json, plan_to_document
from .exchange_reader import PlanFormatError, _join, _Reader
from .plan import (
    AREAS,
    BLOCK_KINDS,
    FOLLOW_UP_LISTS,
    MEMBER_KINDS,
    RULE_BASES,
    RULE_KINDS,
    UNITS,
    ChecklistItem,
    Contributions,
    Cover,
    Equity,
    FollowUp,
    Goal,
    Indicator,
    Intervention,
    Labels,
    Line,
    LineRef,
    Member,
    Period,
    Plan,
    Rule,
    Section,
    Shares,
)
from .rule_kinds import KINDS, rule_from_fields

__all__ = ["FORMAT", "FORMAT_VERSION", "PlanFormatError", "document_json", "plan_from_document",
           "plan_to_document"]
MAX_SPAN = validation.MAX_SPAN
_T = TypeVar("_T")

_DATA_URI = re.compile(r"data:(image/png|image/jpeg);base64,", re.ASCII)


_TOP_REQUIRED = ("format", "format_version", "association", "plan_year", "plan_span", "unit",
                 "contributions", "members", "other_income", "costs", "interventions", "equity")
_TOP_OPTIONAL = ("goals", "sections", "cover", "labels", "follow_up", "checklist")


def plan_from_document(document: Any, lenient: bool = False) -> Plan:
    """Validate an exchange document and build the Plan; raises PlanFormatError.

    `lenient` lets through what the window allows while editing and reports as
    a finding (shares that do not add up to 1, totals off the rounding): the
    app's own file must always open, while an import must be sound.
    """
    plan = _read(_Reader(), document)
    try:
        validation.plan(plan, strict=not lenient)
    except Invalid as error:
        raise PlanFormatError(error.field, error.message) from None
    return plan


def _read(r: _Reader, document: Any) -> Plan:
    if not isinstance(document, dict):
        r.fail("", "Dokumentet ska vara ett JSON-objekt.")
    if document.get("format") != FORMAT:
        r.fail("format", f'är {document.get("format")!r}, inte "{FORMAT}": filen är ingen FinSam-plan.')
    version = document.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        r.fail("format_version", "saknas eller är inget heltal.")
    if version > FORMAT_VERSION:
        r.fail("format_version", f"{version} är nyare än vad programmet kan läsa ({FORMAT_VERSION}). "
                                 "Uppdatera FinSam Desktop.")
    if version < 1:
        r.fail("format_version", f"{version} är ingen giltig version.")
    r.object(document, "", _TOP_REQUIRED, _TOP_OPTIONAL)
    association = r.object(document["association"], "association", ("name",), ("decided",))
    name = r.text(association["name"], "association.name").strip()
    decided = r.text(association.get("decided", ""), "association.decided")
    plan_year = r.integer(document["plan_year"], "plan_year")
    span = r.integer(document["plan_span"], "plan_span")
    try:  # the years must be sound before any year map is read against them
        validation.plan_settings(Plan(association=name or "-", plan_year=plan_year,
                                      plan_span=span, unit="kr", decided=decided))
    except Invalid as error:
        r.fail(error.field, error.message)
    r.years = tuple(range(plan_year, plan_year + span))
    unit = r.choice(document["unit"], "unit", UNITS)
    ids = iter(range(1, 1 << 62))
    contributions = _contributions(r, document["contributions"])
    members = r.items(document["members"], "members", lambda v, p, i: _member(r, v, p, next(ids)))
    other_income = r.items(document["other_income"], "other_income",
                           lambda v, p, i: _line(r, v, p, next(ids)))
    costs = r.items(document["costs"], "costs", lambda v, p, i: _line(r, v, p, next(ids)))
    interventions = r.items(document["interventions"], "interventions",
                            lambda v, p, i: _intervention(r, v, p, next(ids)))
    equity = _equity(r, document["equity"], ids)
    goals = r.items(document.get("goals", []), "goals",
                    lambda v, p, i: _goal(r, v, p, next(ids), 1))
    sections = r.items(document.get("sections", []), "sections",
                       lambda v, p, i: _section(r, v, p, next(ids)))
    cover = _cover(r, document.get("cover", {}))
    labels = _labels(r, document.get("labels", {}))
    plan = Plan(association=name, decided=decided, plan_year=plan_year, plan_span=span,
                unit=unit, contributions=contributions, members=members,
                other_income=other_income, costs=costs, interventions=interventions,
                equity=equity, goals=goals, sections=sections, cover=cover, labels=labels)
    follow_up = _follow_up(r, document.get("follow_up", {}), plan, ids)
    checklist = r.items(document.get("checklist", []), "checklist",
                        lambda v, p, i: _checklist_item(r, v, p, next(ids)))
    return replace(plan, follow_up=follow_up, checklist=checklist)


def _contributions(r: _Reader, value: Any) -> Contributions:
    path = "contributions"
    data = r.object(value, path, ("totals", "shares", "rounding"), ("previous_total", "key_precision"))
    totals = r.year_map(data["totals"], f"{path}.totals")
    shares_data = r.object(data["shares"], f"{path}.shares", ("state", "region", "municipalities"))
    shares = Shares(*(r.decimal(shares_data[k], f"{path}.shares.{k}")
                      for k in ("state", "region", "municipalities")))
    rounding = r.integer(data["rounding"], f"{path}.rounding")
    precision = data.get("key_precision")
    if precision is not None:
        precision = r.decimal(precision, f"{path}.key_precision")
    previous = data.get("previous_total")
    if previous is not None:
        previous = r.integer(previous, f"{path}.previous_total")
    return Contributions(totals=totals, previous_total=previous, shares=shares,
                         key_precision=precision, rounding=rounding)


def _member(r: _Reader, value: Any, path: str, ident: int) -> Member:
    data = r.object(value, path, ("name", "kind"), ("key", "key_source", "previous_contribution"))
    name = r.text(data["name"], f"{path}.name").strip()
    kind = r.choice(data["kind"], f"{path}.kind", MEMBER_KINDS)
    key = data.get("key")
    if key is not None:
        key = (r.year_map(key, f"{path}.key", r.number) if isinstance(key, dict)
               else r.number(key, f"{path}.key"))
    source = r.text(data.get("key_source", ""), f"{path}.key_source")
    previous = data.get("previous_contribution")
    if previous is not None:
        previous = r.integer(previous, f"{path}.previous_contribution")
    return Member(id=ident, name=name, kind=kind, key=key, key_source=source,
                  previous_contribution=previous)


def _line(r: _Reader, value: Any, path: str, ident: int) -> Line:
    data = r.object(value, path, ("name", "amounts"), ("group", "code"))
    return Line(id=ident, name=r.text(data["name"], f"{path}.name"),
                amounts=r.year_map(data["amounts"], f"{path}.amounts"),
                group=r.text(data.get("group", ""), f"{path}.group"),
                code=r.text(data.get("code", ""), f"{path}.code"))


_INTERVENTION_TEXTS = ("owner", "municipality", "group", "description", "code", "category",
                       "start", "end")


def _intervention(r: _Reader, value: Any, path: str, ident: int) -> Intervention:
    data = r.object(value, path, ("name", "area", "amounts"),
                    ("participants", "external_funding", *_INTERVENTION_TEXTS))
    texts = {k: r.text(data.get(k, ""), f"{path}.{k}") for k in _INTERVENTION_TEXTS}
    return Intervention(
        id=ident, name=r.text(data["name"], f"{path}.name"),
        area=r.choice(data["area"], f"{path}.area", AREAS),
        amounts=r.year_map(data["amounts"], f"{path}.amounts"),
        participants=r.year_map(data.get("participants", {}), f"{path}.participants"),
        external_funding=r.year_map(data.get("external_funding", {}), f"{path}.external_funding"),
        **texts)


def _equity(r: _Reader, value: Any, ids: Iterator[int]) -> Equity:
    data = r.object(value, "equity", ("opening", "rules"), ("opening_is_forecast", "opening_note"))
    opening = data["opening"]
    if opening is not None:
        opening = r.integer(opening, "equity.opening")
    forecast = r.boolean(data.get("opening_is_forecast", False), "equity.opening_is_forecast")
    note = r.text(data.get("opening_note", ""), "equity.opening_note")
    rules = r.items(data["rules"], "equity.rules", lambda v, p, i: _rule(r, v, p, next(ids)))
    return Equity(opening=opening, opening_is_forecast=forecast, rules=rules, opening_note=note)


def _rule(r: _Reader, value: Any, path: str, ident: int) -> Rule:
    if not isinstance(value, dict):
        r.fail(path, "ska vara ett objekt ({…}).")
    kind = r.choice(value.get("kind"), f"{path}.kind", RULE_KINDS)
    data = r.object(value, path, KINDS[kind].keys)
    fields: dict[str, Any] = {}
    if "amount" in data:
        fields["amount"] = r.integer(data["amount"], f"{path}.amount")
    if "share" in data:
        fields["share"] = r.decimal(data["share"], f"{path}.share")
    if "basis" in data:
        bases = RULE_BASES if KINDS[kind].basis_field == "basis" else ("interventions",)
        fields["basis"] = r.choice(data["basis"], f"{path}.basis", bases)
    if "area" in data:
        fields["area"] = r.choice(data["area"], f"{path}.area", AREAS)
    return rule_from_fields(ident, kind, fields)


def _goal(r: _Reader, value: Any, path: str, ident: int, depth: int) -> Goal:
    data = r.object(value, path, ("title",), ("indicators", "text", "goals"))
    indicators = []
    for index, item in enumerate(r.list(data.get("indicators", []), f"{path}.indicators")):
        ipath = f"{path}.indicators[{index}]"
        idata = r.object(item, ipath, ("text",), ("target", "method", "period"))
        indicators.append(Indicator(**{k: r.text(idata.get(k, ""), f"{ipath}.{k}")
                                       for k in ("text", "target", "method", "period")}))
    subgoals: tuple[Goal, ...] = ()
    if "goals" in data:
        if depth >= validation.MAX_GOAL_DEPTH:
            r.fail(f"{path}.goals", f"delmålen får gå högst {validation.MAX_GOAL_DEPTH} nivåer djupt.")
        subgoals = r.items(data["goals"], f"{path}.goals",
                           lambda v, p, i: _goal(r, v, p, 0, depth + 1))
    return Goal(id=ident, title=r.text(data["title"], f"{path}.title"),
                indicators=tuple(indicators), text=r.text(data.get("text", ""), f"{path}.text"),
                goals=subgoals)


def _section(r: _Reader, value: Any, path: str, ident: int) -> Section:
    if not isinstance(value, dict):
        r.fail(path, "ska vara ett objekt ({…}).")
    included = r.boolean(value.get("included", True), f"{path}.included")
    if "block" in value:
        data = r.object(value, path, ("block",), ("title", "included", "alt"))
        title = data.get("title")
        return Section(id=ident, kind="block",
                       block=r.choice(data["block"], f"{path}.block", BLOCK_KINDS),
                       block_title=None if title is None else r.text(title, f"{path}.title"),
                       included=included, alt_text=r.text(data.get("alt", ""), f"{path}.alt"))
    if "title" in value:
        data = r.object(value, path, ("title", "text"), ("included",))
        return Section(id=ident, title=r.text(data["title"], f"{path}.title"),
                       text=r.text(data["text"], f"{path}.text"), included=included)
    data = r.object(value, path, ("text",), ("included",))
    return Section(id=ident, kind="text", text=r.text(data["text"], f"{path}.text"),
                   included=included)


def _cover(r: _Reader, value: Any) -> Cover:
    data = r.object(value, "cover", (), ("title", "subtitle", "logo", "note"))
    texts = {k: r.text(data.get(k, ""), f"cover.{k}") for k in ("title", "subtitle", "note")}
    logo, logo_type = b"", ""
    if "logo" in data:
        uri = r.text(data["logo"], "cover.logo")
        match = _DATA_URI.match(uri)
        if not match:
            r.fail("cover.logo", 'ska vara en bild som "data:image/png;base64,…" eller '
                                 '"data:image/jpeg;base64,…".')
        encoded = uri[match.end():]
        if len(encoded) > validation.MAX_LOGO_BYTES * 4 // 3 + 4:
            r.fail("cover.logo", f"bilden är större än {validation.MAX_LOGO_BYTES // 2**20} MB.")
        try:
            logo = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            r.fail("cover.logo", "bilden är inte korrekt base64-kodad.")
        logo_type = match.group(1)
    return Cover(logo=logo, logo_type=logo_type, **texts)


def _labels(r: _Reader, value: Any) -> Labels:
    data = r.object(value, "labels", (), ("areas",))
    areas = r.object(data.get("areas", {}), "labels.areas", (), AREAS)
    return Labels(areas={area: r.text(areas[area], f"labels.areas.{area}")
                         for area in AREAS if area in areas})


def _follow_up(r: _Reader, value: Any, plan: Plan, ids: Iterator[int]) -> FollowUp:
    data = r.object(value, "follow_up", (), ("periods", "accounts"))
    lookup = {collection: {item.name: item.id for item in getattr(plan, collection)}
              for collection in FOLLOW_UP_LISTS}

    def per_line(value: Any, path: str, read: Callable[[Any, str], _T]) -> dict[LineRef, _T]:
        result: dict[LineRef, _T] = {}
        for collection, lines in r.object(value, path, (), FOLLOW_UP_LISTS).items():
            lpath = f"{path}.{collection}"
            if not isinstance(lines, dict):
                r.fail(lpath, "ska vara ett objekt med radernas namn som nycklar.")
            for line_name, item in lines.items():
                where = _join(lpath, line_name)
                if line_name not in lookup[collection]:
                    r.fail(where, f"ingen rad i {collection} heter så.")
                result[(collection, lookup[collection][line_name])] = read(item, where)
        return result

    def period(item: Any, path: str, index: int) -> Period:
        pdata = r.object(item, path, ("name", "end"), ("actuals", "forecast", "comments"))
        return Period(id=next(ids), name=r.text(pdata["name"], f"{path}.name"),
                      end=r.text(pdata["end"], f"{path}.end"),
                      actuals=per_line(pdata.get("actuals", {}), f"{path}.actuals", r.integer),
                      forecast=per_line(pdata.get("forecast", {}), f"{path}.forecast", r.integer),
                      comments=per_line(pdata.get("comments", {}), f"{path}.comments", r.text))

    def accounts(item: Any, path: str) -> tuple[str, ...]:
        return tuple(r.text(spec, f"{path}[{index}]")
                     for index, spec in enumerate(r.list(item, path)))

    periods = r.items(data.get("periods", []), "follow_up.periods", period)
    return FollowUp(periods=periods,
                    accounts=per_line(data.get("accounts", {}), "follow_up.accounts", accounts))


def _checklist_item(r: _Reader, value: Any, path: str, ident: int) -> ChecklistItem:
    data = r.object(value, path, ("text",), ("done",))
    return ChecklistItem(id=ident, text=r.text(data["text"], f"{path}.text"),
                         done=r.boolean(data.get("done", False), f"{path}.done"))
