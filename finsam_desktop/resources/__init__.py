"""Files shipped with the app: example plans and fonts."""

from pathlib import Path

RESOURCES = Path(__file__).parent
EXAMPLES = RESOURCES / "examples"
FONTS = RESOURCES / "fonts"
DEFAULT_EXAMPLE = EXAMPLES / "skaraborg-2026.plan.json"


def example_plans() -> list[Path]:
    """The bundled example plans (exchange documents), by file name."""
    return sorted(EXAMPLES.glob("*.plan.json"))
