"""Fixtures for the window tests: a PlanModel over a real file, and the real MainWindow."""

from .plan_models import open_model  # noqa: F401 - fixture
from .windows import make_window, settings_path, shown  # noqa: F401 - fixtures
