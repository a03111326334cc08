"""Files shipped with the app: example plans and fonts.

The folder is `resources/` at the top of the repository and the package
`finsam_desktop.resources` everywhere (pyproject maps it): an installed wheel and a
frozen app carry it inside the package, an editable install maps it, and a bare
checkout finds it through `finsam_desktop.__path__` (see `finsam_desktop/__init__.py`).
"""

from pathlib import Path

RESOURCES = Path(__file__).parent
"""Beside this module in every layout (`importlib.resources` gives the same folder here,
and its import cost a report's start about 2 ms of zipfile and readers)."""
EXAMPLES = RESOURCES / "examples"
FONTS = RESOURCES / "fonts"
DEFAULT_EXAMPLE = EXAMPLES / "skaraborg-2026.plan.json"


def example_plans() -> list[Path]:
    """The bundled example plans (exchange documents), by file name."""
    return sorted(EXAMPLES.glob("*.plan.json"))
