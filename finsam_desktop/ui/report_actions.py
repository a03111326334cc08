"""Preview, print and export the plan report from the window.

Preview and print show the very PDF that export writes (rendered by
`reports.pdf`, laid out once): the preview with Qt's PDF viewer, the print by
drawing each page of that PDF onto the printer. The report and the workbook are
written on a worker thread while the window paints (`background`), and so is the plan
JSON: at 50 000 interventions each takes seconds. Every dialog goes through a patchable function
(`dialogs.ask_save_path`, `dialogs.show_error`, `ask_printer`), so tests never block
on a native dialog.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import UserFacingError
from ..services import exports
from ..services.output import write_output
from . import dialogs
from .background import run_for

if TYPE_CHECKING:  # Qt's PDF and printing modules load when a preview or print is asked for
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

PRINT_DPI = 300
"""Pages are printed as images of at most this resolution: sharp on paper, bounded in memory."""


def tr(text: str) -> str:
    return QCoreApplication.translate("ReportActions", text)


@contextmanager
def _busy():
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def suggested_name(model, suffix: str) -> str:
    """"Verksamhetsplan 2026 Samordningsförbundet Skaraborg.pdf" beside the plan file."""
    plan = model.plan
    name = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", f"Verksamhetsplan {plan.plan_year} {plan.association}")
    name = " ".join(name.split())[:120] or "Verksamhetsplan"
    return str(Path(model.document.path).parent / f"{name}{suffix}")


def _with_suffix(path: str, suffix: str) -> Path:
    return Path(path) if path.lower().endswith(suffix) else Path(path + suffix)


def _render(parent: QWidget | None, model, target: Path) -> None:
    plan, outcome = model.plan, model.outcome
    # the report breaks its own cycles on the worker (`write_report`'s free): the collector
    # that runs again afterwards, on the window's thread, finds none of them
    run_for(parent, lambda _: exports.write_report(plan, outcome, target, force=True),
            tr("Skriver rapporten …"))


def _report_error(parent: QWidget | None, title: str, error: Exception) -> None:
    if isinstance(error, UserFacingError):
        message = str(error)
    else:
        message = tr("Rapporten kunde inte skapas: {0}").format(error)
    dialogs.show_error(parent, title, message)


def _export(parent: QWidget | None, model, title: str, name_filter: str, suffix: str,
            write, suggested: str | None = None) -> Path | None:
    """Ask where, then `write(target)`; the path written, or None (cancelled or refused)."""
    path = dialogs.ask_save_path(parent, title, name_filter,
                                 suggested or suggested_name(model, suffix))
    if not path:
        return None
    target = _with_suffix(path, suffix)
    try:
        write(target)  # the save dialog has already asked about replacing
    except (UserFacingError, OSError, ValueError) as error:
        _report_error(parent, title, error)
        return None
    dialogs.show_written(parent, title, target)
    return target


def export_pdf(parent: QWidget | None, model) -> Path | None:
    """Ask where, then write the report there; the path written, or None."""
    return _export(parent, model, tr("Exportera PDF"), dialogs.PDF_FILTER, ".pdf",
                   lambda target: _render(parent, model, target))


def export_excel(parent: QWidget | None, model) -> Path | None:
    """Ask where, then write the Medlemmar/Insatser/Ekonomi workbook; the path, or None."""
    plan, outcome = model.plan, model.outcome

    def write(target: Path) -> None:
        run_for(parent, lambda _: exports.write_excel(plan, outcome, target, force=True),
                tr("Skriver tabellerna …"))
    return _export(parent, model, tr("Exportera till Excel"), dialogs.EXCEL_FILTER, ".xlsx",
                   write)


def export_json(parent: QWidget | None, model) -> Path | None:
    """Ask where, then write the plan as a plan JSON; the path written, or None."""
    plan = model.plan

    def write(target: Path) -> None:
        run_for(parent, lambda _: exports.write_json(plan, target, force=True),
                tr("Skriver planen …"))
        if hasattr(parent, "statusBar"):
            parent.statusBar().showMessage(tr("Exporterade {0}.").format(target.name), 5000)
    return _export(parent, model, tr("Exportera JSON"), dialogs.JSON_FILTER, ".json", write,
                   str(Path(model.document.path).with_suffix(".json")))


class ReportPreview(QDialog):
    """The real report PDF in Qt's viewer, with print and export at hand."""

    def __init__(self, parent: QWidget | None, model, pdf_path: Path, folder):
        super().__init__(parent)
        self.model = model
        self.pdf_path = pdf_path
        self._folder = folder
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView
        self.setWindowTitle(tr("Förhandsgranskning – {0}").format(model.plan.association))
        self.document = QPdfDocument(self)
        self.document.load(str(pdf_path))
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.pages = QLabel(tr("{0} sidor").format(self.document.pageCount()), self)
        zoom = QHBoxLayout()
        zoom.addWidget(self.pages, 1)
        for text, keys, slot in ((tr("Förminska"), "Ctrl+-", lambda: self.zoom_by(1 / 1.25)),
                                 (tr("Förstora"), "Ctrl++", lambda: self.zoom_by(1.25)),
                                 (tr("Hela bredden"), "Ctrl+0", self.fit_width)):
            button = QPushButton(text, self)
            button.setShortcut(QKeySequence(keys))
            button.setToolTip(f"{text} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})")
            button.clicked.connect(slot)
            zoom.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = QPushButton(tr("Skriv ut…"), self)
        self.export_button = QPushButton(tr("Exportera PDF…"), self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(lambda: print_pdf(self, self.pdf_path))
        self.export_button.clicked.connect(lambda: export_pdf(self, self.model))
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(zoom)
        layout.addWidget(buttons)
        self.resize(fitted(QSize(860, 980), parent))
        self.finished.connect(self._clean_up)

    def zoom_by(self, factor: float) -> None:
        """Zoom in or out from what is shown now (fit to width included)."""
        self.view.setZoomMode(self.view.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, self.view.zoomFactor() * factor)))

    def fit_width(self) -> None:
        self.view.setZoomMode(self.view.ZoomMode.FitToWidth)

    def _clean_up(self) -> None:
        self.document.close()
        self._folder.cleanup()


