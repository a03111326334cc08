"""The Budget tab: editing lines per year moves the computed economy; margins and chart."""

from __future__ import annotations

from PySide6.QtCore import Qt

from finsam_desktop.domain.money import format_money
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.ui.tabs.budget_tab import BudgetTab

from .plan_models import show_tab


def make_tab(model, qtbot):
    return show_tab(BudgetTab, model, qtbot)


def figure(tab, label, year):
    row = tab.economy.row_of(label)
    assert row >= 0, label
    return tab.economy.index(row, tab.model.plan.years.index(year)).data()


def test_other_income_line_moves_income_result_and_equity(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = make_tab(model, qtbot)
    income = {y: model.outcome.years[y].income_total for y in model.plan.years}
    other = model.outcome.years[2027].other_income_total
    tab.add_line("other_income")
    table = tab.tables["other_income"]
    row = table.row_of(tab.views["other_income"].current_id())
    assert row == table.rowCount() - 1
    tab.views["other_income"].closePersistentEditor(tab.views["other_income"].currentIndex())
    assert table.setData(table.index(row, table.column_index("name")), "ESF-stöd")
    assert table.setData(table.index(row, table.column_index("amounts:2027")), "1,5 mkr")
    assert figure(tab, "Övriga intäkter", 2027) == format_money(other + 1_500_000)
    assert figure(tab, "Summa intäkter", 2027) == format_money(income[2027] + 1_500_000)
    assert figure(tab, "Summa intäkter", 2026) == format_money(income[2026])
    assert figure(tab, "Utgående eget kapital", 2028) == \
        format_money(model.outcome.years[2028].closing_equity)
    with PlanDocument.open(model.document.path, read_only=True) as written:
        assert [(x.name, dict(x.amounts)) for x in written.plan.other_income][-1] == \
            ("ESF-stöd", {2027: 1_500_000})

    tab.views["other_income"].select_id(model.plan.other_income[-1].id)
    tab.remove_lines("other_income")
    assert figure(tab, "Summa intäkter", 2027) == format_money(income[2027])


def test_cost_amount_refused_keeps_figures(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = make_tab(model, qtbot)
    table = tab.tables["costs"]
    index = table.index(0, table.column_index("amounts:2026"))
    before = (index.data(), figure(tab, "Summa kostnader", 2026))
    assert not table.setData(index, "12 kronor")
    assert (index.data(), figure(tab, "Summa kostnader", 2026)) == before
    assert "belopp" in tab.message.text()
    assert model.undo_stack.count() == 0


def test_rule_margins_per_year_and_chart(open_model, qtbot):
    model = open_model("skaraborg-2026")
    tab = make_tab(model, qtbot)
    margins = [m for m in model.outcome.margins]
    assert len(margins) == 3
    labels = [tab.economy.headerData(r, Qt.Orientation.Vertical)
              for r in range(tab.economy.rowCount())]
    margin_rows = [label for label in labels if label.startswith("Marginal")]
    assert len(margin_rows) == 3
    for label, margin in zip(margin_rows, margins, strict=True):
        assert figure(tab, label, 2026) == format_money(margin.margin)
    assert "20" in margin_rows[1] and "%" in margin_rows[1]
    assert tab.chart.series_names == ["Utgående eget kapital", "Lägsta eget kapital",
                                      "Högsta eget kapital"]
    # computed cells are read-only
    assert not tab.economy.flags(tab.economy.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_tkr_plan_shows_thousands_in_economy(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    year = model.plan.years[0]
    assert figure(tab, "Summa kostnader", year) == \
        format_money(model.outcome.years[year].costs_total, "tkr")
    assert "tkr" in tab.economy_box.title()


def test_chart_follows_edits_made_while_the_tab_was_hidden(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = make_tab(model, qtbot)
    tab.hide()
    table = tab.tables["costs"]
    assert table.setData(table.index(0, table.column_index("amounts:2027")), "3 mkr")
    tab.show()
    equity = tab.chart.chart().series()[0]
    assert [round(p.y() * 1000) for p in equity.points()] == \
        [model.outcome.years[y].closing_equity for y in model.plan.years]


def test_economy_model_passes_qt_model_checker(open_model, qtbot, qtmodeltester):
    tab = make_tab(open_model("skaraborg-2026"), qtbot)
    qtmodeltester.check(tab.economy)
    qtmodeltester.check(tab.tables["costs"])
