"""What *Nytt år* takes from last year's follow-up: the opening equity from the latest
period's forecast (when there is one), said so in its note, and the account mapping.

The periods themselves stay behind (they are last year's); the mapping follows every line
that comes along, so next year's first SIE import needs no mapping again.
"""

from __future__ import annotations

from dataclasses import replace

from .follow_up import line_names
from .money import format_money
from .outcome import Outcome
from .plan import FollowUp, Plan

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")


def _date(end: str) -> str:
    year, month, day = end.split("-")
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def forecast_opening(plan: Plan, outcome: Outcome, new_year: int) -> tuple[int, str, str] | None:
    """(opening equity, the summary's line, the equity note) from the latest period's
    forecast closing equity, when the new year directly follows the budget year."""
    if not outcome.follow_up or new_year != plan.plan_year + 1:
        return None
    latest = outcome.follow_up[-1]
    note = f"Prognos per {_date(latest.end)}"
    amount = latest.closing_equity_forecast
    line = (f"Ingående eget kapital {new_year}: "
            f"{format_money(amount, 'kr', with_unit=True)}, fjolårets utgående eget kapital "
            f"enligt uppföljningens prognos per {_date(latest.end)} ({latest.name}).")
    return amount, line, note


def carry_follow_up(old: Plan, outcome: Outcome, new: Plan) -> Plan:
    """`new` with last year's account mapping (for the lines that came along), no periods,
    and the forecast's note on the opening equity when the opening came from it."""
    names = line_names(new)
    accounts = {ref: items for ref, items in old.follow_up.accounts.items() if ref in names}
    new = replace(new, follow_up=FollowUp(periods=(), accounts=accounts))
    forecast = forecast_opening(old, outcome, new.plan_year)
    if forecast is not None:
        new = replace(new, equity=replace(new.equity, opening=forecast[0],
                                          opening_is_forecast=True, opening_note=forecast[2]))
    return new


def account_lines(new: Plan) -> tuple[str, ...]:
    """The summary's line about the mapping, when there is one."""
    count = len(new.follow_up.accounts)
    if not count:
        return ()
    return (f"Kontokopplingen för SIE-import ({count} {'rad' if count == 1 else 'rader'}).",)
