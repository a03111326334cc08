"""*Importera folkmängd…*: preview before anything changes, one undoable step, amounts follow."""

from __future__ import annotations

import pytest

from finsam_desktop.domain import edits
from finsam_desktop.services.plans import new_year
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.ui import dialogs, population_dialog
from finsam_desktop.ui.plan_model import PlanModel

SCB = ('"Folkmängd efter region och år"\n"region";"2025"\n"0583 Motala";43800\n'
       '"0586 Mjölby";28901\n"0584 Vadstena";7412\n"0560 Boxholm";5530\n"0509 Ödeshög";5199\n'
       '\n"Källa: SCB"\n')


@pytest.fixture
def rolled_model(plan_file, tmp_path, qtbot):
    """The Västra Östergötland plan rolled into 2027, with the 2027 total filled in."""
    target = tmp_path / "vastra-2027.finsam"
    new_year(plan_file("vastra-ostergotland-2026"), target)
    model = PlanModel(PlanDocument.open(target))
    assert model.edit("Medlemsavgifter", edits.set_total, 2027, 8_584_000).ok
    yield model
    model.close()


@pytest.fixture
def user(monkeypatch):
    """The dialogs, patched: .path is the file picked, .accept what the preview answers."""
    class User:
        path: str | None = None
        accept = True
        source = "Folkmängd 31/12 2025, SCB"
    state = User()
    state.errors, state.previews = [], []
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a, **k: state.path)
    monkeypatch.setattr(dialogs, "show_error",
                        lambda parent, title, text: state.errors.append(text))

    def preview(parent, plan, result, source, file_name):
        state.previews.append((result, source, file_name))
        return state.source if state.accept else None
    monkeypatch.setattr(population_dialog, "preview_population", preview)
    return state


def amounts(model) -> dict[str, int]:
    figures = model.outcome.years[model.plan.plan_year].contributions
    return {m.name: figures[m.id] for m in model.plan.members if m.kind == "municipality"}


def keys(model) -> dict[str, tuple]:
    return {m.name: (m.key, m.key_source) for m in model.plan.members if m.kind == "municipality"}


def test_import_updates_keys_and_amounts_as_one_undoable_step(rolled_model, user, tmp_path,
                                                               qtbot):
    model = rolled_model
    scb = tmp_path / "scb.csv"
    scb.write_bytes(SCB.encode("latin-1"))
    user.path = str(scb)
    keys_before, amounts_before = keys(model), amounts(model)
    steps = model.undo_stack.count()
    with qtbot.waitSignal(model.changed) as signal:
        assert population_dialog.import_population(None, model) is True
    assert "members" in signal.args[0]
    result, source, name = user.previews[0]
    assert source == "Folkmängd 31/12 2025, SCB" and name == "scb.csv"
    assert keys(model)["Motala kommun"] == (43_800, "Folkmängd 31/12 2025, SCB")
    assert keys(model)["Ödeshögs kommun"] == (5_199, "Folkmängd 31/12 2025, SCB")
    after = amounts(model)
    assert after != amounts_before
    assert sum(after.values()) == sum(amounts_before.values()) == 8_584_000 // 4
    assert after["Motala kommun"] > amounts_before["Motala kommun"]  # 43 505 → 43 800
    assert after["Ödeshögs kommun"] < amounts_before["Ödeshögs kommun"]  # 5 237 → 5 199
    assert model.undo_stack.count() == steps + 1
    assert model.undo_stack.undoText() == "Importera folkmängd"
    model.undo_stack.undo()
    assert keys(model) == keys_before and amounts(model) == amounts_before
    with PlanDocument.open(model.document.path, read_only=True) as on_disk:
        assert {m.name: (m.key, m.key_source) for m in on_disk.plan.members
                if m.kind == "municipality"} == keys_before


def test_unknown_or_non_numeric_rows_change_nothing(rolled_model, user, tmp_path):
    model = rolled_model
    scb = tmp_path / "scb.csv"
    scb.write_text(SCB.replace('"0584 Vadstena";7412', '"0580 Linköping";165000')
                   .replace("5530", "okänt"), encoding="utf-8")
    user.path = str(scb)
    plan, steps = model.plan, model.undo_stack.count()
    assert population_dialog.import_population(None, model) is False
    result = user.previews[0][0]
    assert result.problems() == ["Rad 5 (”0580 Linköping”): ingen kommun i planen heter så.",
                                 "Rad 6 (”0560 Boxholm; okänt”): folkmängden är inget heltal."]
    assert model.plan is plan and model.undo_stack.count() == steps


