"""Child process for the crash-safety test: edit a plan file until killed.

`python -m tests.storage.crash_child FILE SEED` opens FILE through the app's
PlanDocument, prints "ready", then commits random_edit(plan, SEED, 1), 2, …
and prints each step's number only after `commit` has returned. With a third
argument "model" it goes through the window's PlanModel instead: edits, undos
and redos as `model_action` says, each written through before it is reported.
With "staged" it stages each edit and flushes only when `flush_after` says so
(as the window flushes after a frame), reporting a step only once flushed.
"""

import random
import sys
from pathlib import Path

from finsam_desktop.storage.document import PlanDocument
from tests.fault_edits import model_action, random_edit


def flush_after(seed: str, step: int) -> bool:
    """Whether the staged child flushes after staging `step` (about one step in three)."""
    return random.Random(f"{seed}/{step}/flush").random() < 0.35


def main() -> None:
    path, seed = Path(sys.argv[1]), sys.argv[2]
    document = PlanDocument.open(path)
    if document.read_only:
        print("read-only", flush=True)
        return
    if sys.argv[3:] == ["model"]:
        run_model(document, seed)
    if sys.argv[3:] == ["staged"]:
        run_staged(document, seed)
    print("ready", flush=True)
    step = 0
    while True:
        step += 1
        document.commit(random_edit(document.plan, seed, step))
        sys.stdout.write(f"{step}\n")
        sys.stdout.flush()


def run_staged(document: PlanDocument, seed: str) -> None:
    print("ready", flush=True)
    step = 0
    while True:
        step += 1
        document.stage(random_edit(document.plan, seed, step))
        if flush_after(seed, step):
            document.flush()
            sys.stdout.write(f"{step}\n")
            sys.stdout.flush()


def run_model(document: PlanDocument, seed: str) -> None:
    from PySide6.QtCore import QCoreApplication

    from finsam_desktop.ui.plan_model import PlanModel
    app = QCoreApplication([])  # noqa: F841 - Qt objects want an application
    model = PlanModel(document)
    stack = model.undo_stack
    print("ready", flush=True)
    step = 0
    while True:
        step += 1
        action = model_action(seed, step)
        if action == "undo" and stack.canUndo():
            stack.undo()
        elif action == "redo" and stack.canRedo():
            stack.redo()
        elif action == "edit":
            refused = model.apply(f"Steg {step}", random_edit(model.plan, seed, step)).refusal
            assert refused is None, refused
        sys.stdout.write(f"{step}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
