"""Every change a user can make to a plan, as pure functions Plan -> Plan.

Each function validates its input and raises EditError with a Swedish message
when the change would make the plan invalid; then nothing changes. The window
wraps these in undoable commands; the plan itself is never mutated.

Collections are named as in the exchange format: "members", "other_income",
"costs", "interventions", "rules" (the equity rules), "goals", "sections".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields, replace
from decimal import Decimal
from operator import attrgetter
from typing import Any, ParamSpec, TypeVar, cast

from . import row_changes, validation, validation_document
from .errors import Invalid, UserFacingError
from .follow_up import without_line
from .plan import (
    ROUNDINGS,
    RULE_KINDS,
    UNITS,
    Goal,
    Intervention,
    Key,
    KeyValue,
    Line,
    Member,
    Plan,
    Rule,
    Section,
)
from .rule_kinds import normalised

MAX_AMOUNT = validation.MAX_AMOUNT
"""The bound lives in `validation`; this name stays for the modules that import it from here."""
Entity = Member | Line | Intervention | Rule | Goal | Section
"""A row of one of the COLLECTIONS."""
_Named = Member | Line | Intervention
"""A row of a collection whose names must be unique (validation.LIST_NOUNS)."""
_P = ParamSpec("_P")
_R = TypeVar("_R")
_V = TypeVar("_V")
COLLECTIONS = ("members", "other_income", "costs", "interventions", "rules", "goals", "sections")


class EditError(UserFacingError, ValueError):
    """A change that is refused; the message is Swedish and says why."""


def items(plan: Plan, collection: str) -> tuple[Entity, ...]:
    if collection == "rules":
        return plan.equity.rules
    if collection not in COLLECTIONS:
        raise KeyError(collection)
    return cast("tuple[Entity, ...]", getattr(plan, collection))


def _with_items(plan: Plan, collection: str, new_items: tuple[Entity, ...]) -> Plan:
    if collection == "rules":
        return replace(plan, equity=replace(plan.equity, rules=cast("tuple[Rule, ...]", new_items)))
    changes: dict[str, Any] = {collection: new_items}
    return replace(plan, **changes)


def find(plan: Plan, collection: str, ident: int) -> Entity:
    return items(plan, collection)[_index(plan, collection, ident)]


def _index(plan: Plan, collection: str, ident: int) -> int:
    index = row_changes.position(items(plan, collection), ident)
    if index is None:
        raise EditError("Raden finns inte längre i planen.")
    return index


# --- checks: the rules are in `validation`; here they become EditError ------------------

def checked(check: Callable[_P, _R], /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
    """Run one of the validator's checks (`validation*`); its refusal becomes an EditError."""
    try:
        return check(*args, **kwargs)
    except Invalid as error:
        raise EditError(error.message) from None


def _amount(value: Any, what: str, allow_negative: bool = False) -> int:
    return checked(validation.amount, value, what, allow_negative)


def _year(plan: Plan, year: int) -> int:
    return checked(validation.year, year, plan.years)


def _text(value: Any, what: str, required: bool = False) -> str:
    result = checked(validation.text, value, what, required)
    return result.strip() if required else result


def _date(value: str, what: str) -> str:
    if not isinstance(value, str):
        raise EditError(f"{what} ska vara en text.")
    return checked(validation.date, value.strip(), what)


def _share(value: Any, what: str) -> Decimal:
    return checked(validation.share, value, what)


_ENTITY_CHECKS: dict[str, Callable[[Plan, Any], None]] = {
    "members": lambda plan, item: validation.member(item, plan.years),
    "other_income": lambda plan, item: validation.line(item, plan.years),
    "costs": lambda plan, item: validation.line(item, plan.years),
    "interventions": lambda plan, item: validation.intervention(item, plan.years),
    "rules": lambda plan, item: validation.rule(item),
    "goals": lambda plan, item: validation_document.goal(item),
    "sections": lambda plan, item: validation_document.section(item),
}


def _check(plan: Plan, collection: str, item: Entity,
           rows: tuple[Entity, ...] | None = None) -> None:
    """The item's own rules and, with `rows` (the list it will stand in), the list's."""
    checked(_ENTITY_CHECKS[collection], plan, item)
    if rows is None:
        return
    if collection == "members":
        checked(validation.members, cast("tuple[Member, ...]", rows))
    elif collection in validation.LIST_NOUNS:
        named = cast("tuple[_Named, ...]", rows)
        checked(validation.unique_names, map(attrgetter("name"), named), collection)


