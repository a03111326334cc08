"""The `finsam-plan` exchange document (plan-format.md) <-> Plan, with validation.

Reading checks every value and names the path of the first bad one
(`members[3].key`) in a Swedish message; nothing is half-read. Writing gives
back the same document that was read: optional keys are written only when set.
The storage layer reads its tables through the same validation.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from .errors import UserFacingError
from .plan import (
    AREAS,
    CATEGORIES,
    MEMBER_KINDS,
    ROUNDINGS,
    RULE_BASES,
    RULE_KINDS,
    UNITS,
    Contributions,
    Equity,
    Goal,
    Indicator,
    Intervention,
    Line,
    Member,
    Plan,
    Rule,
    Section,
    Shares,
)

FORMAT = "finsam-plan"
FORMAT_VERSION = 1
MAX_SPAN = 5


class PlanFormatError(UserFacingError, ValueError):
    """A document that breaks the format; `path` names the bad value."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


class _Reader:
    """Walks the document keeping the current path for error messages."""

    def __init__(self) -> None:
        self.years: tuple[int, ...] = ()
        self.lenient = False

    def fail(self, path: str, message: str):
        raise PlanFormatError(path, message)

    def object(self, value: Any, path: str, required: tuple[str, ...],
               optional: tuple[str, ...] = ()) -> dict:
        if not isinstance(value, dict):
            self.fail(path, "ska vara ett objekt ({…}).")
        for key in required:
            if key not in value:
                self.fail(_join(path, key), "saknas.")
        for key in value:
            if key not in required and key not in optional:
                self.fail(_join(path, key), "är ingen känd nyckel i formatet.")
        return value

    def list(self, value: Any, path: str) -> list:
        if not isinstance(value, list):
            self.fail(path, "ska vara en lista ([…]).")
        return value

    def text(self, value: Any, path: str, required: bool = False) -> str:
        if not isinstance(value, str):
            self.fail(path, "ska vara en text.")
        if required and not value.strip():
            self.fail(path, "får inte vara tom.")
        return value

    def integer(self, value: Any, path: str, minimum: int | None = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float):
                self.fail(path, f"{value!r} är inte ett heltal; belopp anges i hela kronor.")
            self.fail(path, "ska vara ett heltal.")
        if minimum is not None and value < minimum:
            self.fail(path, f"{value} får inte vara mindre än {minimum}.")
        return value

    def decimal(self, value: Any, path: str) -> Decimal:
        if not isinstance(value, str):
            self.fail(path, 'ska vara ett decimaltal skrivet som text, till exempel "0.25".')
        try:
            number = Decimal(value)
        except InvalidOperation:
            self.fail(path, f'"{value}" är inget decimaltal.')
        if not number.is_finite() or not 0 <= number <= 1:
            self.fail(path, f'"{value}" ska ligga mellan 0 och 1.')
        return number

    def choice(self, value: Any, path: str, choices: tuple[str, ...]) -> str:
        if value not in choices:
            self.fail(path, f"{value!r} är inte tillåtet; välj något av {', '.join(choices)}.")
        return value

    def date(self, value: Any, path: str) -> str:
        text = self.text(value, path)
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            self.fail(path, f'"{text}" är inget datum på formen ÅÅÅÅ-MM-DD.')
        if len(text) != 10:
            self.fail(path, f'"{text}" är inget datum på formen ÅÅÅÅ-MM-DD.')
        return text

    def year_map(self, value: Any, path: str) -> dict[int, int]:
        if not isinstance(value, dict):
            self.fail(path, 'ska vara ett objekt med år som nycklar, till exempel {"2026": 100000}.')
        result = {}
        for key, amount in value.items():
            if not (isinstance(key, str) and key.isdigit() and len(key) == 4):
                self.fail(_join(path, key), "nyckeln ska vara ett årtal.")
            year = int(key)
            if year not in self.years:
                self.fail(_join(path, key),
                          f"{year} ligger utanför planens år {self.years[0]}–{self.years[-1]}.")
            result[year] = self.integer(amount, _join(path, key))
        return dict(sorted(result.items()))

    def items(self, value: Any, path: str, read: Callable[[Any, str, int], Any]) -> tuple:
        return tuple(read(item, f"{path}[{index}]", index + 1)
                     for index, item in enumerate(self.list(value, path)))


