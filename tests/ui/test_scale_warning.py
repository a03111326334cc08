"""An amount far beyond the plan's scale is taken but warned about at the cell or field
(1 500 000 typed into a tkr column is 1,5 billion kronor; domain.scale decides); the
warning goes with the next good edit."""

from __future__ import annotations

from finsam_desktop.domain.scale import plan_scale, scale_warning
from finsam_desktop.ui.tabs.interventions_tab import InterventionsTab
from finsam_desktop.ui.tabs.overview_tab import OverviewTab

from ..conftest import load_plan
from .keys import type_in_cell
from .plan_models import show_tab


def test_the_scale_is_the_largest_contributions_total():
    plan = load_plan("sjuharad-2025")  # tkr, 17,67 to 20 mkr a year
    assert plan_scale(plan) == 20_000_000
    assert scale_warning(plan, 150_000_000, plan.unit) is None
    warning = scale_warning(plan, 1_500_000_000, plan.unit)
    assert "gånger planens största årsbelopp" in warning and "i tkr" in warning


def test_a_tkr_slip_in_a_cell_is_taken_and_warned_at_the_cell(open_model, qtbot):
    model = open_model("sjuharad-2025")
    tab = show_tab(InterventionsTab, model, qtbot, active=True, in_window=True)
    view = tab.view
    index = view.model().index(0, tab.table.column_index("amounts:2025"))
    type_in_cell(qtbot, view, index, "1 500 000")
    assert model.plan.interventions[0].amounts[2025] == 1_500_000_000  # taken, undoable
    assert tab.message.isVisibleTo(tab) and "gånger planens största årsbelopp" in tab.message.text()
    type_in_cell(qtbot, view, index, "1 500")
    assert model.plan.interventions[0].amounts[2025] == 1_500_000
    assert not tab.message.isVisibleTo(tab)  # the next good edit clears it


def test_a_setting_field_warns_with_an_amber_frame_until_the_next_edit(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = show_tab(OverviewTab, model, qtbot, in_window=True)
    field = tab.fields["opening_equity"]
    field.setText("900 000 000")
    field.setModified(True)
    field.editingFinished.emit()
    assert model.plan.equity.opening == 900_000_000
    assert "b07800" in field.styleSheet() and "gånger planens största årsbelopp" in field.toolTip()
    assert "gånger planens största årsbelopp" in tab.message.text()
    other = tab.fields["total_2027"]
    other.setText("16 500 000")
    other.setModified(True)
    other.editingFinished.emit()
    assert field.styleSheet() == "" and not tab.message.isVisibleTo(tab)
