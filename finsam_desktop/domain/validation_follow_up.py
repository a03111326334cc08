"""The follow-up's rules (plan-format.md, "Follow-up during the year"), part of `validation`.

Periods of the budget year in date order with unique names; every line they name exists;
accounts are single accounts or inclusive ranges, and no account maps to two lines.
Refusals carry the exchange format's path, with lines named by their names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .errors import Invalid
from .follow_up import line_names
from .plan import LineRef, Plan

_ACCOUNT = re.compile(r"([0-9]{1,10})(?:\s*-\s*([0-9]{1,10}))?", re.ASCII)


def account_range(spec: object) -> tuple[int, int]:
    """(first, last) of "6110" or "5000-5999" (inclusive); refuses anything else."""
    match = _ACCOUNT.fullmatch(spec) if isinstance(spec, str) else None
    if not match:
        raise Invalid(f"”{spec}” är inget konto; skriv ett kontonummer (6110) eller ett "
                      "intervall (5000-5999).")
    first = int(match.group(1))
    last = int(match.group(2)) if match.group(2) else first
    if last < first:
        raise Invalid(f"Kontointervallet ”{spec}” slutar före det börjar.")
    return first, last


def _ref_path(names: dict[LineRef, str], ref: LineRef) -> str:
    name = names.get(ref) if isinstance(ref, tuple) else None
    if name is None:
        raise Invalid(f"Raden {ref!r} finns inte i planen.", str(ref[0] if ref else ""))
    return f"{ref[0]}.{name}"


def period_name(value: object, taken: Mapping[str, int], own_id: int | None = None) -> str:
    """A period's name (`validation.name`) that no other period has. `taken` maps the other
    periods' names, stripped and casefolded, to their ids; `own_id` is the period renamed."""
    from .validation import name
    checked = name(value, "Periodens namn")
    if taken.get(checked.strip().casefold(), own_id) != own_id:
        raise Invalid(f"Det finns redan en period som heter ”{checked.strip()}”.")
    return checked


def period_end(value: object, plan_year: int) -> str:
    """A period's end: an ISO date (`validation.date`, never a week date) in the budget year."""
    from .validation import date
    checked = date(value, "Periodens slut", required=True)
    if not checked.startswith(f"{plan_year:04d}-"):
        raise Invalid(f"Periodens slut {checked} ligger inte i budgetåret {plan_year}.")
    return checked


def comment(value: object) -> str:
    """A follow-up comment: one text of at most MAX_LINE_LENGTH characters (line breaks allowed)."""
    from .validation import text
    return text(value, "Kommentaren", multiline=True)


def _line_values(names: dict[LineRef, str], values: Mapping[LineRef, object], what: str,
                 limit_text: bool = False) -> None:
    from .validation import amount
    for ref, value in values.items():
        path = _ref_path(names, ref)
        try:
            if limit_text:
                comment(value)
            else:
                amount(value, what, negative=True)
        except Invalid as error:
            raise error.within(path) from None


def follow_up(plan: Plan) -> None:
    """Every rule of `plan.follow_up`; field relative to "follow_up"."""
    names = line_names(plan)
    seen: dict[str, int] = {}  # the earlier periods' names (one pass, also for a huge file)
    previous_end = ""
    for index, period in enumerate(plan.follow_up.periods):
        prefix = f"periods[{index}]"
        try:
            seen[period_name(period.name, seen).strip().casefold()] = period.id
        except Invalid as error:
            raise error.within(f"{prefix}.name") from None
        try:
            period_end(period.end, plan.plan_year)
        except Invalid as error:
            raise error.within(f"{prefix}.end") from None
        if period.end <= previous_end:
            raise Invalid(f"Perioderna ska stå i datumordning; {period.end} kommer efter "
                          f"{previous_end}.", f"{prefix}.end")
        previous_end = period.end
        for field, values, what in (("actuals", period.actuals, "Utfallet"),
                                    ("forecast", period.forecast, "Prognosen")):
            try:
                _line_values(names, values, what)
            except Invalid as error:
                raise error.within(f"{prefix}.{field}") from None
        try:
            _line_values(names, period.comments, "Kommentaren", limit_text=True)
        except Invalid as error:
            raise error.within(f"{prefix}.comments") from None
    _accounts(plan, names)


def _accounts(plan: Plan, names: dict[LineRef, str]) -> None:
    ranges: list[tuple[int, int, str, str, str]] = []
    for ref, specs in plan.follow_up.accounts.items():
        path = "accounts." + _ref_path(names, ref)
        for index, spec in enumerate(specs):
            try:
                first, last = account_range(spec)
            except Invalid as error:
                raise error.within(f"{path}[{index}]") from None
            ranges.append((first, last, path, f"{path}[{index}]", spec))
    ranges.sort()
    reach = None  # the range reaching furthest so far
    for first, last, line, where, spec in ranges:
        if reach is not None and first <= reach[1] and reach[2] != line:
            raise Invalid(f"Kontot {max(first, reach[0])} hör redan till "
                          f"{reach[2].split('.', 2)[2]} ({reach[4]}); ett konto kan bara höra "
                          "till en rad.", where)
        if reach is None or last > reach[1]:
            reach = (first, last, line, where, spec)
