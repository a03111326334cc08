"""The report's tables and chart data, every amount rounded so that its sums add up.

Each function takes the plan (and outcome) and returns blocks of plain strings;
see `rounding` for how tkr figures are rounded.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Iterable, Sequence

from ..domain.allocation import largest_remainder
from ..domain.findings import SEVERITY_LABELS, describe_rule
from ..domain.money import format_share
from ..domain.outcome import Outcome
from ..domain.plan import AREAS, CATEGORIES, CATEGORY_LABELS, Intervention, Line, Plan, Rule
from ..domain.rule_kinds import KINDS, bound_label
from .blocks import Block, Bullets, Chart, Column, Heading, Row, Series, Table, Text
from .rounding import Formatter, round_parts, round_whole, swedish_number

_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "Å": "[", "Ä": "\\", "Ö": "]",
                                "é": "e", "É": "E"})


def swedish_key(text: str) -> tuple[str, str]:
    """Sort key that puts å, ä, ö after z as Swedish readers expect."""
    return text.casefold().translate(_SWEDISH_ORDER), text


def coded(line: Line | Intervention) -> str:
    """A line's or an intervention's name as printed: its own code first ("1.0 Kansli")."""
    code = getattr(line, "code", "").strip()
    return f"{code} {line.name}" if code else line.name


def _unit_caption(unit: str) -> str:
    return "Belopp i tkr." if unit == "tkr" else "Belopp i kronor."


def _columns_of(rows: Sequence[Sequence[int | None]], count: int) -> list[list[int]]:
    return [[value for row in rows if (value := row[i]) is not None] for i in range(count)]


def _format_rows(labels: list[tuple[str, str]], values: Sequence[Sequence[int | None]], unit: str,
                 extra: Sequence[tuple[str, ...]] | None = None) -> tuple[Row, ...]:
    """Rows of a label and formatted amounts, each column formatted alike."""
    count = len(values[0]) if values else 0
    formats = [Formatter(unit, column) for column in _columns_of(values, count)]
    rows = []
    for index, ((label, kind), amounts) in enumerate(zip(labels, values, strict=True)):
        cells = [label] + [formats[i](a) for i, a in enumerate(amounts)]
        if extra:
            cells += list(extra[index])
        rows.append(Row(tuple(cells), kind))
    return tuple(rows)


def _percent(permille: int) -> str:
    """Tenths of a percent as "12,5 %", always with one decimal so a column lines up."""
    return f"{swedish_number(permille, 1)}\u00a0%"


def member_figures(plan: Plan, outcome: Outcome, unit: str) \
        -> tuple[list[int | None] | None, list[list[int]], list[int] | None]:
    """Members' amounts as printed: (previous column or None, one column per year, per-mille shares).

    Each column is rounded so that it adds up to its own sum row.
    """
    members = plan.members
    previous = None
    if any(m.previous_contribution is not None for m in members):
        raw = [m.previous_contribution for m in members]
        printed = round_parts([p or 0 for p in raw], unit, plan.contributions.previous_total)
        previous = [None if p is None else v for p, v in zip(raw, printed, strict=True)]
    years = [round_parts([outcome.years[y].contributions.get(m.id, 0) for m in members], unit)
             for y in plan.years]
    first = [outcome.years[plan.years[0]].contributions.get(m.id, 0) for m in members]
    permille = largest_remainder(1000, first) if sum(first) else None
    return previous, years, permille


def member_tables(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    """Each member's contribution last year and in each plan year, its share, and the sums."""
    years = plan.years
    members = plan.members
    if not members:
        return [Text("Planen har inga medlemmar ännu.")]
    previous, per_year, permille = member_figures(plan, outcome, unit)
    columns: list[Sequence[int | None]] = [previous] if previous else []
    columns += per_year
    values = [list(row) for row in zip(*columns, strict=True)]
    sums = [sum(v or 0 for v in column) for column in columns]
    if previous and plan.contributions.previous_total is not None:
        sums[0] = round_whole(plan.contributions.previous_total, unit)  # what the file says it was
    values.append(sums)
    labels = [(m.name, "body") for m in members] + [("Summa", "total")]
    shares = ([(_percent(p),) for p in permille] + [(_percent(sum(permille)),)]
              if permille else [("",)] * len(labels))
    head = [Column("Medlem", width=3.0)]
    if previous:
        head.append(Column(str(years[0] - 1), numeric=True))
    head += [Column(str(year), numeric=True) for year in years]
    head.append(Column(f"Andel {years[0]}", numeric=True, width=0.8))
    blocks: list[Block] = [Table(tuple(head), _format_rows(labels, values, unit, shares),
                                 caption=_unit_caption(unit))]
    shares_text = plan.contributions.shares
    blocks.append(Text(
        f"Staten (Försäkringskassan och Arbetsförmedlingen) betalar {format_share(shares_text.state)}, "
        f"regionen {format_share(shares_text.region)} och kommunerna tillsammans "
        f"{format_share(shares_text.municipalities)} av medlemsavgifterna. Varje del fördelas så att "
        "delarna summerar exakt till helheten.", note=True))
    sources = sorted({m.key_source for m in members if m.kind == "municipality" and m.key_source})
    if sources:
        blocks.append(Text("Kommunernas fördelningsnyckel: " + "; ".join(sources) + ".", note=True))
    return blocks


