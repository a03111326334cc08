"""Commands killed at a random moment leave no output file or a complete one, never half.

Each command runs once to the end for a reference and for its duration, then
is SIGKILLed at random moments (more of them late, where the writing is).
Afterwards the output is absent or equal to the reference, and no file left in
the folder (temporary files included) opens as anything but the whole plan.
FINSAM_KILL_LOOPS / 5 kills per command (default 10).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.errors import PlanFileError
from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[1]
KILLS = max(2, int(os.environ.get("FINSAM_KILL_LOOPS", "50")) // 5)


def _run(args: list[str], kill_after: float | None = None) -> int:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-m", "finsam_desktop", *args], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if kill_after is not None:
        time.sleep(kill_after)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
    err = process.communicate(timeout=120)[1].decode()
    assert "Traceback" not in err, err
    return process.returncode


def _plan_in(path: Path):
    with PlanDocument.open(path, read_only=True) as document:
        return document.plan


def _pdf_pages(path: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(path).pages)


def _workbook_sheets(path: Path) -> list[str]:
    from openpyxl import load_workbook
    return load_workbook(path, read_only=True).sheetnames


COMMANDS = {
    # name: (args given source and output, output suffix, read the output for comparison)
    "import": (lambda src, json_src, out: ["import", str(json_src), "-o", str(out)],
               ".finsam", _plan_in),
    "new": (lambda src, json_src, out: ["new", "--from", str(src), "-o", str(out)],
            ".finsam", _plan_in),
    "report": (lambda src, json_src, out: ["report", str(src), "-o", str(out)], ".pdf",
               _pdf_pages),
    "export json": (lambda src, json_src, out: ["export", str(src), "-o", str(out)], ".json",
                    lambda p: json.loads(p.read_text(encoding="utf-8"))),
    "export xlsx": (lambda src, json_src, out: ["export", str(src), "-o", str(out)], ".xlsx",
                    _workbook_sheets),
}


def _no_half_plan_opens(folder: Path, expected) -> None:
    """Any file left in the folder that opens as a plan is the whole plan."""
    for leftover in folder.iterdir():
        try:
            plan = _plan_in(leftover)
        except PlanFileError:
            continue
        assert plan == expected, f"{leftover.name} opens as a plan but not the whole one"


@pytest.mark.slow
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_killed_command_leaves_nothing_or_everything(command, plan_file, tmp_path):
    make_args, suffix, read = COMMANDS[command]
    source = plan_file("skaraborg-2026")
    json_source = EXAMPLES / "skaraborg-2026.plan.json"
    reference = tmp_path / f"referens{suffix}"
    began = time.perf_counter()
    assert _run(make_args(source, json_source, reference)) == 0
    duration = time.perf_counter() - began
    expected = read(reference)
    expected_plan = _plan_in(reference) if suffix == ".finsam" else None
    rng = random.Random(f"{command}-2026")
    for kill in range(KILLS):
        folder = tmp_path / f"kill{kill}"
        folder.mkdir()
        output = folder / f"ut{suffix}"
        late = rng.random() < 0.6
        moment = rng.uniform(0.55, 1.1) * duration if late else rng.uniform(0, duration)
        _run(make_args(source, json_source, output), kill_after=moment)
        if output.exists():
            assert read(output) == expected, f"kill {kill} at {moment:.2f} s: a half {suffix}"
        if expected_plan is not None:
            _no_half_plan_opens(folder, expected_plan)
