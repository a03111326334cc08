"""The equity rules as a plan table (Översikt): kind, amount or share, and what it is measured
against — the columns depend on the rule's kind, the table is the shared one."""

from __future__ import annotations

from ...domain import edits, rule_kinds
from ...domain.money import format_share, parse_money, parse_share
from ...domain.plan import Plan
from ...domain.rule_kinds import RULE_LABELS
from ..columns import Column, choice_column, choice_parser, money_edit_text
from ..tables import RIGHT

CLOSING_EQUITY = rule_kinds.CLOSING_EQUITY


def _value_text(rule, model) -> str:
    return rule_kinds.rule_value_text(rule, model.plan.unit)


def _value_edit_text(rule, model) -> str:
    if rule_kinds.kind_of(rule).uses_amount:
        return money_edit_text(rule.amount, model.plan.unit)
    return format_share(rule.share, 2)


def _update_value(plan: Plan, collection: str, ident: int, text: str) -> Plan:
    rule = edits.find(plan, collection, ident)
    if rule_kinds.kind_of(rule).uses_amount:
        change = {"amount": parse_money(text, plan.unit)}
    else:
        change = {"share": parse_share(text)}
    if all(getattr(rule, field) == value for field, value in change.items()):
        return plan
    return edits.update_item(plan, collection, ident, **change)


def _basis_text(rule, model) -> str:
    return rule_kinds.basis_text(rule, model.plan.labels)


def _update_basis(plan: Plan, collection: str, ident: int, text: str) -> Plan:
    rule = edits.find(plan, collection, ident)
    field = rule_kinds.kind_of(rule).basis_field
    if field is None:
        return plan
    value = choice_parser("Mäts mot", rule_kinds.basis_choices(rule, plan.labels))(text, plan)
    if getattr(rule, field) == value:
        return plan
    return edits.update_item(plan, collection, ident, **{field: value})


def rule_columns(plan: Plan) -> list[Column]:
    return [
        choice_column("kind", "Regel", RULE_LABELS, width=230),
        Column(key="value", header="Belopp eller andel", text=_value_text,
               sort=lambda rule, m: rule_kinds.rule_value(rule),
               edit_text=_value_edit_text, update=_update_value, label="Ändra regel",
               align=RIGHT, width=130),
        Column(key="basis", header="Mäts mot", text=_basis_text,
               edit_text=lambda rule, m: rule_kinds.basis_value(rule),
               update=_update_basis, label="Ändra regel", editor="choice",
               choices=lambda rule: tuple(rule_kinds.basis_choices(rule).items()),
               editable=lambda rule: rule_kinds.kind_of(rule).basis_field is not None, width=200),
    ]
