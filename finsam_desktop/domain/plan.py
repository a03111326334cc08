"""The plan as immutable dataclasses: the inputs the user edits, nothing derived.

Every collection is a tuple and every entity is frozen, so an edit makes a new
Plan that shares the untouched parts with the old one. Undo keeps the old Plan;
storage writes only the entities whose identity changed.

Money is whole kronor as `int`; shares are exact `Decimal`s as written. A year map is a dict from
year to int that is never mutated after construction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

YearMap = Mapping[int, int]
KeyValue = int | Decimal
Key = int | Decimal | Mapping[int, KeyValue] | None
"""A municipality's key: exact (int population or Decimal agreed percentage), or per year."""

LineRef = tuple[str, int]
"""A follow-up line: (list, entity id) with list one of FOLLOW_UP_LISTS."""

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
FOLLOW_UP_LISTS = ("other_income", "costs", "interventions", "members")
BLOCK_KINDS = (
    "members", "keys", "economy", "interventions", "interventions_by_municipality",
    "intervention_details", "goals", "rules", "findings", "chart_equity", "chart_areas",
    "follow_up",
)
SECTION_KINDS = ("chapter", "text", "block")
BASIS_LABELS = {
    "contributions": "årets medlemsavgifter",
    "income": "årets intäkter",
    "costs": "årets kostnader",
    "interventions": "insatsmedlen",
}


@dataclass(frozen=True)
class Member:
    """A member of the association: the state, the region or a municipality with its key."""

    id: int
    name: str
    kind: str
    key: Key = None
    key_source: str = ""
    previous_contribution: int | None = None

    def key_for(self, year: int) -> KeyValue | None:
        """The member's key in `year`, or None when it has none that year."""
        if self.key is None:
            return None
        if isinstance(self.key, (int, Decimal)):
            return self.key
        return self.key.get(year)


@dataclass(frozen=True)
class Line:
    """A row of other income or of costs that are not interventions."""

    id: int
    name: str
    amounts: YearMap = field(default_factory=dict)
    group: str = ""
    code: str = ""


@dataclass(frozen=True)
class Intervention:
    """A funded intervention: its area and category, owner, and per year its cost,
    participants and external funding."""

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
    code: str = ""


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
    """How a goal is followed up: what is measured, the target, the method and the period."""

    text: str
    target: str = ""
    method: str = ""
    period: str = ""


@dataclass(frozen=True)
class Goal:
    """A goal; `text` is Markdown, `goals` its sub-goals (their ids are 0: they live in the row)."""

    id: int
    title: str
    indicators: tuple[Indicator, ...] = ()
    text: str = ""
    goals: tuple[Goal, ...] = ()


@dataclass(frozen=True)
class Section:
    """One item of the plan document, in reading order.

    `kind` "chapter": `title` is a level-1 heading, `text` Markdown. "text": more
    Markdown of the chapter above (`title` unused). "block": the generated `block`
    (one of BLOCK_KINDS) printed here; `block_title` None prints its default heading,
    "" none. `included` False keeps the item in the outline but out of the report;
    `alt_text` is a chart block's alternative text ("" = generated).
    """

    id: int
    title: str = ""
    text: str = ""
    kind: str = "chapter"
    block: str = ""
    block_title: str | None = None
    included: bool = True
    alt_text: str = ""


@dataclass(frozen=True)
class Cover:
    """The report's cover; `logo` is the image's bytes (PNG or JPEG), `logo_type` its MIME type."""

    title: str = ""
    subtitle: str = ""
    logo: bytes = b""
    logo_type: str = ""
    note: str = ""


@dataclass(frozen=True)
class Labels:
    """Printed names that replace the defaults; an area left out keeps AREA_LABELS."""

    areas: Mapping[str, str] = field(default_factory=dict)

    def area(self, area: str) -> str:
        return self.areas.get(area) or AREA_LABELS.get(area, area)

    def area_names(self) -> dict[str, str]:
        """Every area's name as this plan prints and shows it, in `AREAS` order."""
        return {area: self.area(area) for area in AREAS}

    @staticmethod
    def area_names_of(plan: Plan) -> dict[str, str]:
        return plan.labels.area_names()


@dataclass(frozen=True)
class Period:
    """One follow-up period of the budget year: actuals to `end`, full-year forecast, comments.

    A line missing from `actuals` is 0; missing from `forecast` is forecast at its budget.
    """

    id: int
    name: str
    end: str
    actuals: Mapping[LineRef, int] = field(default_factory=dict)
    forecast: Mapping[LineRef, int] = field(default_factory=dict)
    comments: Mapping[LineRef, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FollowUp:
    """Periods in date order, and each line's accounts ("5000-5999", "6110") for SIE import."""

    periods: tuple[Period, ...] = ()
    accounts: Mapping[LineRef, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ChecklistItem:
    """A thing to check that *Nytt år* left in the plan, until the user ticks it off."""

    id: int
    text: str
    done: bool = False


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
    """The members' total contribution per year and how it is shared out and rounded."""

    totals: YearMap = field(default_factory=dict)
    previous_total: int | None = None
    shares: Shares = Shares()
    key_precision: Decimal | None = None
    rounding: int = 1


@dataclass(frozen=True)
class Equity:
    """The equity at the start of the plan and the rules its level is held to."""

    opening: int | None = None
    opening_is_forecast: bool = False
    rules: tuple[Rule, ...] = ()
    opening_note: str = ""


@dataclass(frozen=True)
class Plan:
    """The whole plan of one association for its plan years: what a .finsam file holds."""

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
    cover: Cover = Cover()
    labels: Labels = Labels()
    follow_up: FollowUp = FollowUp()
    checklist: tuple[ChecklistItem, ...] = ()

    @property
    def years(self) -> tuple[int, ...]:
        """The budget year and the plan years after it."""
        return tuple(range(self.plan_year, self.plan_year + self.plan_span))

    def next_id(self) -> int:
        """An id not used by any entity of the plan (ids are unique plan-wide)."""
        ids = [0]
        for collection in (self.members, self.other_income, self.costs,
                           self.interventions, self.equity.rules, self.goals,
                           self.sections, self.follow_up.periods, self.checklist):
            ids.extend(item.id for item in collection)
        return max(ids) + 1
