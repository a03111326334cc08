"""Restoring a backup from the window: the list dialog, the restore, the reopened plan."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from finsam_desktop.domain import edits
from finsam_desktop.storage import backup as backups
from finsam_desktop.ui import backup_dialog, dialogs
from finsam_desktop.ui.main_window import MainWindow


def _window(qtbot, tmp_path) -> MainWindow:
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def test_restore_from_the_file_menu_brings_back_the_earlier_plan(qtbot, tmp_path, plan_file,
                                                                  monkeypatch):
    path = plan_file("skaraborg-2026")
    window = _window(qtbot, tmp_path)
    assert window.open_path(path)
    member = window.model.plan.members[0]
    assert window.model.edit("Byt namn", edits.update_item, "members", member.id,
                             name="Staten, ändrat").ok
    offered = []

    def pick_oldest(parent, name, kept):
        offered.append((name, [k.describe() for k in kept]))
        return kept[-1].path
    monkeypatch.setattr(backup_dialog, "choose_backup", pick_oldest)
    window.actions_by_key["restore"].trigger()
    assert offered and offered[0][0] == path.name
    assert window.model is not None and not window.model.read_only
    assert window.model.plan.members[0].name == member.name
    assert any(b for b in backups.list_backups(path)
               if b.path.suffix == ".finsam")  # the replaced state was kept too


def test_no_backups_yet_says_so(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: shown.append(text))
    assert backup_dialog.restore_backup(None, tmp_path / "ny.finsam") is False
    assert "inga säkerhetskopior av ny.finsam" in shown[0]


def test_a_refused_restore_shows_the_swedish_reason(qtbot, tmp_path, plan_file, monkeypatch):
    path = plan_file("sormland-2026")
    from finsam_desktop.storage.document import PlanDocument
    PlanDocument.open(path).close()
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    monkeypatch.setattr(backup_dialog, "choose_backup", lambda parent, name, kept: kept[0].path)
    with PlanDocument.open(path):  # someone has it open for writing
        assert backup_dialog.restore_backup(None, path) is False
    assert "Stäng den där" in errors[0]


def test_the_list_dialog_shows_each_backup_with_its_date(qtbot, tmp_path):
    import datetime as dt
    kept = [backups.Backup(tmp_path / "a.finsam", dt.datetime(2026, 11, 23, 16, 5, 12)),
            backups.Backup(tmp_path / "b.finsam", dt.datetime(2026, 11, 20, 9, 0, 0))]
    dialog = backup_dialog.BackupListDialog("plan.finsam", kept)
    qtbot.addWidget(dialog)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts == ["Sparad 2026-11-23 kl. 16.05.12 (senaste)", "Sparad 2026-11-20 kl. 09.00.00"]
    assert dialog.chosen() == tmp_path / "a.finsam"
    dialog.show()
    dialog.grab().save("/tmp/backup_dialog.png")
