"""The .finsam file: what it is, what it refuses, and that it keeps a plan exactly."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from finsam_desktop.domain import edits
from finsam_desktop.domain.plan import Cover, Labels
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.errors import PlanFileError
from finsam_desktop.storage.planfile import check_header
from finsam_desktop.storage.schema import APPLICATION_ID, SCHEMA_VERSION
from tests.conftest import first_release_skaraborg, load_plan

DATA = Path(__file__).parent / "data"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_file_says_what_it_is(plan_file):
    path = plan_file("skaraborg-2026")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert check_header(path) == SCHEMA_VERSION


def test_every_edit_is_in_the_file_when_commit_returns(plan_file):
    path = plan_file("skaraborg-2026")
    with PlanDocument.open(path) as document:
        plan = edits.set_total(document.plan, 2026, 17_000_000)
        plan, ident = edits.add_item(plan, "interventions", name="Ny & <insats>", area="struktur")
        document.commit(plan)
        plan = edits.remove_item(document.plan, "members", document.plan.members[-1].id)
        document.commit(plan)
        expected = document.plan
    with PlanDocument.open(path) as reopened:
        assert reopened.plan == expected
        assert reopened.outcome.years[2026].contributions_total == 17_000_000


def _bad_files(tmp_path: Path, plan_file) -> dict[str, Path]:
    files = {}
    files["empty"] = tmp_path / "tom.finsam"
    files["empty"].write_bytes(b"")
    files["random"] = tmp_path / "brus.finsam"
    files["random"].write_bytes(bytes(range(256)) * 40)
    good = plan_file("skaraborg-2026")
    files["truncated"] = tmp_path / "avkortad.finsam"
    files["truncated"].write_bytes(good.read_bytes()[:5000])
    files["foreign"] = tmp_path / "annan.finsam"
    conn = sqlite3.connect(files["foreign"])
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    files["newer"] = tmp_path / "nyare.finsam"
    shutil.copy(good, files["newer"])
    conn = sqlite3.connect(files["newer"])
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    return files


@pytest.mark.parametrize("kind, words", [
    ("empty", "tom"), ("random", "ingen FinSam-plan"), ("truncated", "trasig"),
    ("foreign", "annat program"), ("newer", "nyare version"),
])
@pytest.mark.parametrize("read_only", [False, True])
def test_bad_files_get_a_swedish_message_and_are_never_modified(tmp_path, plan_file, kind, words,
                                                                 read_only):
    path = _bad_files(tmp_path, plan_file)[kind]
    before = digest(path)
    with pytest.raises(PlanFileError, match=words):
        PlanDocument.open(path, read_only=read_only)
    assert digest(path) == before
    assert not Path(str(path) + ".lock").exists()


def test_a_file_of_schema_version_1_opens_read_only_without_being_written(tmp_path):
    path = tmp_path / "v1.finsam"
    shutil.copy(DATA / "schema-v1-sormland-2026.finsam", path)
    before = digest(path)
    with PlanDocument.open(path, read_only=True) as document:
        # the example's figures; its document (cover, labels, chapters, goals) and the
        # opening equity's note came in the second release
        example = load_plan("sormland-2026")
        first = replace(example, cover=Cover(), labels=Labels(), goals=(), sections=(),
                        equity=replace(example.equity, opening_note=""))
        assert document.plan == _with_ids_of(document.plan, first)
        assert document.outcome.years[2028].closing_equity == 7_304_800
    assert digest(path) == before


def test_a_file_of_schema_version_1_is_upgraded_when_opened_for_writing(tmp_path):
    path = tmp_path / "v1.finsam"
    shutil.copy(DATA / "schema-v1-sormland-2026.finsam", path)
    with PlanDocument.open(path) as document:
        document.commit(edits.set_opening_equity(document.plan, 1))
    assert check_header(path) == SCHEMA_VERSION
    with PlanDocument.open(path) as document:
        assert document.plan.equity.opening == 1


def _skaraborg_as_written_in_v2():
    from dataclasses import replace
    plan = first_release_skaraborg()  # the v2 file was written from it
    return replace(plan, equity=replace(plan.equity, opening_is_forecast=True))


def test_a_file_of_schema_version_2_opens_read_only_with_the_same_plan(tmp_path):
    path = tmp_path / "v2.finsam"
    shutil.copy(DATA / "schema-v2-skaraborg-2026.finsam", path)
    before = digest(path)
    with PlanDocument.open(path, read_only=True) as document:
        assert document.plan == _with_ids_of(document.plan, _skaraborg_as_written_in_v2())
        assert document.plan.equity.opening_is_forecast
    assert digest(path) == before


def test_a_file_of_schema_version_2_is_upgraded_when_opened_for_writing(tmp_path):
    path = tmp_path / "v2.finsam"
    shutil.copy(DATA / "schema-v2-skaraborg-2026.finsam", path)
    with PlanDocument.open(path) as document:
        expected = _with_ids_of(document.plan, _skaraborg_as_written_in_v2())
        assert document.plan == expected
    assert check_header(path) == SCHEMA_VERSION
    with PlanDocument.open(path) as document:
        assert document.plan == expected


def _with_ids_of(reference, plan):
    """`plan` renumbered like `reference`, to compare content regardless of row ids."""
    from dataclasses import replace
    def same(a, b):
        return tuple(replace(y, id=x.id) for x, y in zip(a, b, strict=True))
    return replace(plan, members=same(reference.members, plan.members),
                   other_income=same(reference.other_income, plan.other_income),
                   costs=same(reference.costs, plan.costs),
                   interventions=same(reference.interventions, plan.interventions),
                   equity=replace(plan.equity, rules=same(reference.equity.rules, plan.equity.rules)),
                   goals=same(reference.goals, plan.goals),
                   sections=same(reference.sections, plan.sections))


def test_a_file_with_a_trigger_is_refused_and_the_trigger_never_runs(plan_file):
    path = plan_file("skaraborg-2026")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE spy (x)")
    conn.execute("CREATE TRIGGER t AFTER UPDATE ON plan BEGIN INSERT INTO spy VALUES (1); END")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(PlanFileError, match="utlösare"):
        PlanDocument.open(path)
    assert digest(path) == before


def test_a_second_opener_gets_it_read_only_and_cannot_write(plan_file):
    path = plan_file("skaraborg-2026")
    with PlanDocument.open(path) as first:
        with PlanDocument.open(path) as second:
            assert second.read_only and second.holder is not None
            assert "den här datorn" in second.holder.describe()
            with pytest.raises(PlanFileError, match="skrivskyddat"):
                second.commit(edits.set_total(second.plan, 2026, 1000))
        first.commit(edits.set_total(first.plan, 2026, 17_000_000))
    with PlanDocument.open(path) as again:
        assert not again.read_only


def test_create_refuses_an_existing_file(plan_file):
    path = plan_file("skaraborg-2026")
    with pytest.raises(PlanFileError, match="finns redan"):
        PlanDocument.create(path, load_plan("sormland-2026"))


def test_json_file_to_plan_file_to_json_file_is_the_same_document(tmp_path, capsys):
    import json

    from finsam_desktop.cli import main
    from tests.conftest import EXAMPLES, PLAN_NAMES
    for name in PLAN_NAMES:
        source = EXAMPLES / f"{name}.plan.json"
        assert main(["import", str(source), "-o", str(tmp_path / f"{name}.finsam")]) == 0
        assert main(["export", str(tmp_path / f"{name}.finsam"),
                     "-o", str(tmp_path / f"{name}.json")]) == 0
        assert json.loads((tmp_path / f"{name}.json").read_text("utf-8")) == \
            json.loads(source.read_text("utf-8"))
