"""Blocks of the second release: the municipalities' keys, every intervention in detail, goals.

Each function returns plain blocks (strings already formatted) like `tables`; amounts
in a table column are rounded so that each subtotal is the sum of its printed rows.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..domain.allocation import largest_remainder, municipality_weights
from ..domain.outcome import Outcome
from ..domain.plan import Goal, Intervention, Plan
from .blocks import Block, Bullets, Column, Heading, Rich, Row, Span, Table, Text
from .markdown import markdown_blocks
from .rounding import Formatter, round_parts, swedish_number
from .tables import coded

_MAX_GOAL_DEPTH = 4
_Printed = dict[int, list[int]]
"""Per year, every intervention's amount as printed (`round_parts`, in plan order)."""


def _key_text(key: int | Decimal) -> str:
    """A key as written: "84 222" for a population, "17,5" for an agreed percentage."""
    if isinstance(key, int):
        return swedish_number(key)
    text = format(Decimal(key).normalize(), "f") if Decimal(key).is_finite() else str(key)
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    if not digits.isdigit() or len(digits) > 30:
        return text
    return sign + swedish_number(int(digits)) + ("," + fraction if fraction else "")


def _percent_decimals(precision: Decimal | None) -> int:
    """Decimals of a percentage at `key_precision` (0.001 = 0.1 % gives one), at most four."""
    if precision is None or precision <= 0:
        return 1
    exponent = precision.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 3
    return max(0, min(places - 2, 4))


