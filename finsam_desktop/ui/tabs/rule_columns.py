"""The equity rules as a plan table (Översikt): kind, amount or share, and what it is measured
against — the columns depend on the rule's kind, the table is the shared one."""

from __future__ import annotations

from ...domain import edits
from ...domain.money import format_money, format_share, parse_money, parse_share
from ...domain.plan import AREA_LABELS, BASIS_LABELS, Plan
from ..columns import Column, choice_column, choice_parser, money_edit_text
from ..tables import RIGHT

RULE_LABELS = {"min_amount": "Lägst ett belopp", "max_share": "Högst en andel av",
               "min_area_share": "Minst en andel av insatsmedlen till"}
CLOSING_EQUITY = "utgående eget kapital"


def _value_text(rule, model) -> str:
    if rule.kind == "min_amount":
        return format_money(rule.amount, model.plan.unit, with_unit=True)
    return format_share(rule.share, 2)


def _value_edit_text(rule, model) -> str:
    if rule.kind == "min_amount":
        return money_edit_text(rule.amount, model.plan.unit)
    return format_share(rule.share, 2)


def _update_value(plan: Plan, collection: str, ident: int, text: str) -> Plan:
    rule = edits.find(plan, collection, ident)
    if rule.kind == "min_amount":
        change = {"amount": parse_money(text, plan.unit)}
    else:
        change = {"share": parse_share(text)}
    if all(getattr(rule, field) == value for field, value in change.items()):
        return plan
    return edits.update_item(plan, collection, ident, **change)


def _basis_labels(rule) -> dict[str, str]:
    return dict(BASIS_LABELS) if rule.kind == "max_share" else dict(AREA_LABELS)


def _basis_text(rule, model) -> str:
    if rule.kind == "min_amount":
        return CLOSING_EQUITY
    if rule.kind == "max_share":
        return BASIS_LABELS.get(rule.basis, rule.basis)
    return AREA_LABELS.get(rule.area, rule.area)


def _update_basis(plan: Plan, collection: str, ident: int, text: str) -> Plan:
    rule = edits.find(plan, collection, ident)
    if rule.kind == "min_amount":
        return plan
    field = "basis" if rule.kind == "max_share" else "area"
    value = choice_parser("Mäts mot", _basis_labels(rule))(text, plan)
    if getattr(rule, field) == value:
        return plan
    return edits.update_item(plan, collection, ident, **{field: value})


def rule_columns(plan: Plan) -> list[Column]:
    return [
        choice_column("kind", "Regel", RULE_LABELS, width=230),
        Column(key="value", header="Belopp eller andel", text=_value_text,
               sort=lambda rule, m: rule.amount if rule.kind == "min_amount" else rule.share,
               edit_text=_value_edit_text, update=_update_value, label="Ändra regel",
               align=RIGHT, width=130),
        Column(key="basis", header="Mäts mot", text=_basis_text,
               edit_text=lambda rule, m: rule.basis if rule.kind == "max_share" else rule.area,
               update=_update_basis, label="Ändra regel", editor="choice",
               choices=lambda rule: tuple(_basis_labels(rule).items()),
               editable=lambda rule: rule.kind != "min_amount", width=200),
    ]
