"""Each command imports only what its path needs (`python -X importtime`, a whole process).

Qt, sqlite-utils and numpy never on the command line; reportlab only for the report and the
workbook (its font metrics), openpyxl only for the workbook; PIL's image code only for a report
with a logo (reportlab imports `PIL.Image`, which `reports.pdf_imports` makes lazy);
babel only where a share or date is formatted (not for `--help`, `check` or a JSON export).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVERYWHERE = ("PySide6", "numpy", "PIL")
"""PIL is allowed for the report only: reportlab 5 imports it unconditionally (lazily, see
`PIL_AT_WORK`)."""
PIL_AT_WORK = ("PIL._imaging", "PIL.ExifTags", "PIL.TiffTags", "PIL.ImageMode")
"""What loading PIL's `Image` for real brings: a report without a logo never does."""
NOT_FOR_READING = EVERYWHERE + ("sqlite_utils",)
HEAVY = ("reportlab", "openpyxl", "pikepdf", "markdown_it", "mammoth", "lxml")


CHILD = """
import atexit, json, sys
atexit.register(lambda: sys.stderr.write("MODULES " + json.dumps(
    sorted(name for name, module in sys.modules.items() if module is not None)) + "\\n"))
from finsam_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def imported(args: list[str], cwd: Path) -> set[str]:
    """Every module a `finsam-desktop` process has loaded when it ends.

    `-X importtime` shows what each costs (run it by hand to see); the list at exit
    leaves out imports that were tried and failed, which importtime also prints.
    """
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", CHILD, *args],
                            capture_output=True, text=True, cwd=cwd, timeout=120,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "import time:" in result.stderr
    listed = re.search(r"^MODULES (.*)$", result.stderr, re.M)
    assert listed, result.stderr[-2000:]
    return set(json.loads(listed.group(1)))


def top_levels(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules} | modules


def assert_none_of(modules: set[str], forbidden) -> None:
    names = top_levels(modules)
    assert sorted(name for name in forbidden if name in names) == []


def test_help_imports_no_job(tmp_path):
    modules = imported(["--help"], tmp_path)
    assert_none_of(modules, NOT_FOR_READING + HEAVY + ("babel", "sqlite3"))
    assert not [m for m in modules if m.startswith(("finsam_desktop.storage",
                                                    "finsam_desktop.reports",
                                                    "finsam_desktop.services",
                                                    "finsam_desktop.domain.edits"))]


@pytest.mark.parametrize("name", ["skaraborg-2026", "sjuharad-2025"])
@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_check_reads_without_the_writing_and_report_libraries(plan_file, tmp_path, name, extra):
    modules = imported(["check", str(plan_file(name)), *extra], tmp_path)
    assert_none_of(modules, NOT_FOR_READING + HEAVY + ("babel",))
    assert "finsam_desktop.domain.edits" not in modules


def test_report_loads_the_pdf_library_only(plan_file, tmp_path):
    modules = imported(["report", str(plan_file("skaraborg-2026")), "-o",
                        str(tmp_path / "plan.pdf")], tmp_path)
    assert "reportlab" in top_levels(modules)
    assert_none_of(modules, tuple(n for n in NOT_FOR_READING if n != "PIL") + ("openpyxl",))
    assert sorted(name for name in PIL_AT_WORK if name in modules) == []
    assert "_rl_accel" in modules, "reportlab formats every number in Python without rl_accel"
    writing_only = ("finsam_desktop.domain.exchange", "finsam_desktop.storage.exchange_file",
                    "finsam_desktop.storage.backup", "finsam_desktop.storage.lock")
    assert sorted(name for name in writing_only if name in modules) == [], \
        "a new PDF from a plan read read-only needs no exchange format, backups or locks"


def test_a_report_with_a_logo_loads_the_image_library_when_it_reads_the_logo(tmp_path):
    from dataclasses import replace

    from finsam_desktop.domain.plan import Cover
    from finsam_desktop.storage.planfile import create
    from tests.conftest import load_plan
    from tests.reports.test_document import PNG
    plan = load_plan("sormland-2026")
    path = tmp_path / "logo.finsam"
    create(path, replace(plan, cover=Cover(title="Plan", logo=PNG, logo_type="image/png")))
    modules = imported(["report", str(path), "-o", str(tmp_path / "plan.pdf")], tmp_path)
    assert "PIL._imaging" in modules


@pytest.mark.parametrize("suffix, needed", [(".json", None), (".xlsx", "openpyxl")])
def test_export_loads_only_its_format(plan_file, tmp_path, suffix, needed):
    modules = imported(["export", str(plan_file("sormland-2026")), "-o",
                        str(tmp_path / f"ut{suffix}")], tmp_path)
    assert_none_of(modules, ("PySide6", "numpy", "sqlite_utils")
                   + tuple(h for h in HEAVY if h not in (needed, "lxml", "reportlab")))
    if not needed:
        assert_none_of(modules, ("reportlab", "babel"))
    if needed:
        assert needed in top_levels(modules)


def test_writing_commands_need_no_library_beyond_sqlite3(plan_file, tmp_path):
    from tests.conftest import EXAMPLES
    modules = imported(["import", str(EXAMPLES / "sormland-2026.plan.json"), "-o",
                        str(tmp_path / "ny.finsam")], tmp_path)
    assert_none_of(modules, NOT_FOR_READING + HEAVY)
    modules = imported(["new", "--from", str(tmp_path / "ny.finsam"), "-o",
                        str(tmp_path / "nasta.finsam")], tmp_path)
    assert_none_of(modules, NOT_FOR_READING + HEAVY)


@pytest.mark.parametrize("decimals", [0, 1, 2, 3])
def test_decimals_are_formatted_as_babel_formats_them_without_babel(decimals):
    """`format_number` writes shares and tkr itself (so `check` starts without babel): the
    same text as babel's sv_SE pattern, negative zero and half-even rounding included."""
    import random
    from decimal import Decimal

    from babel.numbers import format_decimal

    from finsam_desktop.domain.money import format_number
    rng = random.Random(decimals)
    values = [Decimal(s) for s in ("0.25", "-0.04", "-0.05", "0.05", "0.15", "2.5", "-2.5",
                                   "-0", "1E+3", "17.5", "34.7", "123456789.123456")]
    values += [Decimal(rng.randint(-10**12, 10**12)).scaleb(-rng.randint(0, 7))
               for _ in range(3000)]
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    for value in values:
        assert format_number(value, decimals) == format_decimal(value, format=pattern,
                                                                 locale="sv_SE"), value


def test_the_window_loads_qt_pdf_and_printing_when_a_preview_or_print_is_asked_for():
    code = ("import sys, finsam_desktop.ui.main_window; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6.QtPdf', "
            "'PySide6.QtPrint'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT),
                                                  QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"
