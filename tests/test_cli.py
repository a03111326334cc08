"""The command line: exit 0 on success, 1 with one Swedish line on a user error, no Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from finsam_desktop.cli import main
from tests.conftest import EXAMPLES


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "finsam_desktop", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=60)


def test_import_check_export_without_a_display_and_without_qt(tmp_path):
    source = EXAMPLES / "skaraborg-2026.plan.json"
    target = tmp_path / "plan.finsam"
    code = ("import sys; from finsam_desktop.cli import main; "
            f"main(['import', {str(source)!r}, '-o', {str(target)!r}]); "
            f"main(['check', {str(target)!r}, '--json']); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert '"closing_equity": 3692000' in result.stdout


def test_import_refuses_to_overwrite_without_force(tmp_path, capsys):
    source = str(EXAMPLES / "skaraborg-2026.plan.json")
    target = tmp_path / "plan.finsam"
    assert main(["import", source, "-o", str(target)]) == 0
    before = target.read_bytes()
    assert main(["import", str(EXAMPLES / "sormland-2026.plan.json"), "-o", str(target)]) == 1
    assert "finns redan" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert main(["import", str(EXAMPLES / "sormland-2026.plan.json"), "-o", str(target),
                 "--force"]) == 0


@pytest.mark.parametrize("arguments", [
    ["report", "{source}", "-o", "{target}.pdf"],
    ["report", "{source}", "-o", "{target}.pdf", "--follow-up", "Tertial 1"],
    ["export", "{source}", "-o", "{target}.json"],
    ["export", "{source}", "-o", "{target}.xlsx"],
    ["new", "--from", "{source}", "-o", "{target}.finsam"],
    ["import", "{source}", "-o", "{target}.finsam"],
])
def test_an_existing_target_is_refused_before_the_plan_is_read(arguments, tmp_path, capsys):
    """At 50 000 interventions reading and laying out the plan takes seconds: a command that
    will refuse its target says so first (the unreadable source shows it was not read)."""
    source = tmp_path / "trasig.finsam"
    source.write_bytes(b"inte en plan" * 100)
    argv = [a.format(source=source, target=tmp_path / "finns") for a in arguments]
    target = Path(argv[argv.index("-o") + 1])
    target.write_bytes(b"old")
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert f"{target.name} finns redan" in err and err.count("\n") == 1
    assert target.read_bytes() == b"old"


@pytest.mark.parametrize("document, words", [
    ("{", "ingen giltig JSON"),
    ('{"format": "finsam-plan", "format_version": 1}', "association: saknas"),
    ("[1, 2]", "JSON-objekt"),
    ('{"format": "finsam-plan", "format_version": 1, "x": NaN}', "ingen giltig JSON"),
])
def test_a_bad_import_is_one_swedish_line_and_writes_nothing(tmp_path, document, words):
    source = tmp_path / "plan.json"
    source.write_text(document, encoding="utf-8")
    result = run("import", str(source), "-o", str(tmp_path / "out.finsam"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_a_json_that_breaks_the_format_names_the_path(tmp_path, capsys):
    document = json.loads((EXAMPLES / "skaraborg-2026.plan.json").read_text("utf-8"))
    document["members"][3]["key"] = -1.5
    source = tmp_path / "plan.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "out.finsam")]) == 1
    assert "members[3].key" in capsys.readouterr().err
    assert not (tmp_path / "out.finsam").exists()


@pytest.mark.parametrize("args, words", [
    (["check", "saknas.finsam"], "finns inte"),
    (["export", "saknas.finsam", "-o", "x.json"], "finns inte"),
    (["check"], "Felaktigt kommando"),
    (["import", "x.json"], "Felaktigt kommando"),
])
def test_user_errors_exit_1_with_one_line(tmp_path, args, words):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 1
    assert words in result.stderr and "Traceback" not in result.stderr


def test_a_system_error_is_told_in_swedish(plan_file, tmp_path, capsys):
    """The system's own text ("Not a directory") is English: the user reads why in Swedish."""
    (tmp_path / "fil").write_text("x")
    assert main(["check", str(tmp_path / "fil" / "plan.finsam")]) == 1
    assert main(["report", str(plan_file("sormland-2026")), "-o",
                 str(tmp_path / "fil" / "plan.pdf")]) == 1
    said = capsys.readouterr().err
    assert "plan.finsam kunde inte läsas: en del av sökvägen är ingen mapp." in said
    assert f"{tmp_path / 'fil'} är ingen mapp." in said
    assert "directory" not in said


@pytest.mark.parametrize("args, said", [
    (["report", "a.finsam"], "det här saknas: -o/--output. Se finsam-desktop report --help."),
    (["check"], "det här saknas: FIL.finsam. Se finsam-desktop check --help."),
    (["check", "a.finsam", "b"], "okända argument: b."),
    (["report", "a.finsam", "-o", "a.pdf", "--unit", "mkr"],
     "--unit kan inte vara 'mkr' (välj bland 'kr', 'tkr')."),
    (["new", "--from"], "--from behöver ett värde."),
    (["new", "--from", "a", "-o", "b", "--year", "nästa"], "--year kan inte vara 'nästa'."),
])
def test_command_line_mistakes_are_told_in_swedish(capsys, args, said):
    assert main(args) == 1
    error = capsys.readouterr().err
    assert error.startswith("finsam-desktop: Felaktigt kommando: ") and said in error, error
    assert not any(word in error for word in ("arguments", "required", "expected", "invalid"))


def test_help_is_swedish_from_its_first_word(capsys):
    assert main(["report", "--help"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("användning: finsam-desktop report")
    assert "-o FIL.pdf" in shown and "usage" not in shown


def test_a_command_process_ends_with_its_output_whole_and_its_file_written(plan_file, tmp_path):
    """`run` leaves without tearing the interpreter down: nothing it said or wrote is lost."""
    path = plan_file("sjuharad-2025")
    checked = run("check", str(path), "--json")
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["years"]  # the whole document reached the pipe
    report = run("report", str(path), "-o", str(tmp_path / "plan.pdf"))
    assert report.returncode == 0 and report.stdout == f"Skrev {tmp_path / 'plan.pdf'}.\n"
    from pypdf import PdfReader
    assert len(PdfReader(tmp_path / "plan.pdf").pages) > 5
    refused = run("report", str(path), "-o", str(tmp_path / "plan.pdf"))
    assert refused.returncode == 1 and "finns redan" in refused.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("unbuffered", ["", "1"])
@pytest.mark.parametrize("args", [["check", "{plan}"], ["check", "{plan}", "--json"],
                                  ["--help"], ["report", "--help"]])
def test_output_to_a_full_disk_is_one_swedish_line(plan_file, args, unbuffered):
    plan = str(plan_file("sjuharad-2025"))
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "finsam_desktop",
                                 *[arg.format(plan=plan) for arg in args]], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=60, env=env)
    assert result.returncode == 1
    assert result.stderr == "finsam-desktop: Utskriften kunde inte skrivas: disken är full.\n"


def test_export_refuses_an_unknown_suffix(plan_file, capsys):
    path = plan_file("sormland-2026")
    assert main(["export", str(path), "-o", str(path.with_suffix(".doc"))]) == 1
    assert "Okänd filtyp" in capsys.readouterr().err


def test_check_prints_a_swedish_table_and_the_findings(plan_file, capsys):
    assert main(["check", str(plan_file("sjuharad-2025"))]) == 0
    out = capsys.readouterr().out
    assert "Sjuhärads samordningsförbund" in out and "Belopp i tkr." in out
    assert "4 417,5" in out
    assert "Fel: 2025: utgående eget kapital blir -710 000 kr" in out
