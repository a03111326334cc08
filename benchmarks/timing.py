"""Repeated measurements and their summary: median and spread, never one lucky run."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Stats:
    """Summary of repeated timings, in seconds (or bytes for memory rows)."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)

    @property
    def quartiles(self) -> tuple[float, float]:
        if len(self.samples) < 4:
            return self.low, self.high
        q = statistics.quantiles(self.samples, n=4)
        return q[0], q[2]


def repeat(function: Callable[[], object], runs: int, warmup: int = 1) -> Stats:
    """Time `function` `runs` times after `warmup` untimed calls."""
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return Stats(tuple(samples))


PYCACHE = Path(tempfile.gettempdir()) / "finsam-benchmarks-pycache"


def child_env() -> dict[str, str]:
    """The environment for a child process: offscreen Qt, this checkout first on the path,
    and compiled modules kept (in PYCACHE, outside the tree) as an installed app has them.

    With PYTHONDONTWRITEBYTECODE set (as some shells and CI set it) every start would
    compile the app's own modules again from source, about a tenth of a second that no
    installed copy pays: pip compiles a wheel's modules when it installs them.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def run_process(argv: Sequence[str], runs: int, warmup: int = 1) -> Stats:
    """Wall time of a whole process, `runs` times; raises if it fails."""
    def once():
        done = subprocess.run(list(argv), env=child_env(), capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} exit {done.returncode}: {done.stderr.strip()[-400:]}")
    return repeat(once, runs, warmup)


def python_child(code: str, *args: str) -> str:
    """Run `code` in a fresh interpreter and return what it printed (last line)."""
    done = subprocess.run([sys.executable, "-c", code, *args], env=child_env(),
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip()[-600:])
    return done.stdout.strip().splitlines()[-1]


REFERENCE_TURNS = 2_000_000


def reference_loop() -> float:
    """Seconds for a fixed pure-Python loop in this process: how fast the machine is at
    this moment. A shared virtual machine runs it up to half again slower under sustained
    load than after a pause (seen here: 0,63 s after 20 s idle, 0,94 s right after another
    run, for ten million turns), and every row measured then is slower by as much."""
    began = time.perf_counter()
    total = 0
    for turn in range(REFERENCE_TURNS):
        total += turn
    return time.perf_counter() - began


class HostSteal:
    """The share of CPU time the host gave to other guests while a row ran (Linux's "steal"
    in /proc/stat): on a shared virtual machine a row's figures move with it."""

    def __init__(self) -> None:
        self.start = _cpu_times()

    def share(self) -> float | None:
        end = _cpu_times()
        if self.start is None or end is None:
            return None
        total = sum(end) - sum(self.start)
        return (end[7] - self.start[7]) / total if total > 0 else None


def _cpu_times() -> list[int] | None:
    """All CPUs' jiffies: user nice system idle iowait irq softirq steal; None off Linux."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    if len(fields) < 9 or fields[0] != "cpu":
        return None
    return [int(value) for value in fields[1:9]]

