"""The second release's keys (plan-format.md, "Additions") read, write and round-trip."""

from __future__ import annotations

import base64
import copy
import json
from decimal import Decimal

import pytest

from finsam_desktop.domain.exchange import (
    PlanFormatError,
    document_json,
    plan_from_document,
    plan_to_document,
)
from finsam_desktop.domain.outcome import compute
from tests.conftest import plan_document

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
JPEG = b"\xff\xd8\xff\xe0" + bytes(32)


def _full() -> dict:
    """Sörmland 2026 with every key of the second part, and the project's additions."""
    d = copy.deepcopy(plan_document("sormland-2026"))
    d["costs"][0]["code"] = "1.0"
    d["other_income"][0]["code"] = "11.7"
    d["interventions"][0]["code"] = "2.4.1"
    d["equity"]["opening_is_forecast"] = True
    d["equity"]["opening_note"] = "Prognos per 30 juni 2025"
    d["members"].append({"name": "Flens kommun", "kind": "municipality", "key": Decimal("17.5")})
    d["members"].append({"name": "Gnesta kommun", "kind": "municipality",
                         "key": {"2026": Decimal("34.70"), "2027": 35}})
    d["sections"] = [
        {"title": "Inledning", "text": "## Bakgrund\n\n*Kursiv* och **fet**.\n\n1. ett\n2. två"},
        {"block": "members"},
        {"text": "Mer text efter tabellen."},
        {"title": "Ekonomi", "text": "", "included": False},
        {"block": "economy", "title": ""},
        {"block": "chart_equity", "title": "Eget kapital", "alt": "Kapitalet sjunker."},
        {"block": "findings", "included": False},
    ]
    d["cover"] = {"title": "Verksamhetsplan 2026", "subtitle": "med budget 2026–2028",
                  "logo": "data:image/png;base64," + base64.b64encode(PNG).decode(),
                  "note": "Beslutad av styrelsen 2025-11-25, § 47"}
    d["labels"] = {"areas": {"struktur": "Strukturinriktade insatser"}}
    d["goals"] = [{"title": "Fler i arbete", "text": "Målet *gäller* alla.", "indicators": [
        {"text": "Andel till arbete", "target": "40 %", "method": "Enkät", "period": "helår"}],
        "goals": [{"title": "Delmål 1", "indicators": [{"text": "Antal"}]}]}]
    kansli, insats = d["costs"][1]["name"], d["interventions"][0]["name"]
    region = next(m["name"] for m in d["members"] if m["kind"] == "region")
    d["follow_up"] = {
        "periods": [
            {"name": "Tertial 1", "end": "2026-04-30",
             "actuals": {"costs": {kansli: 1100000}, "interventions": {insats: 2000000},
                         "members": {region: 1000000}},
             "forecast": {"costs": {kansli: 3400000}},
             "comments": {"costs": {kansli: "Ny tjänst från maj."}}},
            {"name": "Tertial 2", "end": "2026-08-31"}],
        "accounts": {"costs": {kansli: ["5000-5999", "6110"]}, "interventions": {insats: ["4010"]}},
    }
    d["checklist"] = [{"text": "Stäm av ingående eget kapital", "done": False},
                      {"text": "Uppdatera folkmängden", "done": True}]
    return d


def test_every_new_key_round_trips_through_the_plan():
    document = _full()
    plan = plan_from_document(document)
    assert plan.costs[0].code == "1.0" and plan.interventions[0].code == "2.4.1"
    assert plan.equity.opening_note == "Prognos per 30 juni 2025"
    assert plan.members[-2].key == Decimal("17.5")
    assert [s.kind for s in plan.sections] == ["chapter", "block", "text", "chapter", "block",
                                               "block", "block"]
    assert plan.sections[1].block_title is None and plan.sections[4].block_title == ""
    assert not plan.sections[3].included and plan.sections[5].alt_text == "Kapitalet sjunker."
    assert plan.cover.logo == PNG and plan.cover.logo_type == "image/png"
    assert plan.labels.area("struktur") == "Strukturinriktade insatser"
    assert plan.labels.area("individ") == "Individinriktade insatser"
    goal = plan.goals[0]
    assert goal.text and goal.goals[0].title == "Delmål 1" and goal.goals[0].id == 0
    assert goal.indicators[0].method == "Enkät" and goal.indicators[0].period == "helår"
    period = plan.follow_up.periods[0]
    assert period.actuals[("costs", plan.costs[1].id)] == 1100000
    assert plan.follow_up.accounts[("costs", plan.costs[1].id)] == ("5000-5999", "6110")
    assert [c.done for c in plan.checklist] == [False, True]
    ids = [x.id for x in (*plan.members, *plan.costs, *plan.sections, *plan.follow_up.periods,
                          *plan.checklist)]
    assert len(ids) == len(set(ids))
    assert plan_to_document(plan) == document


