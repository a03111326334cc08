"""The plan's rules, written once: what a valid value and a valid plan are.

The edit functions (`edits`) and the exchange reader (`exchange`) both call these
checks, so a plan the window refuses cannot arrive through a file and the other
way round. A broken rule raises `Invalid` with a Swedish message that reads on its
own in the window, and `field`, the path of the bad value inside what was checked
("amounts.2026", "members[4].name"): the exchange reader puts its path in front.

Every bound here is there to refuse nonsense fast, before arithmetic sees it:
2^63 kronor overflows SQLite, 10^400 breaks reports, `Decimal("1E-999999999")`
makes `Fraction` spin for hours, a 50 MB name makes a report run for minutes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any, ParamSpec, TypeVar

from .errors import Invalid
from .plan import (
    AREAS,
    CATEGORIES,
    MEMBER_KINDS,
    ROUNDINGS,
    UNITS,
    Contributions,
    Intervention,
    Line,
    Member,
    Plan,
    Rule,
)
from .rule_kinds import check_rule_fields

_P = ParamSpec("_P")
_R = TypeVar("_R")

MAX_AMOUNT = 10**12
"""Every money figure and count lies strictly between -MAX_AMOUNT and MAX_AMOUNT:
no association handles a thousand billion kronor, so larger input is a typing mistake."""
MAX_KEY = 10**12
MAX_KEY_DECIMALS = 9
MAX_SHARE_DECIMALS = 18
MAX_NAME_LENGTH = 200
"""Names of members, lines, interventions, goals and chapters: a heading, not a text."""
MAX_LINE_LENGTH = 2000
"""One-line texts: owner, group, key source, cover lines, indicators."""
MAX_TEXT_LENGTH = 1_000_000
"""Markdown texts (a chapter, a goal's text, a description): no chapter is a million
characters; more is a paste gone wrong."""
MAX_LOGO_BYTES = 5 * 1024 * 1024
"""A logo is a small picture; five megabytes is a photo picked by mistake."""
MAX_GOAL_DEPTH = 3
MIN_YEAR, MAX_YEAR = 1900, 2999
MAX_SPAN = 5

LIST_NOUNS = {"members": "medlem", "other_income": "intäktsrad", "costs": "kostnadsrad",
              "interventions": "insats"}

_YEAR = re.compile(r"[0-9]{4}", re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_NAME_BAD = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_TEXT_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _kr(amount: int) -> str:
    return f"{amount:,}".replace(",", " ").replace("-", "−") + " kr"


# --- single values ------------------------------------------------------------------

def amount(value: Any, what: str = "Beloppet", negative: bool = False) -> int:
    """Whole kronor (or a count) within ±MAX_AMOUNT; negative only when allowed."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"{what} ska vara ett heltal (hela kronor).")
    if value < 0 and not negative:
        raise Invalid(f"{what} får inte vara negativt ({_kr(value)}).")
    if not -MAX_AMOUNT < value < MAX_AMOUNT:
        raise Invalid(f"{what} är orimligt stort: högst {_kr(MAX_AMOUNT - 1)} går att ange.")
    return value


def year(value: Any, years: Sequence[int]) -> int:
    if value not in years:
        raise Invalid(f"{value} ligger utanför planens år {years[0]}–{years[-1]}.")
    return years[years.index(value)]


def year_key(text: Any) -> int:
    """A year map's key as written ("2026"): four ASCII digits, never "²⁰²⁶" or "２０２６"."""
    if not isinstance(text, str) or not _YEAR.fullmatch(text):
        raise Invalid("nyckeln ska vara ett årtal med fyra siffror 0–9, till exempel \"2026\".")
    return int(text)


def year_map(values: Mapping[Any, Any], years: Sequence[int], what: str = "Beloppet",
             negative: bool = False) -> None:
    for key, value in values.items():
        try:
            year(key, years)
            amount(value, what, negative)
        except Invalid as error:
            raise error.within(str(key)) from None


def text(value: Any, what: str, required: bool = False, limit: int = MAX_LINE_LENGTH,
         multiline: bool = False) -> str:
    """A text without control characters or lone surrogates, at most `limit` characters."""
    if not isinstance(value, str):
        raise Invalid(f"{what} ska vara en text.")
    if len(value) > limit:
        raise Invalid(f"{what} är för lång ({len(value):,} tecken; högst {limit:,})."
                      .replace(",", " "))
    bad = (_TEXT_BAD if multiline else _NAME_BAD).search(value)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        raise Invalid(f"{what} innehåller ett otillåtet tecken ({code}, ett styrtecken). "
                      "Ta bort det.")
    if required and not value.strip():
        raise Invalid(f"{what} får inte vara tomt.")
    return value


def name(value: Any, what: str = "Namnet", required: bool = True) -> str:
    return text(value, what, required=required, limit=MAX_NAME_LENGTH)


def markdown(value: Any, what: str = "Texten") -> str:
    return text(value, what, limit=MAX_TEXT_LENGTH, multiline=True)


def choice(value: Any, choices: Sequence[str], what: str) -> str:
    if not isinstance(value, str) or value not in choices:
        shown = value if isinstance(value, str) else repr(value)
        raise Invalid(f"{what} ”{shown}” är inte tillåtet; välj något av {', '.join(choices)}.")
    return value


def date(value: Any, what: str = "Datumet", required: bool = False) -> str:
    """"" or an ISO date YYYY-MM-DD in ASCII digits, year 1900–2999."""
    checked = text(value, what, limit=40)
    if not checked and not required:
        return checked
    wrong = Invalid(f"{what}: ”{checked}” är inget datum. Skriv ÅÅÅÅ-MM-DD.")
    if not _DATE.fullmatch(checked):
        raise wrong
    try:
        parsed = dt.date.fromisoformat(checked)
    except ValueError:
        raise wrong from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise wrong
    return checked


def _bounded_decimal(value: Any, what: str, decimals: int, digits: int) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise Invalid(f"{what} ska vara ett decimaltal.")
    sign, digit_tuple, exponent = value.as_tuple()
    if not isinstance(exponent, int) or exponent < -decimals or len(digit_tuple) > digits \
            or value.adjusted() > digits:
        raise Invalid(f"{what} har för många decimaler eller siffror (högst {decimals} decimaler).")
    return value


def share(value: Any, what: str = "Andelen") -> Decimal:
    """A fraction 0..1 as an exact decimal with at most 18 decimals."""
    number = _bounded_decimal(value, what, MAX_SHARE_DECIMALS, 24)
    if not 0 <= number <= 1:
        raise Invalid(f"{what} ska vara en andel mellan 0 och 100 %.")
    return number


def key_value(value: Any, what: str = "Fördelningsnyckeln") -> int | Decimal:
    """A municipality's key: a non-negative int or decimal (population, agreed percentage)."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise Invalid(f"{what} ska vara ett tal, 0 eller mer.")
    if isinstance(value, Decimal):
        _bounded_decimal(value, what, MAX_KEY_DECIMALS, 24)
    if value < 0:
        raise Invalid(f"{what} får inte vara negativ ({value}).")
    if value >= MAX_KEY:
        raise Invalid(f"{what} är orimligt stor ({value}).")
    return value


_NAME = attrgetter("name")


def unique_names(names: Iterable[str], collection: str) -> None:
    """Names are unique within a list (compared without case and outer spaces);
    the refusal points at the second one: field "[4].name".

    Checked in C first (a name edit of a 50 000-row list asks this of every row: 45 ms
    in a Python loop, 8 ms so); the loop only finds which two names are the same."""
    names = list(names)
    keys = list(map(str.casefold, map(str.strip, names)))
    if len(set(keys)) == len(keys):
        return
    seen: dict[str, int] = {}
    for index, (item_name, key) in enumerate(zip(names, keys, strict=True)):
        if key in seen:
            noun = LIST_NOUNS.get(collection, "rad")
            raise Invalid(f"Det finns redan en {noun} som heter ”{item_name.strip()}” "
                          f"(rad {seen[key] + 1}); namnen ska vara unika.", f"[{index}].name")
        seen[key] = index


# --- entities -----------------------------------------------------------------------

def _at(field: str, check: Callable[_P, _R], /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
    try:
        return check(*args, **kwargs)
    except Invalid as error:
        raise error.within(field) from None


def member(item: Member, years: Sequence[int]) -> None:
    _at("name", name, item.name)
    _at("kind", choice, item.kind, MEMBER_KINDS, "Slaget av medlem")
    if item.key is not None:
        if item.kind != "municipality":
            raise Invalid("Bara kommuner har fördelningsnyckel.", "key")
        if isinstance(item.key, Mapping):
            for key_year, value in item.key.items():
                _at(f"key.{key_year}", year, key_year, years)
                _at(f"key.{key_year}", key_value, value)
        else:
            _at("key", key_value, item.key)
    _at("key_source", text, item.key_source, "Nyckelkällan")
    if item.previous_contribution is not None:
        _at("previous_contribution", amount, item.previous_contribution, "Fjolårets avgift")


def members(items: Sequence[Member]) -> None:
    """The list as a whole: unique names, one member of each kind but municipalities,
    and the state either as one member or as FK and AF."""
    unique_names(map(_NAME, items), "members")
    kinds: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.kind != "municipality" and item.kind in kinds:
            other = items[kinds[item.kind]].name
            raise Invalid(f"Det finns redan en medlem av det slaget ({other}).", f"[{index}].kind")
        kinds.setdefault(item.kind, index)
    if "state" in kinds and ("fk" in kinds or "af" in kinds):
        raise Invalid("Staten kan inte vara både en medlem och uppdelad på Försäkringskassan "
                      "och Arbetsförmedlingen.", f"[{kinds['state']}].kind")


def line(item: Line, years: Sequence[int]) -> None:
    _at("name", name, item.name)
    _at("code", text, item.code, "Radnumret", limit=40)
    _at("group", text, item.group, "Gruppen")
    _at("amounts", year_map, item.amounts, years)


def intervention(item: Intervention, years: Sequence[int]) -> None:
    _at("name", name, item.name)
    _at("code", text, item.code, "Radnumret", limit=40)
    _at("area", choice, item.area, AREAS, "Området")
    if item.category:
        _at("category", choice, item.category, CATEGORIES, "Kategorin")
    for field, what in (("owner", "Insatsägaren"), ("municipality", "Kommunen"),
                        ("group", "Gruppen")):
        _at(field, text, getattr(item, field), what)
    _at("description", markdown, item.description, "Beskrivningen")
    _at("amounts", year_map, item.amounts, years)
    _at("participants", year_map, item.participants, years, "Antalet deltagare")
    _at("external_funding", year_map, item.external_funding, years,
        "Den externa finansieringen")
    start = _at("start", date, item.start, "Startdatum")
    end = _at("end", date, item.end, "Slutdatum")
    if start and end and end < start:
        raise Invalid(f"Slutdatum {end} ligger före startdatum {start}.", "end")


def rule(item: Rule) -> None:
    _at("amount", amount, item.amount, "Beloppet")
    _at("share", share, item.share)
    check_rule_fields(item)


def contributions(item: Contributions, years: Sequence[int], strict: bool = True) -> None:
    """Totals, previous total, shares, rounding, key precision. `strict` (imports) also wants
    shares that add up to 1 and totals that are multiples of the rounding; the window lets
    those through while editing and reports them as findings."""
    _at("totals", year_map, item.totals, years, "Medlemsavgifterna")
    if item.previous_total is not None:
        _at("previous_total", amount, item.previous_total, "Fjolårets total")
    for part in ("state", "region", "municipalities"):
        _at(f"shares.{part}", share, getattr(item.shares, part))
    if strict and item.shares.total() != 1:
        raise Invalid(f"Andelarna ska tillsammans bli 1, men blir {item.shares.total()}.",
                      "shares")
    if item.rounding not in ROUNDINGS:
        raise Invalid(f"Avrundningen {item.rounding} är inte tillåten; välj 1, 100 eller 1 000 kr.",
                      "rounding")
    if strict:
        for total_year, total in item.totals.items():
            if total % item.rounding:
                raise Invalid(f"{_kr(total)} går inte jämnt upp i avrundningen "
                              f"{_kr(item.rounding)}.", f"totals.{total_year}")
    if item.key_precision is not None:
        _at("key_precision", share, item.key_precision, "Precisionen")
        if item.key_precision == 0:
            raise Invalid("Precisionen får inte vara 0; välj exakta andelar i stället.",
                          "key_precision")


def plan_settings(plan: Plan) -> None:
    """Association, dates, year, span and unit."""
    _at("association.name", name, plan.association, "Förbundets namn")
    _at("association.decided", date, plan.decided, "Beslutsdatum")
    if isinstance(plan.plan_year, bool) or not isinstance(plan.plan_year, int) \
            or not MIN_YEAR <= plan.plan_year <= MAX_YEAR:
        raise Invalid(f"{plan.plan_year} är inget rimligt budgetår.", "plan_year")
    if isinstance(plan.plan_span, bool) or not isinstance(plan.plan_span, int) \
            or not 1 <= plan.plan_span <= MAX_SPAN:
        raise Invalid(f"En plan omfattar 1–{MAX_SPAN} år, inte {plan.plan_span}.", "plan_span")
    _at("unit", choice, plan.unit, UNITS, "Enheten")


def plan(item: Plan, strict: bool = True) -> None:
    """Every rule of the whole plan; the first broken one raises Invalid with its full
    path in the exchange format's names ("interventions[3].amounts.2026")."""
    from .validation_document import cover, goal, labels, section
    from .validation_follow_up import follow_up
    plan_settings(item)
    years = item.years
    _at("contributions", contributions, item.contributions, years, strict)
    for index, entity in enumerate(item.members):
        _at(f"members[{index}]", member, entity, years)
    _at("members", members, item.members)
    for collection in ("other_income", "costs"):
        rows = getattr(item, collection)
        for index, entity in enumerate(rows):
            _at(f"{collection}[{index}]", line, entity, years)
        _at(collection, unique_names, map(_NAME, rows), collection)
    for index, action in enumerate(item.interventions):
        _at(f"interventions[{index}]", intervention, action, years)
    _at("interventions", unique_names, map(_NAME, item.interventions), "interventions")
    if item.equity.opening is not None:
        _at("equity.opening", amount, item.equity.opening, "Ingående eget kapital", True)
    _at("equity.opening_note", text, item.equity.opening_note, "Noteringen om eget kapital")
    for index, equity_rule in enumerate(item.equity.rules):
        _at(f"equity.rules[{index}]", rule, equity_rule)
    for index, plan_goal in enumerate(item.goals):
        _at(f"goals[{index}]", goal, plan_goal)
    for index, plan_section in enumerate(item.sections):
        _at(f"sections[{index}]", section, plan_section)
    _at("cover", cover, item.cover)
    _at("labels", labels, item.labels)
    _at("follow_up", follow_up, item)
    for index, entry in enumerate(item.checklist):
        _at(f"checklist[{index}].text", text, entry.text, "Punkten", True)