def key_blocks(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    """Each municipality's key in the budget year, its source, and its share of the municipal part.

    With `key_precision` the share is the one the split uses (rounded half up to that
    precision); without, the exact share rounded so that the column sums to 100 %.
    """
    year = plan.plan_year
    municipalities = [m for m in plan.members if m.kind == "municipality"]
    if not municipalities:
        return [Text("Planen har inga kommuner bland medlemmarna.")]
    precision = plan.contributions.key_precision
    decimals = _percent_decimals(precision)
    scale = 10 ** decimals
    weights = municipality_weights(municipalities, year, precision)
    if precision is not None:
        printed = [int(Fraction(w) * 100 * scale + Fraction(1, 2)) for w in weights]
    else:
        printed = largest_remainder(100 * scale, weights) if sum(weights) else [0] * len(weights)
    keys = [m.key_for(year) for m in municipalities]
    sources = list(dict.fromkeys(m.key_source.strip() for m in municipalities if m.key_source.strip()))
    show_source = len(sources) > 1
    rows = []
    for member, key, share in zip(municipalities, keys, printed, strict=True):
        cells = [member.name, "" if key is None else _key_text(key)]
        if show_source:
            cells.append(member.key_source)
        cells.append(f"{swedish_number(share, decimals)}\u00a0%" if key is not None else "saknas")
        rows.append(Row(tuple(cells)))
    known = [k for k in keys if k is not None]
    total_key = sum(known) if known else None
    total = ["Summa", "" if total_key is None else _key_text(total_key)]
    if show_source:
        total.append("")
    total.append(f"{swedish_number(sum(printed), decimals)}\u00a0%")
    rows.append(Row(tuple(total), "total"))
    head = [Column("Kommun", width=2.0), Column(f"Nyckel {year}", numeric=True)]
    if show_source:
        head.append(Column("Källa", width=2.0))
    head.append(Column("Andel av kommunernas del", numeric=True))
    caption = "Kommunernas del av medlemsavgifterna fördelas efter nyckeln."
    if precision is not None:
        caption += (f" Varje kommuns andel avrundas till {_key_text(precision * 100)} procent"
                    " innan den används.")
    if len(sources) == 1:
        caption += f" Källa: {sources[0]}."
    return [Table(tuple(head), tuple(rows), caption=caption)]


def _period(item: Intervention) -> str:
    if item.start and item.end:
        return f"{item.start} – {item.end}"
    if item.start:
        return f"från {item.start}"
    if item.end:
        return f"till {item.end}"
    return ""


def _groups(plan: Plan) -> list[tuple[str, list[Intervention]]]:
    """Interventions by `group` in the order groups first appear; ungrouped ones each alone."""
    order: dict[str, list[Intervention]] = {}
    result: list[tuple[str, list[Intervention]]] = []
    for item in plan.interventions:
        group = item.group.strip()
        if not group:
            result.append(("", [item]))
        elif group in order:
            order[group].append(item)
        else:
            order[group] = [item]
            result.append((group, order[group]))
    return result


def detail_blocks(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    """Every intervention with what the file holds, by group with subtotals; then cost groups."""
    if not plan.interventions:
        blocks: list[Block] = [Text("Planen har inga insatser ännu.")]
    else:
        blocks = []
        years = plan.years
        printed = {y: round_parts([i.amounts.get(y, 0) for i in plan.interventions], unit)
                   for y in years}
        external = {y: round_parts([i.external_funding.get(y, 0) for i in plan.interventions],
                                   unit) for y in years}
        index = {item.id: n for n, item in enumerate(plan.interventions)}
        for group, items in _groups(plan):
            if group and len(items) > 1:
                blocks += _group_table(plan, group, items, printed, external, index, unit)
            else:
                blocks += _single(plan, items[0], printed, external, index, unit)
    blocks += cost_group_blocks(plan, unit)
    return blocks


def _money_unit(unit: str) -> str:
    return "tkr" if unit == "tkr" else "kr"


def _group_table(plan: Plan, group: str, items: list[Intervention], printed: _Printed,
                 external: _Printed, index: dict[int, int], unit: str) -> list[Block]:
    """A group's interventions in one table with a "Summering" row, then their descriptions."""
    years = held_years(plan, items)
    show = {"owner": any(i.owner for i in items), "place": any(i.municipality for i in items),
            "period": any(i.start or i.end for i in items),
            "external": any(i.external_funding.get(y) for i in items for y in years)}
    people = [[i.participants.get(y, 0) for y in years] for i in items]
    money = [[printed[y][index[i.id]] for y in years] for i in items]
    extra = [[external[y][index[i.id]] for y in years] for i in items]
    formats = [Formatter(unit, [row[k] for row in money]) for k in range(len(years))]
    ext_formats = [Formatter(unit, [row[k] for row in extra]) for k in range(len(years))]
    head = [Column("Insats", width=2.6)]
    head += [Column("Insatsägare", width=1.5)] if show["owner"] else []
    head += [Column("Kommun", width=1.2)] if show["place"] else []
    head += [Column("Period", width=1.4)] if show["period"] else []
    head += [Column(f"Deltagare {y}", numeric=True) for y in years]
    head += [Column(f"Förbundsmedel {y}, {_money_unit(unit)}", numeric=True) for y in years]
    if show["external"]:
        head += [Column(f"Extern finansiering {y}, {_money_unit(unit)}", numeric=True)
                 for y in years]

    def cells(label: str, item: Intervention | None, counts: list[int], amounts: list[int],
              ext: list[int]) -> tuple[str, ...]:
        row = [label]
        row += [item.owner if item else ""] if show["owner"] else []
        row += [item.municipality if item else ""] if show["place"] else []
        row += [_period(item) if item else ""] if show["period"] else []
        row += [swedish_number(c) for c in counts]
        row += [f(a) for f, a in zip(formats, amounts, strict=True)]
        if show["external"]:
            row += [f(a) for f, a in zip(ext_formats, ext, strict=True)]
        return tuple(row)

    rows = [Row(cells(coded(i), i, p, m, e)) for i, p, m, e in zip(items, people, money, extra, strict=True)]
    rows.append(Row(cells("Summering", None, [sum(c) for c in zip(*people, strict=True)],
                          [sum(c) for c in zip(*money, strict=True)],
                          [sum(c) for c in zip(*extra, strict=True)]),
                    "subtotal"))
    blocks: list[Block] = [Heading(group, 3, True), Table(tuple(head), tuple(rows))]
    for item in items:
        if item.description.strip():
            blocks.append(Heading(coded(item), 4))
            blocks += markdown_blocks(item.description)
    return blocks


def held_years(plan: Plan, items: list[Intervention]) -> tuple[int, ...]:
    """The budget year and every later year for which one of `items` holds a figure.

    A year the file holds nothing for would print a column (or a line) of zeros.
    """
    first = plan.years[0]
    return tuple(y for y in plan.years if y == first or any(
        i.participants.get(y) or i.amounts.get(y) or i.external_funding.get(y) for i in items))


def _per_year(values: list[tuple[int, str]]) -> str:
    """"90 deltagare" for one year, "2026: 90 deltagare, 2027: 80 deltagare" for more."""
    if len(values) == 1:
        return values[0][1]
    return ", ".join(f"{year}: {text}" for year, text in values)


def _single(plan: Plan, item: Intervention, printed: _Printed, external: _Printed,
            index: dict[int, int], unit: str) -> list[Block]:
    """One intervention: its heading, description, then the plan's lines of facts as the
    seeds write them ("Insatsägare: …", "Budgeterad volym: 90 deltagare")."""
    years = held_years(plan, [item])
    blocks: list[Block] = [Heading(coded(item), 3, True)]
    blocks += markdown_blocks(item.description)
    facts: list[tuple[str, str]] = []
    if item.owner:
        facts.append(("Insatsägare", item.owner))
    if item.municipality:
        facts.append(("Kommun", item.municipality))
    if item.group.strip():
        facts.append(("Grupp", item.group))
    if _period(item):
        facts.append(("Period", _period(item)))
    if any(item.participants.get(y) for y in years):
        facts.append(("Budgeterad volym", _per_year(
            [(y, f"{swedish_number(item.participants.get(y, 0))} deltagare") for y in years])))
    money = Formatter(unit, [printed[y][index[item.id]] for y in years])
    suffix = "\u00a0tkr" if unit == "tkr" else "\u00a0kr"
    facts.append(("Förbundsmedel", _per_year(
        [(y, money(printed[y][index[item.id]]) + suffix) for y in years])))
    if any(item.external_funding.get(y) for y in years):
        ext = Formatter(unit, [external[y][index[item.id]] for y in years])
        facts.append(("Extern finansiering", _per_year(
            [(y, ext(external[y][index[item.id]]) + suffix) for y in years])))
    spans: list[Span] = []
    for label, value in facts:
        if spans:
            spans.append(Span("\n"))
        spans.append(Span(f"{label}: {value}"))
    blocks.append(Rich(tuple(spans)))
    return blocks


def cost_group_blocks(plan: Plan, unit: str) -> list[Block]:
    """Cost lines by their `group`, each group with a sum row ("Summa tkr 2 755")."""
    groups: dict[str, list[int]] = {}
    for n, line in enumerate(plan.costs):
        if line.group.strip():
            groups.setdefault(line.group.strip(), []).append(n)
    if not groups:
        return []
    printed = {y: round_parts([line.amounts.get(y, 0) for line in plan.costs], unit)
               for y in plan.years}
    blocks: list[Block] = []
    for group, members in groups.items():
        years = [y for y in plan.years if y == plan.years[0]
                 or any(plan.costs[n].amounts.get(y) for n in members)]
        amounts = [[printed[y][n] for y in years] for n in members]
        formats = [Formatter(unit, [row[k] for row in amounts]) for k in range(len(years))]
        rows = [Row((coded(plan.costs[n]), *(f(a) for f, a in zip(formats, row, strict=True))))
                for n, row in zip(members, amounts, strict=True)]
        rows.append(Row((f"Summa {_money_unit(unit)}",
                         *(f(sum(c)) for f, c in zip(formats, zip(*amounts, strict=True),
                                                     strict=True))), "subtotal"))
        head = (Column(group, width=3.0),) + tuple(Column(str(y), numeric=True) for y in years)
        blocks += [Heading(group, 3, True), Table(head, tuple(rows))]
    return blocks


def goal_blocks(plan: Plan) -> list[Block]:
    """The goals as the plan writes them: title, text, indicators, sub-goals."""
    if not plan.goals:
        return [Text("Planen har inga mål ännu.")]
    blocks: list[Block] = []
    for goal in plan.goals:
        blocks += _goal(goal, 3)
    return blocks


def _goal(goal: Goal, level: int, depth: int = 0) -> list[Block]:
    blocks: list[Block] = []
    if goal.title.strip():
        blocks.append(Heading(goal.title, min(level, 4), level <= 3))
    blocks += markdown_blocks(goal.text)
    indicators = goal.indicators
    if indicators:
        if any(i.target or i.method or i.period for i in indicators):
            show_method = any(i.method for i in indicators)
            show_period = any(i.period for i in indicators)
            show_target = any(i.target for i in indicators)
            head = [Column("Indikator", width=3.0)]
            head += [Column("Målvärde", width=1.0)] if show_target else []
            head += [Column("Uppföljning", width=1.2)] if show_method else []
            head += [Column("Period", width=0.8)] if show_period else []
            rows = []
            for ind in indicators:
                cells = [ind.text]
                cells += [ind.target] if show_target else []
                cells += [ind.method] if show_method else []
                cells += [ind.period] if show_period else []
                rows.append(Row(tuple(cells)))
            blocks.append(Table(tuple(head), tuple(rows)))
        else:
            blocks.append(Bullets(tuple(ind.text for ind in indicators)))
    if depth < _MAX_GOAL_DEPTH:
        for sub in goal.goals:
            blocks += _goal(sub, level + 1, depth + 1)
    return blocks
