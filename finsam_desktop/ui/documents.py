"""Where the window's files live: the example copy, the recent-files list, new plans."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from .. import resources
from ..domain.plan import Contributions, Member, Plan, Shares
from ..services import plans
from ..services.session import PlanFileError, reason

RECENT_KEY = "recent_files"
RECENT_LIMIT = 8
SUFFIX = ".finsam"


def documents_folder() -> Path:
    """The app's folder in the user's documents (where the example copy goes)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(base or Path.home()) / "FinSam"


def example_copy(source: Path | None = None, folder: Path | None = None) -> Path:
    """A .finsam copy of a bundled example plan in the user's documents.

    The bundled JSON is only read. An existing copy is reused so the user's
    exploring is kept between runs.
    """
    source = Path(source or resources.DEFAULT_EXAMPLE)
    folder = Path(folder or documents_folder())
    target = folder / (source.name.removesuffix(".plan.json") + "-exempel" + SUFFIX)
    if target.exists():
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PlanFileError(f"Mappen {folder} kunde inte skapas: {reason(error)}.") from None
    plans.import_plan(source, target)
    return target


def with_suffix(path: str) -> Path:
    """The chosen path, with .finsam added when the user left it out."""
    chosen = Path(path)
    return chosen if chosen.suffix.lower() == SUFFIX else chosen.with_name(chosen.name + SUFFIX)


def new_plan(association: str, plan_year: int, span: int, unit: str) -> Plan:
    """A new plan with the usual shares (½ state, ¼ region, ¼ municipalities)."""
    return Plan(
        association=association.strip(), plan_year=plan_year, plan_span=span, unit=unit,
        contributions=Contributions(
            shares=Shares(Decimal("0.5"), Decimal("0.25"), Decimal("0.25")), rounding=1),
        members=(Member(1, "Staten (FK + AF)", "state"), Member(2, "Regionen", "region")),
    )


class RecentFiles:
    """The recently opened plan files, newest first, kept in QSettings."""

    def __init__(self, settings: QSettings):
        self.settings = settings

    def paths(self) -> list[str]:
        # docs/pitfalls.md (QSettings lists): a one-element list comes back as a str, an empty one as None.
        values = self.settings.value(RECENT_KEY, [], type=list) or []
        return [str(value) for value in values if value]

    def add(self, path: str | Path) -> None:
        text = str(Path(path).resolve())
        paths = [p for p in self.paths() if p != text]
        self.settings.setValue(RECENT_KEY, ([text] + paths)[:RECENT_LIMIT])

    def remove(self, path: str | Path) -> None:
        text = str(Path(path).resolve())
        self.settings.setValue(RECENT_KEY, [p for p in self.paths() if p != text])