def _join(path: str, key: str) -> str:
    if not key or not key.isprintable() or key.strip() != key:  # "\r", "", " x": show quoted
        key = json.dumps(key, ensure_ascii=False)
    return f"{path}.{key}" if path else key


def plan_from_document(document: Any, lenient: bool = False) -> Plan:
    """Validate an exchange document and build the Plan; raises PlanFormatError.

    `lenient` lets through what the window allows while editing and reports as
    a finding (shares that do not add up to 1, totals off the rounding): the
    app's own file must always open, while an import must be sound.
    """
    r = _Reader()
    r.lenient = lenient
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
    r.object(document, "", ("format", "format_version", "association", "plan_year", "plan_span",
                            "unit", "contributions", "members", "other_income", "costs",
                            "interventions", "equity"), ("goals", "sections"))
    association = r.object(document["association"], "association", ("name",), ("decided",))
    name = r.text(association["name"], "association.name", required=True)
    decided = r.date(association["decided"], "association.decided") if "decided" in association else ""
    plan_year = r.integer(document["plan_year"], "plan_year", minimum=1900)
    if plan_year > 2999:
        r.fail("plan_year", f"{plan_year} är inget rimligt budgetår.")
    span = r.integer(document["plan_span"], "plan_span", minimum=1)
    if span > MAX_SPAN:
        r.fail("plan_span", f"{span} år är för många; en plan omfattar 1–{MAX_SPAN} år.")
    r.years = tuple(range(plan_year, plan_year + span))
    unit = r.choice(document["unit"], "unit", UNITS)
    contributions = _contributions(r, document["contributions"])
    members = r.items(document["members"], "members", lambda v, p, i: _member(r, v, p, i))
    _check_members(r, members)
    first_id = len(members) + 1
    other_income = r.items(document["other_income"], "other_income",
                           lambda v, p, i: _line(r, v, p, first_id + i))
    first_id += len(other_income)
    costs = r.items(document["costs"], "costs", lambda v, p, i: _line(r, v, p, first_id + i))
    first_id += len(costs)
    interventions = r.items(document["interventions"], "interventions",
                            lambda v, p, i: _intervention(r, v, p, first_id + i))
    first_id += len(interventions)
    equity = _equity(r, document["equity"], first_id)
    first_id += len(equity.rules)
    goals = r.items(document.get("goals", []), "goals", lambda v, p, i: _goal(r, v, p, first_id + i))
    first_id += len(goals)
    sections = r.items(document.get("sections", []), "sections",
                       lambda v, p, i: _section(r, v, p, first_id + i))
    return Plan(association=name, decided=decided, plan_year=plan_year, plan_span=span,
                unit=unit, contributions=contributions, members=members,
                other_income=other_income, costs=costs, interventions=interventions,
                equity=equity, goals=goals, sections=sections)


def _contributions(r: _Reader, value: Any) -> Contributions:
    path = "contributions"
    data = r.object(value, path, ("totals", "shares", "rounding"), ("previous_total", "key_precision"))
    totals = r.year_map(data["totals"], f"{path}.totals")
    shares_data = r.object(data["shares"], f"{path}.shares", ("state", "region", "municipalities"))
    shares = Shares(*(r.decimal(shares_data[k], f"{path}.shares.{k}")
                      for k in ("state", "region", "municipalities")))
    if shares.total() != 1 and not r.lenient:
        r.fail(f"{path}.shares", f"andelarna ska tillsammans bli 1, men blir {shares.total()}.")
    rounding = r.integer(data["rounding"], f"{path}.rounding")
    if rounding not in ROUNDINGS:
        r.fail(f"{path}.rounding", f"{rounding} är inte tillåtet; välj 1, 100 eller 1000.")
    for year, total in totals.items():
        if total % rounding and not r.lenient:
            r.fail(f"{path}.totals.{year}", f"{total} går inte jämnt upp i avrundningen {rounding}.")
    precision = data.get("key_precision")
    if precision is not None:
        precision = r.decimal(precision, f"{path}.key_precision")
        if precision == 0:
            r.fail(f"{path}.key_precision", "får inte vara 0; ange null för exakta andelar.")
    previous = data.get("previous_total")
    if previous is not None:
        previous = r.integer(previous, f"{path}.previous_total")
    return Contributions(totals=totals, previous_total=previous, shares=shares,
                         key_precision=precision, rounding=rounding)


