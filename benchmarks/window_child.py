"""Child process for window benchmarks: start the real app on a file, report once shown.

`python window_child.py show FILE` prints "shown" as soon as the window is up;
`memory` also visits every tab first and prints "shown <ru_maxrss KiB>".
Then it quits. Run by cases.py in a fresh interpreter each time.
"""

import resource
import sys
from pathlib import Path


def main() -> None:
    mode, path = sys.argv[1], sys.argv[2]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QTabWidget

    app = QApplication(sys.argv[:1])

    def shown() -> None:
        app.processEvents()
        name = Path(path).name
        if not any(name in window.windowTitle() for window in app.topLevelWidgets()):
            print(f"not shown: no window shows {name}", flush=True)
            app.quit()
            return
        if mode == "memory":
            for window in app.topLevelWidgets():
                for tabs in window.findChildren(QTabWidget):
                    for index in range(tabs.count()):
                        tabs.setCurrentIndex(index)
                        app.processEvents()
            maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(f"shown {maxrss}", flush=True)
        else:
            print("shown", flush=True)
        app.quit()

    QTimer.singleShot(0, shown)
    from finsam_desktop.ui.app import run
    run(path)


if __name__ == "__main__":
    main()
