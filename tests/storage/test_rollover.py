"""Rolling last year's file through the service job (`services.plans.new_year`, the one
writer): untrusted input is refused or read without running anything, and its bytes never
change."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from finsam_desktop.domain.errors import UserFacingError
from finsam_desktop.services.plans import new_year
from finsam_desktop.storage import rollover
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.errors import PlanFileError
from finsam_desktop.storage.rollover import read_last_year, suggested_name


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tamper(path: Path, *statements: str) -> None:
    """Change a file behind FinSam's back, as another program could."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def test_sormland_file_rolls_into_a_new_file(plan_file, tmp_path):
    source = plan_file("sormland-2026")
    before = digest(source)
    target = tmp_path / "sormland-2027.finsam"
    new_plan, summary = new_year(source, target)
    assert digest(source) == before
    with PlanDocument.open(target) as document:
        assert document.plan.plan_year == 2027
        assert document.plan.equity.opening == 8_763_300
        assert document.plan.equity.opening_is_forecast
        assert document.plan == new_plan
        assert document.outcome.years[2027].costs_total == 18_358_500
    assert summary.to_year == 2027


def test_an_existing_target_is_refused_unless_forced(plan_file, tmp_path):
    source = plan_file("sormland-2026")
    target = tmp_path / "ny.finsam"
    target.write_bytes(b"keep me")
    with pytest.raises(PlanFileError, match="finns redan"):
        new_year(source, target)
    assert target.read_bytes() == b"keep me"
    new_year(source, target, force=True)
    assert PlanDocument.open(target, read_only=True).plan.plan_year == 2027


def test_the_source_itself_is_never_the_target(plan_file):
    source = plan_file("sormland-2026")
    before = digest(source)
    with pytest.raises(PlanFileError, match="fjolårets fil"):
        new_year(source, source, force=True)
    assert digest(source) == before


def test_storage_only_reads_last_year_and_the_service_writes_the_new_file():
    public = {name for name in vars(rollover) if not name.startswith("_")
              and callable(getattr(rollover, name)) and getattr(rollover, name).__module__
              == rollover.__name__}
    assert public == {"read_last_year", "suggested_name"}  # no writer without the checks


def test_an_earlier_year_is_refused_and_nothing_is_written(plan_file, tmp_path):
    source = plan_file("sormland-2026")
    with pytest.raises(UserFacingError, match="måste ligga efter 2026"):
        new_year(source, tmp_path / "ny.finsam", year=2025)
    assert not (tmp_path / "ny.finsam").exists()


def test_a_schema_version_1_file_rolls_and_stays_version_1(plan_file, tmp_path):
    source = kept_file(tmp_path, 1)
    before = digest(source)
    new_plan, _ = new_year(source, tmp_path / "ny.finsam")
    assert new_plan.equity.opening == 8_763_300
    assert digest(source) == before
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


HOSTILE = {
    "trigger": ("CREATE TRIGGER wipe AFTER INSERT ON meta BEGIN DELETE FROM interventions; END",),
    "trigger_on_update": ("CREATE TRIGGER wipe2 BEFORE UPDATE ON plan BEGIN "
                          "UPDATE plan SET association = 'x'; END",),
    "view_in_place_of_table": (
        "ALTER TABLE interventions RENAME TO interventions_real",
        "CREATE VIEW interventions AS SELECT * FROM interventions_real"),
    "extra_view": ("CREATE VIEW sneaky AS SELECT * FROM members",),
    "view_with_instead_of_trigger": (
        "ALTER TABLE goals RENAME TO goals_real",
        "CREATE VIEW goals AS SELECT * FROM goals_real",
        "CREATE TRIGGER g INSTEAD OF INSERT ON goals BEGIN DELETE FROM members; END"),
    "virtual_table": ("CREATE VIRTUAL TABLE notes USING fts5(text)",),
    "wal_mode": ("PRAGMA journal_mode = WAL",),
    "wrong_application_id": ("PRAGMA application_id = 1234",),
    "newer_schema": ("PRAGMA user_version = 99",),
}
REFUSAL = {
    "trigger": "utlösare", "trigger_on_update": "utlösare",
    "view_in_place_of_table": "vy", "extra_view": "vy",
    "view_with_instead_of_trigger": "utlösare|vy", "virtual_table": "virtuell tabell", "wal_mode": "WAL-läge",
    "wrong_application_id": "annat program",
    "newer_schema": "nyare version",
}