_FACTORIES: dict[str, Callable[[int], Entity]] = {
    "members": lambda ident: Member(id=ident, name="Ny kommun", kind="municipality", key=0),
    "other_income": lambda ident: Line(id=ident, name="Ny intäkt"),
    "costs": lambda ident: Line(id=ident, name="Ny kostnad"),
    "interventions": lambda ident: Intervention(id=ident, name="Ny insats", area="individ"),
    "rules": lambda ident: Rule(id=ident, kind=RULE_KINDS[0], amount=0),
    "goals": lambda ident: Goal(id=ident, title="Nytt mål"),
    "sections": lambda ident: Section(id=ident, title="Nytt avsnitt"),
}


# --- collection edits -----------------------------------------------------------------

def add_item(plan: Plan, collection: str, index: int | None = None,
             **values: Any) -> tuple[Plan, int]:
    """A new row (defaults overridden by `values`) at `index` (end when None); returns its id."""
    ident = plan.next_id()
    item = _FACTORIES[collection](ident)
    if values:
        item = replace(item, **values)
    if collection in validation.LIST_NOUNS and "name" not in values:
        named = cast(_Named, item)
        taken = cast("tuple[_Named, ...]", items(plan, collection))
        item = replace(named, name=_unique_name(taken, named.name))
    if isinstance(item, Rule):  # the rules collection
        item = normalised(item)
    current = items(plan, collection)
    position = len(current) if index is None else max(0, min(index, len(current)))
    rows = current[:position] + (item,) + current[position:]
    _check(plan, collection, item, rows)
    row_changes.record(current, rows, None, added=(item,))
    return _with_items(plan, collection, rows), ident


def insert_item(plan: Plan, collection: str, item: Entity, index: int) -> Plan:
    """Put back a row exactly as it was (used by undo of a removal and by paste)."""
    current = items(plan, collection)
    if any(existing.id == item.id for existing in current):
        raise EditError("Raden finns redan i planen.")
    index = max(0, min(index, len(current)))
    rows = current[:index] + (item,) + current[index:]
    _check(plan, collection, item, rows)
    row_changes.record(current, rows, None, added=(item,))
    return _with_items(plan, collection, rows)


def _unique_name(rows: Iterable[_Named], name: str) -> str:
    """`name`, or "name 2", "name 3" … when the list already has it."""
    taken = {row.name.strip().casefold() for row in rows}
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate, number = f"{name} {number}", number + 1
    return candidate


def remove_item(plan: Plan, collection: str, ident: int) -> Plan:
    index = _index(plan, collection, ident)
    current = items(plan, collection)
    plan = without_line(plan, (collection, ident))
    rows = current[:index] + current[index + 1:]
    row_changes.record(current, rows, None, removed=(current[index],))
    return _with_items(plan, collection, rows)


def move_item(plan: Plan, collection: str, ident: int, new_index: int) -> Plan:
    """Move a row to `new_index` (clamped to the list)."""
    current = list(items(plan, collection))
    index = _index(plan, collection, ident)
    item = current.pop(index)
    new_index = max(0, min(new_index, len(current)))
    current.insert(new_index, item)
    rows = tuple(current)
    row_changes.record(items(plan, collection), rows, None)
    return _with_items(plan, collection, rows)


def update_item(plan: Plan, collection: str, ident: int, **changes: Any) -> Plan:
    """Change fields of one row; refused as a whole if any value is invalid."""
    index = _index(plan, collection, ident)
    current = items(plan, collection)
    names = {f.name for f in fields(current[index])}
    unknown = set(changes) - names - {"id"}
    if unknown or "id" in changes:
        raise EditError(f"Fältet {', '.join(sorted(unknown or {'id'}))} kan inte ändras.")
    if collection == "members" and "name" in changes:
        changes["name"] = _text(changes["name"], "Namnet", required=True)
    item = replace(current[index], **changes)
    if isinstance(item, Rule):  # the rules collection
        item = normalised(item)
    rows = current[:index] + (item,) + current[index + 1:]
    # the list's rules (unique names, member kinds) cost a pass over it: only when they can break
    _check(plan, collection, item, rows if {"name", "kind"} & set(changes) else None)
    row_changes.record(current, rows, (index,))
    return _with_items(plan, collection, rows)


def set_year_value(plan: Plan, collection: str, ident: int, field: str, year: int,
                   value: int | None) -> Plan:
    """One cell of a year map (amounts, participants, external funding, a key); None clears it."""
    _year(plan, year)
    item = find(plan, collection, ident)
    current = getattr(item, field)
    if collection == "members" and field == "key":
        current = _key_as_map(plan, current)
    values = dict(current or {})
    if value is None:
        values.pop(year, None)
    else:
        values[year] = value
    if collection == "members" and field == "key":
        return update_item(plan, collection, ident, key=_key_from_map(plan, values))
    return update_item(plan, collection, ident, **{field: dict(sorted(values.items()))})


