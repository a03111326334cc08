"""SIGKILL at random moments while a child process edits the file: nothing committed is lost.

After every kill the file passes SQLite's integrity check, opens in the app,
and holds exactly the plan after the last edit the child reported committed
(or the one after it, committed but killed before it could say so).
The "staged" child stages each edit and flushes now and then, so kills land between
staging and flushing: only flushed edits must survive, and the file is never corrupt.
FINSAM_KILL_LOOPS sets the number of kills (default 50).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from finsam_desktop.storage.document import PlanDocument
from tests.fault_edits import replay, replay_model
from tests.storage.crash_child import flush_after

ROOT = Path(__file__).resolve().parents[2]
LOOPS = int(os.environ.get("FINSAM_KILL_LOOPS", "50"))


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _kill_while_editing(path: Path, seed: str, rng: random.Random, mode: str) -> int:
    """Start the editing child, SIGKILL it at a random moment; the steps it reported."""
    child = subprocess.Popen([sys.executable, "-m", "tests.storage.crash_child", str(path), seed,
                              mode],
                             cwd=ROOT, env=child_env(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        if rng.random() < 0.2:  # sometimes while it opens the file, backs it up and marks it
            time.sleep(rng.uniform(0.0, 0.4))
            head = ""
        else:
            head = child.stdout.readline()
            assert head == "ready\n", head + child.stderr.read()
            time.sleep(rng.uniform(0.0, 0.12))
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        out = child.stdout.read()  # not communicate(): it would skip what readline buffered
        err = child.stderr.read()
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL, err
    assert "Traceback" not in err, err
    complete = (head + out).split("\n")[:-1]  # a line is reported only once its newline is out
    steps = [int(line) for line in complete if line.isdigit()]
    if mode == "staged":  # only flushed steps are reported
        last = max(steps, default=0)
        assert steps == [s for s in range(1, last + 1) if flush_after(seed, s)], complete[:5]
        return last
    assert steps == list(range(1, len(steps) + 1)), complete[:5]
    return len(steps)


@pytest.mark.slow
@pytest.mark.parametrize("mode, kills", [
    ("document", LOOPS),  # PlanDocument.commit of domain edits
    ("model", max(2, LOOPS // 5)),  # the window's PlanModel: edits, undo and redo
    ("staged", max(2, LOOPS // 2)),  # stage, and flush only now and then: killed in between
])
def test_sigkill_while_editing_never_loses_a_committed_edit(plan_file, mode, kills):
    path = plan_file("sjuharad-2025")
    follow = replay_model if mode == "model" else replay
    with PlanDocument.open(path, read_only=True) as document:
        plan = document.plan
    rng = random.Random(2026_11_23)
    total = 0
    for kill in range(kills):
        seed = f"kill{kill}"
        reported = _kill_while_editing(path, seed, rng, mode)
        total += reported
        with sqlite3.connect(path) as conn:  # rolls a hot journal back first, as any open does
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with PlanDocument.open(path) as document:  # writable: the dead child's lock is stale
            assert not document.read_only
            found = document.plan
        following = reported + 1
        while mode == "staged" and not flush_after(seed, following):
            following += 1  # the next flush: staged edits before it may be lost, no others
        candidates = follow(plan, seed, following)
        assert found in (candidates[reported], candidates[following]), (
            f"kill {kill}: the file holds neither the flushed state after step {reported} "
            f"nor the next flush's (step {following})")
        plan = found
    assert total > kills  # the kills landed while edits were being made