def printed_interventions(plan: Plan, unit: str) -> dict[int, list[int]]:
    """Each intervention's amount per year as printed (same order as the plan); read only.

    The economy, the intervention tables and the municipality table of one report print
    the same rounding, so the last plan's is kept (a sort per year: about a second of a
    50 000-intervention report when it was made three times).
    """
    global _last_printed
    last = _last_printed
    if last is not None and last[0]() is plan and last[1] == unit:
        return last[2]
    printed = {year: round_parts([i.amounts.get(year, 0) for i in plan.interventions], unit)
               for year in plan.years}
    _last_printed = (weakref.ref(plan), unit, printed)
    return printed


_last_printed: tuple[weakref.ref[Plan], str, dict[int, list[int]]] | None = None
"""A weak reference to the plan last printed, its unit and its `printed_interventions`."""


def _area_order(plan: Plan) -> list[str]:
    extra = sorted({i.area for i in plan.interventions} - set(AREAS))
    return [a for a in AREAS if any(i.area == a for i in plan.interventions)] + extra


def economy_figures(plan: Plan, outcome: Outcome, unit: str) \
        -> tuple[list[tuple[str, str]], list[list[int | None]]]:
    """The economy's rows as (label, kind) and amounts per year in kronor, rounded as printed."""
    years = plan.years
    printed = printed_interventions(plan, unit)
    areas = _area_order(plan)
    labels: list[tuple[str, str]] = [("Intäkter", "heading"), ("Medlemsavgifter", "body")]
    labels += [(coded(line), "body") for line in plan.other_income]
    labels += [("Summa intäkter", "subtotal"), ("Kostnader", "heading")]
    labels += [(coded(line), "body") for line in plan.costs]
    labels += [(plan.labels.area(area), "body") for area in areas]
    labels += [("Summa kostnader", "subtotal"), ("Årets resultat", "total"),
               ("Ingående eget kapital", "body"), ("Utgående eget kapital", "total")]

    columns = []
    area_of = [item.area for item in plan.interventions]
    opening = round_whole(outcome.years[years[0]].opening_equity, unit)
    for year in years:
        figures = outcome.years[year]
        contributions = round_whole(figures.contributions_total, unit)
        by_area: dict[str, int] = defaultdict(int)
        for area, amount in zip(area_of, printed[year], strict=True):
            by_area[area] += amount
        area_amounts = [by_area[a] for a in areas]
        free = ([line.amounts.get(year, 0) for line in plan.other_income]
                + [-line.amounts.get(year, 0) for line in plan.costs])
        target = (round_whole(figures.closing_equity, unit) - opening - contributions
                  + sum(area_amounts))
        rounded = round_parts(free, unit, target)
        income_lines = rounded[:len(plan.other_income)]
        cost_lines = [-v for v in rounded[len(plan.other_income):]] + area_amounts
        income = contributions + sum(income_lines)
        costs = sum(cost_lines)
        result = income - costs
        closing = opening + result
        columns.append([None, contributions, *income_lines, income, None, *cost_lines,
                        costs, result, opening, closing])
        opening = closing
    return labels, [list(row) for row in zip(*columns, strict=True)]


def sentence(text: str) -> str:
    """`text` as a sentence: one stop added only when it does not already end in one."""
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?…:" else text + "."


def economy_table(plan: Plan, outcome: Outcome, unit: str) -> Table:
    """Income, costs, result and equity, one column per plan year; every sum is of printed rows."""
    labels, values = economy_figures(plan, outcome, unit)
    head = (Column("Post", width=3.0),) + tuple(Column(str(y), numeric=True) for y in plan.years)
    caption = _unit_caption(unit)
    if plan.equity.opening is None:
        caption += " Ingående eget kapital saknas och räknas som 0."
    elif plan.equity.opening_note.strip():
        caption += " Ingående eget kapital: " + sentence(plan.equity.opening_note)
    elif plan.equity.opening_is_forecast:
        caption += " Ingående eget kapital är en prognos."
    return Table(head, _format_rows(labels, values, unit), caption=caption)


