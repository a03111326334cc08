"""The model layer: an undo whose write fails leaves the plan and the history in step."""

from __future__ import annotations

from finsam_desktop.domain import edits
from finsam_desktop.storage.errors import PlanFileError


def test_an_undo_the_file_refuses_drops_the_history_and_keeps_the_plan(open_model, qtbot,
                                                                      monkeypatch):
    model = open_model("sormland-2026")
    assert model.edit("Ändra medlemsavgifter", edits.set_total, 2026, 17_000_000) is None
    assert model.edit("Ändra medlemsavgifter", edits.set_total, 2027, 17_000_000) is None
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
