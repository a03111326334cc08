"""The window (PySide6). Importing it works around a defect of the bindings first (qt_workarounds)."""

from .qt_workarounds import keep_singletons_alive

keep_singletons_alive()