def _key_as_map(plan: Plan, key: Key) -> dict[int, KeyValue]:
    if key is None:
        return {}
    if isinstance(key, (int, Decimal)):
        return {year: key for year in plan.years}
    return dict(key)


def _key_from_map(plan: Plan, values: dict[int, KeyValue]) -> Key:
    """A key that is the same every plan year is kept as one number, as in the file."""
    present = [values.get(year) for year in plan.years]
    if not values:
        return None
    if all(v is not None for v in present) and len(set(present)) == 1:
        return present[0]
    return dict(sorted(values.items()))


def set_key(plan: Plan, ident: int, key: int | Decimal | None) -> Plan:
    """The same key for every plan year (the usual case: one population figure)."""
    return update_item(plan, "members", ident, key=key)


# --- plan-wide settings ----------------------------------------------------------------

def set_association(plan: Plan, name: str) -> Plan:
    checked(validation.name, name, "Förbundets namn")
    return replace(plan, association=name.strip())


def set_decided(plan: Plan, date: str) -> Plan:
    return replace(plan, decided=_date(date, "Beslutsdatum"))


def set_unit(plan: Plan, unit: str) -> Plan:
    if unit not in UNITS:
        raise EditError("Enheten ska vara kr eller tkr.")
    return replace(plan, unit=unit)


def set_total(plan: Plan, year: int, amount: int | None) -> Plan:
    """The year's total member contributions; None clears it."""
    _year(plan, year)
    totals = dict(plan.contributions.totals)
    if amount is None:
        totals.pop(year, None)
    else:
        totals[year] = _amount(amount, "Medlemsavgifterna")
    return replace(plan, contributions=replace(plan.contributions, totals=dict(sorted(totals.items()))))


def set_previous_total(plan: Plan, amount: int | None) -> Plan:
    if amount is not None:
        _amount(amount, "Fjolårets total")
    return replace(plan, contributions=replace(plan.contributions, previous_total=amount))


def set_share(plan: Plan, part: str, share: Decimal) -> Plan:
    """One of the three shares ("state", "region", "municipalities"); a sum other than
    100 % is allowed while editing and reported as a finding."""
    if part not in ("state", "region", "municipalities"):
        raise EditError(f"Okänd andel: {part}.")
    shares = replace(plan.contributions.shares, **{part: _share(share, "Andelen")})
    return replace(plan, contributions=replace(plan.contributions, shares=shares))


def set_rounding(plan: Plan, rounding: int) -> Plan:
    if rounding not in ROUNDINGS:
        raise EditError("Avrundningen ska vara 1, 100 eller 1 000 kr.")
    return replace(plan, contributions=replace(plan.contributions, rounding=rounding))


def set_key_precision(plan: Plan, precision: Decimal | None) -> Plan:
    if precision is not None and (_share(precision, "Precisionen") == 0):
        raise EditError("Precisionen får inte vara 0; välj exakta andelar i stället.")
    return replace(plan, contributions=replace(plan.contributions, key_precision=precision))


def set_opening_equity(plan: Plan, amount: int | None) -> Plan:
    """The opening equity as entered by the user; it is no longer a forecast."""
    if amount is not None:
        _amount(amount, "Ingående eget kapital", allow_negative=True)
    return replace(plan, equity=replace(plan.equity, opening=amount, opening_is_forecast=False))


def set_span(plan: Plan, span: int) -> Plan:
    """How many years the plan covers; values for years that fall away are dropped."""
    if not isinstance(span, int) or not 1 <= span <= 5:
        raise EditError("En plan omfattar 1–5 år.")
    years = set(range(plan.plan_year, plan.plan_year + span))

    def trim(values: Mapping[int, _V]) -> dict[int, _V]:
        return {y: v for y, v in values.items() if y in years}

    def trim_key(key: Key) -> Key:
        return trim(key) if isinstance(key, dict) else key

    return replace(
        plan, plan_span=span,
        contributions=replace(plan.contributions, totals=trim(plan.contributions.totals)),
        members=tuple(replace(m, key=trim_key(m.key)) for m in plan.members),
        other_income=tuple(replace(x, amounts=trim(x.amounts)) for x in plan.other_income),
        costs=tuple(replace(x, amounts=trim(x.amounts)) for x in plan.costs),
        interventions=tuple(replace(x, amounts=trim(x.amounts), participants=trim(x.participants),
                                    external_funding=trim(x.external_funding))
                            for x in plan.interventions),
    )
