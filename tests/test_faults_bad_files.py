"""Bad files: a Swedish message and no traceback on the command line and in the window,
and the file (and its folder) exactly as it was."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from finsam_desktop.storage.schema import SCHEMA_VERSION
from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[1]


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` and its content hash."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _empty(path: Path, plan_file) -> None:
    path.write_bytes(b"")


def _random_bytes(path: Path, plan_file) -> None:
    path.write_bytes(random.Random(7).randbytes(8192))


def _truncated_mid_page(path: Path, plan_file) -> None:
    whole = plan_file("skaraborg-2026", "whole.finsam").read_bytes()
    path.write_bytes(whole[: len(whole) // 2 + 100])


def _truncated_at_page(path: Path, plan_file) -> None:
    whole = plan_file("skaraborg-2026", "whole.finsam").read_bytes()
    page = int.from_bytes(whole[16:18], "big")
    path.write_bytes(whole[: page * 2])


def _other_app(path: Path, plan_file) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO notes (text) VALUES ('inköpslista')")
    conn.close()


def _newer_schema(path: Path, plan_file) -> None:
    made = plan_file("skaraborg-2026", "newer-source.finsam")
    with sqlite3.connect(made) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    path.write_bytes(made.read_bytes())
    made.unlink()


def _garbage_inside(path: Path, plan_file) -> None:
    """A file with our header whose pages are overwritten: corrupt, not truncated."""
    data = bytearray(plan_file("skaraborg-2026", "garbled.finsam").read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = random.Random(3).randbytes(len(data) - page)
    path.write_bytes(bytes(data))


BAD_FILES = {
    "tom": (_empty, "tom"),
    "slumpbytes": (_random_bytes, "ingen FinSam-plan"),
    "avkortad mitt i en sida": (_truncated_mid_page, "avkortad"),
    "avkortad vid en sidgräns": (_truncated_at_page, "avkortad"),
    "annat programs databas": (_other_app, "annat program"),
    "nyare filversion": (_newer_schema, "nyare version"),
    "trasigt innehåll": (_garbage_inside, "trasig"),
}


@pytest.fixture(params=list(BAD_FILES))
def bad_file(request, tmp_path, plan_file):
    """(path, expected words) for one kind of bad file, alone in its own folder."""
    make, words = BAD_FILES[request.param]
    folder = tmp_path / "filer"
    folder.mkdir()
    path = folder / "plan.finsam"
    make(path, plan_file)
    for leftover in tmp_path.glob("*.finsam"):
        leftover.unlink()
    return path, words


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "finsam_desktop", *args], capture_output=True,
                          text=True, env=env, timeout=60)


def assert_one_swedish_line(result: subprocess.CompletedProcess, words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("finsam-desktop: "), result.stderr
    assert words in lines[0]


@pytest.mark.parametrize("command", ["check", "export", "report"])
def test_cli_refuses_a_bad_file_in_swedish_and_leaves_it(bad_file, command, tmp_path):
    path, words = bad_file
    before = _snapshot(path.parent)
    output = tmp_path / ("ut.json" if command == "export" else "ut.pdf")
    args = [command, str(path)] + ([] if command == "check" else ["-o", str(output)])
    result = run_cli(*args)
    assert_one_swedish_line(result, words)  # a missing command is a failure, never a skip
    assert _snapshot(path.parent) == before
    assert not output.exists()


def test_cli_rollover_refuses_a_bad_last_year_file(bad_file, tmp_path):
    path, words = bad_file
    before = _snapshot(path.parent)
    result = run_cli("new", "--from", str(path), "-o", str(tmp_path / "ny.finsam"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("finsam-desktop: ")
    assert _snapshot(path.parent) == before
    assert not (tmp_path / "ny.finsam").exists()


def test_import_of_a_bad_file_as_json_is_refused(bad_file, tmp_path):
    path, _ = bad_file
    result = run_cli("import", str(path), "-o", str(tmp_path / "ny.finsam"))
    assert_one_swedish_line(result, str(path.name))
    assert not (tmp_path / "ny.finsam").exists()


def test_window_shows_a_bad_file_error_in_swedish_and_leaves_it(bad_file, qtbot, tmp_path,
                                                                 monkeypatch):
    from PySide6.QtCore import QSettings

    from finsam_desktop.ui import dialogs
    from finsam_desktop.ui.main_window import MainWindow
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    path, words = bad_file
    before = _snapshot(path.parent)
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.open_path(path) is False
    assert len(errors) == 1 and words in errors[0]
    assert window.model is None
    assert _snapshot(path.parent) == before


# --- files that are fine but cannot be written, or are not there ------------------------

def test_a_read_only_file_is_read_on_the_command_line_and_never_written(plan_file):
    path = plan_file("skaraborg-2026")
    path.chmod(0o444)
    before = _snapshot(path.parent)
    stat = path.stat()
    result = run_cli("check", str(path))
    assert result.returncode == 0, result.stderr
    assert "3 692 000" in result.stdout
    assert _snapshot(path.parent) == before and path.stat().st_mtime_ns == stat.st_mtime_ns


def test_the_window_refuses_to_write_a_read_only_file_in_swedish(plan_file, qtbot, tmp_path,
                                                                  monkeypatch):
    from PySide6.QtCore import QSettings

    from finsam_desktop.storage import planfile
    from finsam_desktop.ui import dialogs
    from finsam_desktop.ui.main_window import MainWindow
    path = plan_file("skaraborg-2026")
    path.chmod(0o444)
    if os.access(path, os.W_OK):  # root writes anyway: make the check see what a user sees
        monkeypatch.setattr(planfile.os, "access", lambda p, mode: mode != os.W_OK)
    before = _snapshot(path.parent)
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    opened = window.open_path(path)
    if opened:  # a window may choose to show it read-only instead
        assert window.model.read_only
        assert window.model.edit("x", lambda plan: plan).refusal is not None
    else:
        assert "skrivskyddad" in errors[0]
    assert _snapshot(path.parent) == before


@pytest.mark.parametrize("command", ["check", "export"])
def test_a_file_in_a_missing_folder(tmp_path, command):
    path = tmp_path / "borttagen" / "plan.finsam"
    args = [command, str(path)] + ([] if command == "check" else ["-o", str(tmp_path / "u.json")])
    assert_one_swedish_line(run_cli(*args), "finns inte")
    assert not path.parent.exists()


def test_output_into_a_missing_folder(plan_file, tmp_path):
    path = plan_file("skaraborg-2026")
    result = run_cli("export", str(path), "-o", str(tmp_path / "borta" / "plan.json"))
    assert_one_swedish_line(result, "finns inte")
    result = run_cli("import", str(EXAMPLES / "skaraborg-2026.plan.json"), "-o",
                     str(tmp_path / "borta" / "plan.finsam"))
    assert_one_swedish_line(result, "finns inte")
    assert not (tmp_path / "borta").exists()


def test_window_on_a_file_whose_folder_vanished(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from finsam_desktop.ui import dialogs
    from finsam_desktop.ui.main_window import MainWindow
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.open_path(tmp_path / "borta" / "plan.finsam") is False
    assert "finns inte" in errors[0]


def test_the_folder_vanishes_while_the_window_has_the_file_open(plan_file, qtbot, tmp_path,
                                                               monkeypatch):
    import shutil

    from PySide6.QtCore import QSettings

    from finsam_desktop.domain import edits
    from finsam_desktop.ui import dialogs
    from finsam_desktop.ui.main_window import MainWindow
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    folder = tmp_path / "delad mapp"
    folder.mkdir()
    path = plan_file("sormland-2026", "delad mapp/plan.finsam")
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.open_path(path)
    before = window.model.plan
    shutil.rmtree(folder)
    member = before.members[0]
    window.model.edit("Byt namn", edits.update_item, "members", member.id, name="Nytt namn")
    refused = window.model.flush().refusal  # the window writes right after the frame
    assert refused and refused.startswith("Ändringen kunde inte sparas i plan.finsam: ")
    assert errors == [refused]
    assert window.model.plan is before and window.model.undo_stack.count() == 0
    window.close_document()  # closing a file whose folder is gone is no error
    assert window.model is None


# --- hostile content inside a real plan file -------------------------------------------

DATA = Path(__file__).parent / "storage" / "data"


def _kept_v2(path: Path, *statements: str, writable_schema: bool = False) -> None:
    """The kept real schema-v2 file at `path`, changed by `statements`."""
    path.write_bytes((DATA / "schema-v2-skaraborg-2026.finsam").read_bytes())
    _tamper(path, *statements, writable_schema=writable_schema)


def _tamper(path: Path, *statements: str, writable_schema: bool = False) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    if writable_schema:
        conn.execute("PRAGMA writable_schema = ON")
    for statement in statements:
        conn.execute(statement)
    conn.close()


def _in_current(path: Path, plan_file, *statements: str, writable_schema: bool = False) -> None:
    made = plan_file("skaraborg-2026", "made.finsam")
    _tamper(made, *statements, writable_schema=writable_schema)
    path.write_bytes(made.read_bytes())
    made.unlink()


def _schema_sql(table: str, old: str, new: str) -> str:
    return (f"UPDATE sqlite_master SET sql = replace(sql, '{old}', '{new}') "
            f"WHERE type = 'table' AND name = '{table}'")


HOSTILE_FILES = {
    "v2 utan opening_is_forecast": (
        lambda p, f: _kept_v2(p, "ALTER TABLE plan DROP COLUMN opening_is_forecast"),
        "tabellen plan"),
    "v1 som redan har v2-kolumnen": (
        lambda p, f: _kept_v2(p, "PRAGMA user_version = 1"), "tabellen plan"),
    "DEFAULT zeroblob": (
        lambda p, f: _in_current(p, f, _schema_sql(
            "members", "key_source TEXT NOT NULL DEFAULT ''''",
            "key_source TEXT NOT NULL DEFAULT (zeroblob(50000000))"), writable_schema=True),
        "tabellen members"),
    "genererad kolumn": (
        lambda p, f: _in_current(p, f, "ALTER TABLE interventions ADD COLUMN big BLOB "
                                       "GENERATED ALWAYS AS (zeroblob(200000000)) VIRTUAL"),
        "tabellen interventions"),
    "CHECK-villkor": (
        lambda p, f: _in_current(p, f, _schema_sql(
            "lines", "name TEXT NOT NULL", "name TEXT NOT NULL CHECK (length(name) > 1000)"),
            writable_schema=True),
        "tabellen lines"),
    "extra index": (
        lambda p, f: _in_current(p, f, "CREATE INDEX by_name ON interventions (name)"),
        "tabellen interventions"),
    "indikatorer som inte är JSON": (
        lambda p, f: _in_current(p, f, "UPDATE goals SET indicators = 'inte json'"),
        "goals[0].indicators"),
    "årskarta nästlad 100 000 djupt": (
        lambda p, f: _in_current(p, f, "UPDATE interventions SET amounts = '"
                                 + "[" * 100_000 + "]" * 100_000 + "'"),
        "djupt nästlad"),
    "belopp som text": (
        lambda p, f: _in_current(p, f, "UPDATE lines SET amounts = '{\"2026\": \"12\"}'"),
        "heltal"),
    "belopp 10^20": (
        lambda p, f: _in_current(p, f, "UPDATE plan SET opening_equity = '1e20'"),
        "equity.opening"),
    "avrundning 7 kr": (  # the allowed roundings are numbers: listing them crashed
        lambda p, f: _in_current(p, f, "UPDATE plan SET rounding = 7"),
        "contributions.rounding"),
    "okänd medlemsart": (
        lambda p, f: _in_current(p, f, "UPDATE members SET kind = 'kyrka' WHERE id = 1"),
        "members[0].kind"),
    "andel 1E-999999999": (
        lambda p, f: _in_current(p, f, "UPDATE rules SET share = '1E-999999999' "
                                 "WHERE kind = 'max_share'"),
        "siffror"),
    "samma id två gånger": (
        lambda p, f: _in_current(p, f, "UPDATE sections SET id = 1 "
                                 "WHERE id = (SELECT MIN(id) FROM sections)"), "rad-id"),
}


@pytest.fixture(params=list(HOSTILE_FILES))
def hostile_file(request, tmp_path, plan_file):
    make, words = HOSTILE_FILES[request.param]
    folder = tmp_path / "filer"
    folder.mkdir()
    path = folder / "plan.finsam"
    make(path, plan_file)
    return path, words


@pytest.mark.parametrize("read_only", [True, False])
def test_a_hostile_plan_file_is_refused_and_left_as_it_was(hostile_file, read_only):
    from finsam_desktop.storage.document import PlanDocument
    from finsam_desktop.storage.errors import PlanFileError
    path, words = hostile_file
    before = _snapshot(path.parent)
    with pytest.raises(PlanFileError, match=words.replace("[", r"\[").replace("]", r"\]")):
        PlanDocument.open(path, read_only=read_only)
    assert _snapshot(path.parent) == before


def test_the_command_line_refuses_a_hostile_plan_file_in_one_line(hostile_file):
    path, words = hostile_file
    before = _snapshot(path.parent)
    assert_one_swedish_line(run_cli("check", str(path)), words)
    assert _snapshot(path.parent) == before


def test_a_wal_planted_beside_a_rollback_mode_plan_is_refused(plan_file, tmp_path):
    path = plan_file("skaraborg-2026")
    other = plan_file("skaraborg-2026", "annan.finsam")
    writer = sqlite3.connect(other, isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE plan SET association = 'Planterad'")
    Path(str(path) + "-wal").write_bytes(Path(str(other) + "-wal").read_bytes())
    writer.close()
    other.unlink()
    before = _snapshot(path.parent)
    result = run_cli("check", str(path))
    assert_one_swedish_line(result, "WAL")
    assert "Planterad" not in result.stdout
    assert _snapshot(path.parent) == before
    assert not Path(str(path) + "-shm").exists()


@pytest.mark.parametrize("text, words", [
    ('{"format": "finsam-plan", "format": "finsam-plan"}', "format förekommer två gånger"),
    ('{"association": {"name": "\\ud800"}}', "ogiltigt tecken"),
    ("[" * 100_000 + "]" * 100_000, "djupt nästlad"),
], ids=["dubbel nyckel", "surrogat", "nästlad"])
def test_import_of_hostile_json_is_one_swedish_line(tmp_path, text, words):
    source = tmp_path / "in" / "plan.json"
    source.parent.mkdir()
    source.write_text(text, encoding="utf-8")
    before = _snapshot(source.parent)
    result = run_cli("import", str(source), "-o", str(tmp_path / "ny.finsam"))
    assert_one_swedish_line(result, words)
    assert _snapshot(source.parent) == before
    assert not (tmp_path / "ny.finsam").exists()


def _population_fifo(folder: Path) -> Path:
    path = folder / "folkmängd.csv"
    os.mkfifo(path)
    return path


def _population_bad_first_row(folder: Path) -> Path:
    path = folder / "folkmängd.csv"
    path.write_text('"region";"2025"\n"0583 Motala";"4.38e4"\n"0586 Mjölby";28901\n',
                    encoding="utf-8")
    return path


def _population_absurd(folder: Path) -> Path:
    path = folder / "folkmängd.csv"
    path.write_text('"region";"2025"\n"0583 Motala";' + "9" * 4301 + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("make, words", [
    (_population_fifo, "ingen vanlig fil"),
    (_population_bad_first_row, "kunde inte läsas in"),
    (_population_absurd, "kunde inte läsas in"),
], ids=["fifo", "bad first row", "4301 digits"])
def test_keys_refuses_a_bad_population_file_and_changes_nothing(plan_file, tmp_path, make,
                                                                 words):
    plan = plan_file("vastra-ostergotland-2026")
    folder = tmp_path / "in"
    folder.mkdir()
    population = make(folder)
    with sqlite3.connect(plan) as conn:
        keys = conn.execute("SELECT key FROM members ORDER BY id").fetchall()
    result = run_cli("keys", str(plan), "--from", str(population), "--source", "SCB")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert words in result.stderr.splitlines()[0]
    with sqlite3.connect(plan) as conn:
        assert conn.execute("SELECT key FROM members ORDER BY id").fetchall() == keys
