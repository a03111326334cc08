"""*Importera folkmängd…*: read an SCB export, preview the matches, update the keys as one step.

Nothing changes before the user has seen which municipalities were matched
and which rows could not be; a file with unknown or unreadable rows can only
be cancelled. The change is one undoable step through `PlanModel.apply`.
Dialogs go through `dialogs.*` and `preview_population`, which tests patch.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.edits import EditError
from ..domain.money import format_number
from ..domain.plan import Plan
from ..domain.population import PopulationImport, apply_population, default_source, read_population
from ..services.session import PlanFileError, read_population_rows
from . import dialogs

POPULATION_FILTER = "Folkmängd från SCB (*.csv *.xlsx *.txt);;Alla filer (*)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("PopulationDialog", text)


def _number(value: int | None) -> str:
    return "–" if value is None else format_number(value)


def _change(value: int) -> str:
    return ("+" if value > 0 else "") + format_number(value)


def _table(headers: list[str], rows: list[list[str]], numeric: set[int]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c in numeric:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


class PopulationPreviewDialog(QDialog):
    """The matches and the problems of an import, before anything changes."""

    def __init__(self, plan: Plan, result: PopulationImport, source: str, file_name: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_tr("Importera folkmängd"))
        layout = QVBoxLayout(self)
        intro = QLabel(_tr("{name}: {count} av {total} kommuner hittades i filen.").format(
            name=file_name, count=len(result.matches),
            total=sum(1 for m in plan.members if m.kind == "municipality")))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.matches = _table(
            [_tr("Kommun i planen"), _tr("Rad"), _tr("I filen"), _tr("Nuvarande nyckel"),
             _tr("Ny folkmängd"), _tr("Ändring")],
            [[m.member_name, str(m.row.row), m.row.region, _number(m.old_key),
              _number(m.population),
              _tr("oförändrad") if m.old_key == m.population else
              (_change(m.population - m.old_key) if m.old_key is not None else _tr("ny"))]
             for m in result.matches],
            {1, 3, 4, 5})
        layout.addWidget(self.matches, 2)
        problems = result.problems()
        notes = result.warnings() + [
            _tr("Rad {row} (”{region}”) är ingen kommun och hoppas över.").format(
                row=row.row, region=row.region) for row in result.skipped_rows]
        self.problems = QLabel()
        self.problems.setObjectName("population_problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        if problems:
            self.problems.setText(_tr("Filen kan inte läsas in förrän de här raderna är "
                                      "rättade; inget har ändrats:") + "\n" + "\n".join(
                "• " + line for line in problems))
            self.problems.setStyleSheet("color: #8a1c1c;")
        self.problems.setVisible(bool(problems))
        layout.addWidget(self.problems)
        self.notes = QLabel("\n".join("• " + line for line in notes))
        self.notes.setObjectName("population_notes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setVisible(bool(notes))
        layout.addWidget(self.notes)
        form = QFormLayout()
        self.source = QLineEdit(source)
        self.source.setToolTip(_tr("Skrivs som nyckelkälla för de kommuner som uppdateras."))
        form.addRow(_tr("Nyckelkälla:"), self.source)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_tr("Uppdatera nycklarna"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("Avbryt"))
        self.ok_button.setEnabled(result.ok)
        self.source.textChanged.connect(
            lambda text: self.ok_button.setEnabled(result.ok and bool(text.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(680, 460)


def preview_population(parent: QWidget | None, plan: Plan, result: PopulationImport,
                       source: str, file_name: str) -> str | None:
    """Show the preview; the key source to use when the user accepts, else None. Tests patch this."""
    dialog = PopulationPreviewDialog(plan, result, source, file_name, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.source.text()


def import_population(parent: QWidget | None, model) -> bool:
    """Ask for an SCB file, preview it, and update the keys as one undoable change."""
    title = _tr("Importera folkmängd")
    if model.read_only:
        dialogs.show_error(parent, title, _tr("Planen är öppnad skrivskyddat och kan inte ändras."))
        return False
    path = dialogs.ask_open_path(parent, _tr("Välj folkmängd från SCB"), POPULATION_FILTER)
    if not path:
        return False
    try:
        rows = read_population_rows(path)
    except PlanFileError as error:
        dialogs.show_error(parent, title, str(error))
        return False
    plan = model.plan
    result = read_population(plan, rows)
    source = preview_population(parent, plan, result, default_source(plan, result),
                                Path(path).name)
    if source is None or not result.ok:
        return False
    try:
        new_plan = apply_population(plan, result.matches, source)
    except EditError as error:
        dialogs.show_error(parent, title, str(error))
        return False
    refusal = model.apply(_tr("Importera folkmängd"), new_plan).refusal
    if refusal:
        dialogs.show_error(parent, title, refusal)
        return False
    return True
