"""The equity rules' kinds, in one place: their fields, wording, margins, labels and findings.

`min_amount`, `max_share` and `min_area_share` used to be branched on in eight modules;
everything that differs between them lives here, and every other module asks this one
(`KINDS[rule.kind]`). No imports of `outcome` or `findings`: this module is below both, which
is what ends their import cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

from .errors import Invalid
from .money import format_amount, format_money, format_share
from .plan import AREA_LABELS, AREAS, BASIS_LABELS, RULE_BASES, RULE_KINDS, Labels, Rule


def _kr(amount: int) -> str:
    return format_amount(amount)  # kr, or the report's unit (money.amounts_in)


def _ceil(value: Fraction) -> int:
    return -((-value.numerator) // value.denominator)


def _floor(value: Fraction) -> int:
    return value.numerator // value.denominator


def _area(rule: Rule, labels: Labels | None) -> str:
    return (labels.area(rule.area) if labels else AREA_LABELS.get(rule.area, rule.area)).lower()


class EquityFigures(Protocol):
    """What an equity rule measures: a year's (or a forecast's) closing equity and bases."""

    @property
    def closing_equity(self) -> int: ...

    def basis(self, name: str) -> int: ...


class AreaFigures(Protocol):
    """What an area rule measures: the intervention money, in all and per area."""

    @property
    def intervention_costs(self) -> int: ...

    @property
    def interventions_by_area(self) -> Mapping[str, int]: ...


@dataclass(frozen=True)
class RuleKind:
    """One kind of equity rule and everything that depends on it."""

    kind: str
    label: str
    """What the rule editor's kind menu says."""
    keys: tuple[str, ...]
    """The exchange format's keys of such a rule, in the order they are written."""
    uses_amount: bool
    """The rule's value is an amount (True) or a share (False)."""
    basis_field: str | None
    """The field saying what the rule is measured against ("basis", "area"), or None."""
    bound_side: str
    """"min" or "max": which side of the bound the figure must stay on."""
    bounds_equity: bool
    """The bound is on closing equity (drawn in the equity chart)."""
    bound_label: str
    """The bound's name in the report's chart ("Lägsta nivå")."""
    chart_label: str
    """The bound's name in the window's chart ("Lägsta eget kapital")."""
    finding_code: str
    forecast_code: str
    measure: Callable[[Rule, Any], tuple[int, int, int]]
    """(bound, actual, margin) in a year: margin >= 0 holds, < 0 is broken; the bound is
    rounded in the rule's favour."""
    describe: Callable[[Rule, Labels | None], str]
    advice: Callable[..., str]
    """The finding's text after the year: (rule, actual, bound, margin, figures, labels)."""


def _measure_min_amount(rule: Rule, figures: EquityFigures) -> tuple[int, int, int]:
    actual = figures.closing_equity
    return rule.amount, actual, actual - rule.amount


def _measure_max_share(rule: Rule, figures: EquityFigures) -> tuple[int, int, int]:
    bound = _floor(Fraction(rule.share) * figures.basis(rule.basis))
    actual = figures.closing_equity
    return bound, actual, bound - actual


def _measure_min_area_share(rule: Rule, figures: AreaFigures) -> tuple[int, int, int]:
    bound = _ceil(Fraction(rule.share) * figures.intervention_costs)
    actual = figures.interventions_by_area.get(rule.area, 0)
    return bound, actual, actual - bound


def _advice_min_amount(rule: Rule, actual: int, bound: int, margin: int, figures: object,
                       labels: Labels | None) -> str:
    return (f"utgående eget kapital {_kr(actual)} är under lägstanivån {_kr(bound)}. "
            f"Minska kostnaderna med {_kr(-margin)} eller ändra regeln.")


def _advice_max_share(rule: Rule, actual: int, bound: int, margin: int, figures: object,
                      labels: Labels | None) -> str:
    return (f"utgående eget kapital {_kr(actual)} är över {format_share(rule.share)} av "
            f"{BASIS_LABELS[rule.basis]} ({_kr(bound)}). "
            f"Planera in {_kr(-margin)} mer i insatser eller ändra regeln.")


def _advice_min_area_share(rule: Rule, actual: int, bound: int, margin: int, figures: AreaFigures,
                           labels: Labels | None) -> str:
    total = figures.intervention_costs
    share = format_share(Fraction(actual, total)) if total else "0 %"
    return (f"{_area(rule, labels)} får {_kr(actual)}, {share} av insatsmedlen, under målet "
            f"{format_share(rule.share)} ({_kr(bound)}). "
            f"Flytta minst {_kr(-margin)} dit eller ändra regeln.")


