"""Every change to the follow-up, as pure functions Plan -> Plan refusing in Swedish.

Periods are kept in date order with unique names and an end in the budget year. A line is a
`LineRef` (list, entity id); a value left out means 0 (actual) or the budget (forecast).
The two one-click suggestions set the forecast of many lines in one change.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from . import validation
from .edits import EditError, checked
from .follow_up import extrapolated, line_names
from .plan import FOLLOW_UP_LISTS, LineRef, Period, Plan
from .validation_follow_up import account_range, comment, period_end, period_name

_V = TypeVar("_V")


def find_period(plan: Plan, period_id: int) -> Period:
    for period in plan.follow_up.periods:
        if period.id == period_id:
            return period
    raise EditError("Perioden finns inte längre i planen.")


def period_by_name(plan: Plan, name: str) -> Period:
    """The period called `name` (case-insensitive), refused in Swedish when there is none."""
    for period in plan.follow_up.periods:
        if period.name.casefold() == name.strip().casefold():
            return period
    names = ", ".join(p.name for p in plan.follow_up.periods) or "inga"
    raise EditError(f"Planen har ingen uppföljningsperiod som heter ”{name}” (perioder: {names}).")


def _with_periods(plan: Plan, periods: Iterable[Period]) -> Plan:
    ordered = tuple(sorted(periods, key=lambda p: p.end))
    return replace(plan, follow_up=replace(plan.follow_up, periods=ordered))


def _replace_period(plan: Plan, period: Period) -> Plan:
    return _with_periods(plan, [period if p.id == period.id else p
                                for p in plan.follow_up.periods])


def _name(plan: Plan, name: object, own_id: int | None = None) -> str:
    """The period's name as the validator allows it (unique among the periods), stripped."""
    taken = {p.name.strip().casefold(): p.id for p in plan.follow_up.periods}
    return checked(period_name, name, taken, own_id).strip()


def _end(plan: Plan, end: object) -> str:
    """The period's end as the validator allows it (an ISO date in the budget year)."""
    return checked(period_end, end.strip() if isinstance(end, str) else end, plan.plan_year)


def add_period(plan: Plan, name: str, end: str) -> tuple[Plan, int]:
    """A new, empty period (all forecasts at budget); returns the plan and its id."""
    name, end = _name(plan, name), _end(plan, end)
    for other in plan.follow_up.periods:
        if other.end == end:
            raise EditError(f"Perioden {other.name} slutar redan {end}.")
    ident = plan.next_id()
    return _with_periods(plan, plan.follow_up.periods + (Period(ident, name, end),)), ident


def rename_period(plan: Plan, period_id: int, name: str) -> Plan:
    period = find_period(plan, period_id)
    return _replace_period(plan, replace(period, name=_name(plan, name, period_id)))


def set_period_end(plan: Plan, period_id: int, end: str) -> Plan:
    period = find_period(plan, period_id)
    end = _end(plan, end)
    for other in plan.follow_up.periods:
        if other.id != period_id and other.end == end:
            raise EditError(f"Perioden {other.name} slutar redan {end}.")
    return _replace_period(plan, replace(period, end=end))


def remove_period(plan: Plan, period_id: int) -> Plan:
    find_period(plan, period_id)
    return _with_periods(plan, [p for p in plan.follow_up.periods if p.id != period_id])


def _line(plan: Plan, ref: LineRef) -> LineRef:
    if ref not in line_names(plan):
        raise EditError("Raden finns inte längre i planen.")
    return ref


def _money(value: object, what: str) -> int:
    """Whole kronor, negative allowed, within the validator's bounds."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise EditError(f"{what} ska vara ett helt antal kronor.")  # kronor, never a count here
    return checked(validation.amount, value, what, negative=True)


def _set(values: Mapping[LineRef, _V], ref: LineRef, value: _V | None) -> dict[LineRef, _V]:
    changed = dict(values)
    if value is None or value == "":
        changed.pop(ref, None)
    else:
        changed[ref] = value
    return changed


def _set_line_value(plan: Plan, period_id: int, ref: LineRef, field: str, value: _V,
                    check: Callable[[_V], object]) -> Plan:
    """One line's value in the period's `field` ("actuals", "forecast" or "comments") after
    `check` (which refuses or cleans it); None or "" clears it."""
    period = find_period(plan, period_id)
    _line(plan, ref)
    changes: dict[str, Any] = {field: _set(getattr(period, field), ref, check(value))}
    return _replace_period(plan, replace(period, **changes))


def set_actual(plan: Plan, period_id: int, ref: LineRef, amount: int | None) -> Plan:
    """The line's actual to the period's end; None clears it (0)."""
    return _set_line_value(plan, period_id, ref, "actuals", amount,
                           lambda value: None if value is None else _money(value, "Utfallet"))


def set_forecast(plan: Plan, period_id: int, ref: LineRef, amount: int | None) -> Plan:
    """The line's full-year forecast; None clears it (forecast at budget)."""
    return _set_line_value(plan, period_id, ref, "forecast", amount,
                           lambda value: None if value is None else _money(value, "Prognosen"))


