"""Child process for the crash-safety test: edit a plan file until killed.

`python -m tests.storage.crash_child FILE SEED` opens FILE through the app's
PlanDocument, prints "ready", then commits random_edit(plan, SEED, 1), 2, …
and prints each step's number only after `commit` has returned.
"""

import sys
from pathlib import Path

from finsam_desktop.storage.document import PlanDocument
from tests.fault_edits import random_edit


def main() -> None:
    path, seed = Path(sys.argv[1]), sys.argv[2]
    document = PlanDocument.open(path)
    if document.read_only:
        print("read-only", flush=True)
        return
    print("ready", flush=True)
    step = 0
    while True:
        step += 1
        document.commit(random_edit(document.plan, seed, step))
        sys.stdout.write(f"{step}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