def _member(r: _Reader, value: Any, path: str, ident: int) -> Member:
    data = r.object(value, path, ("name", "kind"), ("key", "key_source", "previous_contribution"))
    name = r.text(data["name"], f"{path}.name", required=True).strip()
    kind = r.choice(data["kind"], f"{path}.kind", MEMBER_KINDS)
    key = data.get("key")
    if key is not None:
        if kind != "municipality":
            r.fail(f"{path}.key", "bara kommuner har fördelningsnyckel.")
        key = r.year_map(key, f"{path}.key") if isinstance(key, dict) else r.integer(key, f"{path}.key")
    source = r.text(data.get("key_source", ""), f"{path}.key_source")
    previous = data.get("previous_contribution")
    if previous is not None:
        previous = r.integer(previous, f"{path}.previous_contribution")
    return Member(id=ident, name=name, kind=kind, key=key, key_source=source,
                  previous_contribution=previous)


def _check_members(r: _Reader, members: tuple[Member, ...]) -> None:
    seen: dict[str, int] = {}
    kinds: dict[str, int] = {}
    for index, member in enumerate(members):
        folded = member.name.casefold()
        if folded in seen:
            r.fail(f"members[{index}].name", f"”{member.name}” finns redan (members[{seen[folded]}]).")
        seen[folded] = index
        if member.kind != "municipality" and member.kind in kinds:
            r.fail(f"members[{index}].kind",
                   f"det finns redan en medlem av slaget {member.kind} (members[{kinds[member.kind]}]).")
        kinds.setdefault(member.kind, index)
    if "state" in kinds and ("fk" in kinds or "af" in kinds):
        r.fail(f"members[{kinds['state']}].kind",
               "staten kan inte vara både en medlem och uppdelad på FK och AF.")


def _line(r: _Reader, value: Any, path: str, ident: int) -> Line:
    data = r.object(value, path, ("name", "amounts"), ("group",))
    return Line(id=ident, name=r.text(data["name"], f"{path}.name", required=True),
                amounts=r.year_map(data["amounts"], f"{path}.amounts"),
                group=r.text(data.get("group", ""), f"{path}.group"))


_INTERVENTION_TEXTS = ("owner", "municipality", "group", "description")


def _intervention(r: _Reader, value: Any, path: str, ident: int) -> Intervention:
    data = r.object(value, path, ("name", "area", "amounts"),
                    ("category", "participants", "external_funding", "start", "end",
                     *_INTERVENTION_TEXTS))
    texts = {k: r.text(data.get(k, ""), f"{path}.{k}") for k in _INTERVENTION_TEXTS}
    category = data.get("category", "")
    if category != "":  # not just truthy: [] or 0 must not slip through as a category
        r.choice(category, f"{path}.category", CATEGORIES)
    start = r.date(data["start"], f"{path}.start") if "start" in data else ""
    end = r.date(data["end"], f"{path}.end") if "end" in data else ""
    if start and end and end < start:
        r.fail(f"{path}.end", f"slutdatum {end} ligger före startdatum {start}.")
    return Intervention(
        id=ident, name=r.text(data["name"], f"{path}.name", required=True),
        area=r.choice(data["area"], f"{path}.area", AREAS), category=category,
        amounts=r.year_map(data["amounts"], f"{path}.amounts"),
        participants=r.year_map(data.get("participants", {}), f"{path}.participants"),
        external_funding=r.year_map(data.get("external_funding", {}), f"{path}.external_funding"),
        start=start, end=end, **texts)


def _equity(r: _Reader, value: Any, first_id: int) -> Equity:
    data = r.object(value, "equity", ("opening", "rules"), ("opening_is_forecast",))
    opening = data["opening"]
    if opening is not None:
        opening = r.integer(opening, "equity.opening", minimum=None)
    forecast = data.get("opening_is_forecast", False)
    if not isinstance(forecast, bool):
        r.fail("equity.opening_is_forecast", "ska vara true eller false.")
    rules = r.items(data["rules"], "equity.rules", lambda v, p, i: _rule(r, v, p, first_id + i))
    return Equity(opening=opening, opening_is_forecast=forecast, rules=rules)


