"""*Nytt år från fjolårets fil…*: pick last year's file and the new one, roll, show the summary.

Last year's file is read as untrusted input and never changed (storage.rollover). Reading
it and writing the new plan run on a worker while the window paints (seconds at 50 000
interventions).
Every dialog goes through a patchable function: `dialogs.ask_open_path`,
`dialogs.ask_save_path`, `dialogs.show_error` and `show_summary` here.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ..domain.errors import UserFacingError
from ..domain.rollover import RolloverSummary
from ..services.plans import new_year
from ..services.session import PlanFileError, read_last_year, suggested_name
from . import dialogs
from .background import reading, run_for
from .documents import with_suffix


def _tr(text: str) -> str:
    return QCoreApplication.translate("RolloverDialog", text)


def summary_html(summary: RolloverSummary) -> str:
    """The summary as simple HTML; every line is escaped (names come from the file)."""
    def items(lines) -> str:
        return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"
    left = [f"{item.name}: {item.reason}" for item in summary.left_behind] or [
        _tr("Inget; alla insatser följer med.")]
    return (f"<h3>{html.escape(_tr('Följer med'))}</h3>{items(summary.carried)}"
            f"<h3>{html.escape(_tr('Lämnas kvar'))}</h3>{items(left)}"
            f"<h3>{html.escape(_tr('Att göra nu'))}</h3>{items(summary.to_check)}")


class RolloverSummaryDialog(QDialog):
    """What came along, what was left behind and why, and what to check now."""

    def __init__(self, summary: RolloverSummary, target: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_tr("Ny plan för {year}").format(year=summary.to_year))
        layout = QVBoxLayout(self)
        heading = QLabel(_tr("{title}. Den nya planen är sparad som {name}; fjolårets fil är "
                             "oförändrad.").format(title=summary.title, name=target.name))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setHtml(summary_html(summary))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("Öppna den nya planen"))
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(620, 520)


def show_summary(parent: QWidget | None, summary: RolloverSummary, target: Path) -> None:
    """Show the summary modally. Tests patch this."""
    RolloverSummaryDialog(summary, target, parent).exec()


def start_new_year(parent: QWidget | None) -> str | None:
    """Make next year's plan from a file the user picks; the new file's path, or None."""
    title = _tr("Nytt år från fjolårets fil")
    model = getattr(parent, "model", None)  # the open plan is the likely last year's
    source = dialogs.ask_open_path(parent, _tr("Välj fjolårets plan"), dialogs.PLAN_FILTER,
                                   str(model.document.path) if model is not None else "")
    if not source:
        return None
    try:
        last_year = run_for(parent, lambda _: read_last_year(source), reading(source))
    except PlanFileError as error:
        dialogs.show_error(parent, title, str(error))
        return None
    year = last_year.plan_year + 1
    chosen = dialogs.ask_save_path(parent, _tr("Spara planen för {year} som").format(year=year),
                                   dialogs.PLAN_FILTER,
                                   str(suggested_name(source, year)))
    if not chosen:
        return None
    target = with_suffix(chosen)
    try:  # the save dialog has asked before replacing; the job refuses a file in use
        _, summary = run_for(parent, lambda _: new_year(source, target, year=year, force=True),
                             _tr("Skriver planen för {year} …").format(year=year))
    except UserFacingError as error:
        dialogs.show_error(parent, title, str(error))
        return None
    show_summary(parent, summary, target)
    return str(target)
