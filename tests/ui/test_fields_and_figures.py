"""Setting fields revert on Escape and forget old refusals; figure tables fit their figures."""

from __future__ import annotations

from PySide6.QtCore import Qt

from finsam_desktop.domain.money import NBSP
from finsam_desktop.ui.tabs.budget_tab import BudgetTab
from finsam_desktop.ui.tabs.overview_tab import OverviewTab

from .plan_models import show_tab


def test_escape_puts_the_plans_value_back_without_committing(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = show_tab(OverviewTab, model, qtbot, active=True, in_window=True)
    field = tab.fields["total_2026"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    qtbot.keyClicks(field, "99")
    assert field.text() == "99"
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == f"16{NBSP}000{NBSP}000"
    tab.fields["share_state"].setFocus()  # leaving the field commits nothing
    qtbot.waitUntil(lambda: not field.hasFocus())
    assert model.undo_stack.count() == 0 and model.plan.contributions.totals[2026] == 16_000_000


def test_an_old_refusal_clears_after_the_next_good_edit_anywhere(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = show_tab(OverviewTab, model, qtbot, in_window=True)
    field = tab.fields["total_2026"]
    field.setText("abc")
    field.setModified(True)
    field.editingFinished.emit()
    assert "b00020" in field.styleSheet() and tab.message.isVisibleTo(tab)
    other = tab.fields["total_2027"]
    other.setText("17 000 000")
    other.setModified(True)
    other.editingFinished.emit()
    assert model.plan.contributions.totals[2027] == 17_000_000
    assert field.styleSheet() == "" and field.toolTip() == ""
    assert not tab.message.isVisibleTo(tab)


def test_economy_columns_fit_their_widest_figure(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = show_tab(BudgetTab, model, qtbot)
    tab.test_window = None
    tab.resize(900, 700)  # a narrow laptop window
    qtbot.wait(20)
    view, economy = tab.economy_view, tab.economy
    metrics = view.fontMetrics()
    for column in range(economy.columnCount()):
        widest = max(metrics.horizontalAdvance(economy.index(row, column).data())
                     for row in range(economy.rowCount()))
        assert view.horizontalHeader().sectionSize(column) >= widest + 4


def test_spreadsheet_text_and_html_parse_to_the_same_cells():
    from finsam_desktop.ui.clipboard import from_html, from_tsv, to_tsv
    assert from_tsv('a\t"b ""c"""\r\n1\t2\r\n') == [["a", 'b "c"'], ["1", "2"]]
    assert from_tsv(to_tsv([["x\ty", "z"]])) == [["x y", "z"]]
    html = ("<table><tr><th>A</th><td>1&nbsp;000</td></tr>"
            "<tr><td><table><tr><td>inre</td></tr></table>B</td><td>2</td></tr></table>"
            "<table><tr><td>annan</td></tr></table>")
    assert from_html(html) == [["A", "1\u00a0000"], ["B", "2"]]
