"""The exchange format: round trips exactly, and bad documents name the bad value."""

from __future__ import annotations

import copy

import pytest

from finsam_desktop.domain.exchange import PlanFormatError, plan_from_document, plan_to_document
from tests.conftest import PLAN_NAMES, plan_document


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_document_to_plan_to_document_is_the_same_document(name):
    document = plan_document(name)
    assert plan_to_document(plan_from_document(document)) == document


def _broken(change) -> dict:
    document = copy.deepcopy(plan_document("skaraborg-2026"))
    change(document)
    return document


BROKEN = [
    ("members[3].key", lambda d: d["members"][3].__setitem__("key", -5)),
    ("members[3].key", lambda d: d["members"][3].__setitem__("key", "många")),
    ("members[1].kind", lambda d: d["members"][1].__setitem__("kind", "kyrkan")),
    ("members[4].name", lambda d: d["members"][4].__setitem__("name", "Falköpings kommun")),
    ("contributions.shares", lambda d: d["contributions"]["shares"].__setitem__("state", "0.6")),
    ("contributions.totals.2027", lambda d: d["contributions"]["totals"].__setitem__("2027", 5)),
    ("contributions.totals.2026", lambda d: d["contributions"]["totals"].__setitem__("2026", 1.5e7)),
    ("costs[0].amounts.2026", lambda d: d["costs"][0]["amounts"].__setitem__("2026", 4200000.0)),
    ("interventions[0].area", lambda d: d["interventions"][0].__setitem__("area", "annat")),
    ("interventions[0].amonts", lambda d: d["interventions"][0].__setitem__("amonts", {})),
    ("plan_span", lambda d: d.__setitem__("plan_span", 9)),
    ("equity.rules[1].share", lambda d: d["equity"]["rules"][1].__setitem__("share", 0.2)),
    ("association.name", lambda d: d["association"].__setitem__("name", "  ")),
    ("association.decided", lambda d: d["association"].__setitem__("decided", "25 nov 2025")),
    ("format_version", lambda d: d.__setitem__("format_version", 2)),
    ("format", lambda d: d.__setitem__("format", "excel")),
    ("contributions.rounding", lambda d: d["contributions"].__setitem__("rounding", 7)),
    ("members[0].kind", lambda d: d["members"].append({"name": "FK", "kind": "fk"})),
]


@pytest.mark.parametrize("path, change", BROKEN, ids=[p for p, _ in BROKEN])
def test_a_broken_document_is_refused_naming_the_path(path, change):
    with pytest.raises(PlanFormatError) as error:
        plan_from_document(_broken(change))
    assert error.value.path == path
    assert str(error.value).startswith(path)


def test_a_newer_format_version_says_to_update():
    with pytest.raises(PlanFormatError, match="Uppdatera FinSam Desktop"):
        plan_from_document(_broken(lambda d: d.__setitem__("format_version", 2)))


def test_the_opening_equity_forecast_flag_round_trips():
    document = _broken(lambda d: d["equity"].__setitem__("opening_is_forecast", True))
    plan = plan_from_document(document)
    assert plan.equity.opening_is_forecast
    assert plan_to_document(plan) == document
