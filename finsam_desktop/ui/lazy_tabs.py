"""The open plan's tabs, each built the first time it is shown or asked for.

Building all seven tabs at once stopped the window for 170–230 ms when a plan opened
(the synthetic plan and 50 000 interventions; most of it the tables' column fitting and
the Insatser filter's pass over every row), although the user sees one tab. Now the
tab widget holds an empty page per tab; the page that is shown is swapped for the real
tab in the same turn of the event loop (before anything paints), so a visited tab looks
and behaves as before, and one that is never visited costs nothing. A tab is built from
the model's plan as it is then, so it shows the same content however late it comes.

`LazyTabs` is a read-only mapping key -> tab: asking for a tab (`tabs[key]`, `get`,
`values`, `items`) builds it, so the window's code and its tests keep a tab's identity
(`tabs.currentWidget() is tabs["budget"]`). `is_built(key)` looks without building.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

TabSpec = tuple[str, Callable[[], QWidget], str]
"""A tab's key, how to build it and its (translated) title."""


class _Unbuilt(QWidget):
    """The empty page that stands in for a tab until it is first shown."""

    def __init__(self, key: str):
        super().__init__()
        self.setObjectName(f"unbuilt_{key}")
        self.key = key


class LazyTabs(Mapping):
    """The tabs of one open plan in `tabs`, built on first show or first request."""

    def __init__(self, tabs: QTabWidget, specs: Sequence[TabSpec]):
        self._tabs = tabs
        self._specs = {key: (build, title) for key, build, title in specs}
        self._built: dict[str, QWidget] = {}
        for key, _build, title in specs:
            tabs.addTab(_Unbuilt(key), title)
        tabs.currentChanged.connect(self._shown)
        self._shown(tabs.currentIndex())  # the tab the window opens on: built now

    # --- the mapping -----------------------------------------------------------------

    def __getitem__(self, key: str) -> QWidget:
        built = self._built.get(key)
        if built is not None:
            return built
        if key not in self._specs:
            raise KeyError(key)
        return self._build(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)

    def is_built(self, key: str) -> bool:
        """Whether the tab `key` exists yet (without building it)."""
        return key in self._built

    # --- building --------------------------------------------------------------------

    def close(self) -> None:
        """Remove every page (built or not) from the tab widget; the tabs are deleted."""
        self._tabs.currentChanged.disconnect(self._shown)
        while self._tabs.count():
            widget = self._tabs.widget(0)
            self._tabs.removeTab(0)
            widget.deleteLater()
        self._built.clear()

    def _shown(self, index: int) -> None:
        page = self._tabs.widget(index)
        if isinstance(page, _Unbuilt):
            self._build(page.key)

    def _index_of(self, key: str) -> int:
        for index in range(self._tabs.count()):
            page = self._tabs.widget(index)
            if isinstance(page, _Unbuilt) and page.key == key:
                return index
        raise KeyError(key)

    def _build(self, key: str) -> QWidget:
        """Build the tab `key` and put it in its page's place, keeping the current tab.

        The swap takes the page out and puts the tab in at the same position; the tab
        widget's own `currentChanged` is held back meanwhile (the current tab, seen from
        outside, does not change), so no neighbour is built on the way."""
        build, title = self._specs[key]
        tab = build()
        self._built[key] = tab
        tabs = self._tabs
        index, current = self._index_of(key), tabs.currentIndex()
        page = tabs.widget(index)
        focused = QApplication.focusWidget()
        had_focus = focused is not None and (focused is page or page.isAncestorOf(focused))
        was_blocked = tabs.blockSignals(True)
        updates = tabs.updatesEnabled()
        tabs.setUpdatesEnabled(False)
        try:
            tabs.removeTab(index)
            tabs.insertTab(index, tab, title)
            tabs.setCurrentIndex(current)
        finally:
            tabs.setUpdatesEnabled(updates)
            tabs.blockSignals(was_blocked)
        page.deleteLater()
        if had_focus:
            _focus_first(tab)
        return tab


def _focus_first(tab: QWidget) -> None:
    """Give the focus to the first widget of `tab` that takes it by Tab, as the tab widget
    does when it shows a page while the focus was on the page it hides (the empty page
    had it, the tab would have got it)."""
    widget = tab.nextInFocusChain()
    while widget is not None and widget is not tab:
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
                and widget.focusProxy() is None and widget.isVisibleTo(tab)
                and widget.isEnabled() and tab.isAncestorOf(widget)):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = widget.nextInFocusChain()
    tab.setFocus(Qt.FocusReason.OtherFocusReason)
