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


def test_the_last_row_is_the_machine_s_speed_before_each_task_and_at_the_end(capsys):
    assert run.main(["--quick", "--only", "compute,recompute", "--plans", "sormland-2026"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1].split()
    assert last[0] == run.REFERENCE and last[1:3] == ["–", "–"]
    assert last[4] == "ms" and last[7] == "3"  # two tasks, then the end


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


def test_the_command_rows_name_their_targets_and_help_reads_no_plan(monkeypatch, capsys):
    targets = {task[0]: task[2] for task in run.TASKS}
    assert targets["report"] == {"*": 0.30, "syntetisk": 0.50, "syntetisk-50000": 5.0}
    assert targets["check"] == {"*": 0.25} and "report" in run.LARGE_TASKS
    monkeypatch.setattr(run, "TASKS", [task for task in run.TASKS if task[0] == "help"])
    assert run.main(["--quick", "--plans", "skaraborg-2026,syntetisk"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines()
             if line.startswith("Hjälp (process)")]
    assert len(lines) == 1 and lines[0].split()[2:5] == ["–", "<", "0,15"]


def test_child_processes_keep_compiled_modules_outside_the_tree(monkeypatch):
    from benchmarks.timing import PYCACHE, child_env
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = child_env()
    assert "PYTHONDONTWRITEBYTECODE" not in env and env["PYTHONPYCACHEPREFIX"] == str(PYCACHE)


def test_the_open_pause_row_measures_the_window_s_longest_stop(qapp, tmp_path):
    from benchmarks.plans import plan_file
    from benchmarks.window_open import measure_pauses
    stats = measure_pauses(plan_file("sormland-2026", tmp_path), 2)
    assert len(stats.samples) == 2 and all(0 < pause < 30 for pause in stats.samples)
    assert "open_pause" in run.LARGE_TASKS


def test_the_window_child_says_when_the_file_is_refused(tmp_path):
    import pytest

    from benchmarks.cases import _window_child
    path = tmp_path / "inte.finsam"
    path.write_bytes(b"ingen plan")
    with pytest.raises(RuntimeError, match="fönstret visades inte"):
        _window_child(path, "show")


def test_commands_run_from_a_user_shaped_environment_of_this_checkout(tmp_path):
    import subprocess

    from benchmarks.installed import installed_command, installed_python
    from benchmarks.timing import ROOT, child_env
    probe = ("import sys, finsam_desktop; print(finsam_desktop.__file__); "
             "print(sorted(name for name in sys.modules if 'editable' in name or name == 'certifi'))")
    done = subprocess.run([installed_python(tmp_path), "-c", probe], capture_output=True,
                          text=True, cwd=tmp_path, check=True)
    module, extras = done.stdout.splitlines()
    assert module == str(ROOT / "finsam_desktop" / "__init__.py") and extras == "[]"
    helped = subprocess.run(installed_command(tmp_path, "--help"), capture_output=True,
                            text=True, env=child_env(), check=True)
    assert helped.stdout.startswith("användning: finsam-desktop")


def test_each_row_shows_the_host_s_steal_share_while_it_ran(monkeypatch, capsys):
    from benchmarks import timing
    readings = iter([[10, 0, 5, 80, 0, 0, 0, 5], [40, 0, 10, 120, 0, 0, 0, 30]])
    monkeypatch.setattr(timing, "_cpu_times", lambda: next(readings))
    assert timing.HostSteal().share() == 25 / 100
    monkeypatch.setattr(timing, "_cpu_times", lambda: None)
    assert timing.HostSteal().share() is None
    monkeypatch.undo()
    assert run.main(["--quick", "--only", "help", "--markdown"]) == 0
    header, _, row = capsys.readouterr().out.splitlines()[1:4]
    assert header.endswith("| Bedömning | Stöld |") and row.endswith(" % |")


def test_the_sort_row_times_first_clicks_on_the_name_header(qapp, tmp_path):
    from benchmarks.plans import plan_file
    from benchmarks.window_sort import measure_sorts
    stats = measure_sorts(plan_file("sjuharad-2025", tmp_path), 2)
    assert len(stats.samples) == 2 and all(0 < sample < 30 for sample in stats.samples)
    assert "sort" in run.LARGE_TASKS and {task[0]: task[2] for task in run.TASKS}["sort"] == \
        {"*": 0.50}
