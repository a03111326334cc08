"""New population figures from an SCB export, matched to the plan's municipalities.

SCB's statistical database exports a region column ("0180 Stockholm",
"Motala kommun" or "Motala") and one or more number columns, with title lines
above and footnotes below. `read_population(plan, rows)` finds the data rows,
takes the last number of each, and matches it to a municipality member by code
or by name; nothing is changed until `apply_population` is called, and only
when nothing was unknown or unreadable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from .edits import EditError
from .money import MoneyError, parse_count
from .plan import Member, Plan

_CODE = re.compile(r"^(\d{2}|\d{4})(?:\s+(.*))?$", re.ASCII)
_HEADER_WORDS = {"region", "kommun", "kommuner", "område", "län", "regioner"}
_AGGREGATES = {"riket", "hela riket", "sverige"}
_SUFFIXES = (" kommun", " stad")


@dataclass(frozen=True)
class PopulationRow:
    """A data row of the file: its 1-based row number, the region as written and the figure."""

    row: int
    region: str
    code: str
    name: str
    population: int


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
    old_key: int | None
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


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip().strip('"').strip()


def _population(value) -> int:
    if isinstance(value, bool):
        raise MoneyError("är inget heltal.")
    if isinstance(value, int):
        if value < 0:
            raise MoneyError("folkmängden får inte vara negativ.")
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise MoneyError("är inget heltal.")
        return _population(int(value))
    text = _cell_text(value)
    if text.startswith(("-", "\u2212")) and text.lstrip("-\u2212").strip().isdigit():
        raise MoneyError("folkmängden får inte vara negativ.")
    try:
        return parse_count(text)
    except MoneyError:
        raise MoneyError("folkmängden är inget heltal.") from None


def _split_region(text: str) -> tuple[str, str]:
    """("0180", "Stockholm") from "0180 Stockholm"; ("", "Motala kommun") from a bare name."""
    match = _CODE.match(text)
    if match:
        return match.group(1), (match.group(2) or "").strip()
    return "", text


def parse_rows(rows: Sequence[Sequence[object]]) -> tuple[list[PopulationRow], list[BadRow]]:
    """Data rows and unreadable rows of an export; title lines and footnotes are skipped.

    A row with fewer than two filled cells is a title or a footnote. Before the
    first data row, a row without a number (or with "region" as its first cell)
    is a header; after it, such a row is reported as bad.
    """
    found: list[PopulationRow] = []
    bad: list[BadRow] = []
    for index, row in enumerate(rows, start=1):
        cells = [cell for cell in row if _cell_text(cell)]
        if len(cells) < 2:
            continue
        region = _cell_text(cells[0])
        if region.casefold() in _HEADER_WORDS:
            continue
        try:
            population = _population(cells[-1])
        except MoneyError as error:
            if not found:
                continue  # a header line such as "region;Folkmängd 2025"
            bad.append(BadRow(index, "; ".join(_cell_text(c) for c in cells), str(error)))
            continue
        code, name = _split_region(region)
        found.append(PopulationRow(index, region, code, name, population))
    return found, bad


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
    data, bad = parse_rows(rows)
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
                            tuple(sorted(bad, key=lambda b: b.row)), tuple(skipped))


def apply_population(plan: Plan, matches: Sequence[PopulationMatch], source_text: str) -> Plan:
    """The plan with each matched municipality's key set to its population for every year."""
    source = " ".join(str(source_text).split())
    if not source:
        raise EditError("Ange varifrån folkmängden kommer, till exempel "
                        "”Folkmängd 31/12 2025, SCB”.")
    new_keys = {match.member_id: match.population for match in matches}
    if not new_keys:
        return plan
    members = tuple(replace(m, key=new_keys[m.id], key_source=source) if m.id in new_keys else m
                    for m in plan.members)
    return replace(plan, members=members)


def default_source(plan: Plan) -> str:
    """The usual key source for a plan year: the population on 31 December two years before."""
    return f"Folkmängd 31/12 {plan.plan_year - 2}, SCB"
