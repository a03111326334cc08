"""The follow-up from the command line: actuals from SIE into a plan file, check --json,
the tertial report read back from the PDF, and bad files that change nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from finsam_desktop.domain import follow_up_edits as fe
from finsam_desktop.storage.planfile import create
from tests.conftest import load_plan
from tests.domain.follow_up_example import ref

SIE = Path(__file__).parent / "storage" / "data" / "sie" / "sormland-t1.se"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "finsam_desktop", *args], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def mapped_plan(tmp_path) -> Path:
    """Sörmland 2026 with the contract's account mapping (and Regionen on 3010), no period."""
    plan = load_plan("sormland-2026")
    for list_name, name, accounts in (("costs", "Kansli", ["5000-5999", "6110"]),
                                      ("interventions", "Sikta mot arbetslivet", ["4010"]),
                                      ("members", "Regionen", ["3010"])):
        plan = fe.set_accounts(plan, ref(plan, list_name, name), accounts)
    path = tmp_path / "sormland.finsam"
    create(path, plan)
    return path


def test_actuals_from_sie_then_check_and_the_tertial_report(mapped_plan, tmp_path):
    done = run("actuals", str(mapped_plan), "--sie", str(SIE), "--period", "Tertial 1")
    assert done.returncode == 0, done.stderr
    out = done.stdout.replace("\u00a0", " ")
    assert "Lade till perioden Tertial 1 (till och med 2026-04-30)." in out
    assert "Kansli: 1 100 000 kr" in out and "Regionen: 1 000 000 kr" in out
    assert "7690 Övriga personalkostnader: 1 234,56 kr" in out
    from finsam_desktop.storage.document import PlanDocument
    with PlanDocument.open(mapped_plan) as document:  # the forecast typed in the window
        plan = document.plan
        period = plan.follow_up.periods[0].id
        document.commit(fe.set_forecast(plan, period, ref(plan, "costs", "Kansli"), 3_400_000))
    check = run("check", str(mapped_plan), "--json")
    assert check.returncode == 0, check.stderr
    figures = json.loads(check.stdout)["follow_up"]["Tertial 1"]
    assert (figures["income_budget"], figures["costs_forecast"],
            figures["closing_equity_forecast"]) == (17_683_000, 18_616_700, 8_698_300)
    assert [line["deviation"] for line in figures["lines"] if line["name"] == "Kansli"] == [-65_000]
    assert (figures["income_actual"], figures["costs_actual"]) == (1_000_000, 3_100_000)

    target = tmp_path / "T1.pdf"
    report = run("report", str(mapped_plan), "--follow-up", "Tertial 1", "-o", str(target))
    assert report.returncode == 0, report.stderr
    reader = pypdf.PdfReader(target)
    text = "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")
    assert "Uppföljning Tertial 1 2026" in text
    assert "Summa intäkter 17 683 000 1 000 000 17 683 000 0" in text
    assert "Summa kostnader 18 551 700 3 100 000 18 616 700 -65 000" in text
    assert "Kansli 3 335 000 1 100 000 3 400 000 -65 000 -1,9 %" in text
    assert "Utgående eget kapital 8 763 300 8 698 300" in text
    missing = run("report", str(mapped_plan), "--follow-up", "Tertial 2", "-o",
                  str(tmp_path / "T2.pdf"))
    assert missing.returncode == 1 and "ingen uppföljningsperiod som heter ”Tertial 2”" \
        in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "T2.pdf").exists()


