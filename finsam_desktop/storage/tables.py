"""Each table of the .finsam file described once: column, dataclass field, exchange key.

The row writers, the row readers and the columns a reader selects are all
derived from these descriptions (`rows.py`); the DDL lives in the numbered
upgrade steps (`schema.py`), and a test checks that the two agree column for
column. A new field is one `Column` here plus one added column in a new step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..domain.plan import (
    AREAS,
    BLOCK_KINDS,
    CATEGORIES,
    MEMBER_KINDS,
    ROUNDINGS,
    RULE_BASES,
    RULE_KINDS,
    SECTION_KINDS,
    UNITS,
    ChecklistItem,
    Goal,
    Intervention,
    Line,
    Member,
    Period,
    Rule,
    Section,
)
from . import codecs as c


def _same(value: Any) -> Any:
    return value


def _text_or_none(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class Column:
    """One column: `field` is the attribute (dotted for the plan row: "equity.opening"),
    `load(raw, path, ctx)` checks and converts what was read, `dump` converts for writing,
    `json` is the value's key in the exchange format, for messages."""

    name: str
    field: str
    load: Callable[..., Any]
    dump: Callable[[Any], Any] = _same
    json: str = ""

    @property
    def key(self) -> str:
        return self.json or self.field


@dataclass(frozen=True)
class Collection:
    """A tuple of entities of the plan kept as rows of `table` (id, position, columns)."""

    attribute: str  # "members", or "equity.rules"
    table: str
    entity: type
    columns: tuple[Column, ...]
    where: tuple[tuple[str, str], ...] = ()  # constant columns telling lists apart in one table

    @property
    def json(self) -> str:
        return self.attribute


def _year_range(raw: Any, path: str, ctx: Any = None) -> int:
    return c.integer(raw, path, minimum=1900, maximum=3000)


def _span(raw: Any, path: str, ctx: Any = None) -> int:
    value = c.integer(raw, path, minimum=1, maximum=6)
    return value


def _labels(raw: Any, path: str, ctx: Any = None) -> dict[str, str]:
    value = c.parse_json(raw, path, "{}")
    if not isinstance(value, dict):
        raise c.RowError(path, "ska vara ett objekt.")
    for area, label in value.items():
        c.choice(AREAS)(area, path, None)
        c.text(label, f"{path}.{area}")
    return value


def _dump_labels(value: Mapping[str, str]) -> str:
    import json
    return json.dumps(dict(value), ensure_ascii=False)


_SHARE: dict[str, Any] = dict(load=c.share, dump=str)

PLAN_COLUMNS: tuple[Column, ...] = (
    Column("association", "association", c.required_text, json="association.name"),
    Column("decided", "decided", c.date_or_empty, json="association.decided"),
    Column("plan_year", "plan_year", _year_range),
    Column("plan_span", "plan_span", _span),
    Column("unit", "unit", c.choice(UNITS)),
    Column("totals", "contributions.totals", c.year_map, c.dump_year_map),
    Column("previous_total", "contributions.previous_total", c.optional(c.amount)),
    Column("share_state", "contributions.shares.state", **_SHARE),
    Column("share_region", "contributions.shares.region", **_SHARE),
    Column("share_municipalities", "contributions.shares.municipalities", **_SHARE),
    Column("key_precision", "contributions.key_precision", c.optional(c.precision),
           _text_or_none),
    Column("rounding", "contributions.rounding", c.choice(ROUNDINGS)),
    Column("opening_equity", "equity.opening", c.optional(c.signed_amount)),
    Column("opening_is_forecast", "equity.opening_is_forecast", c.flag, int),
    # schema version 3
    Column("opening_note", "equity.opening_note", c.text),
    Column("cover_title", "cover.title", c.text),
    Column("cover_subtitle", "cover.subtitle", c.text),
    Column("cover_logo", "cover.logo", c.blob, c.dump_blob),
    Column("cover_logo_type", "cover.logo_type", c.choice(("", "image/png", "image/jpeg"))),
    Column("cover_note", "cover.note", c.text),
    Column("area_labels", "labels.areas", _labels, _dump_labels),
    Column("accounts", "follow_up.accounts", c.line_map(c.accounts), c.dump_line_map),
)

