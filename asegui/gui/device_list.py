"""The devices of an opened folder, beside the checklist: each one's name and status in words (clean, needs a
person, unreadable), with the counts above, so a site is worked through device by device.

A view only: :mod:`asegui.gui.device_set` says what each row shows and what choosing one does.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QLabel, QListView, QVBoxLayout, QWidget

from .dialogs import tr

STATUSES = ("clean", "needs-person", "unreadable")  # the fleet summary's words for a device



def status_words(status: str) -> str:
    """A status as the list says it (never by colour alone)."""
    return {"clean": tr("clean"), "needs-person": tr("needs a person"), "unreadable": tr("unreadable")}[status]


class DeviceRow:
    """What one row shows: the device's name, its status, how many findings wait, and unsaved decisions."""

    def __init__(self, name: str, status: str, waiting: int = 0, modified: bool = False, detail: str = "") -> None:
        self.name, self.status, self.waiting, self.modified, self.detail = name, status, waiting, modified, detail

    def text(self) -> str:
        mark = " *" if self.modified else ""
        if self.status == "needs-person":
            return tr("{name}{mark} — needs a person ({count})").format(name=self.name, mark=mark, count=self.waiting)
        return tr("{name}{mark} — {status}").format(name=self.name, mark=mark, status=status_words(self.status))


class DeviceList(QDockWidget):
    """A dock with the device list; ``chosen(row)`` when the user picks another device."""

    chosen = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(tr("Devices"), parent)
        self.setObjectName("device-list-dock")
        self.setAccessibleName(tr("Devices"))
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        self.title = QLabel(box)
        self.title.setObjectName("device-list-title")
        self.title.setAccessibleName(tr("Device counts"))
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.model = QStandardItemModel(self)
        self.view = QListView(box)
        self.view.setObjectName("device-list")
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("Devices of the folder"))
        self.view.setAccessibleDescription(tr(
            "Each device's manifest and its status: clean, needs a person (with how many findings wait), or "
            "unreadable. A * marks unsaved decisions. Choosing a device shows it."))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.title.setBuddy(self.view)
        layout.addWidget(self.view, 1)
        self.setWidget(box)
        self._quiet = False

    def set_rows(self, rows: list[DeviceRow], current: int | None) -> None:
        """Show ``rows`` (in place when their number is unchanged, so the selection and scroll stay)."""
        self._quiet = True
        try:
            if self.model.rowCount() != len(rows):
                self.model.clear()
                for _row in rows:
                    self.model.appendRow(QStandardItem())
            for number, row in enumerate(rows):
                item = self.model.item(number)
                item.setText(row.text())
                item.setToolTip(row.detail or row.text())
                item.setData(row.text() + (". " + row.detail if row.detail else ""),
                             Qt.ItemDataRole.AccessibleTextRole)
                item.setData(row.status, Qt.ItemDataRole.UserRole)
                font = item.font()
                font.setBold(number == current)
                item.setFont(font)
            if current is not None:
                self.view.selectionModel().setCurrentIndex(
                    self.model.index(current, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._quiet = False
        counts = {status: sum(1 for row in rows if row.status == status) for status in STATUSES}
        self.title.setText(tr("<b>{count} device(s)</b>: {clean} clean, {needs} need a person, {unreadable} "
                              "unreadable").format(count=len(rows), clean=counts["clean"],
                                                   needs=counts["needs-person"], unreadable=counts["unreadable"]))

    def select(self, row: int) -> None:
        """Put the list's selection back on ``row`` (a switch that did not happen)."""
        self._quiet = True
        try:
            self.view.selectionModel().setCurrentIndex(self.model.index(row, 0),
                                                       QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._quiet = False

    def texts(self) -> list[str]:
        return [self.model.item(row).text() for row in range(self.model.rowCount())]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet and current.isValid():
            self.chosen.emit(current.row())