BAD = {
    "utanfor.se": (b"#FORMAT PC8\n#RAR 0 20260101 20261231\n#TRANS 5010 {} 1.00\n", "rad 3"),
    "belopp.se": (b"#RAR 0 20260101 20261231\n#VER A 1 20260110 \"\"\n{\n"
                  b"#TRANS 5010 {} 1,00\n}\n", "rad 4"),
    "citat.se": (b"#RAR 0 20260101 20261231\n#KONTO 5010 \"Hyra\n", "rad 2"),
    "datum.se": (b"#RAR 0 20260101 20261231\n#VER A 1 20261301 \"\"\n{\n}\n", "rad 2"),
    "aret.se": (b"#RAR 0 20260101 20261231\n#VER A 1 20270110 \"\"\n{\n}\n", "rad 2"),
    "utf8.se": ("#RAR 0 20260101 20261231\n#KONTO 7690 \"Övrigt\"\n".encode(), "rad 2"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_sie_file_is_refused_with_its_line_and_the_plan_file_is_unchanged(
        mapped_plan, tmp_path, name):
    data, line = BAD[name]
    source = tmp_path / name
    source.write_bytes(data)
    before = mapped_plan.read_bytes()
    done = run("actuals", str(mapped_plan), "--sie", str(source), "--period", "Tertial 1")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{name}, {line}:" in done.stderr, done.stderr
    assert mapped_plan.read_bytes() == before
    assert source.read_bytes() == data


def test_period_rules_on_the_command_line(mapped_plan):
    other = run("actuals", str(mapped_plan), "--sie", str(SIE), "--period", "Maj")
    assert other.returncode == 1 and "Ange --end" in other.stderr
    done = run("actuals", str(mapped_plan), "--sie", str(SIE), "--period", "Maj",
               "--end", "2026-05-31")
    assert done.returncode == 0 and "Sikta mot arbetslivet: 2 500 000 kr" in \
        done.stdout.replace("\u00a0", " ")
    clash = run("actuals", str(mapped_plan), "--sie", str(SIE), "--period", "Maj",
                "--end", "2026-06-30")
    assert clash.returncode == 1 and "slutar 2026-05-31, inte 2026-06-30" in clash.stderr


CONTRACT_FOLLOW_UP = {
    "periods": [
        {"name": "Tertial 1", "end": "2026-04-30",
         "actuals": {"costs": {"Kansli": 1100000},
                     "interventions": {"Sikta mot arbetslivet": 2000000},
                     "other_income": {}, "members": {"Regionen": 1000000}},
         "forecast": {"costs": {"Kansli": 3400000}},
         "comments": {"costs": {"Kansli": "Ny tjänst från maj."}}}],
    "accounts": {"costs": {"Kansli": ["5000-5999", "6110"]},
                 "interventions": {"Sikta mot arbetslivet": ["4010"]}},
}


def test_the_contract_example_through_import_and_check_json(tmp_path):
    from tests.conftest import plan_document
    document = plan_document("sormland-2026")
    document["follow_up"] = CONTRACT_FOLLOW_UP
    source = tmp_path / "sormland.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "sormland.finsam"
    assert run("import", str(source), "-o", str(target)).returncode == 0
    check = run("check", str(target), "--json")
    result = json.loads(check.stdout)
    period = result["follow_up"]["Tertial 1"]
    lines = period.pop("lines")
    assert period == {
        "end": "2026-04-30",
        "income_budget": 17683000, "income_actual": 1000000, "income_forecast": 17683000,
        "costs_budget": 18551700, "costs_actual": 3100000, "costs_forecast": 18616700,
        "result_budget": -868700, "result_forecast": -933700,
        "closing_equity_budget": 8763300, "closing_equity_forecast": 8698300}
    assert {"list": "costs", "name": "Kansli", "budget": 3335000, "actual": 1100000,
            "forecast": 3400000, "deviation": -65000} in lines
    assert len(lines) == 9
    assert not [f for f in result["findings"] if f["code"].startswith(("forecast", "actual_"))]
    exported = tmp_path / "back.json"
    assert run("export", str(target), "-o", str(exported)).returncode == 0
    assert json.loads(exported.read_text(encoding="utf-8"))["follow_up"]["periods"][0][
        "forecast"] == {"costs": {"Kansli": 3400000}}