def test_cancel_in_the_preview_changes_nothing(rolled_model, user, tmp_path):
    scb = tmp_path / "scb.csv"
    scb.write_text(SCB, encoding="utf-8")
    user.path, user.accept = str(scb), False
    plan = rolled_model.plan
    assert population_dialog.import_population(None, rolled_model) is False
    assert rolled_model.plan is plan


def test_an_unreadable_file_and_an_empty_source_say_why(rolled_model, user, tmp_path):
    user.path = str(tmp_path / "saknas.csv")
    assert population_dialog.import_population(None, rolled_model) is False
    assert "saknas.csv finns inte" in user.errors[-1]
    scb = tmp_path / "scb.csv"
    scb.write_text(SCB, encoding="utf-8")
    user.path, user.source = str(scb), " "
    plan = rolled_model.plan
    assert population_dialog.import_population(None, rolled_model) is False
    assert "varifrån" in user.errors[-1] and rolled_model.plan is plan


def test_the_preview_shows_matches_and_problems_and_blocks_a_bad_file(rolled_model, qtbot,
                                                                        tmp_path):
    from finsam_desktop.domain.population import read_population
    plan = rolled_model.plan
    rows = [["region", "2025"], ["0583 Motala", "43 800"], ["0586 Mjölby", 28_901],
            ["00 Riket", 10_600_000]]
    good = population_dialog.PopulationPreviewDialog(
        plan, read_population(plan, rows), "Folkmängd 31/12 2025, SCB", "scb.csv")
    qtbot.addWidget(good)
    table = good.matches
    assert table.rowCount() == 2
    assert [table.item(0, c).text() for c in range(6)] == [
        "Motala kommun", "2", "0583 Motala", "43\u00a0505", "43\u00a0800", "+295"]
    assert good.ok_button.isEnabled() and good.problems.isHidden()
    assert "Vadstena kommun finns inte i filen" in good.notes.text()
    assert "Rad 4 (”00 Riket”) är ingen kommun" in good.notes.text()
    good.source.setText("")
    assert not good.ok_button.isEnabled()
    good.show()
    good.grab().save(str(tmp_path / "population_preview.png"))

    bad = population_dialog.PopulationPreviewDialog(
        plan, read_population(plan, rows + [["Linköping", 165_000], ["Boxholm", "x"]]),
        "Folkmängd 31/12 2025, SCB", "scb.csv")
    qtbot.addWidget(bad)
    assert not bad.ok_button.isEnabled()
    assert "Rad 5 (”Linköping”): ingen kommun i planen heter så." in bad.problems.text()
    assert "Rad 6 (”Boxholm; x”)" in bad.problems.text()
    bad.show()
    bad.grab().save(str(tmp_path / "population_preview_bad.png"))


def test_a_read_only_plan_is_refused(plan_file, user, qtbot):
    model = PlanModel(PlanDocument.open(plan_file("vastra-ostergotland-2026"), read_only=True))
    try:
        assert population_dialog.import_population(None, model) is False
        assert "skrivskyddat" in user.errors[0]
    finally:
        model.close()


def test_from_the_window_menu_and_undone_with_the_window(plan_file, user, tmp_path, qtbot):
    from PySide6.QtCore import QSettings

    from finsam_desktop.ui.main_window import MainWindow
    target = tmp_path / "vastra-2027.finsam"
    new_year(plan_file("vastra-ostergotland-2026"), target)
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.open_path(target)
    scb = tmp_path / "scb.xlsx"
    from openpyxl import Workbook
    book = Workbook()
    for line in SCB.splitlines():
        book.active.append([cell.strip('"') for cell in line.split(";")] if line else [])
    book.save(scb)
    user.path = str(scb)
    before = keys(window.model)
    window.actions_by_key["population"].trigger()
    assert keys(window.model)["Vadstena kommun"] == (7_412, "Folkmängd 31/12 2025, SCB")
    window.model.undo_stack.undo()
    assert keys(window.model) == before
    window.close_document()
