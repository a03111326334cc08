"""The dependency direction ui -> storage, reports -> domain, checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "finsam_desktop"
FORBIDDEN = {
    "domain": ("PySide6", "sqlite3", "sqlite_utils", "reportlab", "openpyxl",
               "finsam_desktop.storage", "finsam_desktop.reports", "finsam_desktop.ui"),
    "storage": ("PySide6", "reportlab", "finsam_desktop.reports", "finsam_desktop.ui"),
    "reports": ("PySide6", "sqlite3", "sqlite_utils", "finsam_desktop.ui"),
}


def imported_modules(path: Path, root: Path = PACKAGE) -> set[str]:
    """Absolute names of every module `path` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    layer = path.relative_to(root).parts[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ["finsam_desktop", layer][: 3 - node.level] if node.level <= 2 else []
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer):
    offenders = []
    for path in (PACKAGE / layer).rglob("*.py"):
        for module in imported_modules(path):
            if any(module == bad or module.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not offenders


def test_the_check_catches_a_bad_import(tmp_path):
    """The check itself can fail: a domain module importing Qt is reported."""
    fake = tmp_path / "finsam_desktop" / "domain"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("from PySide6.QtCore import QObject\nfrom ..storage import x\n")
    modules = imported_modules(fake / "bad.py", tmp_path / "finsam_desktop")
    assert "PySide6.QtCore" in modules and "finsam_desktop.storage" in modules