_NAME = Column("name", "name", c.required_text)
_AMOUNTS = Column("amounts", "amounts", c.year_map, c.dump_year_map)
_CODE = Column("code", "code", c.text)  # schema version 3

_LINE_COLUMNS = (_NAME, Column("line_group", "group", c.text, json="group"), _AMOUNTS, _CODE)

COLLECTIONS: tuple[Collection, ...] = (
    Collection("members", "members", Member, (
        _NAME,
        Column("kind", "kind", c.choice(MEMBER_KINDS)),
        Column("key", "key", c.key, c.dump_key),
        Column("key_source", "key_source", c.text),
        Column("previous_contribution", "previous_contribution", c.optional(c.amount)),
    )),
    Collection("other_income", "lines", Line, _LINE_COLUMNS, (("section", "income"),)),
    Collection("costs", "lines", Line, _LINE_COLUMNS, (("section", "cost"),)),
    Collection("interventions", "interventions", Intervention, (
        _NAME,
        Column("area", "area", c.choice(AREAS)),
        Column("category", "category", c.choice(("", *CATEGORIES))),
        Column("owner", "owner", c.text),
        Column("municipality", "municipality", c.text),
        Column("item_group", "group", c.text, json="group"),
        _AMOUNTS,
        Column("participants", "participants", c.year_map, c.dump_year_map),
        Column("external_funding", "external_funding", c.year_map, c.dump_year_map),
        Column("start", "start", c.date_or_empty),
        Column("end", "end", c.date_or_empty),
        Column("description", "description", c.text),
        _CODE,
    )),
    Collection("equity.rules", "rules", Rule, (
        Column("kind", "kind", c.choice(RULE_KINDS)),
        Column("amount", "amount", c.amount),
        Column("share", "share", **_SHARE),
        Column("basis", "basis", c.choice(("", *RULE_BASES, "interventions"))),
        Column("area", "area", c.choice(("", *AREAS))),
    )),
    Collection("goals", "goals", Goal, (
        Column("title", "title", c.required_text),
        Column("indicators", "indicators", c.indicators, c.dump_indicators),
        Column("text", "text", c.text),  # schema version 3
        Column("sub_goals", "goals", c.sub_goals, c.dump_sub_goals, json="goals"),
    )),
    Collection("sections", "sections", Section, (
        Column("title", "title", c.text),
        Column("text", "text", c.text),
        # schema version 3
        Column("kind", "kind", c.choice(SECTION_KINDS)),
        Column("block", "block", c.choice(("", *BLOCK_KINDS))),
        Column("block_title", "block_title", c.optional(c.text), json="title"),
        Column("included", "included", c.flag, int),
        Column("alt_text", "alt_text", c.text),
    )),
    Collection("follow_up.periods", "periods", Period, (
        _NAME,
        Column("end", "end", c.date_or_empty),
        Column("actuals", "actuals", c.line_map(c.signed_amount), c.dump_line_map),
        Column("forecast", "forecast", c.line_map(c.signed_amount), c.dump_line_map),
        Column("comments", "comments", c.line_map(c.text), c.dump_line_map),
    )),
    Collection("checklist", "checklist", ChecklistItem, (
        Column("text", "text", c.text),
        Column("done", "done", c.flag, int),
    )),
)


def described_columns() -> dict[str, set[str]]:
    """Every table and column the descriptions use (a test compares them with the DDL)."""
    tables: dict[str, set[str]] = {"plan": {"id"} | {col.name for col in PLAN_COLUMNS}}
    for collection in COLLECTIONS:
        names = tables.setdefault(collection.table, {"id", "position"})
        names.update(col.name for col in collection.columns)
        names.update(name for name, _ in collection.where)
    return tables
