"""Next year's plan from this year's: `roll_forward(plan, outcome) -> (new_plan, summary)`.

Every calendar year keeps its figure: last year's 2027 column becomes the new
budget year, the years before the new plan drop off and the new last year is
empty. What was computed last year becomes this year's comparison: each
member's contribution, the total, and the closing equity (a forecast until the
user confirms it against the annual accounts). Pure: no file, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TypeVar

from .errors import UserFacingError
from .follow_up_rollover import account_lines, carry_follow_up, forecast_opening
from .money import format_money
from .outcome import Outcome
from .plan import Intervention, Key, Line, Member, Plan

_V = TypeVar("_V")


class RolloverError(UserFacingError, ValueError):
    """The plan cannot be rolled as asked; the message is Swedish."""


@dataclass(frozen=True)
class LeftBehind:
    """An intervention that does not come along, and why (Swedish)."""

    id: int
    name: str
    reason: str


@dataclass(frozen=True)
class RolloverSummary:
    """What the user must read after a rollover, as Swedish lines in three parts."""

    from_year: int
    to_year: int
    carried: tuple[str, ...]
    left_behind: tuple[LeftBehind, ...]
    to_check: tuple[str, ...]

    @property
    def title(self) -> str:
        return f"Ny plan för {self.to_year} från planen för {self.from_year}"

    def lines(self) -> list[str]:
        """The whole summary as printable lines (command line, dialog)."""
        out = [self.title + ".", "", "Följer med:"]
        out += [f"  – {line}" for line in self.carried]
        out += ["", "Lämnas kvar:"]
        if self.left_behind:
            out += [f"  – {item.name}: {item.reason}" for item in self.left_behind]
        else:
            out.append("  – Inget; alla insatser följer med.")
        out += ["", "Att göra nu:"]
        out += [f"  – {line}" for line in self.to_check]
        return out


def _kr(amount: int) -> str:
    return format_money(amount, "kr", with_unit=True)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _within(values: Mapping[int, _V], years: tuple[int, ...]) -> dict[int, _V]:
    """The figures of the new plan's years; earlier years drop off, later ones stay empty."""
    return {year: amount for year, amount in sorted(values.items()) if year in years}


def _rolled_key(member: Member, years: tuple[int, ...]) -> Key:
    if member.key is None or isinstance(member.key, (int, Decimal)):  # one key for every year
        return member.key
    kept = _within(member.key, years)
    return kept or None


def _ended_before(item: Intervention, year: int) -> bool:
    return bool(item.end) and item.end < f"{year:04d}-01-01"


def roll_forward(plan: Plan, outcome: Outcome, year: int | None = None
                 ) -> tuple[Plan, RolloverSummary]:
    """The plan for `year` (default: the year after `plan`'s) and what the user must know.

    `outcome` must be `compute(plan)`; it supplies last year's contributions and equity.
    """
    new_year = plan.plan_year + 1 if year is None else year
    if isinstance(new_year, bool) or not isinstance(new_year, int):
        raise RolloverError("Det nya planåret ska vara ett årtal.")
    if new_year <= plan.plan_year:
        raise RolloverError(f"Det nya planåret måste ligga efter {plan.plan_year}; "
                            f"{new_year} gör inte det.")
    if new_year > 9999 - plan.plan_span:
        raise RolloverError(f"{new_year} är inget rimligt planår.")
    years = tuple(range(new_year, new_year + plan.plan_span))
    budget = outcome.years[plan.plan_year]

    members = tuple(
        replace(m, key=_rolled_key(m, years),
                previous_contribution=budget.contributions.get(m.id, 0))
        for m in plan.members)
    kept: list[Intervention] = []
    left: list[LeftBehind] = []
    for item in plan.interventions:
        if _ended_before(item, new_year):
            left.append(LeftBehind(item.id, item.name,
                                   f"slutade {item.end}, före {new_year}."))
            continue
        kept.append(replace(item, amounts=_within(item.amounts, years),
                            participants=_within(item.participants, years),
                            external_funding=_within(item.external_funding, years)))

    def lines(rows: tuple[Line, ...]) -> tuple[Line, ...]:
        return tuple(replace(line, amounts=_within(line.amounts, years)) for line in rows)

    opening, opening_note = _opening_equity(plan, outcome, new_year)
    contributions = replace(plan.contributions,
                            totals=_within(plan.contributions.totals, years),
                            previous_total=budget.contributions_total)
    new_plan = replace(
        plan, plan_year=new_year, decided="", contributions=contributions, members=members,
        other_income=lines(plan.other_income), costs=lines(plan.costs),
        interventions=tuple(kept),
        # last year's note said where last year's opening came from, not this one
        equity=replace(plan.equity, opening=opening, opening_is_forecast=opening is not None,
                       opening_note=""))
    new_plan = carry_follow_up(plan, outcome, new_plan)  # forecast opening, account mapping
    summary = RolloverSummary(
        from_year=plan.plan_year, to_year=new_year,
        carried=_carried_lines(plan, new_plan, budget.contributions_total, opening_note)
        + account_lines(new_plan),
        left_behind=tuple(left),
        to_check=_to_check_lines(plan, new_plan, opening))
    return new_plan, summary


