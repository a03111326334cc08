"""docs/plan-format.md starts with the shared contract, byte for byte, and keeps ours after it."""

from __future__ import annotations

from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "plan-format.md"
SHARED = Path("/work/shared/plan-format.md")


@pytest.mark.skipif(not SHARED.exists(), reason="the shared contract is not on this machine")
def test_the_shared_part_is_the_shared_contract_verbatim():
    shared = SHARED.read_bytes()
    ours = DOC.read_bytes()
    assert ours[: len(shared)] == shared
    assert b"# FinSam Desktop's own additions" in ours[len(shared):]


def test_the_projects_additions_are_documented():
    text = DOC.read_text(encoding="utf-8")
    own = text[text.index("# FinSam Desktop's own additions"):]
    for key in ("sections[].included", "sections[].alt", "checklist"):
        assert f"`{key}`" in own
