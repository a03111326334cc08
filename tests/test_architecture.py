"""The structure, checked on the source: `cli, ui -> services -> storage, reports -> domain`.

Each test here can fail: `test_the_checks_catch_*` feed them a bad tree and expect a report.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "finsam_desktop"
ROOT = "finsam_desktop"
LEAVES = {"resources", ""}
"""Imported by any layer: the bundled files, and the package itself (its `__version__`)."""

ALLOWED = {
    "domain": set(),
    "storage": {"domain"},
    "reports": {"domain"},
    "services": {"storage", "reports", "domain"},
    "ui": {"services", "domain"},
    "cli": {"services", "domain", "ui"},
}
"""Which layers each layer may import (besides itself and LEAVES)."""

SHORTCUTS: set[tuple[str, str]] = set()
"""Layer edges that skip a layer and are still allowed. Empty: the window reaches storage
through services (`services.session`, `services.text_import`). Do not add."""

THIRD_PARTY = {
    "domain": ("PySide6", "sqlite3", "sqlite_utils", "reportlab", "openpyxl", "argparse"),
    "storage": ("PySide6", "reportlab", "argparse"),
    "reports": ("PySide6", "sqlite3", "sqlite_utils", "argparse"),
    "services": ("PySide6", "argparse"),
    "ui": ("argparse",),
}
"""Libraries a layer never imports: Qt only in ui, SQL only in storage, argparse only in cli."""

OVERSIZED = {"storage/planfile.py": 460, "domain/exchange.py": 445, "domain/edits.py": 415,
             "reports/pdf.py": 445}
"""Modules over the 400-line limit when the check was added (owners are splitting them), with
the most lines each may have until then; lower these, never raise them."""
MAX_LINES = 400


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([ROOT, *parts])


def imported_modules(path: Path, root: Path = PACKAGE) -> set[str]:
    """Absolute names of every module `path` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path, root).split(".")
    if path.name != "__init__.py":
        package.pop()
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
                if not node.module:  # "from .. import resources": the names are modules
                    found.update(f"{module}.{alias.name}" for alias in node.names)
            else:
                module = node.module or ""
            found.add(module)
    return found


def layer_of(module: str, root: Path = PACKAGE) -> str | None:
    """"storage" for finsam_desktop.storage.lock, "" for the package itself, None outside."""
    parts = module.split(".")
    if parts[0] != ROOT:
        return None
    if len(parts) > 1 and ((root / parts[1]).is_dir() or (root / f"{parts[1]}.py").exists()):
        return parts[1]
    return ""


def layer_edges(root: Path = PACKAGE) -> set[tuple[str, str, str]]:
    """(importing layer, imported layer, where) for every import between two layers."""
    edges = set()
    for path in root.rglob("*.py"):
        layer = layer_of(module_name(path, root), root)
        for module in imported_modules(path, root):
            target = layer_of(module, root)
            if target is not None and target != layer:
                edges.add((layer, target, f"{path.relative_to(root)} imports {module}"))
    return edges


def wrong_edges(edges) -> list[str]:
    return sorted(where for source, target, where in edges
                  if source in ALLOWED and target not in LEAVES
                  and target not in ALLOWED[source] and (source, target) not in SHORTCUTS)


def test_layers_import_only_the_layers_below():
    assert wrong_edges(layer_edges()) == []


def test_the_layers_have_no_cycle():
    graph: dict[str, set[str]] = {}
    for source, target, _ in layer_edges():
        if target not in LEAVES:
            graph.setdefault(source, set()).add(target)
    assert cycle_in(graph) is None


def cycle_in(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of `graph` as a path, or None."""
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = "open"
        for child in sorted(graph.get(node, ())):
            if state.get(child) == "open":
                return path + [node, child]
            if child not in state:
                found = visit(child, path + [node])
                if found:
                    return found
        state[node] = "done"
        return None
    for node in sorted(graph):
        if node not in state:
            found = visit(node, [])
            if found:
                return found
    return None


@pytest.mark.parametrize("layer", sorted(THIRD_PARTY))
def test_layer_uses_only_its_libraries(layer):
    offenders = []
    for path in (PACKAGE / layer).rglob("*.py"):
        for module in imported_modules(path):
            if any(module == bad or module.startswith(bad + ".") for bad in THIRD_PARTY[layer]):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not offenders


def string_imports(path: Path) -> list[str]:
    """Calls that import a module by a name in a string: a frozen build cannot see them.

    An import finder's own `find_spec` asking the path finder for the module being
    imported (`reports.pdf_imports`) imports nothing: the import statement is elsewhere.
    """
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    delegating = {id(node) for function in ast.walk(tree)
                  if isinstance(function, ast.FunctionDef) and function.name == "find_spec"
                  for node in ast.walk(function)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and id(node) not in delegating:
            function = node.func
            name = getattr(function, "attr", None) or getattr(function, "id", None)
            if name in ("import_module", "__import__", "find_spec", "reload"):
                found.append(f"{path.name}:{node.lineno} {name}()")
    return found


def test_no_module_of_ours_is_imported_by_a_string():
    assert [hit for path in PACKAGE.rglob("*.py") for hit in string_imports(path)] == []


def test_modules_stay_small():
    too_long = {}
    for path in PACKAGE.rglob("*.py"):
        name = path.relative_to(PACKAGE).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines >= OVERSIZED.get(name, MAX_LINES - 1) + 1:
            too_long[name] = lines
    assert too_long == {}


def test_the_checks_catch_a_bad_tree(tmp_path):
    """A domain module importing Qt and storage, reports importing storage, ui importing
    cli, a string import and a cycle are all reported."""
    fake = tmp_path / ROOT
    for layer in ("domain", "storage", "reports", "ui", "cli"):
        (fake / layer).mkdir(parents=True)
        (fake / layer / "__init__.py").write_text("")
    (fake / "domain" / "bad.py").write_text("from PySide6.QtCore import QObject\n"
                                            "from ..storage import x\n")
    (fake / "reports" / "pdf.py").write_text("from ..storage.exchange_file import atomic_output\n")
    (fake / "ui" / "tabs").mkdir()
    (fake / "ui" / "tabs" / "t.py").write_text("from ...cli import main\n"
                                               "import importlib\n"
                                               "importlib.import_module('finsam_desktop.x')\n")
    (fake / "storage" / "s.py").write_text("from ..domain import bad\n")
    modules = imported_modules(fake / "domain" / "bad.py", fake)
    assert "PySide6.QtCore" in modules and "finsam_desktop.storage" in modules
    assert "finsam_desktop.cli" in imported_modules(fake / "ui" / "tabs" / "t.py", fake)
    wrong = wrong_edges(layer_edges(fake))
    assert any("domain/bad.py" in w for w in wrong)
    assert any("reports/pdf.py" in w for w in wrong)
    assert any("ui/tabs/t.py" in w for w in wrong)
    assert string_imports(fake / "ui" / "tabs" / "t.py")
    graph = {"domain": {"storage"}, "storage": {"domain"}}
    assert cycle_in(graph) == ["domain", "storage", "domain"]