def test_decimal_keys_are_written_and_read_as_the_exact_numbers():
    text = document_json(plan_to_document(plan_from_document(_full())))
    assert '"key": 17.5' in text and '"2026": 34.70' in text
    again = json.loads(text, parse_float=Decimal)
    assert plan_to_document(plan_from_document(again)) == _full()


def test_a_decimal_key_is_split_exactly():
    plan = plan_from_document(_full())
    figures = compute(plan).years[2026]
    assert sum(figures.contributions.values()) == figures.contributions_total


@pytest.mark.parametrize("name", ["skaraborg-2026", "sormland-2026", "sjuharad-2025",
                                  "vastra-ostergotland-2026"])
def test_a_first_release_plan_writes_no_new_key(name):
    document = plan_document(name)
    assert plan_to_document(plan_from_document(document)) == document


def _refused(change, path):
    document = _full()
    change(document)
    with pytest.raises(PlanFormatError) as error:
        plan_from_document(document)
    assert error.value.path == path, str(error.value)


@pytest.mark.parametrize("path, change", [
    ("follow_up.periods[0].actuals.costs.Hyra",
     lambda d: d["follow_up"]["periods"][0]["actuals"]["costs"].__setitem__("Hyra", 5)),
    ("follow_up.periods[0].actuals.kassa",
     lambda d: d["follow_up"]["periods"][0]["actuals"].__setitem__("kassa", {})),
    ("follow_up.periods[1].end",
     lambda d: d["follow_up"]["periods"][1].__setitem__("end", "2026-03-31")),
    ("follow_up.periods[1].end",
     lambda d: d["follow_up"]["periods"][1].__setitem__("end", "2027-01-31")),
    ("follow_up.periods[1].name",
     lambda d: d["follow_up"]["periods"][1].__setitem__("name", "tertial 1")),
    ("follow_up.accounts.interventions.Sikta mot arbetslivet[0]",
     lambda d: d["follow_up"]["accounts"]["interventions"].__setitem__(
         d["interventions"][0]["name"], ["5500"])),
    ("follow_up.accounts.costs.Kansli[0]",
     lambda d: d["follow_up"]["accounts"]["costs"].__setitem__(d["costs"][1]["name"], ["59-50"])),
    ("cover.logo", lambda d: d["cover"].__setitem__(
        "logo", "data:image/png;base64," + base64.b64encode(JPEG).decode())),
    ("cover.logo", lambda d: d["cover"].__setitem__("logo", "/home/anna/logo.png")),
    ("cover.logo", lambda d: d["cover"].__setitem__("logo", "data:image/png;base64,***")),
    ("cover.logo", lambda d: d["cover"].__setitem__(
        "logo", "data:image/png;base64," + "A" * 8_000_000)),
    ("labels.areas.annat", lambda d: d["labels"]["areas"].__setitem__("annat", "x")),
    ("sections[1].block", lambda d: d["sections"][1].__setitem__("block", "tabell")),
    ("sections[3].included", lambda d: d["sections"][3].__setitem__("included", "nej")),
    ("sections[1].alt", lambda d: d["sections"][1].__setitem__("alt", "Text")),
    ("goals[0].goals[0].goals[0].goals",
     lambda d: d["goals"][0]["goals"][0].__setitem__(
         "goals", [{"title": "x", "goals": [{"title": "y"}]}])),
    ("checklist[0].done", lambda d: d["checklist"][0].__setitem__("done", 1)),
    ("equity.opening_note", lambda d: d["equity"].__setitem__("opening_note", "\x07")),
    ("interventions[0].code", lambda d: d["interventions"][0].__setitem__("code", 2)),
])
def test_a_bad_new_key_is_refused_naming_its_path(path, change):
    _refused(change, path)


def test_a_jpeg_logo_is_read():
    document = _full()
    document["cover"]["logo"] = "data:image/jpeg;base64," + base64.b64encode(JPEG).decode()
    plan = plan_from_document(document)
    assert plan.cover.logo_type == "image/jpeg" and plan.cover.logo == JPEG
    assert plan_to_document(plan) == document


def test_a_decimal_key_goes_out_to_a_file_and_back_exactly(tmp_path):
    from finsam_desktop.storage.exchange_file import read_plan_json, write_plan_json
    plan = plan_from_document(_full())
    target = tmp_path / "ut.plan.json"
    write_plan_json(plan, target)
    assert '"key": 17.5' in target.read_text(encoding="utf-8")
    assert plan_to_document(read_plan_json(target)) == _full()
