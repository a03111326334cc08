"""Cells broken into lines a column at a time break as each row's cells do on their own."""

from __future__ import annotations

from finsam_desktop.reports import fast_table
from finsam_desktop.reports.blocks import Column, Row, Table
from finsam_desktop.reports.fonts import register_fonts


def _table(columns: int, number: str = "1 234 567") -> Table:
    head = (Column("Insats", width=3.0), Column("Insatsägare"),
            Column("2026", numeric=True), Column("2027", numeric=True))[:columns]
    texts = ["Steg 1", "Ett mycket långt namn på en insats som inte får plats på en rad i "
             "sin kolumn utan bryts", "Tab\tmed\x07kontroll", "Steg 1", ""]
    rows = [Row(("Individinriktade insatser",) + ("",) * (columns - 1), "heading")]
    for n, text in enumerate(texts):
        cells = (text, "Arbetsförmedlingen" if n % 2 else "Region\r\nVästra Götaland",
                 number if n == 3 else "1 234 567", "12\u00a0345,5" + "9" * (45 if n == 2 else 0))[:columns]
        rows.append(Row(cells, "body" if n < 4 else "subtotal"))
    return Table(head, tuple(rows))


def test_a_table_measured_by_columns_breaks_each_cell_as_its_row_alone_would():
    font = register_fonts()
    for columns, number in ((1, ""), (2, ""), (4, "1 234 567"), (4, "1\t234\r567"),
                            (4, "\u00a01\u2212234")):
        table = _table(columns, number)
        layout = fast_table.measure(table, font, 450.0)
        inner = [w - 2 * fast_table.PAD for w in layout.widths]
        numeric = [c.numeric for c in table.columns]
        body = [row for row in layout.rows]
        plain = [row for row in table.rows if row.kind not in fast_table.SPANNING]
        alone = [fast_table._cells(row, font, numeric, inner, layout.size) for row in plain]
        assert [row.cells for row in body if row.kind not in fast_table.SPANNING] == alone
        heights = [row.height for row in body if row.kind not in fast_table.SPANNING]
        assert heights == [max(map(len, cells)) * layout.leading + 2 * fast_table.PAD + 1
                           for cells in alone]
    wrapped = fast_table.measure(_table(4), font, 450.0).rows[2].cells[0]
    assert len(wrapped) > 1 and " ".join(wrapped).startswith("Ett mycket långt namn")


def test_what_printable_replaces_is_never_printable_so_a_printable_column_needs_no_pass():
    from finsam_desktop.reports.wrapping import _UNPRINTABLE, printable

    assert all(not chr(code).isprintable() for code in _UNPRINTABLE)
    assert printable("12\u00a0345") == "12\u00a0345"  # the one non-printable it keeps