def _category_order(items: Iterable[Intervention]) -> list[str]:
    """Uncategorised first (listed straight under the area, as the seeds do), then categories."""
    present = {i.category for i in items}
    known = [c for c in CATEGORIES if c in present]
    return ([""] if "" in present else []) + known + sorted(present - set(CATEGORIES) - {""})


def intervention_tables(plan: Plan, unit: str) -> list[Block]:
    """Interventions grouped by area and category, with subtotals and a grand total.

    Written for size (50 000 rows): each row's amounts are one tuple, sums are taken a
    column at a time and each column's amounts are formatted once per distinct value.
    """
    if not plan.interventions:
        return [Text("Planen har inga insatser ännu.")]
    years = plan.years
    printed = printed_interventions(plan, unit)
    by_item = dict(zip((i.id for i in plan.interventions),
                       zip(*(printed[y] for y in years), strict=True), strict=True))
    show_owner = any(i.owner for i in plan.interventions)
    show_place = any(i.municipality for i in plan.interventions)
    first = years[0]
    show_people = any(i.participants.get(first) for i in plan.interventions)

    labels: list[tuple[str, str]] = []
    texts: list[tuple[str, ...]] = []
    values: list[tuple[str | int | None, ...]] = []
    """Each row's participants, then its amounts (None in a title row)."""
    no_amounts = (None,) * len(years)
    empty_text = ("",) * (show_owner + show_place)

    def add(label: str, kind: str, amounts: Sequence[int | None] = no_amounts,
            participants: str = "") -> None:
        labels.append((label, kind))
        texts.append(empty_text)
        values.append((participants, *amounts))

    grand = [0] * len(years)
    grand_people = 0
    for area in _area_order(plan):
        in_area = [i for i in plan.interventions if i.area == area]
        add(plan.labels.area(area), "heading")
        area_sum, area_people = [0] * len(years), 0
        categories = _category_order(in_area)
        for category in categories:
            items = [i for i in in_area if i.category == category]
            groups = {group: n for n, group in enumerate(dict.fromkeys(i.group for i in items))}
            items.sort(key=lambda i: groups[i.group])
            if category:  # the uncategorised need no heading of their own
                add(CATEGORY_LABELS.get(category, category), "subheading")
            rows = [by_item[item.id] for item in items]
            counts = [item.participants.get(first, 0) for item in items]
            labels += [(coded(item), "body") for item in items]
            texts += [((item.owner,) if show_owner else ())
                      + ((item.municipality,) if show_place else ()) for item in items]
            said = {count: swedish_number(count) if count else "" for count in set(counts)}
            values += [(said[count], *amounts) for count, amounts in zip(counts, rows, strict=True)]
            sums = [sum(column) for column in zip(*rows, strict=True)]
            people = sum(counts)
            if len(categories) > 1 and category:
                label = CATEGORY_LABELS.get(category, category)
                add(f"Summa {label.lower()}", "subtotal", sums, swedish_number(people))
            area_sum = [a + b for a, b in zip(area_sum, sums, strict=True)]
            area_people += people
        add(f"Summa {plan.labels.area(area).lower()}", "subtotal", area_sum,
            swedish_number(area_people))
        grand = [a + b for a, b in zip(grand, area_sum, strict=True)]
        grand_people += area_people
    if len(_area_order(plan)) > 1:  # with one area its sum is the total (Sörmland's seed)
        add("Summa insatser", "total", grand, swedish_number(grand_people))
    else:
        labels[-1] = (labels[-1][0], "total")

    columns = list(zip(*values, strict=True))
    people_cells = [(p or "",) for p in columns[0]] if show_people else [()] * len(values)
    money = [Formatter(unit, [a for a in column if a is not None]).column(column)
             for column in columns[1:]]
    rows_out = [Row((label, *text, *people, *amounts), kind) for (label, kind), text, people, amounts
                in zip(labels, texts, people_cells, zip(*money, strict=True), strict=True)]
    head = [Column("Insats", width=3.0)]
    if show_owner:
        head.append(Column("Insatsägare", width=1.8))
    if show_place:
        head.append(Column("Kommun", width=1.3))
    if show_people:
        head.append(Column(f"Deltagare {first}", numeric=True, width=0.9))
    head += [Column(str(y), numeric=True) for y in years]
    caption = _unit_caption(unit)
    if show_people:
        caption += " Deltagare avser planerat antal (budgeterad volym)."
    return [Table(tuple(head), tuple(rows_out), caption=caption)]