def _rule(r: _Reader, value: Any, path: str, ident: int) -> Rule:
    if not isinstance(value, dict):
        r.fail(path, "ska vara ett objekt ({…}).")
    kind = r.choice(value.get("kind"), f"{path}.kind", RULE_KINDS)
    if kind == "min_amount":
        data = r.object(value, path, ("kind", "amount"))
        return Rule(id=ident, kind=kind, amount=r.integer(data["amount"], f"{path}.amount"))
    if kind == "max_share":
        data = r.object(value, path, ("kind", "share", "basis"))
        return Rule(id=ident, kind=kind, share=r.decimal(data["share"], f"{path}.share"),
                    basis=r.choice(data["basis"], f"{path}.basis", RULE_BASES))
    data = r.object(value, path, ("kind", "area", "share", "basis"))
    r.choice(data["basis"], f"{path}.basis", ("interventions",))
    return Rule(id=ident, kind=kind, share=r.decimal(data["share"], f"{path}.share"),
                basis="interventions", area=r.choice(data["area"], f"{path}.area", AREAS))


def _goal(r: _Reader, value: Any, path: str, ident: int) -> Goal:
    data = r.object(value, path, ("title",), ("indicators",))
    indicators = []
    for index, item in enumerate(r.list(data.get("indicators", []), f"{path}.indicators")):
        ipath = f"{path}.indicators[{index}]"
        idata = r.object(item, ipath, ("text",), ("target",))
        indicators.append(Indicator(text=r.text(idata["text"], f"{ipath}.text"),
                                    target=r.text(idata.get("target", ""), f"{ipath}.target")))
    return Goal(id=ident, title=r.text(data["title"], f"{path}.title", required=True),
                indicators=tuple(indicators))


def _section(r: _Reader, value: Any, path: str, ident: int) -> Section:
    data = r.object(value, path, ("title", "text"))
    return Section(id=ident, title=r.text(data["title"], f"{path}.title"),
                   text=r.text(data["text"], f"{path}.text"))


# --- writing -------------------------------------------------------------------------

def _year_map_out(values) -> dict[str, int]:
    return {str(year): amount for year, amount in sorted(values.items())}


def _set(target: dict, key: str, value: Any) -> None:
    if value not in ("", None, {}, []):
        target[key] = value


def plan_to_document(plan: Plan) -> dict:
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
    if plan.goals:
        document["goals"] = [
            {"title": g.title,
             "indicators": [_indicator_out(i) for i in g.indicators]} for g in plan.goals]
    if plan.sections:
        document["sections"] = [{"title": s.title, "text": s.text} for s in plan.sections]
    return document


def _member_out(member: Member) -> dict:
    out: dict[str, Any] = {"name": member.name, "kind": member.kind}
    if member.key is not None:
        out["key"] = member.key if isinstance(member.key, int) else _year_map_out(member.key)
    _set(out, "key_source", member.key_source)
    _set(out, "previous_contribution", member.previous_contribution)
    return out


def _line_out(line: Line) -> dict:
    out: dict[str, Any] = {"name": line.name}
    _set(out, "group", line.group)
    out["amounts"] = _year_map_out(line.amounts)
    return out


def _intervention_out(item: Intervention) -> dict:
    out: dict[str, Any] = {"name": item.name}
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


def _indicator_out(indicator: Indicator) -> dict:
    out = {"text": indicator.text}
    _set(out, "target", indicator.target)
    return out


def _equity_out(plan: Plan) -> dict:
    out: dict[str, Any] = {"opening": plan.equity.opening}
    if plan.equity.opening_is_forecast:
        out["opening_is_forecast"] = True
    rules = []
    for rule in plan.equity.rules:
        if rule.kind == "min_amount":
            rules.append({"kind": rule.kind, "amount": rule.amount})
        elif rule.kind == "max_share":
            rules.append({"kind": rule.kind, "share": str(rule.share), "basis": rule.basis})
        else:
            rules.append({"kind": rule.kind, "area": rule.area, "share": str(rule.share),
                          "basis": "interventions"})
    out["rules"] = rules
    return out
