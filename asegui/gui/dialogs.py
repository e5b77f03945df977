"""Every dialog the window opens goes through these functions (tests replace them; nothing blocks).

The dialog classes are imported on first use: the window's first frame needs none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QMenu, QProgressDialog, QWidget

JSON_FILTER = "JSON (*.json);;All files (*)"
REPORT_FILTER = "HTML report (*.html);;Markdown report (*.md);;JSON report (*.json)"


def tr(text: str) -> str:
    """Outside a class lupdate files a ``tr("…")`` under the empty context: look it up there."""
    return QCoreApplication.translate("", text)


def error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("error-dialog")
    if details:
        box.setDetailedText(details)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str, details: str = "") -> bool:
    """Ask a question with two named answers; the safe answer (``no``) is the default."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("confirm-dialog")
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    if details:
        box.setDetailedText(details)
    box.exec()
    return box.clickedButton() is yes_button


def ask_save(parent: QWidget | None, title: str, text: str) -> str:
    """Unsaved decisions are about to go: ``"save"`` them first, ``"discard"`` them, or ``"cancel"`` (the default,
    and Escape): nothing happens and the document stays as it is, with its undo history."""
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, buttons.Save | buttons.Discard | buttons.Cancel, parent)
    box.setObjectName("ask-save-dialog")
    box.button(buttons.Save).setText(tr("&Save decisions…"))
    box.button(buttons.Discard).setText(tr("&Discard"))
    box.setDefaultButton(buttons.Cancel)
    box.setEscapeButton(buttons.Cancel)
    box.exec()
    clicked = box.clickedButton()
    answer = box.standardButton(clicked) if clicked is not None else buttons.Cancel
    return "save" if answer == buttons.Save else "discard" if answer == buttons.Discard else "cancel"


def information(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title, text)


def open_path(parent: QWidget | None, title: str, directory: str = "") -> str:
    from PySide6.QtWidgets import QFileDialog

    path, _selected = QFileDialog.getOpenFileName(parent, title, directory, tr(JSON_FILTER))
    return path


def open_folder(parent: QWidget | None, title: str, directory: str = "") -> str:
    """A folder to read every manifest of, or to write every device's export into ("" if none was chosen)."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getExistingDirectory(parent, title, directory)


def save_path(parent: QWidget | None, title: str, proposed: str, filters: str = JSON_FILTER) -> str:
    from PySide6.QtWidgets import QFileDialog

    path, _selected = QFileDialog.getSaveFileName(parent, title, proposed, tr(filters))
    return path


def popup(menu: QMenu, position: QPoint) -> None:
    """Show a context menu at ``position`` (global) until the user picks from it or leaves it."""
    menu.exec(position)


def progress(parent: QWidget | None, title: str, text: str) -> QProgressDialog:
    """A progress dialog with Cancel, modal to ``parent`` (which keeps painting): it appears only if the work
    lasts (``minimumDuration``), and the caller closes it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    dialog = QProgressDialog(text, tr("Cancel"), 0, 0, parent)
    dialog.setObjectName("progress-dialog")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    return dialog
