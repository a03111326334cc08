"""The plans the benchmarks run on: the four bundled examples and the synthetic plan."""

from __future__ import annotations

import json
from pathlib import Path

from finsam_desktop.resources import example_plans

from finsam_desktop.domain.exchange import plan_from_document
from finsam_desktop.domain.plan import Plan

SYNTHETIC = "syntetisk"
LARGE = "syntetisk-50000"
"""The synthetic plan with 50 000 interventions (generated for the run, never committed)."""


class Missing(Exception):
    """A part of the app a benchmark needs is not built yet ("saknas ännu")."""


def example_names() -> list[str]:
    return [path.name.removesuffix(".plan.json") for path in example_plans()]


def load(name: str) -> Plan:
    """An example plan by name, or the synthetic 290/2 000/5 plan."""
    if name in (SYNTHETIC, LARGE):
        try:
            from .synthetic import synthetic_plan
        except ModuleNotFoundError as error:
            raise Missing("benchmarks/synthetic.py") from error
        return synthetic_plan(municipalities=290,
                              interventions=2000 if name == SYNTHETIC else 50_000, span=5)
    for path in example_plans():
        if path.name == f"{name}.plan.json":
            return plan_from_document(json.loads(path.read_text(encoding="utf-8")))
    raise KeyError(name)


def plan_file(name: str, folder: Path) -> Path:
    """A real .finsam file of the plan in `folder` (made once per run)."""
    from finsam_desktop.storage.planfile import create
    path = folder / f"{name}.finsam"
    if not path.exists():
        create(path, load(name))
    return path
