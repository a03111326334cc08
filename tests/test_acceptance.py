"""The four published plans reproduce every expected figure, through the real file and CLI."""

from __future__ import annotations

import json

import pytest

from finsam_desktop.cli import main
from tests.conftest import EXAMPLES, PLAN_NAMES, expected, load_plan, plan_document

pytestmark = pytest.mark.acceptance


@pytest.fixture(params=PLAN_NAMES)
def checked(request, tmp_path, capsys):
    """(expected, check --json result) for one plan, via import + check on a real file."""
    name = request.param
    path = EXAMPLES / f"{name}.plan.json"
    finsam = tmp_path / f"{name}.finsam"
    assert main(["import", str(path), "-o", str(finsam)]) == 0
    capsys.readouterr()
    assert main(["check", str(finsam), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    return expected(name), result


def test_every_expected_figure(checked):
    exp, result = checked
    tolerance = exp.get("tolerance_kr", {}).get("contributions", 0)
    for year, figures in exp["years"].items():
        got = result["years"][year]
        for field, value in figures.items():
            if field == "contributions":
                for member, amount in value.items():
                    assert abs(got["contributions"][member] - amount) <= tolerance, (year, member)
                assert sum(got["contributions"].values()) == got["contributions_total"]
            else:
                assert got[field] == value, (year, field)


def test_findings_present_and_absent(checked):
    exp, result = checked
    found = {(f["code"], f["year"]) for f in result["findings"]}
    for item in exp.get("findings_present", []):
        assert (item["code"], item["year"]) in found
    for item in exp.get("findings_absent", []):
        assert (item["code"], item["year"]) not in found
    for finding in result["findings"]:
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["message"]


def test_municipal_sum_is_exact(checked):
    exp, result = checked
    for year, total in exp.get("municipal_sum_exact", {}).items():
        doc = plan_document(exp["plan"].removesuffix(".plan.json"))
        municipalities = {m["name"] for m in doc["members"] if m["kind"] == "municipality"}
        got = result["years"][year]["contributions"]
        assert sum(got[name] for name in municipalities) == total


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_participants_and_costs_by_municipality(name):
    from finsam_desktop.domain.outcome import compute
    exp = expected(name)
    outcome = compute(load_plan(name))
    for year, areas in exp.get("participants", {}).items():
        for area, count in areas.items():
            assert outcome.years[int(year)].participants_by_area[area] == count
    for year, places in exp.get("costs_by_municipality", {}).items():
        assert outcome.years[int(year)].costs_by_municipality == places


def test_skaraborg_check_text_reports_equity_above_ceiling(plan_file, capsys):
    path = plan_file("skaraborg-2026")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2026" in out
    assert "Utgående eget kapital" in out and "3 692 000" in out
    assert "3 692 000 kr är över 20 % av årets medlemsavgifter (3 380 000 kr)" in out
