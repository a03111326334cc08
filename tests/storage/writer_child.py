"""Child process for the two-writer test: open a plan file and edit it on command.

`python -m tests.storage.writer_child FILE SEED` prints "writable" or
"read-only <holder>", then reads commands from stdin: "edit" commits the next
random_edit and prints its step ("refused <message>" when the file is
read-only), "quit" closes the file and exits.
"""

import sys
from pathlib import Path

from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.errors import PlanFileError
from tests.fault_edits import random_edit


def main() -> None:
    path, seed = Path(sys.argv[1]), sys.argv[2]
    document = PlanDocument.open(path)
    if document.read_only:
        print(f"read-only {document.holder.describe()}", flush=True)
    else:
        print("writable", flush=True)
    step = 0
    for line in sys.stdin:
        if line.strip() == "quit":
            break
        step += 1
        try:
            document.commit(random_edit(document.plan, seed, step))
        except PlanFileError as error:
            print(f"refused {error}", flush=True)
            continue
        print(step, flush=True)
    document.close()
    print("closed", flush=True)


if __name__ == "__main__":
    main()
