"""Child process for window benchmarks: start the real app on a file, report once shown.

`python window_child.py show FILE` prints "shown" as soon as the window is up;
`memory` also visits every tab first and prints "shown <peak KiB>".
Then it quits. Run by cases.py in a fresh interpreter each time.
"""

import resource
import sys
from pathlib import Path


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

    told: list[bool] = []

    def shown() -> None:
        if told:
            app.quit()
            return
        if not any(name in window.windowTitle() for window in app.topLevelWidgets()):
            print(f"not shown: no window shows {name}", flush=True)
            app.quit()
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

    # The plan is read on a worker while the window runs its event loop: look once the
    # window's open_path has returned (shown or refused), on the loop's next turn.
    from finsam_desktop.ui import main_window
    open_path = main_window.MainWindow.open_path

    def opened(window, target):
        result = open_path(window, target)
        QTimer.singleShot(0, shown)
        return result
    main_window.MainWindow.open_path = opened

    def refused() -> None:  # a refusal is a modal message: say so instead of waiting on it
        modal = app.activeModalWidget()
        if modal is not None:
            print(f"not shown: {name} was refused", flush=True)
            told.append(True)
            modal.close()  # open_path returns; `shown` then quits
            return
        QTimer.singleShot(200, refused)
    QTimer.singleShot(0, refused)
    from finsam_desktop.ui.app import run
    run(path)


if __name__ == "__main__":
    main()
