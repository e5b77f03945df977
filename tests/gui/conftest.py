"""Fixtures for driving the real window: isolated settings, and dialogs that answer without blocking."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytestqt")
from PySide6.QtCore import QSettings  # noqa: E402

from asegui.gui import dialogs  # noqa: E402
from asegui.gui.main_window import MainWindow  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "fpga-sample.json"


@dataclass
class Dialogs:
    """Records every dialog; answers come from the attributes (never a real, blocking dialog).

    ``ask_save_answer``: the answer to "Save the decisions?" (Save decisions / Discard / Cancel). It is "cancel",
    the dialog's own default: a test that changes a decision and then opens or closes without meaning to meet the
    question keeps its document and fails where it did so, instead of losing work silently. The ``window``
    fixture answers "discard" when it closes the window after the test."""

    errors: list[tuple[str, str]] = field(default_factory=list)
    confirms: list[tuple[str, str]] = field(default_factory=list)
    infos: list[tuple[str, str]] = field(default_factory=list)
    asks: list[tuple[str, str]] = field(default_factory=list)
    ask_save_answer: str = "cancel"
    confirm_answer: bool = True
    save_answer: str = ""
    open_answer: str = ""
    save_proposals: list[str] = field(default_factory=list)


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    record = Dialogs()

    def error(parent: Any, title: str, text: str, details: str = "") -> None:
        record.errors.append((title, text))

    def confirm(parent: Any, title: str, text: str, yes: str, no: str, details: str = "") -> bool:
        record.confirms.append((title, text))
        return record.confirm_answer

    def information(parent: Any, title: str, text: str) -> None:
        record.infos.append((title, text))

    def ask_save(parent: Any, title: str, text: str) -> str:
        record.asks.append((title, text))
        return record.ask_save_answer

    def save_path(parent: Any, title: str, proposed: str, filters: str = "") -> str:
        record.save_proposals.append(proposed)
        return record.save_answer

    def open_path(parent: Any, title: str, directory: str = "") -> str:
        return record.open_answer

    monkeypatch.setattr(dialogs, "error", error)
    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "information", information)
    monkeypatch.setattr(dialogs, "ask_save", ask_save)
    monkeypatch.setattr(dialogs, "save_path", save_path)
    monkeypatch.setattr(dialogs, "open_path", open_path)
    return record


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """The bundled sample in a folder of its own, so exports land beside it in tmp."""
    target = tmp_path / "work" / "fpga-sample.json"
    target.parent.mkdir()
    shutil.copyfile(SAMPLE, target)
    return target


def wait_device(qtbot: Any, window: MainWindow, timeout: int = 5000) -> None:
    """Wait until the window has taken in the device phase of its current result: a decision repaints the GPU
    manifest at once, and the objects on the device and their findings follow from a worker thread."""
    qtbot.waitUntil(lambda: window.session is None or not window.session.device_pending, timeout=timeout)


@pytest.fixture
def window(qtbot: Any, settings: QSettings, captured: Dialogs) -> MainWindow:
    win = MainWindow(settings, restore=False)

    def discard(_window: Any) -> None:  # the test is over: its decisions go with the window
        captured.ask_save_answer = "discard"

    qtbot.addWidget(win, before_close_func=discard)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


@pytest.fixture
def opened(qtbot: Any, window: MainWindow, sample_copy: Path) -> MainWindow:
    assert window.open_path(str(sample_copy))
    wait_device(qtbot, window)  # opening paints first; the device's objects follow from the worker
    return window
