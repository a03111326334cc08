"""The shared file jobs: a held file is never replaced, a plan is backed up before it is,
output is all-or-nothing with the replaced file's permissions, and no job writes its input."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from finsam_desktop.cli import main
from finsam_desktop.domain.outcome import compute
from finsam_desktop.services import exports, plans
from finsam_desktop.storage import backup as backups
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.errors import PlanFileError
from tests.conftest import EXAMPLES, load_plan

ROOT = Path(__file__).resolve().parents[1]
SORMLAND_JSON = str(EXAMPLES / "sormland-2026.plan.json")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_existing_pdf_is_kept_unless_forced(tmp_path):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    plan = load_plan("sormland-2026")
    with pytest.raises(PlanFileError):
        exports.write_report(plan, compute(plan), target)
    assert target.read_bytes() == b"old"
    exports.write_report(plan, compute(plan), target, force=True)
    assert target.read_bytes().startswith(b"%PDF")


def test_a_failed_render_leaves_no_file(tmp_path, monkeypatch):
    from finsam_desktop.reports import pdf

    def explode(*args, **kwargs):
        raise RuntimeError("mitt i")
    monkeypatch.setattr(pdf, "report_story", explode)
    plan = load_plan("sormland-2026")
    with pytest.raises(RuntimeError):
        exports.write_report(plan, compute(plan), tmp_path / "plan.pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["import", "new"])
def test_force_never_replaces_a_file_a_window_holds(plan_file, tmp_path, capsys, command):
    held = plan_file("sormland-2026", "held.finsam")
    source = SORMLAND_JSON if command == "import" else str(plan_file("sjuharad-2025"))
    args = (["import", source] if command == "import" else ["new", "--from", source])
    with PlanDocument.open(held) as window:
        assert not window.read_only
        before = digest(held)
        assert main([*args, "-o", str(held), "--force"]) == 1
        err = capsys.readouterr().err
        assert "är öppen hos" in err and "kan inte ersättas" in err
        assert digest(held) == before
        window.commit(window.plan)  # the window goes on working
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("command", ["import", "new"])
def test_force_backs_the_replaced_plan_up_first_and_keeps_its_permissions(plan_file, tmp_path,
                                                                          command):
    target = plan_file("vastra-ostergotland-2026", "mal.finsam")
    target.chmod(0o600)
    old_plan = load_plan("vastra-ostergotland-2026")
    backups.make_backup(target)  # an older state, so the replaced one is new to the folder
    with PlanDocument.open(target) as document:
        document.commit(dataclasses.replace(old_plan, association="Ändrad"))
    source = SORMLAND_JSON if command == "import" else str(plan_file("sjuharad-2025"))
    args = (["import", source] if command == "import" else ["new", "--from", source])
    assert main([*args, "-o", str(target), "--force"]) == 0
    assert mode(target) == 0o600
    kept = backups.list_backups(target)
    with PlanDocument.open(kept[0].path, read_only=True) as backup:
        assert backup.plan.association == "Ändrad"
    assert all(mode(b.path) == 0o600 for b in kept[:1])
    with PlanDocument.open(target, read_only=True) as document:
        assert document.plan.association != "Ändrad"


def test_a_target_that_cannot_be_backed_up_is_not_replaced(plan_file, tmp_path, capsys,
                                                           monkeypatch):
    target = plan_file("sormland-2026", "mal.finsam")
    before = digest(target)

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(backups, "make_backup", refuse)
    assert main(["import", SORMLAND_JSON, "-o", str(target), "--force"]) == 1
    assert "säkerhetskopia" in capsys.readouterr().err
    assert digest(target) == before


def test_jobs_refuse_to_write_over_their_own_input(plan_file, tmp_path, capsys):
    plan = plan_file("sormland-2026")
    named_json = tmp_path / "a.json"
    named_json.write_bytes(plan.read_bytes())  # a plan file whose name says .json
    named_pdf = tmp_path / "x.pdf"
    os.link(plan, named_pdf)  # the same file under another name
    before = digest(plan)
    for args in (["report", str(plan), "-o", str(plan), "--force"],
                 ["report", str(named_pdf), "-o", str(named_pdf), "--force"],
                 ["export", str(named_json), "-o", str(named_json), "--force"],
                 ["import", str(named_json), "-o", str(named_json), "--force"],
                 ["new", "--from", str(plan), "-o", str(plan), "--force"]):
        assert main(args) == 1, args
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, args
    assert digest(plan) == before and digest(named_json) == before


def test_a_replaced_export_keeps_its_permissions(plan_file, tmp_path):
    target = tmp_path / "ut.json"
    target.write_text("{}")
    target.chmod(0o640)
    assert main(["export", str(plan_file("sormland-2026")), "-o", str(target), "--force"]) == 0
    assert mode(target) == 0o640 and target.read_text().startswith("{\n")


def test_check_json_into_a_closed_pipe_is_quiet(plan_file):
    path = plan_file("skaraborg-2026")
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head` that has already stopped reading
    try:
        result = subprocess.run([sys.executable, "-m", "finsam_desktop", "check", "--json",
                                 str(path)], stdout=write_end, stderr=subprocess.PIPE,
                                text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                                timeout=60)
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr, result.stderr


def test_escape_characters_from_a_population_file_are_not_printed_raw(plan_file, tmp_path,
                                                                      capsys):
    target = tmp_path / "vastra.finsam"
    plans.new_year(plan_file("vastra-ostergotland-2026"), target)
    scb = tmp_path / "scb.csv"
    scb.write_text('"region";"2025"\n"0583 Motala";43800\n"\x1b]0;pwn\x07\x1b[2J Län";5\n'
                   '"0586 Mjölby\x9b31m";28901\n', encoding="utf-8")
    main(["keys", str(target), "--from", str(scb), "--source", "SCB \x1b[31m"])
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    assert printed and not any(ch in printed for ch in "\x1b\x07\x9b")
    assert "\\x9b31m" in printed


def test_keys_in_a_write_protected_folder_says_so(plan_file, tmp_path, capsys, monkeypatch):
    from finsam_desktop.storage.lock import PlanLock
    target = plan_file("vastra-ostergotland-2026")
    scb = tmp_path / "scb.csv"
    scb.write_text('"region";"2025"\n"0583 Motala";43800\n', encoding="utf-8")
    before = digest(target)

    def no_lock(self):
        raise PermissionError(13, "Permission denied")
    # root may write anyway: make the lock and the check see what a user sees
    monkeypatch.setattr(PlanLock, "acquire", no_lock)
    monkeypatch.setattr(plans.os, "access", lambda p, mode: mode != os.W_OK)
    assert main(["keys", str(target), "--from", str(scb), "--source", "SCB"]) == 1
    err = capsys.readouterr().err
    assert "skrivskyddad" in err and "någon annan" not in err and err.count("\n") == 1
    assert digest(target) == before