def fitted(wanted: QSize, parent: QWidget | None) -> QSize:
    """`wanted`, made smaller where the screen has less room (a 1366×768 laptop)."""
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size() if screen is not None else wanted
    return QSize(min(wanted.width(), room.width() - 24), min(wanted.height(), room.height() - 40))


def preview_report(parent: QWidget | None, model) -> ReportPreview | None:
    """Render the report and open it in a preview window (window-modal, returns at once)."""
    folder = tempfile.TemporaryDirectory(prefix="finsam-rapport-")
    target = Path(folder.name) / "verksamhetsplan.pdf"
    try:
        _render(parent, model, target)
    except (UserFacingError, OSError, ValueError) as error:
        folder.cleanup()
        _report_error(parent, tr("Förhandsgranska"), error)
        return None
    dialog = ReportPreview(parent, model, target, folder)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def ask_printer(parent: QWidget | None, printer: QPrinter, pages: int) -> bool:
    """The print dialog for a document of `pages` pages; True to print. Tests patch this."""
    from PySide6.QtPrintSupport import QPrintDialog
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Skriv ut verksamhetsplanen"))
    dialog.setMinMax(1, max(pages, 1))
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    return dialog.exec() == QDialog.DialogCode.Accepted


def print_report(parent: QWidget | None, model) -> int:
    """Render the report, ask for a printer and print its pages; the number of pages printed."""
    with tempfile.TemporaryDirectory(prefix="finsam-utskrift-") as folder:
        target = Path(folder) / "verksamhetsplan.pdf"
        try:
            _render(parent, model, target)
        except (UserFacingError, OSError, ValueError) as error:
            _report_error(parent, tr("Skriv ut"), error)
            return 0
        return print_pdf(parent, target)


def print_pdf(parent: QWidget | None, pdf_path: Path) -> int:
    """Print the pages of `pdf_path` the user picks; the number of pages printed."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter
    document = QPdfDocument()
    document.load(str(pdf_path))
    count = document.pageCount()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(pdf_path.stem)
    if not ask_printer(parent, printer, count):
        document.close()
        return 0
    first, last = printer.fromPage(), printer.toPage()
    pages = range(count) if first == 0 else range(first - 1, min(last, count))
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        document.close()  # "print" to a file: the report itself, real text, not page pictures
        return _print_to_file(parent, pdf_path, Path(printer.outputFileName()), pages, count)
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        dialogs.show_error(parent, tr("Skriv ut"), tr("Skrivaren kunde inte startas."))
        return 0
    printed = 0
    try:
        with _busy():
            for index in pages:
                if printed:
                    printer.newPage()
                _draw_page(painter, printer, document, index)
                printed += 1
    finally:
        painter.end()
        document.close()
    return printed


def _print_to_file(parent: QWidget | None, pdf_path: Path, target: Path, pages: range,
                   count: int) -> int:
    """Write the report's own PDF (the chosen pages) where the file printer points."""
    def write(temp: Path) -> None:
        if len(pages) == count:
            shutil.copyfile(pdf_path, temp)
            return
        import pikepdf
        with pikepdf.open(pdf_path) as source, pikepdf.new() as chosen:
            chosen.pages.extend(source.pages[index] for index in pages)
            chosen.save(temp)
    try:
        with _busy():
            write_output(target, write, force=True)
    except UserFacingError as error:
        dialogs.show_error(parent, tr("Skriv ut"), str(error))
        return 0
    return len(pages)


def _draw_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, index: int) -> None:
    """One PDF page as an image on white (QPdfDocument renders onto transparent), fitted to the paper."""
    points = document.pagePointSize(index)
    dpi = min(printer.resolution(), PRINT_DPI)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    page = QImage(size, QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)
    with_content = QPainter(page)
    with_content.drawImage(QPointF(0, 0), document.render(index, size))
    with_content.end()
    area = painter.viewport()
    scale = min(area.width() / size.width(), area.height() / size.height())
    width, height = size.width() * scale, size.height() * scale
    painter.drawImage(QRectF((area.width() - width) / 2, (area.height() - height) / 2, width, height),
                      page)
