"""The Uppföljning tab on a real file: periods, typing, paste, undo, suggestions, SIE import."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from finsam_desktop.domain import follow_up_edits as fe
from finsam_desktop.ui import dialogs, sie_dialog
from finsam_desktop.ui.tabs import follow_up_tab
from finsam_desktop.ui.tabs.follow_up_tab import FollowUpTab
from tests.ui.plan_models import show_tab

SIE = Path(__file__).parents[1] / "storage" / "data" / "sie" / "sormland-t1.se"


def _row(tab: FollowUpTab, name: str) -> int:
    """The view row of the line called `name`."""
    for row in range(tab.proxy.rowCount()):
        if tab.proxy.index(row, tab.table.column_index("name")).data() == name:
            return row
    raise KeyError(name)


def _cell(tab: FollowUpTab, name: str, key: str):
    return tab.proxy.index(_row(tab, name), tab.table.column_index(key))


def _type(tab, name, key, text):
    return tab.proxy.setData(_cell(tab, name, key), text, Qt.ItemDataRole.EditRole)


def _sum(tab, row_label: str, column: str) -> str:
    from finsam_desktop.ui.follow_up_models import SUM_COLUMNS, SUM_ROWS
    row = [label for label, _key in SUM_ROWS].index(row_label)
    return tab.sums.index(row, SUM_COLUMNS.index(column)).data().replace("\u00a0", " ")


def _tertial(open_model, qtbot):
    model = open_model("sormland-2026")
    tab = show_tab(FollowUpTab, model, qtbot)
    assert tab.empty.isVisible() and not tab.view.isVisible()
    tab.add_period("Tertial 1", "2026-04-30")
    assert tab.periods.currentText() == "Tertial 1 (2026-04-30)"
    assert tab.view.isVisible() and tab.proxy.rowCount() == 9
    return model, tab


def test_typing_actuals_and_forecast_gives_the_contract_figures(open_model, qtbot, qtmodeltester):
    model, tab = _tertial(open_model, qtbot)
    qtmodeltester.check(tab.table)
    assert _type(tab, "Kansli", "actual", "1 100 000")
    assert _type(tab, "Sikta mot arbetslivet", "actual", "2 000 000")
    assert _type(tab, "Regionen", "actual", "1 000 000")
    assert _type(tab, "Kansli", "forecast", "3 400 000")
    assert _type(tab, "Kansli", "comment", "Ny tjänst från maj.")
    assert _cell(tab, "Kansli", "deviation").data() == "-65\u00a0000"
    assert _cell(tab, "Kansli", "deviation_share").data() == "-1,9\u00a0%"
    assert _sum(tab, "Intäkter", "Budget") == "17 683 000"
    assert _sum(tab, "Kostnader", "Prognos") == "18 616 700"
    assert _sum(tab, "Utgående eget kapital", "Prognos") == "8 698 300"
    assert _sum(tab, "Kostnader", "Utfall") == "3 100 000"
    assert not _type(tab, "Kansli", "actual", "tolv")
    assert "belopp" in tab.table.last_refusal
    assert not _type(tab, "Kansli", "budget", "1")
    assert _type(tab, "Kansli", "name", "Kansli och administration")  # renamed, values kept
    assert _cell(tab, "Kansli och administration", "comment").data() == "Ny tjänst från maj."
    assert model.plan.costs[1].name == "Kansli och administration"
    # the file has it: reopened figures are the same
    assert model.document.plan.follow_up.periods[0].comments


def test_paste_a_column_is_one_undo_step(open_model, qtbot):
    model, tab = _tertial(open_model, qtbot)
    tab.view.setCurrentIndex(_cell(tab, "Styrelse", "actual"))
    QGuiApplication.clipboard().setText("150 000\n1 100 000\n1 400 000\n")
    steps = model.undo_stack.count()
    tab.view.paste()
    assert model.undo_stack.count() == steps + 1
    assert [_cell(tab, n, "actual").data() for n in
            ("Styrelse", "Kansli", "Samverkansstöd, ESF, utvärdering")] == [
        "150\u00a0000", "1\u00a0100\u00a0000", "1\u00a0400\u00a0000"]
    assert _sum(tab, "Kostnader", "Utfall") == "2 650 000"
    model.undo_stack.undo()
    assert _cell(tab, "Kansli", "actual").data() == "0"
    assert _sum(tab, "Kostnader", "Utfall") == "0"
    model.undo_stack.redo()
    assert _sum(tab, "Kostnader", "Utfall") == "2 650 000"
    tab.view.setCurrentIndex(_cell(tab, "Styrelse", "actual"))
    QGuiApplication.clipboard().setText("1\nett\n")  # one bad value: nothing is pasted
    assert not tab.view.paste()
    assert "Kansli, Utfall" in tab.message.text() and model.undo_stack.count() == steps + 1
    assert _cell(tab, "Styrelse", "actual").data() == "150\u00a0000"
    tab.view.setCurrentIndex(_cell(tab, "Kansli", "budget"))  # budget and deviation are skipped
    QGuiApplication.clipboard().setText("1\t2\t3\n")
    assert tab.view.paste()
    assert _cell(tab, "Kansli", "budget").data() == "3\u00a0335\u00a0000"
    assert _cell(tab, "Kansli", "actual").data() == "2"
    assert _cell(tab, "Kansli", "forecast").data() == "3"
    tab.view.setCurrentIndex(_cell(tab, "Kansli", "forecast"))  # Delete: forecast = budget
    assert tab.view.clear_selection()
    assert _cell(tab, "Kansli", "forecast").data() == "3\u00a0335\u00a0000"


def test_ctrl_v_and_delete_keys_paste_and_clear(open_model, qtbot):
    model, tab = _tertial(open_model, qtbot)
    tab.view.setFocus()
    tab.view.setCurrentIndex(_cell(tab, "Styrelse", "forecast"))
    QGuiApplication.clipboard().setText("500 000\n3 400 000\n")
    qtbot.keyClick(tab.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert _sum(tab, "Kostnader", "Prognos") == "18 637 700"
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)  # the current cell (Styrelse) back to budget
    assert _sum(tab, "Kostnader", "Prognos") == "18 616 700"
    model.undo_stack.undo()
    model.undo_stack.undo()
    assert _sum(tab, "Kostnader", "Prognos") == "18 551 700"


def test_suggestions_and_sorting(open_model, qtbot):
    model, tab = _tertial(open_model, qtbot)
    _type(tab, "Kansli", "actual", "1 100 000")
    tab.suggest_extrapolated()
    assert _cell(tab, "Kansli", "forecast").data() == "3\u00a0300\u00a0000"
    assert _cell(tab, "Styrelse", "forecast").data() == "0"
    tab.suggest_budget()
    assert _cell(tab, "Styrelse", "forecast").data() == "479\u00a0000"
    assert _cell(tab, "Kansli", "forecast").data() == "3\u00a0335\u00a0000"
    tab.view.sortByColumn(tab.table.column_index("budget"), Qt.SortOrder.DescendingOrder)
    assert tab.proxy.index(0, tab.table.column_index("name")).data() == "Sikta mot arbetslivet"
    assert tab.proxy.index(1, tab.table.column_index("name")).data() == "Staten"


def test_month_end_period_rename_and_remove(open_model, qtbot, monkeypatch):
    model, tab = _tertial(open_model, qtbot)
    monkeypatch.setattr(follow_up_tab, "ask_month", lambda parent, year: ("Per 30 juni",
                                                                          "2026-06-30"))
    tab.add_month_period()
    assert [p.name for p in model.plan.follow_up.periods] == ["Tertial 1", "Per 30 juni"]
    assert tab.periods.currentText() == "Per 30 juni (2026-06-30)"
    tab.add_period("Tertial 1", "2026-08-31")
    assert "redan en period" in tab.message.text()
    monkeypatch.setattr(follow_up_tab, "ask_name", lambda parent, title, current: "Halvår")
    tab.rename_period()
    assert tab.periods.currentText() == "Halvår (2026-06-30)"
    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
    tab.remove_period()
    assert tab.periods.currentText() == "Tertial 1 (2026-04-30)"
    model.undo_stack.undo()
    assert tab.periods.count() == 2


def test_import_sie_through_the_dialog_with_one_unmapped_account(open_model, qtbot, monkeypatch,
                                                                 tmp_path):
    model, tab = _tertial(open_model, qtbot)
    source = tmp_path / "bokforing.se"
    shutil.copy(SIE, source)
    seen = {}

    def drive(dialog):
        dialog.set_accounts(dialog.row_of("Kansli"), "5000-5999, 6110")
        dialog.set_accounts(dialog.row_of("Sikta mot arbetslivet"), "4010")
        dialog.set_accounts(dialog.row_of("Styrelse"), "5500")  # overlaps Kansli: refused
        seen["refusal"] = dialog.message.text()
        dialog.set_accounts(dialog.row_of("Regionen"), "3010")
        seen["regionen"] = dialog.lines.item(dialog.row_of("Regionen"), 3).text()
        seen["unmapped"] = [(dialog.unmapped.item(r, 0).text(), dialog.unmapped.item(r, 2).text())
                            for r in range(dialog.unmapped.rowCount())]
        seen["title"] = dialog.unmapped_box.title()
        dialog.grab().save(str(tmp_path / "dialog.png"))
        return True
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *args, **kw: str(source))
    monkeypatch.setattr(sie_dialog, "exec_dialog", drive)
    steps = model.undo_stack.count()
    tab.import_actuals()
    assert "hör redan till Kansli" in seen["refusal"]
    assert seen["regionen"] == "1\u00a0000\u00a0000"
    assert seen["unmapped"] == [("7690", "1\u00a0234,56")]
    assert "utan rad: 1 konto, sammanlagt 1 234,56 kr" in seen["title"].replace("\u00a0", " ")
    assert model.undo_stack.count() == steps + 1
    assert _cell(tab, "Kansli", "actual").data() == "1\u00a0100\u00a0000"
    assert _sum(tab, "Intäkter", "Utfall") == "1 000 000"
    assert _sum(tab, "Kostnader", "Utfall") == "3 100 000"
    assert len(model.plan.follow_up.accounts) == 3
    model.undo_stack.undo()
    assert _sum(tab, "Kostnader", "Utfall") == "0" and not model.plan.follow_up.accounts
    assert source.read_bytes() == SIE.read_bytes()
    shutil.copy(tmp_path / "dialog.png", "/tmp/fu-dialog.png")


def test_a_bad_sie_file_changes_nothing(open_model, qtbot, monkeypatch, tmp_path):
    model, tab = _tertial(open_model, qtbot)
    bad = tmp_path / "trasig.se"
    bad.write_bytes(b'#FORMAT PC8\n#RAR 0 20260101 20261231\n#TRANS 5010 {} 1.00\n')
    before = model.plan
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *args, **kw: str(bad))
    tab.import_actuals()
    assert "trasig.se, rad 3" in tab.message.text()
    assert model.plan is before


def test_grab_the_tab(open_model, qtbot):
    model, tab = _tertial(open_model, qtbot)
    for name, actual, forecast in (("Kansli", "1 100 000", "3 400 000"),
                                   ("Sikta mot arbetslivet", "2 000 000", ""),
                                   ("Regionen", "1 000 000", "")):
        _type(tab, name, "actual", actual)
        if forecast:
            _type(tab, name, "forecast", forecast)
    _type(tab, "Kansli", "comment", "Ny tjänst från maj.")
    tab.grab().save("/tmp/fu-tab.png")


def test_new_year_from_the_window_opens_at_the_forecast(open_model, qtbot, monkeypatch,
                                                        tmp_path):
    from finsam_desktop.storage.document import PlanDocument
    from finsam_desktop.ui import rollover_dialog
    model, tab = _tertial(open_model, qtbot)
    tab.add_period("Delår", "2026-08-31")
    _type(tab, "Kansli", "forecast", "3 500 000")
    kansli = next(("costs", c.id) for c in model.plan.costs if c.name == "Kansli")
    assert model.edit("Konton", fe.set_accounts, kansli, ["5000-5999"]).ok
    assert _sum(tab, "Utgående eget kapital", "Prognos") == "8 598 300"
    source = model.document.path
    model.close()
    summaries = []
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a, **k: str(source))
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a, **k: str(tmp_path / "2027.finsam"))
    monkeypatch.setattr(dialogs, "show_error", lambda *a: summaries.append(a))
    monkeypatch.setattr(rollover_dialog, "show_summary",
                        lambda parent, summary, target: summaries.append(summary))
    path = rollover_dialog.start_new_year(None)
    text = "\n".join(summaries[0].lines()).replace("\u00a0", " ")
    assert "8 598 300 kr" in text and "prognos per 31 augusti 2026 (Delår)" in text
    with PlanDocument.open(path, read_only=True) as document:
        assert document.plan.plan_year == 2027
        assert document.plan.equity.opening == 8_598_300
        assert document.plan.equity.opening_note == "Prognos per 31 augusti 2026"
        assert document.plan.follow_up.accounts == {kansli: ("5000-5999",)}
        assert document.plan.follow_up.periods == ()


def test_findings_panel_shows_forecast_findings_live_and_leads_to_the_line(make_window,
                                                                          plan_file):
    window = make_window()
    assert window.open_path(plan_file("sormland-2026"))
    tab = window.tabs_by_key["follow_up"]
    tab.add_period("Tertial 1", "2026-04-30")
    messages = [window.findings.list.item(i).text() for i in range(window.findings.list.count())]
    assert not [m for m in messages if "prognos" in m.lower()]
    window.tabs.setCurrentWidget(tab)
    _type(tab, "Cooperari", "actual", "1 300 000")  # above its full-year budget 1 287 700
    _type(tab, "Kansli", "forecast", "13 000 000")  # the forecast equity goes negative
    codes = [f.code for f in window.findings.findings]
    assert "actual_exceeds_budget" in codes and "forecast_equity_negative" in codes
    exceeds = next(f for f in window.findings.findings if f.code == "actual_exceeds_budget")
    assert "Cooperari" in exceeds.message
    window.tabs.setCurrentIndex(0)
    window.go_to_finding(exceeds)
    assert window.tabs.currentWidget() is tab
    assert tab.proxy.index(tab.view.currentIndex().row(),
                           tab.table.column_index("name")).data() == "Cooperari"
    window.model.undo_stack.undo()
    assert "forecast_equity_negative" not in [f.code for f in window.findings.findings]


def test_the_report_button_writes_the_tertial_pdf(open_model, qtbot, monkeypatch, tmp_path):
    import pypdf
    model, tab = _tertial(open_model, qtbot)
    _type(tab, "Kansli", "actual", "1 100 000")
    _type(tab, "Kansli", "forecast", "3 400 000")
    asked = []

    def ask_save(parent, title, name_filter, suggested=""):
        asked.append(suggested)
        return str(tmp_path / "T1")
    monkeypatch.setattr(dialogs, "ask_save_path", ask_save)
    target = tab.export_report()
    assert target == tmp_path / "T1.pdf"
    assert Path(asked[0]).name == "Uppföljning Tertial 1 2026 Samordningsförbundet Sörmland.pdf"
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(target).pages)
    assert "Uppföljning Tertial 1 2026" in text
    assert "8\u00a0698\u00a0300" in text or "8 698 300" in text
