"""A property of the one model layer: any run of edits, undos and redos is exactly reversible.

Random edits (the kinds a user makes: add, remove, move, amounts, keys,
totals, names, text) go through PlanModel; the test keeps its own list of the
plans the undo stack should hold and checks the model and the file against it.
Undoing everything gives back the original plan, redoing everything the last.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.ui.plan_model import PlanModel
from tests.fault_edits import random_edit

ACTIONS = st.lists(st.one_of(st.tuples(st.just("edit"), st.integers(0, 10**6)),
                             st.just(("undo", 0)), st.just(("redo", 0))),
                   min_size=1, max_size=25)


def _stored(model: PlanModel):
    with PlanDocument.open(model.document.path, read_only=True) as document:
        return document.plan


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(actions=ACTIONS, name=st.sampled_from(["sjuharad-2025", "vastra-ostergotland-2026"]))
def test_random_edits_then_undo_all_give_the_original_plan(actions, name, plan_file, qapp):
    path = plan_file(name, filename=f"{name}-undo.finsam")
    if path.exists():
        path.unlink()
    path = plan_file(name, filename=f"{name}-undo.finsam")
    model = PlanModel(PlanDocument.open(path))
    try:
        history = [model.plan]  # what the undo stack should hold, oldest first
        position = 0
        for step, (action, seed) in enumerate(actions):
            if action == "edit":
                new = random_edit(model.plan, str(seed), step)
                assert model.apply(f"Steg {step}", new).ok
                history[position + 1:] = [new]
                position += 1
            elif action == "undo" and model.undo_stack.canUndo():
                model.undo_stack.undo()
                position -= 1
            elif action == "redo" and model.undo_stack.canRedo():
                model.undo_stack.redo()
                position += 1
            assert model.plan == history[position]
        assert _stored(model) == history[position]
        while model.undo_stack.canUndo():
            model.undo_stack.undo()
        assert model.plan == history[0]
        assert _stored(model) == history[0]
        while model.undo_stack.canRedo():
            model.undo_stack.redo()
        assert model.plan == history[-1]
        assert _stored(model) == history[-1]
    finally:
        model.close()
