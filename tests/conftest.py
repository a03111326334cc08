"""Shared fixtures. Qt runs offscreen everywhere, CI or not (see docs/pitfalls.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from finsam_desktop.resources import EXAMPLES  # noqa: E402 - after the Qt platform is set

ACCEPTANCE = Path(__file__).parent / "acceptance_data"
"""The published figures (`*.expected.json`); the plans themselves are the bundled EXAMPLES."""
PLAN_NAMES = ("skaraborg-2026", "sormland-2026", "sjuharad-2025", "vastra-ostergotland-2026")


def plan_document(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.plan.json").read_text(encoding="utf-8"))


def expected(name: str) -> dict:
    return json.loads((ACCEPTANCE / f"{name}.expected.json").read_text(encoding="utf-8"))


def load_plan(name: str):
    from finsam_desktop.domain.exchange import plan_from_document
    return plan_from_document(plan_document(name))


def first_release_layout(plan):
    """The plan without its placed blocks: the tables follow the text in the first release's
    order. The examples carry their seed's whole document (issue 11); tests of the default
    tables take them in this layout."""
    from dataclasses import replace
    return replace(plan, sections=tuple(s for s in plan.sections if s.kind == "chapter"))


def first_release_skaraborg():
    """Skaraborg's example as the first release bundled it (one chapter, two goals, no cover or
    labels): what the tests of old files and of the first release's layout compare with."""
    from finsam_desktop.domain.exchange import plan_from_document
    path = Path(__file__).parent / "data" / "skaraborg-2026.first-release.plan.json"
    return plan_from_document(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture
def plan_file(tmp_path):
    """Make a real .finsam file from one of the acceptance plans: plan_file("skaraborg-2026")."""
    from finsam_desktop.storage.planfile import create

    def make(name: str = "skaraborg-2026", filename: str | None = None) -> Path:
        path = tmp_path / (filename or f"{name}.finsam")
        create(path, load_plan(name))
        return path
    return make
