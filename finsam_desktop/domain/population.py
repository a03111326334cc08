"""New population figures from an SCB export, matched to the plan's municipalities.

SCB's statistical database exports a region column ("0180 Stockholm",
"Motala kommun" or "Motala") and one or more number columns, with title lines
above and footnotes below. `read_population(plan, rows)` finds the data rows,
takes the last number of each, and matches it to a municipality member by code
or by name; nothing is changed until `apply_population` is called, and only
when nothing was unknown or unreadable.

A bad figure is never mistaken for a header line: before the first data row, a
row counts as a header only when its figure cell holds a word ("Folkmängd 2025")
and its region no municipality code; "-5", "NaN", "4.38e4", "=1+1" or a date
there is a bad row named in the refusal. Figures of MAX_KEY or more are refused.

When the header names a year per number column (`region;2024;2025`), each data
row keeps its figure per year: columns for the plan's own years set those years'
keys (a forecast); otherwise columns two years before the plan years do (the
population on 31 December two years before, as `default_source` says); otherwise
the last column is the key of every year. `PopulationImport.year` is the file's
latest year, which `default_source` puts in the source text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .edits import EditError
from .money import MoneyError, parse_count
from .plan import KeyValue, Member, Plan
from .validation import MAX_KEY

_CODE = re.compile(r"^(\d{2}|\d{4})(?:\s+(.*))?$", re.ASCII)
_HEADER_WORDS = {"region", "kommun", "kommuner", "område", "län", "regioner"}
_AGGREGATES = {"riket", "hela riket", "sverige"}
_YEAR_IN_TEXT = re.compile(r"(?<![0-9])(19[0-9]{2}|2[0-9]{3})(?![0-9])", re.ASCII)
_WORD = re.compile(r"[^\W\d_]{4,}")
_MAX_DIGITS = len(str(MAX_KEY))
_SUFFIXES = (" kommun", " stad")


@dataclass(frozen=True)
class PopulationRow:
    """A data row of the file: its 1-based row number, the region as written and the figure."""

    row: int
    region: str
    code: str
    name: str
    population: int
    by_year: tuple[tuple[int, int], ...] = ()
    """(year, figure) per number column whose header names a year, when there are two or more."""


@dataclass(frozen=True)
class BadRow:
    row: int
    text: str
    reason: str

    def describe(self) -> str:
        return f"Rad {self.row} (”{self.text}”): {self.reason}"


@dataclass(frozen=True)
class PopulationMatch:
    member_id: int
    member_name: str
    row: PopulationRow
    old_key: KeyValue | None
    """The member's key in the budget year before the import (None: none)."""

    @property
    def population(self) -> int:
        return self.row.population


@dataclass(frozen=True)
class PopulationImport:
    """What an import would do; `ok` only when every data row was read and matched."""

    matches: tuple[PopulationMatch, ...]
    unmatched_rows: tuple[PopulationRow, ...]
    members_without_row: tuple[Member, ...]
    bad_rows: tuple[BadRow, ...]
    skipped_rows: tuple[PopulationRow, ...] = ()
    """Rows for the whole country or a county ("00 Riket", "05 Östergötlands län")."""
    year: int | None = None
    """The latest year the file's header or notes name, for the source text."""

    @property
    def ok(self) -> bool:
        return bool(self.matches) and not self.unmatched_rows and not self.bad_rows

    def problems(self) -> list[str]:
        """Swedish lines naming each row that stops the import."""
        lines = [bad.describe() for bad in self.bad_rows]
        lines += [f"Rad {row.row} (”{row.region}”): ingen kommun i planen heter så."
                  for row in self.unmatched_rows]
        if not self.matches and not lines:
            lines.append("Filen innehåller inga rader med kommun och folkmängd.")
        return sorted(lines, key=_row_number)

    def warnings(self) -> list[str]:
        """Swedish lines about what stays as it was (does not stop the import)."""
        return [f"{member.name} finns inte i filen; nyckeln är oförändrad."
                for member in self.members_without_row]


def _row_number(line: str) -> int:
    match = re.match(r"Rad (\d+)", line)
    return int(match.group(1)) if match else 0


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip().strip('"').strip()


