"""The follow-up's edits refuse exactly what the plan's validator refuses (one rule, one place):
what the window accepts, its own export reads back."""

from __future__ import annotations

import pytest

from finsam_desktop.domain import exchange
from finsam_desktop.domain import follow_up_edits as fe
from finsam_desktop.domain.edits import EditError
from tests.domain.test_follow_up import ref, sormland_with_tertial


def _follow_up_read_back(plan):
    """The plan's follow-up as its export writes it, and as the export imported writes it."""
    written = exchange.plan_to_document(plan)
    return written["follow_up"], exchange.plan_to_document(
        exchange.plan_from_document(written))["follow_up"]


def test_a_week_date_is_no_period_end():
    """"2026-W18-4" is ISO 8601 and `date.fromisoformat` reads it, but the format's dates are
    YYYY-MM-DD: the window took it and the export then refused to import."""
    plan, _ = sormland_with_tertial()
    with pytest.raises(EditError, match="inget datum"):
        fe.add_period(plan, "Vecka 18", "2026-W18-4")


def test_a_comment_longer_than_the_format_allows_is_refused():
    plan, period = sormland_with_tertial()
    kansli = ref(plan, "costs", "Kansli")
    with pytest.raises(EditError, match="för lång"):
        fe.set_comment(plan, period, kansli, "x" * 2001)
    with pytest.raises(EditError, match="otillåtet tecken"):
        fe.set_comment(plan, period, kansli, "rad\x00")
    kept = fe.set_comment(plan, period, kansli, "Två rader\nmed radbrytning " + "x" * 1900)
    written, read_back = _follow_up_read_back(kept)
    assert read_back == written


def test_a_period_name_is_a_name_as_everywhere_else():
    plan, period = sormland_with_tertial()
    with pytest.raises(EditError, match="för lång"):
        fe.rename_period(plan, period, "T" * 201)
    with pytest.raises(EditError, match="otillåtet tecken"):
        fe.add_period(plan, "Tertial\t2", "2026-08-31")
    with pytest.raises(EditError, match="redan en period"):
        fe.add_period(plan, "  TERTIAL 1 ", "2026-08-31")
    renamed = fe.rename_period(plan, period, " tertial 1 ")  # its own name, other case: fine
    assert renamed.follow_up.periods[0].name == "tertial 1"
    plan, _ = fe.add_period(renamed, "Delår", " 2026-08-31 ")
    assert [p.end for p in plan.follow_up.periods] == ["2026-04-30", "2026-08-31"]
    written, read_back = _follow_up_read_back(plan)
    assert read_back == written
