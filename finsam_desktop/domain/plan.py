"""The plan as immutable dataclasses: the inputs the user edits, nothing derived.

Every collection is a tuple and every entity is frozen, so an edit makes a new
Plan that shares the untouched parts with the old one. Undo keeps the old Plan;
storage writes only the entities whose identity changed.

Money is whole kronor as `int`; shares are exact `Decimal`s as written. A year map is a dict from
year to int that is never mutated after construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping, Union

YearMap = Mapping[int, int]
Key = Union[int, Mapping[int, int], None]

MEMBER_KINDS = ("state", "fk", "af", "region", "municipality")
MEMBER_KIND_LABELS = {
    "state": "Staten (FK + AF)",
    "fk": "Försäkringskassan",
    "af": "Arbetsförmedlingen",
    "region": "Region",
    "municipality": "Kommun",
}
AREAS = ("individ", "struktur", "ovrigt")
AREA_LABELS = {
    "individ": "Individinriktade insatser",
    "struktur": "Strukturövergripande insatser",
    "ovrigt": "Övrigt (utvecklingsmedel m.m.)",
}
CATEGORIES = (
    "arbetslivsinriktad",
    "forberedande",
    "forebyggande",
    "identifiera_behov",
    "kompetenshojande",
    "utveckla_samverkan",
    "behovsanalys",
)
CATEGORY_LABELS = {
    "arbetslivsinriktad": "Arbetslivsinriktad",
    "forberedande": "Förberedande",
    "forebyggande": "Förebyggande",
    "identifiera_behov": "Identifiera individens behov",
    "kompetenshojande": "Kompetenshöjande",
    "utveckla_samverkan": "Utveckla samverkan",
    "behovsanalys": "Behovsanalys",
}
UNITS = ("kr", "tkr")
ROUNDINGS = (1, 100, 1000)
RULE_KINDS = ("min_amount", "max_share", "min_area_share")
RULE_BASES = ("contributions", "income", "costs")
BASIS_LABELS = {
    "contributions": "årets medlemsavgifter",
    "income": "årets intäkter",
    "costs": "årets kostnader",
    "interventions": "insatsmedlen",
}


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    kind: str
    key: Key = None
    key_source: str = ""
    previous_contribution: int | None = None

    def key_for(self, year: int) -> int | None:
        """The member's key in `year`, or None when it has none that year."""
        if self.key is None:
            return None
        if isinstance(self.key, int):
            return self.key
        return self.key.get(year)


@dataclass(frozen=True)
class Line:
    """A row of other income or of costs that are not interventions."""

    id: int
    name: str
    amounts: YearMap = field(default_factory=dict)
    group: str = ""


@dataclass(frozen=True)
class Intervention:
    id: int
    name: str
    area: str
    category: str = ""
    owner: str = ""
    municipality: str = ""
    group: str = ""
    amounts: YearMap = field(default_factory=dict)
    participants: YearMap = field(default_factory=dict)
    external_funding: YearMap = field(default_factory=dict)
    start: str = ""
    end: str = ""
    description: str = ""


@dataclass(frozen=True)
class Rule:
    """One equity rule; which fields matter depends on `kind`."""

    id: int
    kind: str
    amount: int = 0
    share: Decimal = Decimal(0)
    basis: str = "contributions"
    area: str = "individ"


@dataclass(frozen=True)
class Indicator:
    text: str
    target: str = ""


@dataclass(frozen=True)
class Goal:
    id: int
    title: str
    indicators: tuple[Indicator, ...] = ()


@dataclass(frozen=True)
class Section:
    id: int
    title: str
    text: str = ""


@dataclass(frozen=True)
class Shares:
    """Fractions of the total, kept as the decimals the user wrote ("0.5", "0.25")."""

    state: Decimal = Decimal("0.5")
    region: Decimal = Decimal("0.25")
    municipalities: Decimal = Decimal("0.25")

    def total(self) -> Decimal:
        return self.state + self.region + self.municipalities


@dataclass(frozen=True)
class Contributions:
    totals: YearMap = field(default_factory=dict)
    previous_total: int | None = None
    shares: Shares = Shares()
    key_precision: Decimal | None = None
    rounding: int = 1


@dataclass(frozen=True)
class Equity:
    opening: int | None = None
    opening_is_forecast: bool = False
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class Plan:
    association: str
    plan_year: int
    plan_span: int = 1
    unit: str = "kr"
    decided: str = ""
    contributions: Contributions = Contributions()
    members: tuple[Member, ...] = ()
    other_income: tuple[Line, ...] = ()
    costs: tuple[Line, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    equity: Equity = Equity()
    goals: tuple[Goal, ...] = ()
    sections: tuple[Section, ...] = ()

    @property
    def years(self) -> tuple[int, ...]:
        """The budget year and the plan years after it."""
        return tuple(range(self.plan_year, self.plan_year + self.plan_span))

    def next_id(self) -> int:
        """An id not used by any entity of the plan (ids are unique plan-wide)."""
        ids = [0]
        for collection in (self.members, self.other_income, self.costs,
                           self.interventions, self.equity.rules, self.goals,
                           self.sections):
            ids.extend(item.id for item in collection)
        return max(ids) + 1
