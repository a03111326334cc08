"""Cell ranges on the clipboard as spreadsheets write them: tab-separated text and an HTML table.

Excel and LibreOffice Calc put both on the clipboard; reading prefers the plain text (it is
exactly what the cells held) and falls back to the first HTML table (a web page, Word).
Qt-free apart from QMimeData, so the parsing is tested on its own.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from PySide6.QtCore import QMimeData

Grid = list[list[str]]
_SPACES = re.compile(r"[ \t\r\n]+")  # HTML white space; a no-break space is kept


def to_tsv(grid: Grid) -> str:
    """Rows of cells as tab-separated lines (tabs and line breaks inside a cell become spaces)."""
    def clean(text: str) -> str:
        return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return "".join("\t".join(clean(cell) for cell in row) + "\n" for row in grid)


def to_html(grid: Grid) -> str:
    """The same rows as a minimal HTML table (what Calc and Excel read on paste)."""
    rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
                   for row in grid)
    return f"<html><body><table>{rows}</table></body></html>"


def from_tsv(text: str) -> Grid:
    """Tab-separated lines to rows of cells; Excel's quoted cells ("a""b") are unquoted and
    the final line break does not make an empty row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if text == "":
        return []
    rows: Grid = []
    for line in text.split("\n"):
        cells = []
        for cell in line.split("\t"):
            if len(cell) >= 2 and cell[0] == cell[-1] == '"':
                cell = cell[1:-1].replace('""', '"')
            cells.append(cell)
        rows.append(cells)
    return rows


class _TableParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: Grid = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._depth = 0
        self.done = False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "table":
            self._depth += 1
        elif tag == "tr" and self._depth == 1:
            self._row = []
        elif tag in ("td", "th") and self._row is not None and self._depth == 1:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if self.done:
            return
        if tag in ("td", "th") and self._cell is not None and self._row is not None \
                and self._depth == 1:
            self._row.append(_SPACES.sub(" ", "".join(self._cell)).strip(" "))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._depth == 1:
            self.rows.append(self._row)
            self._row = None
        elif tag == "table":
            self._depth -= 1
            if self._depth == 0:
                self.done = True

    def handle_data(self, data):
        if self._cell is not None and self._depth == 1:
            self._cell.append(data)


def from_html(html: str) -> Grid:
    """The cells of the first table in `html` (nested tables are ignored)."""
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    return parser.rows


def grid_mime(grid: Grid) -> QMimeData:
    mime = QMimeData()
    mime.setText(to_tsv(grid))
    mime.setHtml(to_html(grid))
    return mime


def grid_from_mime(mime: QMimeData | None) -> Grid:
    """What a paste brings: the text's cells, else the HTML table's; [] when neither."""
    if mime is None:
        return []
    if mime.hasText() and mime.text():
        return from_tsv(mime.text())
    if mime.hasHtml():
        return from_html(mime.html())
    return []