def _too_large() -> MoneyError:
    return MoneyError(f"folkmängden är orimligt stor (högst {MAX_KEY - 1:,}).".replace(",", " "))


def _population(value: object) -> int:
    if isinstance(value, bool):
        raise MoneyError("är inget heltal.")
    if isinstance(value, int):
        if value < 0:
            raise MoneyError("folkmängden får inte vara negativ.")
        if value >= MAX_KEY:
            raise _too_large()
        return value
    if isinstance(value, float):
        if value != value:
            raise MoneyError("är inget tal (NaN).")
        if value in (float("inf"), float("-inf")):
            raise _too_large()
        if not value.is_integer():
            raise MoneyError("är inget heltal.")
        return _population(int(value))
    if not isinstance(value, str):  # a date or time from xlsx
        raise MoneyError("är inget heltal (cellen är ett datum eller liknande).")
    text = _cell_text(value)
    if text.startswith(("-", "\u2212")) and text.lstrip("-\u2212").strip().isdigit():
        raise MoneyError("folkmängden får inte vara negativ.")
    if sum(ch.isdigit() for ch in text) > _MAX_DIGITS:
        raise _too_large()
    try:
        figure = parse_count(text)
    except (MoneyError, ValueError):
        raise MoneyError("folkmängden är inget heltal.") from None
    if figure >= MAX_KEY:
        raise _too_large()
    return figure


def _is_header(region: str, figure: object) -> bool:
    """A title row before the data ("region;Folkmängd 2025"), not a bad figure."""
    code, _ = _split_region(region)
    if code:
        return False
    return isinstance(figure, str) and bool(_WORD.search(_cell_text(figure)))


def _years_of(row: Sequence[object]) -> dict[int, int]:
    """{column: year} for the cells of a header row that name one year each."""
    years = {}
    for column, cell in enumerate(row):
        found = _YEAR_IN_TEXT.findall(_cell_text(cell))
        if len(found) == 1:
            years[column] = int(found[0])
    return years


def _split_region(text: str) -> tuple[str, str]:
    """("0180", "Stockholm") from "0180 Stockholm"; ("", "Motala kommun") from a bare name."""
    match = _CODE.match(text)
    if match:
        return match.group(1), (match.group(2) or "").strip()
    return "", text


def parse_rows(rows: Sequence[Sequence[object]]) -> tuple[list[PopulationRow], list[BadRow]]:
    """Data rows and unreadable rows of an export; title lines and footnotes are skipped.

    A row with fewer than two filled cells is a title or a footnote. Before the
    first data row, a row whose figure is a word (or with "region" as its first
    cell) is a header; any other unreadable figure is reported as bad.
    """
    found, bad, _ = _parse(rows)
    return found, bad


def _parse(rows: Sequence[Sequence[object]]
           ) -> tuple[list[PopulationRow], list[BadRow], int | None]:
    found: list[PopulationRow] = []
    bad: list[BadRow] = []
    header_years: dict[int, int] = {}
    noted: list[int] = []
    for index, row in enumerate(rows, start=1):
        filled = [(column, cell) for column, cell in enumerate(row) if _cell_text(cell)]
        cells = [cell for _, cell in filled]
        if len(cells) < 2:
            noted += [int(y) for y in _YEAR_IN_TEXT.findall(" ".join(map(_cell_text, cells)))]
            continue
        region = _cell_text(cells[0])
        if region.casefold() in _HEADER_WORDS or (not found and _is_header(region, cells[-1])):
            header_years = _years_of(row) or header_years
            continue
        try:
            population = _population(cells[-1])
            by_year = tuple(sorted((header_years[column], _population(cell))
                                   for column, cell in filled[1:] if column in header_years))
        except MoneyError as error:
            bad.append(BadRow(index, "; ".join(_cell_text(c) for c in cells), str(error)))
            continue
        if len(by_year) < 2 or len({year for year, _ in by_year}) != len(by_year):
            by_year = ()
        code, name = _split_region(region)
        found.append(PopulationRow(index, region, code, name, population, by_year))
    years = sorted(set(header_years.values())) or noted
    return found, bad, (max(years) if years else None)


