"""`finsam-desktop report`: exit codes, one Swedish line on a mistake, no file left behind."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pypdf import PdfReader

from finsam_desktop.cli import main


def test_report_writes_the_pdf_and_says_so(plan_file, tmp_path, capsys):
    target = tmp_path / "plan.pdf"
    assert main(["report", str(plan_file("sjuharad-2025")), "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == f"Skrev {target}."
    text = PdfReader(str(target)).pages[0].extract_text()
    assert "Sjuhärads samordningsförbund" in text


def test_unit_option_prints_thousands(plan_file, tmp_path):
    target = tmp_path / "plan.pdf"
    assert main(["report", str(plan_file("skaraborg-2026")), "-o", str(target), "--unit", "tkr"]) == 0
    text = " ".join(p.extract_text() for p in PdfReader(str(target)).pages).replace("\u00a0", " ")
    assert "16 900" in text and "16 900 000" not in text
    assert "Belopp anges i tusental kronor (tkr)." in text


@pytest.mark.parametrize("arguments, message", [
    (["report", "{missing}", "-o", "{out}"], "Filen saknas.finsam finns inte."),
    (["report", "{bad}", "-o", "{out}"], None),
    (["report", "{plan}", "-o", "{tmp}/plan.txt"], "Rapporten skrivs som PDF"),
    (["report", "{plan}", "-o", "{tmp}/saknas/plan.pdf"], "finns inte."),
    (["report", "{plan}", "-o", "{out}", "--unit", "mkr"], "Felaktigt kommando"),
])
def test_bad_input_is_one_swedish_line_exit_1_and_no_file(arguments, message, plan_file, tmp_path,
                                                          capsys):
    bad = tmp_path / "bad.finsam"
    bad.write_bytes(b"inte en plan" * 100)
    values = {"missing": tmp_path / "saknas.finsam", "bad": bad, "plan": plan_file(),
              "out": tmp_path / "plan.pdf", "tmp": tmp_path}
    before = set(tmp_path.rglob("*"))
    assert main([a.format(**values) for a in arguments]) == 1
    err = capsys.readouterr().err
    assert err.startswith("finsam-desktop: ") and err.count("\n") == 1
    if message:
        assert message in err
    assert set(tmp_path.rglob("*")) == before


def test_an_existing_pdf_needs_force(plan_file, tmp_path, capsys):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    plan = str(plan_file())
    assert main(["report", plan, "-o", str(target)]) == 1
    assert "finns redan" in capsys.readouterr().err
    assert target.read_bytes() == b"old"
    assert main(["report", plan, "-o", str(target), "--force"]) == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_the_report_command_never_imports_qt(plan_file, tmp_path):
    code = ("import sys; from finsam_desktop.cli import main; "
            f"code = main(['report', {str(plan_file())!r}, '-o', {str(tmp_path / 'p.pdf')!r}]); "
            "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))); "
            "print(code, qt)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.stdout.strip().endswith("0 []"), result.stdout + result.stderr