def set_comment(plan: Plan, period_id: int, ref: LineRef, text: str) -> Plan:
    """The line's comment in the period, as the validator allows it; "" clears it."""
    return _set_line_value(plan, period_id, ref, "comments", text,
                           lambda value: checked(comment, value).strip())


def set_actuals(plan: Plan, period_id: int, actuals: Mapping[LineRef, int]) -> Plan:
    """Replace the actuals of the lines given (an import); other lines keep theirs."""
    period = find_period(plan, period_id)
    values = dict(period.actuals)
    names = line_names(plan)
    for ref, amount in actuals.items():
        if ref not in names:
            raise EditError("Raden finns inte längre i planen.")
        values[ref] = _money(amount, "Utfallet")
    return _replace_period(plan, replace(period, actuals=values))


def _refs(plan: Plan, refs: Iterable[LineRef] | None) -> list[LineRef]:
    names = line_names(plan)
    return list(names) if refs is None else [_line(plan, ref) for ref in refs]


def suggest_extrapolated(plan: Plan, period_id: int,
                         refs: Iterable[LineRef] | None = None) -> Plan:
    """*Prognos = utfall uppräknat till helår* for `refs` (every line when None)."""
    period = find_period(plan, period_id)
    forecast = dict(period.forecast)
    for ref in _refs(plan, refs):
        forecast[ref] = extrapolated(period.actuals.get(ref, 0), period.end)
    return _replace_period(plan, replace(period, forecast=forecast))


def suggest_budget(plan: Plan, period_id: int, refs: Iterable[LineRef] | None = None) -> Plan:
    """*Prognos = budget* for `refs` (every line when None): their forecasts are cleared."""
    period = find_period(plan, period_id)
    drop = set(_refs(plan, refs))
    forecast = {ref: value for ref, value in period.forecast.items() if ref not in drop}
    return _replace_period(plan, replace(period, forecast=forecast))


def parse_accounts(text: str) -> tuple[str, ...]:
    """ "5000-5999, 6110" as ("5000-5999", "6110"), refused in Swedish when malformed.

    Commas, semicolons and spaces separate; a range is two numbers joined by "-" or "–"."""
    text = re.sub(r"\s*[-–]\s*", "-", text.strip())
    result = []
    for part in re.split(r"[,;\s]+", text):
        if not part:
            continue
        checked(account_range, part)  # one account or a range, as the validator allows
        result.append(part)
    return tuple(result)


def set_accounts(plan: Plan, ref: LineRef, accounts: Iterable[str]) -> Plan:
    """The accounts a line's actuals come from; an account mapped to two lines is refused."""
    _line(plan, ref)
    cleaned = parse_accounts(", ".join(accounts))
    mapping = dict(plan.follow_up.accounts)
    if cleaned:
        mapping[ref] = cleaned
    else:
        mapping.pop(ref, None)
    check_accounts(plan, mapping, ref)
    ordered = {key: mapping[key] for key in sorted(mapping, key=line_order)}
    return replace(plan, follow_up=replace(plan.follow_up, accounts=ordered))


def line_order(ref: LineRef) -> tuple[int, int]:
    """Mapping order: by list as in FOLLOW_UP_LISTS, then by id."""
    return FOLLOW_UP_LISTS.index(ref[0]), ref[1]


def check_accounts(plan: Plan, mapping: Mapping[LineRef, tuple[str, ...]],
                   new: LineRef | None = None) -> None:
    """Refuse an account that two lines (or two ranges of one line) both claim; the
    message names the line that already had it, not `new` (the line being changed)."""
    names = line_names(plan)
    spans = []
    for ref, accounts in mapping.items():
        for account in accounts:
            low, high = account_range(account)
            spans.append((low, high, account, ref))
    spans.sort()
    for (low1, high1, acc1, ref1), (low2, _, acc2, ref2) in itertools.pairwise(spans):
        if low2 <= high1:
            if ref1 == new:
                ref1, ref2, acc1 = ref2, ref1, acc2
            first, second = names.get(ref1, "?"), names.get(ref2, "?")
            if ref1 == ref2:
                raise EditError(f"Kontona {acc1} och {acc2} överlappar för {first}.")
            raise EditError(f"Konto {max(low1, low2)} hör redan till {first} ({acc1}); "
                            f"det kan inte också höra till {second}.")


def set_account_mapping(plan: Plan, mapping: Mapping[LineRef, Iterable[str]]) -> Plan:
    """Replace the whole account mapping (the import dialog's table), checked as a whole."""
    cleaned: dict[LineRef, tuple[str, ...]] = {}
    names = line_names(plan)
    for ref, accounts in mapping.items():
        if ref not in names:
            raise EditError("Raden finns inte längre i planen.")
        parsed = parse_accounts(", ".join(accounts))
        if parsed:
            cleaned[ref] = parsed
    check_accounts(plan, cleaned)
    ordered = {key: cleaned[key] for key in sorted(cleaned, key=line_order)}
    if ordered == dict(plan.follow_up.accounts):
        return plan
    return replace(plan, follow_up=replace(plan.follow_up, accounts=ordered))
