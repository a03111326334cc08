"""Grouping the Insatser tab by area, category or municipality, with subtotals per group."""

from __future__ import annotations

from PySide6.QtCore import Qt

from finsam_desktop.domain.money import NBSP
from finsam_desktop.ui.tables import ID_ROLE

from .test_interventions_tab import make_tab, shown_names, view_cell


def group_by(tab, field: str) -> None:
    tab.group_by.setCurrentIndex(tab.group_by.findData(field))


def subtotals(tab) -> dict[str, list[str]]:
    """What the subtotal table shows: group name -> the rest of its row (NBSP read as space)."""
    model = tab.group_view.model()
    return {model.index(row, 0).data(): [model.index(row, c).data().replace(NBSP, " ")
                                         for c in range(1, model.columnCount())]
            for row in range(model.rowCount())}


def headers(tab) -> list[str]:
    model = tab.group_view.model()
    return [model.headerData(c, Qt.Orientation.Horizontal).replace("\n", " ")
            for c in range(model.columnCount())]


def shown_ids(tab) -> list[int]:
    return [tab.proxy.index(row, 0).data(ID_ROLE) for row in range(tab.proxy.rowCount())]


def test_group_by_area_shows_subtotals_that_follow_an_edit_and_its_undo(open_model, qtbot,
                                                                        qtmodeltester):
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    assert not tab.group_view.isVisible()
    group_by(tab, "area")
    assert tab.group_view.isVisible()
    qtmodeltester.check(tab.group_view.model())
    assert headers(tab) == ["Område", "Insatser", "Belopp 2025 (tkr)", "Belopp 2026 (tkr)",
                            "Belopp 2027 (tkr)", "Deltagare 2025", "Deltagare 2026",
                            "Deltagare 2027"]
    assert subtotals(tab) == {
        "Individinriktat": ["9", "15 375", "0", "0", "659", "0", "0"],
        "Strukturövergripande": ["2", "250", "0", "0", "700", "0", "0"]}
    # the table's rows come in groups
    areas = [view_cell(tab, row, "area").data() for row in range(tab.proxy.rowCount())]
    assert areas == sorted(areas, key=["Individinriktat",
                                       "Strukturövergripande"].index)

    bollebygd = next(i for i in model.plan.interventions if i.municipality == "Bollebygd")
    row = shown_ids(tab).index(bollebygd.id)
    assert tab.proxy.setData(view_cell(tab, row, "amounts:2025"), "1 000")  # tkr: 610 -> 1 000
    assert subtotals(tab)["Individinriktat"][1] == "15 765"
    assert subtotals(tab)["Strukturövergripande"][1] == "250"
    model.undo_stack.undo()
    assert subtotals(tab)["Individinriktat"][1] == "15 375"
    model.undo_stack.redo()
    assert subtotals(tab)["Individinriktat"][1] == "15 765"


def test_moving_an_intervention_to_another_area_moves_its_money_between_groups(open_model,
                                                                               qtbot):
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    group_by(tab, "area")
    mark = next(i for i in model.plan.interventions if i.municipality == "Mark")
    row = shown_ids(tab).index(mark.id)
    assert tab.proxy.setData(view_cell(tab, row, "area"), "ovrigt")
    assert subtotals(tab) == {
        "Individinriktat": ["8", "13 150", "0", "0", "561", "0", "0"],
        "Strukturövergripande": ["2", "250", "0", "0", "700", "0", "0"],
        "Övrigt (utvecklingsmedel m.m.)": ["1", "2 225", "0", "0", "98", "0", "0"]}
    model.undo_stack.undo()
    assert len(subtotals(tab)) == 2


def test_subtotals_cover_the_filtered_rows_and_a_group_row_filters_to_its_group(open_model,
                                                                                qtbot):
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    group_by(tab, "municipality")
    groups = subtotals(tab)
    assert list(groups)[:2] == ["Bollebygd", "Borås"]
    assert list(groups)[-1] == "(ingen kommun)"
    assert groups["Borås"][:2] == ["2", "8 175"]  # Aktiv Kraft 6 340 + Gröna Vägen 1 835
    assert groups["(ingen kommun)"][:2] == ["2", "250"]

    tab.search.setText("Aktiv Kraft")
    assert subtotals(tab)["Borås"][:2] == ["1", "6 340"]
    assert "(ingen kommun)" not in subtotals(tab)
    tab.search.clear()

    group_by(tab, "category")
    assert subtotals(tab) == {"Förberedande": ["9", "15 375", "0", "0", "659", "0", "0"],
                              "Kompetenshöjande": ["2", "250", "0", "0", "700", "0", "0"]}
    view = tab.group_view
    view.activated.emit(view.model().index(1, 0))
    assert tab.category_filter.currentData() == "kompetenshojande"
    assert sorted(shown_names(tab)) == ["Utbildning/utveckling", "VILJA ESF-projekt"]
    assert list(subtotals(tab)) == ["Kompetenshöjande"]


def test_editing_keys_work_while_grouped_and_no_grouping_restores_plan_order(open_model,
                                                                             qtbot):
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    plan_order = [i.id for i in model.plan.interventions]
    group_by(tab, "municipality")
    assert shown_ids(tab) != plan_order  # sorted by municipality

    target = model.plan.interventions[4]
    tab.select_item(target.id)
    assert tab.view.current_id() == target.id
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Insert)
    tab.view.closePersistentEditor(tab.view.currentIndex())
    assert len(model.plan.interventions) == len(plan_order) + 1
    assert subtotals(tab)["(ingen kommun)"][0] == "3"  # the new one has no municipality yet
    tab.select_item(target.id)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)  # Ta bort rad
    assert target.municipality not in subtotals(tab)
    model.undo_stack.undo()
    model.undo_stack.undo()
    assert subtotals(tab)[target.municipality][0] == "1"
    assert subtotals(tab)["(ingen kommun)"][0] == "2"

    group_by(tab, "")
    assert not tab.group_view.isVisible()
    assert shown_ids(tab) == [i.id for i in model.plan.interventions]


def test_the_subtotal_columns_fit_their_widest_text_and_header(open_model, qtbot):
    """Fitted from the shown texts (not Qt asking for every cell): nothing is cut."""
    from finsam_desktop.domain import edits
    model = open_model("sjuharad-2025")
    tab = make_tab(model, qtbot)
    first = model.plan.interventions[0]
    long_name = "Marks kommun genom arbetsmarknadsenheten och socialtjänsten tillsammans"
    assert model.edit("Kommun", edits.update_item, "interventions", first.id,
                      municipality=long_name).ok
    rich = model.plan.interventions[1]
    assert model.edit("Belopp", edits.set_year_value, "interventions", rich.id, "amounts",
                      model.plan.plan_year, 987_654_321).ok
    group_by(tab, "municipality")
    view, groups = tab.group_view, tab.group_view.model()
    metrics = view.fontMetrics()
    for column in range(groups.columnCount()):
        widest = max(metrics.horizontalAdvance(groups.index(row, column).data())
                     for row in range(groups.rowCount()))
        assert view.columnWidth(column) >= widest + 6, column
        head = groups.headerData(column, Qt.Orientation.Horizontal)
        assert view.columnWidth(column) >= max(map(metrics.horizontalAdvance, head.split("\n")))
