"""The window (PySide6). Importing it works around a defect of the bindings first (qt_workarounds)."""

from .qt_workarounds import keep_bools_alive

keep_bools_alive()