def _opening_equity(plan: Plan, outcome: Outcome, new_year: int) -> tuple[int | None, str]:
    """Last year's computed closing equity for the year before `new_year`, if it can be known."""
    forecast = forecast_opening(plan, outcome, new_year)
    if forecast is not None:
        return forecast[0], forecast[1]
    if plan.equity.opening is None:
        return None, ("Ingående eget kapital följer inte med: fjolårets plan saknade "
                      "ingående eget kapital.")
    before = min(new_year - 1, plan.years[-1])
    closing = outcome.years[before].closing_equity
    return closing, (f"Ingående eget kapital {new_year}: {_kr(closing)}, fjolårets beräknade "
                     f"utgående eget kapital {before} (prognos).")


def _carried_lines(old: Plan, new: Plan, previous_total: int, opening_note: str
                   ) -> tuple[str, ...]:
    first, last = new.years[0], new.years[-1]
    span = f"{first}–{last}" if last != first else f"{first}"
    keyed = sum(1 for m in new.members if m.key is not None)
    out = [
        f"Inställningar, andelar och avrundning; planen gäller {span}.",
        f"{_count(len(new.members), 'medlem', 'medlemmar')}, varav {keyed} med "
        "fördelningsnyckel och nyckelkälla.",
        f"Fjolårets avgifter ({old.plan_year}) som jämförelse: totalt {_kr(previous_total)}.",
        f"{len(new.interventions)} av {len(old.interventions)} insatser, med beloppen "
        "flyttade en kolumn åt vänster.",
        f"{_count(len(new.other_income), 'rad', 'rader')} övriga intäkter och "
        f"{_count(len(new.costs), 'kostnadsrad', 'kostnadsrader')}.",
        f"{_count(len(new.equity.rules), 'regel', 'regler')} för eget kapital.",
        f"{len(new.goals)} mål och {len(new.sections)} textavsnitt att uppdatera.",
        opening_note,
    ]
    return tuple(out)


def _to_check_lines(old: Plan, new: Plan, opening: int | None) -> tuple[str, ...]:
    first, last = new.years[0], new.years[-1]
    sources = sorted({m.key_source for m in new.members
                      if m.kind == "municipality" and m.key_source})
    source_note = f" (nu: ”{sources[0]}”)" if len(sources) == 1 else ""
    out = [f"Uppdatera kommunernas folkmängd (fördelningsnycklarna) och datumet i "
           f"nyckelkällan{source_note}."]
    if opening is None:
        out.append(f"Fyll i ingående eget kapital {first} från årsbokslutet {first - 1}.")
    else:
        out.append(f"Stäm av ingående eget kapital {_kr(opening)} mot årsbokslutet "
                   f"{first - 1} när det finns.")
    out.append(f"Fyll i det nya sista året {last}: medlemsavgifter, insatser, övriga "
               "intäkter och kostnader.")
    empty = [item.name for item in new.interventions if not item.amounts.get(first)]
    if empty:
        names = "; ".join(empty[:5]) + (f" med flera ({len(empty)} st.)" if len(empty) > 5 else "")
        out.append(f"Insatser utan belopp för {first}: {names}. Fyll i beloppen eller ta bort dem.")
    return tuple(out)
