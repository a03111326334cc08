"""The benchmark suite runs and prints its table; missing parts are rows, not crashes."""

from __future__ import annotations

from benchmarks import run
from benchmarks.plans import Missing


def test_quick_compute_table_has_a_row_per_plan(capsys):
    assert run.main(["--quick", "--only", "compute", "--plans", "skaraborg-2026,syntetisk"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Maskin: ")
    lines = [line for line in out.splitlines() if line.startswith("Full omräkning")]
    assert [line.split()[2] for line in lines] == ["skaraborg-2026", "syntetisk"]
    assert all(" ms " in line for line in lines)


def test_a_missing_part_is_a_saknas_row(monkeypatch, capsys):
    def missing(*_args):
        raise Missing("ui/main_window.py")
    monkeypatch.setattr(run, "TASKS", [("edit", "Redigering till vy", {"*": 0.016}, run.MS,
                                        missing, 3, 1)])
    assert run.main(["--quick"]) == 0
    assert "saknas ännu (ui/main_window.py)" in capsys.readouterr().out


def test_the_window_child_reports_the_window_shown_and_exits(tmp_path):
    from benchmarks.cases import _window_child
    from benchmarks.plans import plan_file
    elapsed, line = _window_child(plan_file("skaraborg-2026", tmp_path), "show")
    assert line == "shown" and elapsed < 30
