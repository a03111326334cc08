"""The Insatser tab's filter: free text (over the plan's own area names too), area, category
and municipality, on top of the shared sorting proxy.

A keystroke is one pass over the rows in Python (`filter_rows`), not one Qt call per row:
each row's casefolded search text is made once and kept until that row changes
(`forget_rows` from the proxy's dataChanged) or the area names do. A longer search text
only looks at the rows the shorter one showed.
"""

from __future__ import annotations

from operator import attrgetter

from ...domain.plan import AREA_LABELS, CATEGORY_LABELS
from ..sort_proxy import SortProxy


class InterventionFilter(SortProxy):
    """Shows the interventions that match the free text, area, category and municipality."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.area = ""
        self.category = ""
        self.municipality = ""
        self.area_names: dict[str, str] = dict(AREA_LABELS)
        """The plan's area names, which the free text also searches."""
        self._haystacks: list[str] | None = None
        """Per source row, its search text (None: not made yet)."""
        self._stale: set[int] = set()
        """Rows whose search text is out of date (changed since it was made)."""
        self._verdicts: tuple[tuple, dict[int, bool]] | None = None
        """What the last filtering said of each item it saw, by identity (the items are
        kept with it, so no id is reused while it holds; items are frozen)."""

    def set_filter(self, text: str = "", area: str = "", category: str = "",
                   municipality: str = "") -> None:
        wanted = (text.strip().casefold(), area, category, municipality)
        previous = (self.text, self.area, self.category, self.municipality)
        if wanted == previous:
            return  # the same filter: no pass over every row
        narrower = bool(self.text) and self.text in wanted[0] and wanted[1:] == previous[1:]
        self.text, self.area, self.category, self.municipality = wanted
        self._verdicts = None
        self.refilter(narrower)

    def set_area_names(self, names: dict[str, str]) -> None:
        """The names the free text searches; a search that is set is run again."""
        if names == self.area_names:
            return
        self.area_names = names
        self._haystacks = self._verdicts = None
        if self.text:
            self.refilter()

    def active(self) -> bool:
        return bool(self.text or self.area or self.category or self.municipality)

    def haystack(self, item) -> str:
        """The casefolded text the free-text search looks in."""
        return " ".join((item.name, item.owner, item.municipality, item.group,
                         item.description, self.area_names.get(item.area, ""),
                         CATEGORY_LABELS.get(item.category, ""))).casefold()

    def accepts(self, item) -> bool:
        """Whether the intervention matches every filter that is set (the totals ask this
        of every intervention per keystroke: an item the table filtered is answered from
        that)."""
        known = (self._verdicts or self._verdict_map())[1].get(id(item))
        return self._matches(item) if known is None else known

    def _fields(self) -> list[tuple[attrgetter, str]]:
        """Each field filter that is set: how to read the field, and the value it must have
        (the one statement of the filter, for a row and for every row at once)."""
        return [(attrgetter(name), wanted) for name, wanted in (
            ("area", self.area), ("category", self.category),
            ("municipality", self.municipality)) if wanted]

    def _matches(self, item) -> bool:
        return all(field(item) == wanted for field, wanted in self._fields()) \
            and (not self.text or self.text in self.haystack(item))

    def _verdict_map(self) -> tuple[tuple, dict[int, bool]]:
        model, shown = self.sourceModel(), self.shown_flags()
        if model is None or not self.active() or len(model.items()) != len(shown):
            return (), {}  # no filter, or the table is between two plans: answer each item
        items = model.items()
        self._verdicts = (items, dict(zip(map(id, items), shown, strict=True)))
        return self._verdicts

    # --- the proxy's filter hooks ------------------------------------------------------

    def filter_rows(self, rows: list[int]) -> list[int]:
        items = self.sourceModel().items()
        for field, wanted in self._fields():
            rows = [row for row in rows if field(items[row]) == wanted]
        if self.text:
            haystacks, text = self._all_haystacks(), self.text
            rows = [row for row in rows if text in haystacks[row]]
        return rows

    def row_shown(self, row: int) -> bool:
        return self._matches(self.sourceModel().item(row))  # a new item: not in the verdicts

    def forget_rows(self, first: int | None = None, last: int | None = None) -> None:
        if first is None or last is None:
            self._haystacks = self._verdicts = None
        elif self._haystacks is not None:
            self._stale.update(range(first, last + 1))

    def _all_haystacks(self) -> list[str]:
        """Every row's search text (made once; a changed row's made again)."""
        model = self.sourceModel()
        haystacks = self._haystacks
        if haystacks is None or len(haystacks) != model.rowCount():
            haystacks = self._haystacks = [self.haystack(item) for item in model.items()]
        else:
            for row in self._stale:
                haystacks[row] = self.haystack(model.item(row))
        self._stale.clear()
        return haystacks