def kept_file(tmp_path: Path, version: int) -> Path:
    """A copy of the kept real file of an old schema version (tests/storage/data)."""
    import shutil
    kept = {1: "schema-v1-sormland-2026.finsam", 2: "schema-v2-skaraborg-2026.finsam"}[version]
    target = tmp_path / "sormland-2026.finsam"
    shutil.copy(Path(__file__).parent / "data" / kept, target)
    return target


@pytest.mark.parametrize("version", [1, 2, 3])
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_last_year_files_are_refused_and_left_untouched(plan_file, tmp_path, case,
                                                                version):
    source = plan_file("sormland-2026") if version == 3 else kept_file(tmp_path, version)
    tamper(source, *HOSTILE[case])
    before = digest(source)
    target = tmp_path / "ny.finsam"
    with pytest.raises(PlanFileError, match=REFUSAL[case]):
        new_year(source, target)
    assert digest(source) == before
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


@pytest.mark.parametrize("keep", [0.5, 0.9, 100 / 4096])
def test_a_truncated_file_is_refused(plan_file, tmp_path, keep):
    source = plan_file("sormland-2026")
    data = source.read_bytes()
    source.write_bytes(data[: max(100, int(len(data) * keep))])
    before = digest(source)
    with pytest.raises(PlanFileError, match="trasig|avkortad"):
        new_year(source, tmp_path / "ny.finsam")
    assert digest(source) == before


def test_a_file_that_is_not_a_plan_at_all(tmp_path):
    source = tmp_path / "fjol.finsam"
    source.write_text("hej", encoding="utf-8")
    with pytest.raises(PlanFileError, match="ingen FinSam-plan"):
        read_last_year(source)


def test_a_read_only_source_is_read(plan_file, tmp_path):
    source = plan_file("sormland-2026")
    source.chmod(0o444)
    try:
        before = digest(source)
        new_year(source, tmp_path / "ny.finsam")
        assert digest(source) == before
    finally:
        source.chmod(0o644)


def test_suggested_name_moves_the_year():
    assert suggested_name(Path("/x/sormland-2026.finsam"), 2027) == Path("/x/sormland-2027.finsam")
    assert suggested_name(Path("/x/plan.finsam"), 2027) == Path("/x/plan-2027.finsam")


def test_the_kept_schema_version_1_file_rolls_without_being_touched(tmp_path):
    source = Path(__file__).parent / "data" / "schema-v1-sormland-2026.finsam"
    before = digest(source)
    new_plan, summary = new_year(source, tmp_path / "sormland-2027.finsam")
    assert digest(source) == before
    assert (new_plan.plan_year, new_plan.equity.opening) == (2027, 8_763_300)
    assert new_plan.equity.opening_is_forecast


def test_a_large_rolled_plan_reads_back_exactly(tmp_path):
    from benchmarks.synthetic import synthetic_plan
    from finsam_desktop.storage.planfile import create
    source = tmp_path / "stor-2026.finsam"
    create(source, synthetic_plan(municipalities=30, interventions=120, span=5))
    new_plan, summary = new_year(source, tmp_path / "stor-2027.finsam")
    with PlanDocument.open(tmp_path / "stor-2027.finsam", read_only=True) as document:
        assert document.plan == new_plan
    assert new_plan.years == (2027, 2028, 2029, 2030, 2031)
    assert all(set(item.amounts) <= set(new_plan.years) for item in new_plan.interventions)
    assert len(new_plan.interventions) + len(summary.left_behind) == 120


def test_a_file_with_an_unfinished_write_is_refused_untouched(plan_file, tmp_path):
    import subprocess
    import sys
    source = plan_file("sormland-2026")
    code = ("import os, sqlite3\n"
            f"c = sqlite3.connect({str(source)!r}, isolation_level=None)\n"
            "c.execute('PRAGMA cache_size = 1'); c.execute('BEGIN')\n"
            "for i in range(2000):\n"
            "    c.execute('INSERT INTO meta VALUES (?, ?)', (str(i), 'x' * 500))\n"
            "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert Path(str(source) + "-journal").exists()
    before = digest(source)
    with pytest.raises(PlanFileError, match="sparades inte färdigt"):
        new_year(source, tmp_path / "ny.finsam")
    assert digest(source) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name, source.name + "-journal"]
    with PlanDocument.open(source) as document:  # opening it for writing recovers it
        assert document.plan.plan_year == 2026
    new_year(source, tmp_path / "ny.finsam")
