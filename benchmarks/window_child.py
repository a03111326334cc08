"""Child process for window benchmarks: start the real app on a file, report once shown.

`python window_child.py show FILE` prints "shown" as soon as the window is up;
`memory` also visits every tab first and prints "shown <peak KiB>".
Then it quits. Run by cases.py in a fresh interpreter each time.
"""

import resource
import sys
from pathlib import Path

POLL_MS = 5
"""How often the child looks whether the window shows the plan yet."""


def peak_kib() -> int:
    """This process's peak resident memory in KiB.

    VmHWM rather than ru_maxrss: on Linux ru_maxrss survives exec, so a child
    started from a big parent reports at least the parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    mode, path = sys.argv[1], sys.argv[2]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QTabWidget

    app = QApplication(sys.argv[:1])
    name = Path(path).name
    waited = []

    def shown() -> None:
        # The plan is read on a worker while the window runs its event loop, so this
        # timer first fires while the plan is still loading: look again until it is shown.
        if not any(name in window.windowTitle() and window.isVisible()
                   for window in app.topLevelWidgets()):
            waited.append(1)
            if len(waited) * POLL_MS > 60_000:
                print(f"not shown: no window shows {name}", flush=True)
                app.quit()
            else:
                QTimer.singleShot(POLL_MS, shown)
            return
        app.processEvents()  # the shown plan's first paint
        if mode == "memory":
            for window in app.topLevelWidgets():
                for tabs in window.findChildren(QTabWidget):
                    for index in range(tabs.count()):
                        tabs.setCurrentIndex(index)
                        app.processEvents()
            print(f"shown {peak_kib()}", flush=True)
        else:
            print("shown", flush=True)
        app.quit()

    QTimer.singleShot(0, shown)
    from finsam_desktop.ui.app import run
    run(path)


if __name__ == "__main__":
    main()