def municipality_table(plan: Plan, unit: str) -> Table | None:
    """Intervention money per municipality, when interventions name one; None otherwise."""
    if not any(i.municipality for i in plan.interventions):
        return None
    # later years no intervention holds money for would print a column of zeros
    years = [y for y in plan.years if y == plan.years[0]
             or any(i.amounts.get(y) for i in plan.interventions)]
    printed = printed_interventions(plan, unit)
    sums: dict[str, list[int]] = defaultdict(lambda: [0] * len(years))
    common: dict[str, list[int]] = defaultdict(lambda: [0] * len(years))
    for item, amounts in zip(plan.interventions, zip(*(printed[y] for y in years), strict=True),
                             strict=True):
        place = item.municipality.strip()
        target = sums[place] if place else common[item.area]
        for k, amount in enumerate(amounts):
            target[k] += amount
    names = sorted(sums, key=swedish_key)
    labels = [(name, "body") for name in names]
    values = [sums[name] for name in names]
    for area in _area_order(plan):  # for no one municipality: by area ("Strukturövergripande")
        if area in common:
            labels.append((plan.labels.area(area), "body"))
            values.append(common[area])
    labels.append(("Summa insatser", "total"))
    values.append([sum(column) for column in zip(*values, strict=True)])
    head = (Column("Kommun", width=3.0),) + tuple(Column(str(y), numeric=True) for y in years)
    return Table(head, _format_rows(labels, values, unit), caption=_unit_caption(unit))


def rule_text(rule: Rule) -> str:
    """The rule as a table label: the domain's words with a capital letter."""
    text = describe_rule(rule)
    return text[:1].upper() + text[1:]


def rule_blocks(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    """Each rule's bound, figure and margin per year, then every finding."""
    return rule_table_blocks(plan, outcome, unit) + [Heading("Iakttagelser")] \
        + finding_blocks(plan, outcome, unit)


def finding_blocks(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    """Every finding as a bullet, led by its severity."""
    if outcome.findings:
        return [Bullets(tuple(f"{SEVERITY_LABELS.get(f.severity, f.severity)}: {f.message}"
                              for f in outcome.findings))]
    return [Text("Inga iakttagelser: planen uppfyller förbundets regler.")]


def rule_table_blocks(plan: Plan, outcome: Outcome, unit: str) -> list[Block]:
    """Each rule's bound, figure and margin per year."""
    blocks: list[Block] = []
    rules = {rule.id: rule for rule in plan.equity.rules}
    if outcome.margins:
        margins = [m for m in outcome.margins if m.rule_id in rules]
        money = [[m.bound, m.actual, m.margin] for m in margins]
        formats = [Formatter(unit, column) for column in _columns_of(money, 3)]
        rows, last = [], None
        for m in margins:
            label = rule_text(rules[m.rule_id]) if m.rule_id != last else ""
            last = m.rule_id
            rows.append(Row((label, str(m.year), formats[0](round_whole(m.bound, unit)),
                             formats[1](round_whole(m.actual, unit)),
                             formats[2](round_whole(m.margin, unit)),
                             "Uppfylls" if m.margin >= 0 else "Uppfylls inte")))
        head = (Column("Regel", width=3.2), Column("År", width=0.6), Column("Gräns", numeric=True),
                Column("Utfall", numeric=True), Column("Marginal", numeric=True),
                Column("Bedömning", width=1.1))
        blocks.append(Table(head, tuple(rows), caption=_unit_caption(unit)
                            + " Marginalen är hur långt planen ligger från gränsen; "
                              "negativ marginal betyder att regeln inte uppfylls."))
    else:
        blocks.append(Text("Planen har inga regler för det egna kapitalet."))
    return blocks


def equity_chart(plan: Plan, outcome: Outcome, unit: str) -> Chart:
    """Closing equity per year against the equity rules' bounds."""
    years = plan.years
    bars = (Series("Utgående eget kapital", tuple(outcome.years[y].closing_equity for y in years)),)
    lines = []
    by_rule: defaultdict[int, dict[int, int]] = defaultdict(dict)
    for margin in outcome.margins:
        by_rule[margin.rule_id][margin.year] = margin.bound
    for rule in plan.equity.rules:
        if rule.kind in KINDS and KINDS[rule.kind].bounds_equity and rule.id in by_rule:
            lines.append(Series(bound_label(rule), tuple(by_rule[rule.id].get(y, 0) for y in years)))
    return Chart("Utgående eget kapital per år och regelgränser", tuple(map(str, years)), bars,
                 tuple(lines), unit)


def intervention_chart(plan: Plan, outcome: Outcome, unit: str) -> Chart:
    """Intervention money per area, one bar per plan year."""
    areas = _area_order(plan)
    bars = tuple(Series(str(y), tuple(outcome.years[y].interventions_by_area.get(a, 0)
                                      for a in areas)) for y in plan.years)
    return Chart("Insatsmedel per område", tuple(plan.labels.area(a) for a in areas), bars,
                 (), unit)
