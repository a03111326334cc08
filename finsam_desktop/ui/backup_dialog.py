"""*Återställ säkerhetskopia…*: pick one of the file's rolling backups and put it back.

The window closes its document before calling `restore_backup` (the file is
replaced on disk) and opens it again afterwards. The list dialog goes through
`choose_backup`, which tests patch (see dialogs.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import UserFacingError
from ..services import session as backups
from ..services.plans import restore
from . import dialogs


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupDialog", text)


class BackupListDialog(QDialog):
    """The backups of one file, newest first, with the date and time each was taken."""

    def __init__(self, name: str, kept: list[backups.Backup], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_tr("Återställ säkerhetskopia"))
        layout = QVBoxLayout(self)
        intro = QLabel(_tr("Välj vilket tidigare läge av {name} som ska återställas. Det nuvarande "
                           "läget sparas först som en ny säkerhetskopia.").format(name=name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        for index, backup in enumerate(kept):
            text = _tr("Sparad {when}").format(when=backup.describe())
            if index == 0:
                text += " " + _tr("(senaste)")
            item = QListWidgetItem(text)
            item.setData(256, str(backup.path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(self.accept)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("Återställ"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("Avbryt"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(420, 300)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return None if item is None else Path(item.data(256))


def choose_backup(parent: QWidget | None, name: str, kept: list[backups.Backup]) -> Path | None:
    """The backup the user picks, or None when they cancel. Tests patch this."""
    dialog = BackupListDialog(name, kept, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def restore_backup(parent: QWidget | None, path: str | Path) -> bool:
    """Let the user restore one of `path`'s backups; True when the file was replaced.

    The file must not be open for writing (the window closes it first).
    """
    path = Path(path)
    kept = backups.list_backups(path)
    if not kept:
        dialogs.show_info(parent, _tr("Återställ säkerhetskopia"),
                          _tr("Det finns ännu inga säkerhetskopior av {name}. En kopia sparas "
                              "varje gång planen öppnas för att ändras.").format(name=path.name))
        return False
    chosen = choose_backup(parent, path.name, kept)
    if chosen is None:
        return False
    try:
        restore(path, chosen)
    except UserFacingError as error:
        dialogs.show_error(parent, _tr("Kunde inte återställa"), str(error))
        return False
    return True
