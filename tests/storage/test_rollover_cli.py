"""`finsam-desktop new` and `finsam-desktop keys`: exit codes, printed lines, nothing changed
on bad input, no Qt."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from finsam_desktop.cli import main
from finsam_desktop.storage.document import PlanDocument

SCB = ('"Folkmängd efter region och år"\n"region";"2025"\n"0583 Motala";43800\n'
       '"0586 Mjölby";28901\n"0584 Vadstena";7412\n"0560 Boxholm";5530\n"0509 Ödeshög";5199\n'
       '\n"Källa: SCB"\n')


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_prints_the_summary_and_writes_the_new_file(plan_file, tmp_path, capsys):
    source = plan_file("sjuharad-2025")
    before = digest(source)
    target = tmp_path / "sjuharad-2026.finsam"
    assert main(["new", "--from", str(source), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ny plan för 2026 från planen för 2025.")
    assert "Lämnas kvar:\n  – VILJA ESF-projekt: slutade 2025-12-31, före 2026." in out
    assert "Att göra nu:" in out and f"Skrev {target}." in out
    assert digest(source) == before
    with PlanDocument.open(target, read_only=True) as document:
        assert document.plan.plan_year == 2026


def test_new_refuses_an_existing_target_without_force_and_an_earlier_year(plan_file, tmp_path,
                                                                            capsys):
    source = plan_file("sormland-2026")
    target = tmp_path / "ny.finsam"
    assert main(["new", "--from", str(source), "-o", str(target)]) == 0
    before = digest(target)
    capsys.readouterr()
    assert main(["new", "--from", str(source), "-o", str(target)]) == 1
    assert "finns redan" in capsys.readouterr().err
    assert digest(target) == before
    assert main(["new", "--from", str(source), "-o", str(target), "--year", "2026",
                 "--force"]) == 1
    assert "måste ligga efter 2026" in capsys.readouterr().err
    assert main(["new", "--from", str(source), "-o", str(target), "--year", "2028",
                 "--force"]) == 0
    with PlanDocument.open(target, read_only=True) as document:
        assert document.plan.plan_year == 2028


def test_new_on_a_hostile_file_is_one_swedish_line(plan_file, tmp_path, capsys):
    import sqlite3
    source = plan_file("sormland-2026")
    conn = sqlite3.connect(str(source))
    conn.execute("CREATE TRIGGER t AFTER INSERT ON meta BEGIN DELETE FROM members; END")
    conn.close()
    assert main(["new", "--from", str(source), "-o", str(tmp_path / "ny.finsam")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "utlösare" in err[0]
    assert not (tmp_path / "ny.finsam").exists()


def rolled_vastra(plan_file, tmp_path):
    source = plan_file("vastra-ostergotland-2026")
    target = tmp_path / "vastra-2027.finsam"
    assert main(["new", "--from", str(source), "-o", str(target)]) == 0
    return target


def test_keys_updates_the_keys_in_one_go_and_prints_what_changed(plan_file, tmp_path, capsys):
    target = rolled_vastra(plan_file, tmp_path)
    scb = tmp_path / "scb.csv"
    scb.write_bytes(SCB.encode("cp1252"))
    capsys.readouterr()
    assert main(["keys", str(target), "--from", str(scb), "--source",
                 "Folkmängd 31/12 2025, SCB"]) == 0
    out = capsys.readouterr().out
    assert "Motala kommun: 43 505 → 43 800 (rad 3)" in out
    assert "Ödeshögs kommun: 5 237 → 5 199 (rad 7)" in out
    assert "Uppdaterade 5 kommuners folkmängd" in out
    with PlanDocument.open(target, read_only=True) as document:
        keys = {m.name: (m.key, m.key_source) for m in document.plan.members
                if m.kind == "municipality"}
    assert keys["Motala kommun"] == (43_800, "Folkmängd 31/12 2025, SCB")
    assert keys["Boxholms kommun"] == (5_530, "Folkmängd 31/12 2025, SCB")


def test_keys_with_an_unknown_or_non_numeric_row_changes_nothing(plan_file, tmp_path, capsys):
    target = rolled_vastra(plan_file, tmp_path)
    scb = tmp_path / "scb.csv"
    scb.write_text(SCB.replace('"0584 Vadstena";7412', '"0580 Linköping";165000')
                   .replace("5530", "..."), encoding="utf-8-sig")
    with PlanDocument.open(target, read_only=True) as document:
        before = document.plan
    capsys.readouterr()
    assert main(["keys", str(target), "--from", str(scb), "--source", "x"]) == 1
    err = capsys.readouterr().err
    assert "inget har ändrats" in err
    assert "Rad 5 (”0580 Linköping”): ingen kommun i planen heter så." in err
    assert "Rad 6 (”0560 Boxholm; ...”): folkmängden är inget heltal." in err
    with PlanDocument.open(target, read_only=True) as document:
        assert document.plan == before


def test_keys_needs_a_source_and_a_readable_file(plan_file, tmp_path, capsys):
    target = rolled_vastra(plan_file, tmp_path)
    assert main(["keys", str(target), "--from", str(tmp_path / "saknas.csv"),
                 "--source", "x"]) == 1
    assert "saknas.csv finns inte" in capsys.readouterr().err
    scb = tmp_path / "scb.csv"
    scb.write_text(SCB, encoding="utf-8")
    assert main(["keys", str(target), "--from", str(scb), "--source", "  "]) == 1
    assert "varifrån" in capsys.readouterr().err
    assert main(["keys", str(target), "--from", str(scb)]) == 1
    assert "Felaktigt kommando" in capsys.readouterr().err
    with PlanDocument.open(target, read_only=True) as document:
        assert {m.key_source for m in document.plan.members if m.kind == "municipality"} == {
            "Befolkningsmängd 31/12 2024, SCB"}


def test_new_and_keys_import_no_qt(plan_file, tmp_path):
    source = plan_file("vastra-ostergotland-2026")
    target = tmp_path / "ny.finsam"
    scb = tmp_path / "scb.csv"
    scb.write_text(SCB, encoding="utf-8")
    code = ("import sys; from finsam_desktop.cli import main; "
            f"assert main(['new', '--from', {str(source)!r}, '-o', {str(target)!r}]) == 0; "
            f"assert main(['keys', {str(target)!r}, '--from', {str(scb)!r}, "
            "'--source', 'Folkmängd 31/12 2025, SCB']) == 0; "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