KINDS: dict[str, RuleKind] = {
    "min_amount": RuleKind(
        kind="min_amount", label="Lägst ett belopp", keys=("kind", "amount"), uses_amount=True,
        basis_field=None, bound_side="min", bounds_equity=True, bound_label="Lägsta nivå",
        chart_label="Lägsta eget kapital", finding_code="equity_below_minimum",
        forecast_code="forecast_equity_below_minimum", measure=_measure_min_amount,
        describe=lambda rule, labels: f"eget kapital vid årets slut minst {_kr(rule.amount)}",
        advice=_advice_min_amount),
    "max_share": RuleKind(
        kind="max_share", label="Högst en andel av", keys=("kind", "share", "basis"),
        uses_amount=False, basis_field="basis", bound_side="max", bounds_equity=True,
        bound_label="Högsta nivå", chart_label="Högsta eget kapital",
        finding_code="equity_above_maximum", forecast_code="forecast_equity_above_maximum",
        measure=_measure_max_share,
        describe=lambda rule, labels: (f"eget kapital vid årets slut högst "
                                       f"{format_share(rule.share)} av "
                                       f"{BASIS_LABELS.get(rule.basis, rule.basis)}"),
        advice=_advice_max_share),
    "min_area_share": RuleKind(
        kind="min_area_share", label="Minst en andel av insatsmedlen till",
        keys=("kind", "area", "share", "basis"), uses_amount=False, basis_field="area",
        bound_side="min", bounds_equity=False, bound_label="Lägsta andel",
        chart_label="Lägsta andel", finding_code="area_share_below_minimum", forecast_code="",
        measure=_measure_min_area_share,
        describe=lambda rule, labels: (f"{_area(rule, labels)} minst "
                                       f"{format_share(rule.share)} av insatsmedlen"),
        advice=_advice_min_area_share),
}
assert tuple(KINDS) == RULE_KINDS

RULE_LABELS = {kind: spec.label for kind, spec in KINDS.items()}


def kind_of(rule: Rule) -> RuleKind:
    """The rule's kind; a kind this release does not know raises KeyError (never silently)."""
    return KINDS[rule.kind]


def describe_rule(rule: Rule, labels: Labels | None = None) -> str:
    """An equity rule in a few Swedish words: "eget kapital vid årets slut minst 1 500 000 kr"."""
    spec = KINDS.get(rule.kind)
    return spec.describe(rule, labels) if spec else rule.kind


def bound_label(rule: Rule) -> str:
    """The bound's line name in a chart: "Lägsta nivå", "Högsta nivå (20 % av …)"."""
    spec = kind_of(rule)
    if spec.uses_amount:
        return spec.bound_label
    basis = BASIS_LABELS.get(rule.basis, rule.basis)
    return f"{spec.bound_label} ({format_share(rule.share)} av {basis})"


CLOSING_EQUITY = "utgående eget kapital"


def basis_choices(rule: Rule, labels: Labels | None = None) -> dict[str, str]:
    """What the rule can be measured against, value -> Swedish label ({} when fixed)."""
    field = kind_of(rule).basis_field
    if field == "basis":
        return {basis: BASIS_LABELS[basis] for basis in RULE_BASES}
    if field == "area":
        return {area: (labels.area(area) if labels else AREA_LABELS[area]) for area in AREAS}
    return {}


def basis_value(rule: Rule) -> str:
    """The value of the rule's basis field ("contributions", "individ"), "" when fixed."""
    field = kind_of(rule).basis_field
    return getattr(rule, field) if field else ""


def basis_text(rule: Rule, labels: Labels | None = None) -> str:
    """What the rule is measured against, in Swedish."""
    value = basis_value(rule)
    return basis_choices(rule, labels).get(value, value) if value else CLOSING_EQUITY


def rule_value(rule: Rule) -> int | Decimal:
    """The rule's own value: its amount or its share (for sorting and editing)."""
    return rule.amount if kind_of(rule).uses_amount else rule.share


def rule_value_text(rule: Rule, unit: str, decimals: int = 2) -> str:
    """The rule's value as the rule editor shows it: an amount or a percentage."""
    if kind_of(rule).uses_amount:
        return format_money(rule.amount, unit, with_unit=True)
    return format_share(rule.share, decimals)


def check_rule_fields(rule: Rule) -> None:
    """The kind-dependent fields: a known kind, a known basis, a known area."""
    if rule.kind not in KINDS:
        raise Invalid(f"Okänd regel: {rule.kind}; välj något av {', '.join(KINDS)}.",
                           "kind")
    if rule.kind == "max_share" and rule.basis not in RULE_BASES:
        raise Invalid(f"Okänd grund för regeln: {rule.basis}; välj något av "
                           f"{', '.join(RULE_BASES)}.", "basis")
    if rule.kind == "min_area_share" and rule.area not in AREAS:
        raise Invalid(f"Okänt område: {rule.area}; välj något av {', '.join(AREAS)}.", "area")


def normalised(rule: Rule) -> Rule:
    """The rule with the basis its kind allows (after the kind changed in the window):
    an area rule is measured against the intervention money, a share rule against one
    of RULE_BASES."""
    if rule.kind == "min_area_share" and rule.basis != "interventions":
        return replace(rule, basis="interventions")
    if rule.kind == "max_share" and rule.basis not in RULE_BASES:
        return replace(rule, basis="contributions")
    return rule


def rule_to_document(rule: Rule) -> dict[str, object]:
    """The rule as the exchange format writes it (only its kind's keys)."""
    rule = normalised(rule)
    values = {"kind": rule.kind, "amount": rule.amount, "share": str(rule.share),
              "basis": rule.basis, "area": rule.area}
    return {key: values[key] for key in kind_of(rule).keys}


def rule_from_fields(ident: int, kind: str, data: Mapping[str, Any]) -> Rule:
    """A Rule from the exchange keys of its kind (values already of the right type)."""
    defaults = {"min_area_share": {"basis": "interventions"}}.get(kind, {})
    values = {**defaults, **{k: v for k, v in data.items() if k != "kind"}}
    return Rule(id=ident, kind=kind, **values)
