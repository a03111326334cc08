"""One function per benchmark: each returns Stats or raises Missing when its part is not built.

Timings of whole processes (open-and-show, report, check, help, rollover, memory) run in
fresh interpreters of a user-shaped installation (installed.py), as a coordinator would
start them; the rest run in this process.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import tempfile
import time
from pathlib import Path

from .installed import installed_command, installed_python
from .plans import Missing, load, plan_file
from .timing import Stats, child_env, repeat, run_process

WINDOW_CHILD = Path(__file__).with_name("window_child.py")


def _require(module: str, what: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise Missing(what)


def _cli(folder: Path, *args: str) -> list[str]:
    """`finsam-desktop ARGS` as the coordinator's installed command."""
    return installed_command(folder, *args)


def compute(name: str, runs: int) -> Stats:
    """Full recomputation of the outcome from nothing (no sums kept from a previous plan)."""
    from finsam_desktop.domain import outcome
    plan = load(name)

    def full() -> None:
        outcome.compute(plan)
    return repeat(full, runs, warmup=3)


def recompute_after_edit(name: str, runs: int) -> Stats:
    """The recompute after one intervention amount is edited (what a keystroke costs)."""
    import time

    from finsam_desktop.domain import edits, outcome
    plan = load(name)
    if not plan.interventions:
        raise Missing("planen har inga insatser")
    target = plan.interventions[len(plan.interventions) // 2]
    recompute = outcome.Recompute()  # what the open document holds
    recompute(plan)
    samples = []
    for run in range(runs + 3):
        plan = edits.set_year_value(plan, "interventions", target.id, "amounts",
                                    plan.plan_year, 1000 * (run + 1))
        began = time.perf_counter()
        recompute(plan)
        if run >= 3:
            samples.append(time.perf_counter() - began)
    return Stats(tuple(samples))


def edit_to_view(name: str, runs: int, folder: Path) -> Stats:
    """A committed cell edit through PlanModel.edit until the real window's views are updated."""
    _require("finsam_desktop.ui.main_window", "ui/main_window.py")
    from .window_edit import measure_edits
    return measure_edits(plan_file(name, folder), runs)


def edit_to_view_slow_disk(name: str, runs: int, folder: Path) -> Stats:
    """Edit to view while every commit takes 20 ms longer (a busy or synced disk)."""
    _require("finsam_desktop.ui.main_window", "ui/main_window.py")
    from .window_edit import measure_edits
    return measure_edits(plan_file(name, folder), runs, slow_disk=True)


def sort_interventions(name: str, runs: int, folder: Path) -> Stats:
    """A first click on the Insatser tab's name header until the window has repainted."""
    _require("finsam_desktop.ui.main_window", "ui/main_window.py")
    from .window_sort import measure_sorts
    return measure_sorts(plan_file(name, folder), runs)


def _window_child(path: Path, mode: str) -> tuple[float, str]:
    """Start a fresh app on `path`; wall time until it reports the window shown, and its output."""
    env = child_env()
    with tempfile.TemporaryDirectory() as home:
        env.update(HOME=home, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home)
        start = time.perf_counter()
        child = subprocess.Popen([installed_python(path.parent), str(WINDOW_CHILD), mode,
                                  str(path)], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = child.stdout.readline()
            elapsed = time.perf_counter() - start
            out, err = child.communicate(timeout=60)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
    if not line.startswith("shown"):
        raise RuntimeError(f"fönstret visades inte: {(line + err).strip()[-400:]}")
    return elapsed, line.strip()


def open_and_show(name: str, runs: int, folder: Path) -> Stats:
    """From starting the app on the file until its window is shown, in a fresh process."""
    _require("finsam_desktop.ui.main_window", "ui/main_window.py")
    path = plan_file(name, folder)
    _window_child(path, "show")  # warm the disk cache, as a second start would be
    return Stats(tuple(_window_child(path, "show")[0] for _ in range(runs)))


def open_pause(name: str, runs: int, folder: Path) -> Stats:
    """The longest pause of the window's event loop while the plan opens (in this process)."""
    _require("finsam_desktop.ui.main_window", "ui/main_window.py")
    from .window_open import measure_pauses
    path = plan_file(name, folder)
    return measure_pauses(path, runs)


def report_pause(name: str, runs: int, folder: Path) -> Stats:
    """The longest pause of the window's event loop while it exports the report (in this process)."""
    _require("finsam_desktop.ui.main_window", "ui/main_window.py")
    from .window_open import measure_report_pauses
    return measure_report_pauses(plan_file(name, folder), runs)


def peak_memory(name: str, runs: int, folder: Path) -> Stats:
    """Peak resident memory (bytes) of the app with the plan open and every tab shown."""
    _require("finsam_desktop.ui.main_window", "ui/main_window.py")
    path = plan_file(name, folder)
    samples = []
    for _ in range(runs):
        _, line = _window_child(path, "memory")
        samples.append(float(line.split()[1]) * 1024)  # the child reports KiB
    return Stats(tuple(samples))


def _process_times(argv: list[str], output: Path, runs: int) -> Stats:
    def once() -> None:
        if output.exists():
            output.unlink()
        done = subprocess.run(argv, env=child_env(), capture_output=True, text=True)
        if done.returncode != 0 or not output.exists():
            raise RuntimeError(f"{' '.join(argv[-4:])}: exit {done.returncode}: "
                               f"{done.stderr.strip()[-400:]}")
    return repeat(once, runs, warmup=1)


def _has_command(module: str, command: str, what: str) -> None:
    _require(module, what)
    loaded = importlib.import_module(module)
    if command not in getattr(loaded, "COMMANDS", {}):
        raise Missing(f"{what}: {command}")


def report(name: str, runs: int, folder: Path) -> Stats:
    """`finsam-desktop report FILE -o PLAN.pdf` as a whole process."""
    _has_command("finsam_desktop.cli.commands", "report", "cli/commands.py")
    output = folder / f"{name}.pdf"
    argv = _cli(folder, "report", str(plan_file(name, folder)), "-o", str(output))
    return _process_times(argv, output, runs)


def check(name: str, runs: int, folder: Path) -> Stats:
    """`finsam-desktop check FILE` as a whole process."""
    _has_command("finsam_desktop.cli.commands", "check", "cli/commands.py")
    return run_process(_cli(folder, "check", str(plan_file(name, folder))), runs)


def command_help(name: str, runs: int, folder: Path) -> Stats:
    """`finsam-desktop --help` as a whole process (no plan: the row names none)."""
    _has_command("finsam_desktop.cli.commands", "report", "cli/commands.py")
    return run_process(_cli(folder, "--help"), runs)


def rollover(name: str, runs: int, folder: Path) -> Stats:
    """`finsam-desktop new --from FILE -o NEW.finsam` as a whole process."""
    _has_command("finsam_desktop.cli.commands", "new", "cli/commands.py")
    output = folder / f"{name}-next.finsam"
    argv = _cli(folder, "new", "--from", str(plan_file(name, folder)), "-o", str(output))
    return _process_times(argv, output, runs)


def memory_limit_note() -> str:
    return f"maxrss, {os.cpu_count()} kärnor"
