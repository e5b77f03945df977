"""The page shown with no file open: Open…, the bundled sample, and recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import theme


class StartPage(QWidget):
    openRequested = Signal()
    sampleRequested = Signal()
    recentRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start-page")
        self.setAccessibleName(self.tr("Start page"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 40, 40, 40)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(14)

        head = QHBoxLayout()
        logo = QLabel(self)
        logo.setPixmap(theme.icon("asegui").pixmap(64, 64))
        logo.setAccessibleName(self.tr("ASE Migration Assistant logo"))
        head.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        title = QLabel(self.tr("ASE Migration Assistant"), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        title.setFont(font)
        title.setAccessibleName(self.tr("Title"))
        subtitle = QLabel(self.tr(
            "Turn an IoT Edge deployment manifest written for an Azure Stack Edge Pro <b>FPGA</b> device into "
            "one for an Azure Stack Edge Pro <b>GPU</b> device. Every change is shown and explained; you decide."),
            self)
        subtitle.setWordWrap(True)
        subtitle.setAccessibleName(self.tr("What this tool does"))
        titles.addWidget(title)
        titles.addWidget(subtitle)
        head.addLayout(titles, 1)
        column.addLayout(head)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open manifest…"), self)
        self.open_button.setObjectName("start-open")
        self.open_button.setIcon(theme.glyph_icon("open", self.palette()))
        self.open_button.setToolTip(self.tr("Open a deployment manifest (Ctrl+O)"))
        self.open_button.setAccessibleName(self.tr("Open manifest"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.openRequested)
        self.sample_button = QPushButton(self.tr("Try the sample"), self)
        self.sample_button.setObjectName("start-sample")
        self.sample_button.setIcon(theme.icon("asegui"))
        self.sample_button.setToolTip(self.tr("Open a realistic FPGA manifest bundled with the app"))
        self.sample_button.setAccessibleName(self.tr("Try the sample"))
        self.sample_button.clicked.connect(self.sampleRequested)
        for button in (self.open_button, self.sample_button):
            button.setMinimumHeight(36)
            button.setIconSize(QSize(20, 20))
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)

        hint = QLabel(self.tr("…or drop a .json manifest anywhere on this window. "
                              "Press F1 for the keyboard shortcuts."), self)
        hint.setWordWrap(True)
        hint.setAccessibleName(self.tr("Drop hint"))
        column.addWidget(hint)

        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        column.addWidget(line)

        recent_title = QLabel(self.tr("<b>Recent files</b>"), self)
        column.addWidget(recent_title)
        self.recent = QListWidget(self)
        self.recent.setObjectName("start-recent")
        self.recent.setAccessibleName(self.tr("Recent files"))
        self.recent.setToolTip(self.tr("Double-click or press Enter to open"))
        self.recent.setMaximumHeight(150)
        self.recent.itemActivated.connect(self._activated)
        recent_title.setBuddy(self.recent)
        column.addWidget(self.recent)

        holder = QWidget(self)
        holder.setLayout(column)
        holder.setMaximumWidth(760)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(holder, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def refresh_colours(self) -> None:
        """The drawn icon follows the palette (the window calls this on a palette change)."""
        self.open_button.setIcon(theme.glyph_icon("open", self.palette()))

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{Path(path).name}    —    {Path(path).parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        if not paths:
            item = QListWidgetItem(self.tr("No recent files yet."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.recentRequested.emit(path)
