"""The model layer: an undo whose write fails leaves the plan and the history in step."""

from __future__ import annotations

from finsam_desktop.domain import edits
from finsam_desktop.storage.errors import PlanFileError


def test_an_undo_the_file_refuses_drops_the_history_and_keeps_the_plan(open_model, qtbot,
                                                                      monkeypatch):
    model = open_model("sormland-2026")
    assert model.edit("Ändra medlemsavgifter", edits.set_total, 2026, 17_000_000).ok
    assert model.edit("Ändra medlemsavgifter", edits.set_total, 2027, 17_000_000).ok
    edited = model.plan
    messages = []
    model.failed.connect(messages.append)

    def full_disk(plan):
        raise PlanFileError("Disken är full.")
    monkeypatch.setattr(model.document, "commit", full_disk)
    model.undo_stack.undo()
    assert model.plan is edited
    assert messages and "Disken är full." in messages[0] and "rensats" in messages[0]
    qtbot.waitUntil(lambda: model.undo_stack.count() == 0)
    assert not model.undo_stack.canUndo()


def test_undo_and_redo_write_through(open_model):
    model = open_model("sormland-2026")
    original = model.plan
    model.edit("Ändra medlemsavgifter", edits.set_total, 2026, 17_000_000)
    changed = model.plan
    seen = []
    model.changed.connect(seen.append)
    model.undo_stack.undo()
    assert model.plan == original and seen == [frozenset({"settings"})]
    model.undo_stack.redo()
    assert model.plan == changed
    assert model.outcome.years[2026].contributions_total == 17_000_000


# --- the contract of PlanModel.edit (issue #9 item 4) ------------------------------------

def test_edit_returns_a_result_with_the_new_items_id(open_model):
    from finsam_desktop.ui.plan_model import EditResult
    model = open_model("skaraborg-2026")
    result = model.edit("Ny insats", edits.add_item, "interventions", name="Ny")
    assert isinstance(result, EditResult) and result.ok and result.refusal is None
    assert result.new_id == model.plan.interventions[-1].id
    assert not hasattr(model, "last_result")
    taken = model.plan.members[0].name
    refused = model.edit("Byt namn", edits.update_item, "members", model.plan.members[1].id,
                         name=taken)
    assert not refused.ok and taken in refused.refusal and refused.new_id is None


def test_every_user_facing_error_is_a_refusal_not_a_crash(open_model):
    from finsam_desktop.domain.money import MoneyError, parse_money
    model = open_model("skaraborg-2026")
    before = model.plan

    def typed(plan):
        return edits.set_total(plan, 2026, parse_money("tolv", plan.unit))
    result = model.edit("Medlemsavgifter", typed)
    assert not result.ok and model.plan is before
    try:
        parse_money("tolv", "kr")
    except MoneyError as error:
        assert result.refusal == str(error)


def test_two_commits_of_one_cell_are_two_undo_steps(open_model, qtbot):
    from finsam_desktop.ui.tabs.interventions_tab import InterventionsTab

    from .keys import type_in_cell
    from .plan_models import show_tab
    model = open_model("skaraborg-2026")
    tab = show_tab(InterventionsTab, model, qtbot, active=True)
    first = model.plan.interventions[0]
    original = first.amounts[2026]
    scale = 1000 if model.plan.unit == "tkr" else 1
    index = tab.proxy.index(0, tab.table.column_index("amounts:2026"))
    for typed in ("111 000", "222 000"):
        type_in_cell(qtbot, tab.view, index, typed)
    assert edits.find(model.plan, "interventions", first.id).amounts[2026] == 222_000 * scale
    model.undo_stack.undo()
    assert edits.find(model.plan, "interventions", first.id).amounts[2026] == 111_000 * scale
    model.undo_stack.undo()
    assert edits.find(model.plan, "interventions", first.id).amounts[2026] == original


def test_typing_with_one_merge_key_merges_until_the_session_ends(open_model):
    from finsam_desktop.ui.plan_model import PlanCommand
    model = open_model("skaraborg-2026")
    section = model.plan.sections[0]
    for text in ("a", "ab", "abc"):
        assert model.edit("Skriv", edits.update_item, "sections", section.id, text=text,
                          merge_key="sections:text").ok
    assert model.undo_stack.count() == 1
    model.end_merge()
    assert model.edit("Skriv", edits.update_item, "sections", section.id, text="abcd",
                      merge_key="sections:text").ok
    assert model.undo_stack.count() == 2
    model.undo_stack.undo()
    assert edits.find(model.plan, "sections", section.id).text == "abc"
    assert not any(isinstance(value, dict) for value in vars(PlanCommand).values())


def test_the_change_names_parts_and_rows(open_model):
    model = open_model("skaraborg-2026")
    seen = []
    model.changed.connect(seen.append)
    third = model.plan.interventions[2]
    model.edit("Belopp", edits.set_year_value, "interventions", third.id, "amounts", 2026, 5)
    assert seen[-1] == frozenset({"interventions"})
    assert seen[-1].rows("interventions") == (2,) and seen[-1].rows("members") == ()
    assert seen[-1].figures
    model.edit("Ny", edits.add_item, "interventions")
    assert seen[-1].rows("interventions") is None
    model.edit("Text", edits.update_item, "sections", model.plan.sections[0].id, text="x")
    assert seen[-1] == frozenset({"sections"}) and not seen[-1].figures


def test_tables_refresh_only_for_what_changed(open_model, qtbot):
    from finsam_desktop.ui.tables import PlanTableModel
    from finsam_desktop.ui.tabs.members_tab import member_columns
    model = open_model("skaraborg-2026")
    members = PlanTableModel(model, "members", member_columns)
    changed = []
    members.dataChanged.connect(lambda first, last, roles=(): changed.append(
        (first.row(), last.row(), first.column(), last.column())))
    model.edit("Text", edits.update_item, "sections", model.plan.sections[0].id, text="x")
    assert changed == []  # text moves no krona: the members table does nothing
    member = model.plan.members[1]
    model.edit("Namn", edits.update_item, "members", member.id, name="Regionen X")
    assert changed[0][:2] == (1, 1)  # the renamed row, then the computed columns
