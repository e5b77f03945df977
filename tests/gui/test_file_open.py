"""Files handed over by the desktop (macOS Dock / Finder) as FileOpen events open in the window."""

from __future__ import annotations

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from asegui.gui.file_open import FileOpenFilter
from asegui.gui.main_window import MainWindow
from tests.conftest import SAMPLE


def test_file_open_before_and_after_the_window_exists(qtbot, tmp_path):
    app = QApplication.instance()
    opener = FileOpenFilter(app)
    app.installEventFilter(opener)
    try:
        early = QFileOpenEvent(str(SAMPLE))
        QApplication.sendEvent(app, early)
        assert opener.pending == [str(SAMPLE)]
        window = MainWindow()
        qtbot.addWidget(window)
        opener.attach(window)
        assert opener.pending == []
        assert window.session is not None and window.session.path == str(SAMPLE)
        other = tmp_path / "other.json"
        other.write_bytes(SAMPLE.read_bytes())
        QApplication.sendEvent(app, QFileOpenEvent(str(other)))
        assert window.session.path == str(other)
    finally:
        app.removeEventFilter(opener)
