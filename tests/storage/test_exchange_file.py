"""The JSON reader is strict where json is lenient, and output temporaries never pile up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from finsam_desktop.resources import EXAMPLES

from finsam_desktop.storage.atomic_file import atomic_output
from finsam_desktop.storage.errors import PlanFileError
from finsam_desktop.storage.exchange_file import loads_strict, read_plan_json


def test_numbers_with_a_fraction_are_read_as_the_exact_decimal_written():
    assert loads_strict('{"key": 17.50, "n": 84222, "e": 4.38e4}') == {
        "key": Decimal("17.50"), "n": 84222, "e": Decimal("4.38E+4")}
    assert str(loads_strict('[0.1]')[0]) == "0.1"


@pytest.mark.parametrize("text, words", [
    ('{"format": "finsam-plan", "format": "x"}', "format förekommer två gånger"),
    ('{"members": [{"name": "A", "kind": "region", "name": "B"}]}',
     "members[0].name förekommer två gånger"),
    ('{"association": {"name": "\\ud800"}}', "association.name innehåller ett ogiltigt tecken"),
    ('{"\\udfff": 1}', "ogiltigt tecken"),
    ("[" * 100_000 + "]" * 100_000, "för djupt nästlad"),
    ('{"a": ' * 100_000 + "1" + "}" * 100_000, "för djupt nästlad"),
], ids=["dubbel", "dubbel i lista", "surrogat", "surrogat i nyckel", "lista", "objekt"])
def test_hostile_json_is_one_swedish_line(tmp_path, text, words):
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanFileError, match=words.replace("[", r"\[").replace("]", r"\]")) as error:
        read_plan_json(path)
    assert "\n" not in str(error.value)


def test_the_acceptance_plans_still_read():
    for name in ("skaraborg-2026", "sjuharad-2025"):
        assert read_plan_json(EXAMPLES / f"{name}.plan.json").association


def test_a_killed_writers_temporary_is_cleaned_on_the_next_write(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".plan.pdf.{dead.pid}.0123abcd.tmp"
    stale.write_bytes(b"half a pdf")
    stale_journal = tmp_path / f".ny.finsam.{dead.pid}.89abcdef.tmp-journal"
    stale_journal.write_bytes(b"j")
    live = tmp_path / f".annan.pdf.{os.getpid()}.0123abcd.tmp"  # someone writing right now
    live.write_bytes(b"in progress")
    foreign = tmp_path / ".något.annat.tmp"
    foreign.write_bytes(b"not ours")
    with atomic_output(tmp_path / "ut.json") as temp:
        temp.write_text(json.dumps({}), encoding="utf-8")
    assert not stale.exists() and not stale_journal.exists()
    assert live.exists() and foreign.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [live.name, foreign.name, "ut.json"])


def test_the_temporary_carries_the_writers_pid(tmp_path):
    with atomic_output(tmp_path / "ut.json") as temp:
        assert f".ut.json.{os.getpid()}." in temp.name
        temp.write_text("{}", encoding="utf-8")
