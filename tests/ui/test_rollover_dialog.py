"""*Nytt år från fjolårets fil…* in the window: files picked, plan rolled, summary shown."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from PySide6.QtCore import QSettings

from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.lock import PlanLock
from finsam_desktop.ui import dialogs, rollover_dialog
from finsam_desktop.ui.main_window import MainWindow
from tests.conftest import load_plan


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def picked(monkeypatch):
    """Record the dialogs; tests set .open and .save to what the user would pick."""
    class Picked:
        open: str | None = None
        save: str | None = None
        suggested: list[str] = []
        errors: list[str] = []
        summaries: list = []
    state = Picked()
    state.suggested, state.errors, state.summaries = [], [], []

    def ask_save(parent, title, name_filter=dialogs.PLAN_FILTER, suggested=""):
        state.suggested.append(suggested)
        return state.save
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a, **k: state.open)
    monkeypatch.setattr(dialogs, "ask_save_path", ask_save)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: state.errors.append(text))
    monkeypatch.setattr(rollover_dialog, "show_summary",
                        lambda parent, summary, target: state.summaries.append((summary, target)))
    return state


def test_start_new_year_rolls_and_shows_the_summary(qtbot, plan_file, tmp_path, picked):
    source = plan_file("sjuharad-2025")
    before = digest(source)
    picked.open = str(source)
    picked.save = str(tmp_path / "sjuharad-2026")  # the suffix is added
    path = rollover_dialog.start_new_year(None)
    assert path == str(tmp_path / "sjuharad-2026.finsam")
    assert picked.suggested == [str(tmp_path / "sjuharad-2026.finsam")]
    summary, target = picked.summaries[0]
    assert [item.name for item in summary.left_behind] == ["VILJA ESF-projekt"]
    assert digest(source) == before and picked.errors == []
    with PlanDocument.open(path, read_only=True) as document:
        assert document.plan.plan_year == 2026


def test_cancelling_either_file_dialog_does_nothing(qtbot, plan_file, tmp_path, picked):
    assert rollover_dialog.start_new_year(None) is None
    picked.open = str(plan_file("sormland-2026"))
    assert rollover_dialog.start_new_year(None) is None
    assert list(tmp_path.glob("*2027*")) == [] and picked.summaries == []


def test_a_hostile_file_is_refused_with_a_swedish_message(qtbot, plan_file, tmp_path, picked):
    source = plan_file("sormland-2026")
    conn = sqlite3.connect(str(source))
    conn.execute("CREATE VIEW v AS SELECT 1")
    conn.close()
    before = digest(source)
    picked.open, picked.save = str(source), str(tmp_path / "ny.finsam")
    assert rollover_dialog.start_new_year(None) is None
    assert "vy (view)" in picked.errors[0]
    assert digest(source) == before and not (tmp_path / "ny.finsam").exists()


def test_a_target_open_elsewhere_is_not_replaced(qtbot, plan_file, tmp_path, picked):
    source = plan_file("sormland-2026")
    other = plan_file("skaraborg-2026", "upptagen.finsam")
    picked.open, picked.save = str(source), str(other)
    with PlanDocument.open(other):
        before = digest(other)
        assert PlanLock(other).holder() is not None
        assert rollover_dialog.start_new_year(None) is None
        assert digest(other) == before
    assert "kan inte ersättas" in picked.errors[0]


def test_an_existing_unused_target_is_replaced_after_the_save_dialog_asked(
        qtbot, plan_file, tmp_path, picked):
    source = plan_file("sormland-2026")
    old = plan_file("skaraborg-2026", "gammal.finsam")
    picked.open, picked.save = str(source), str(old)
    assert rollover_dialog.start_new_year(None) == str(old)
    with PlanDocument.open(old, read_only=True) as document:
        assert document.plan.association == load_plan("sormland-2026").association
        assert document.plan.plan_year == 2027


def test_the_summary_dialog_shows_the_three_parts(qtbot, plan_file, tmp_path):
    source = plan_file("sjuharad-2025")
    from finsam_desktop.services.plans import new_year
    target = tmp_path / "sjuharad-2026.finsam"
    _, summary = new_year(source, target)
    dialog = rollover_dialog.RolloverSummaryDialog(summary, target)
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    for words in ("Följer med", "Lämnas kvar", "VILJA ESF-projekt: slutade 2025-12-31",
                  "Att göra nu", "folkmängd"):
        assert words in text
    assert dialog.windowTitle() == "Ny plan för 2026"
    dialog.show()
    dialog.grab().save(str(tmp_path / "rollover_summary.png"))


def test_summary_html_escapes_names_from_the_file():
    from finsam_desktop.domain.rollover import LeftBehind, RolloverSummary
    summary = RolloverSummary(2025, 2026, ("a <b>",), (LeftBehind(1, "X & <Y>", "slutade."),),
                              ())
    assert "X &amp; &lt;Y&gt;" in rollover_dialog.summary_html(summary)
    assert "<b>" not in rollover_dialog.summary_html(summary)


def test_the_window_opens_the_new_plan(qtbot, plan_file, tmp_path, picked):
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    picked.open = str(plan_file("sormland-2026"))
    picked.save = str(tmp_path / "sormland-2027.finsam")
    window.actions_by_key["new_year"].trigger()
    assert window.model is not None
    assert window.model.plan.plan_year == 2027
    assert window.model.document.path.name == "sormland-2027.finsam"
    assert any(f.code == "opening_equity_forecast" for f in window.model.outcome.findings)
    window.close_document()
