"""Importing reportlab and markdown-it without paying, at every start, for what a report
rarely uses.

Costs of `import reportlab.platypus` that are work for features we do not use:
- `reportlab.lib.utils` imports PIL's `Image` unconditionally (about 15 ms with its
  plugins' tables), which only a cover logo needs;
- `reportlab.platypus.paragraph` compiles a URL pattern with a case-insensitive range
  over all of Unicode (about 45 ms: the `re` compiler folds every character of it), used
  only to hyphenate URLs (`uriWasteReduce`, which we never set); `reportlab.lib.textsplit`
  compiles a CJK range (about 5 ms) used only for CJK wrapping; `reportlab.lib.PyFontify`
  (Python syntax colours for `XPreformatted`) and `rl_safe_eval` (a list of unsafe names)
  compile two more, about 3 ms.

markdown-it compiles, while it loads, the patterns of rules our parsers keep off (raw HTML,
typographic replacements and quotes, linkify): about 8 ms of every report with text.

`defer()` adds a finder for those modules: `PIL.Image` is loaded lazily (by the
standard library's `LazyLoader`, on its first attribute use: reading a logo), and the two
patterns are compiled on their first use instead of while their module loads. Nothing
else changes: every other module and pattern loads as before, and a module that another
part of the process imported first is left as it is.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
import sys
import threading
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # the ABCs only for the types: importing importlib.abc costs about 2 ms
    import importlib.abc

LAZY_MODULES = frozenset({"PIL.Image"})
EVERY_PATTERN = ("",)
PATTERNS = {
    "reportlab.platypus.paragraph": ("(^(?:[a-z0-9\\.\\-\\+]*)://)",),
    "reportlab.lib.textsplit": ("([\u2e80-\uffff])",),
    "reportlab.lib.PyFontify": EVERY_PATTERN,
    "reportlab.lib.rl_safe_eval": ("\\b(?:",),
    "markdown_it.rules_block.html_block": EVERY_PATTERN,
    "markdown_it.common.html_re": EVERY_PATTERN,
    "markdown_it.rules_core.replacements": EVERY_PATTERN,
    "markdown_it.rules_core.smartquotes": EVERY_PATTERN,
    "markdown_it.rules_core.linkify": EVERY_PATTERN,
    "markdown_it.rules_inline.linkify": EVERY_PATTERN,
}
"""Per module, how the deferred patterns start (each is long and specific), or all of them.
A module's own use of a pattern goes through its attributes (`.search`, `.sub`), which
compile it: one passed to `re.sub` as a pattern would not work deferred."""


class DeferredPattern:
    """A compiled pattern made on first use: any attribute (match, search, …) compiles it."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    def compiled(self) -> re.Pattern[str]:
        with self._lock:
            if self._compiled is None:
                self._compiled = re.compile(*self._args)
            return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)


class _Loader:
    """Runs a module with `re.compile` returning a `DeferredPattern` for its costly patterns
    (a loader by its methods, as the import system asks of one)."""

    def __init__(self, loader: importlib.abc.Loader, starts: tuple[str, ...]) -> None:
        self.loader, self.starts = loader, starts

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        starts, original = self.starts, re.compile

        def compile_(pattern: Any, flags: Any = 0) -> Any:
            if isinstance(pattern, str) and pattern.startswith(starts):
                return DeferredPattern(pattern, flags)
            return original(pattern, flags)

        re.compile = compile_
        try:
            self.loader.exec_module(module)
        finally:
            re.compile = original


class _Finder:
    """A meta path finder (by its method) for the modules named above."""

    def find_spec(self, name: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if name not in LAZY_MODULES and name not in PATTERNS:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        if name in LAZY_MODULES:
            spec.loader = importlib.util.LazyLoader(spec.loader)
        else:
            spec.loader = cast("importlib.abc.Loader", _Loader(spec.loader, PATTERNS[name]))
        return spec


FINDER = _Finder()


def defer() -> None:
    """Install the finder (once); modules already imported are not affected. A frozen app
    imports from its own archive, which the path finder does not read: nothing to defer."""
    if FINDER not in sys.meta_path and not getattr(sys, "frozen", False):
        sys.meta_path.insert(0, FINDER)

