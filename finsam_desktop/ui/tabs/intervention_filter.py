"""The Insatser tab's filter: free text (over the plan's own area names too), area, category
and municipality, on top of the shared sorting proxy."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel

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

    def set_filter(self, text: str = "", area: str = "", category: str = "",
                   municipality: str = "") -> None:
        wanted = (text.strip().casefold(), area, category, municipality)
        if wanted == (self.text, self.area, self.category, self.municipality):
            return  # the same filter: no pass over every row
        self.beginFilterChange()
        self.text, self.area, self.category, self.municipality = wanted
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_area_names(self, names: dict[str, str]) -> None:
        """The names the free text searches; a search that is set is run again."""
        if names == self.area_names:
            return
        if not self.text:
            self.area_names = names
            return
        self.beginFilterChange()
        self.area_names = names
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def active(self) -> bool:
        return bool(self.text or self.area or self.category or self.municipality)

    def accepts(self, item) -> bool:
        """Whether the intervention matches every filter that is set."""
        if self.area and item.area != self.area:
            return False
        if self.category and item.category != self.category:
            return False
        if self.municipality and item.municipality != self.municipality:
            return False
        if self.text:
            haystack = " ".join((item.name, item.owner, item.municipality, item.group,
                                 item.description, self.area_names.get(item.area, ""),
                                 CATEGORY_LABELS.get(item.category, ""))).casefold()
            return self.text in haystack
        return True

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        if not (self.text or self.area or self.category or self.municipality):
            return True  # no filter (the usual case): one call per row, nothing looked up
        return self.accepts(self.sourceModel().item(row))
