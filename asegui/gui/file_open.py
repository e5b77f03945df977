"""macOS hands files dropped on the Dock icon (or opened from Finder) to the app as FileOpen events."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent

from .main_window import MainWindow


class FileOpenFilter(QObject):
    """Open each FileOpen event's file in the window; keep those that arrive before the window exists."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.window: MainWindow | None = None
        self.pending: list[str] = []

    def attach(self, window: MainWindow) -> None:
        self.window = window
        pending, self.pending = self.pending, []
        for path in pending:
            window.open_path(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file() or event.url().toLocalFile()
            if self.window is None:
                self.pending.append(path)
            else:
                self.window.open_path(path)
            return True
        return False