def name_forms(name: str) -> tuple[str, ...]:
    """Comparable forms of a municipality name, the plainest first.

    "Mjölby kommun" → ("mjölby",); "Boxholms kommun" → ("boxholms", "boxholm");
    "Borås kommun" → ("borås", "borå"): the genitive s is dropped only as a second
    choice, so "Borås", "Vadstena" and "Hjo" still match themselves first.
    """
    text = " ".join(name.casefold().split())
    for suffix in _SUFFIXES:
        if text.endswith(suffix):
            base = text[: -len(suffix)].strip()
            if base.endswith("s") and len(base) > 2:
                return base, base[:-1]
            return (base,)
    return (text,)


def _member_code(member: Member) -> str:
    code, _ = _split_region(member.name.strip())
    return code if len(code) == 4 else ""


def _find_member(row: PopulationRow, members: Sequence[Member]) -> Member | None:
    if row.code:
        for member in members:
            if _member_code(member) == row.code:
                return member
    if not row.name:
        return None
    wanted = name_forms(row.name)
    for level in (0, 1):  # plain forms first, genitive-less forms second
        hits = [m for m in members
                if any(form in wanted for form in name_forms(_plain_name(m))[: level + 1])]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            return None
    return None


def _plain_name(member: Member) -> str:
    code, name = _split_region(member.name.strip())
    return name if code and name else member.name


def read_population(plan: Plan, rows: Sequence[Sequence[object]]) -> PopulationImport:
    """Match an export's rows to the plan's municipalities; changes nothing."""
    data, bad, year = _parse(rows)
    municipalities = [m for m in plan.members if m.kind == "municipality"]
    matches: list[PopulationMatch] = []
    unmatched: list[PopulationRow] = []
    skipped: list[PopulationRow] = []
    taken: dict[int, int] = {}
    for row in data:
        member = _find_member(row, municipalities)
        if member is None:
            aggregate = len(row.code) == 2 or row.name.casefold() in _AGGREGATES \
                or row.name.casefold().endswith(" län")
            (skipped if aggregate else unmatched).append(row)
            continue
        if member.id in taken:
            bad.append(BadRow(row.row, row.region,
                              f"{member.name} finns redan på rad {taken[member.id]}."))
            continue
        taken[member.id] = row.row
        matches.append(PopulationMatch(member.id, member.name, row,
                                       member.key_for(plan.plan_year)))
    without = tuple(m for m in municipalities if m.id not in taken)
    return PopulationImport(tuple(matches), tuple(unmatched), without,
                            tuple(sorted(bad, key=lambda b: b.row)), tuple(skipped), year)


def key_for_plan(plan: Plan, row: PopulationRow) -> int | dict[int, int]:
    """The key a row gives: one figure for every year, or a year map (see the module doc)."""
    figures = dict(row.by_year)
    for lag in (0, 2):
        wanted = {year: figures[year - lag] for year in plan.years if year - lag in figures}
        if wanted:
            if len(wanted) < len(plan.years):  # years the file does not reach: its nearest
                for year in plan.years:
                    if year not in wanted:
                        nearest = min(figures, key=lambda y: (abs(y + lag - year), -y))
                        wanted[year] = figures[nearest]
            wanted = dict(sorted(wanted.items()))
            values = set(wanted.values())
            return values.pop() if len(values) == 1 else wanted
    return row.population


def apply_population(plan: Plan, matches: Sequence[PopulationMatch], source_text: str) -> Plan:
    """The plan with each matched municipality's key set from its row (every year)."""
    source = " ".join(str(source_text).split())
    if not source:
        raise EditError("Ange varifrån folkmängden kommer, till exempel "
                        "”Folkmängd 31/12 2025, SCB”.")
    new_keys = {match.member_id: key_for_plan(plan, match.row) for match in matches}
    if not new_keys:
        return plan
    members = tuple(replace(m, key=new_keys[m.id], key_source=source) if m.id in new_keys else m
                    for m in plan.members)
    return replace(plan, members=members)


def default_source(plan: Plan, result: PopulationImport | None = None) -> str:
    """The key source: the file's own (latest) year when it names one, else the usual year
    for a plan, the population on 31 December two years before."""
    year = result.year if result is not None and result.year else plan.plan_year - 2
    return f"Folkmängd 31/12 {year}, SCB"
