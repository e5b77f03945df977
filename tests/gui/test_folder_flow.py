"""A folder opened as a site: the device list with statuses in words, switching devices without losing a decision,
a decision applied to every device with the finding, export of every device as the CLI writes it, and Cancel."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from asegui.gui import dialogs
from asegui.gui.main_window import MainWindow

from .conftest import SAMPLE, Dialogs, wait_device
from .test_large_files import FakeProgress
from .test_window import BROKEN, drop_files

IMAGE = "contosoacr.azurecr.io/gpu-resnet50:1.0"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Three devices (the sample with small changes) and one file that is no manifest."""
    folder = tmp_path / "site"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (folder / "site-a.json").write_text(text, encoding="utf-8")
    (folder / "site-b.json").write_text(text.replace("image-classifier:2.3", "image-classifier:2.4"), encoding="utf-8")
    (folder / "site-c.json").write_text(text.replace("dashboard:1.4", "dashboard:1.5"), encoding="utf-8")
    (folder / "site-d.json").write_bytes(BROKEN)
    return folder


@pytest.fixture
def folders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The answers the folder dialog gives, in turn (the dialogs seam, as ``captured`` does for the others)."""
    answers: list[str] = []
    monkeypatch.setattr(dialogs, "open_folder", lambda parent, title, directory="": answers.pop(0) if answers else "")
    return answers


def open_site(qtbot: Any, window: MainWindow, folders: list[str], site: Path) -> None:
    folders.append(str(site))
    window.devices.open_action.trigger()
    qtbot.waitUntil(lambda: window.devices.active)
    wait_device(qtbot, window)


def choose(qtbot: Any, window: MainWindow, row: int) -> None:
    """Pick a row as the user does: the list's current item."""
    panel = window.devices.panel
    panel.view.setCurrentIndex(panel.model.index(row, 0))
    wait_device(qtbot, window)


def image_id(window: MainWindow) -> str:
    assert window.session is not None
    return next(f.id for f in window.session.findings if f.code == "RES005")


def test_a_folder_opens_as_a_device_list_with_statuses_in_words(qtbot: Any, window: MainWindow, captured: Dialogs,
                                                                folders: list[str], site: Path) -> None:
    open_site(qtbot, window, folders, site)
    panel = window.devices.panel
    assert panel.isVisible() and panel.view.accessibleName() and panel.accessibleName()
    rows = panel.texts()
    assert [row.split(" ")[0] for row in rows] == ["site-a.json", "site-b.json", "site-c.json", "site-d.json"]
    assert all("needs a person (" in row for row in rows[:3]) and rows[3].endswith("unreadable")
    assert "4 device(s)" in panel.title.text() and "0 clean, 3 need a person, 1 unreadable" in panel.title.text()
    assert "site-d.json" in (panel.model.item(3).toolTip() or "")  # the reason, with its file:line
    assert window.session is not None and window.session.path == str((site / "site-a.json").resolve())
    assert "site-a.json" in window.statusBar().currentMessage()
    assert not captured.errors  # the unreadable file waits in the list; it stops nothing

    choose(qtbot, window, 1)  # shown exactly as opening the file alone shows it
    assert window.session.path == str((site / "site-b.json").resolve())
    assert "image-classifier:2.4" in window.input_view.toPlainText()
    assert window.checklist.current_id() == window.checklist.visible_ids()[0]
    assert "site-b.json" in window.windowTitle()

    choose(qtbot, window, 3)  # an unreadable one says why, as opening it would, and the shown device stays
    assert captured.errors and "site-d.json" in captured.errors[-1][1]
    assert window.session.path == str((site / "site-b.json").resolve())
    assert panel.view.currentIndex().row() == 1


def test_a_decision_applied_to_every_device_survives_switching_and_exports_as_the_cli(
        qtbot: Any, window: MainWindow, captured: Dialogs, folders: list[str], site: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    open_site(qtbot, window, folders, site)
    choose(qtbot, window, 1)
    captured.confirm_answer = False  # unresolved errors are listed first, by device; "Go to the first error"
    assert window.devices.export_all() is False
    assert "site-a.json: RES005" in captured.confirms[-1][1] and "site-c.json: RES005" in captured.confirms[-1][1]
    assert window.session is not None and window.session.path == str((site / "site-a.json").resolve())
    assert window.checklist.current_id() == image_id(window)
    choose(qtbot, window, 1)
    b = window.session
    assert b is not None
    rid = image_id(window)
    waiting_before = window.devices.panel.texts()
    window.set_param(rid, "image", IMAGE)
    wait_device(qtbot, window)
    assert "site-b.json *" in window.devices.panel.texts()[1]  # unsaved, and the count went down
    assert window.devices.panel.texts()[1] != waiting_before[1].replace("site-b.json", "site-b.json *")

    shown: list[Any] = []
    monkeypatch.setattr(dialogs, "popup", lambda menu, position: shown.append(menu))
    window.checklist.select(rid)
    window._finding_menu_requested(rid, window.checklist.mapToGlobal(window.checklist.rect().center()))
    entry = next(a for a in shown[0].actions() if a.objectName() == "apply-to-all")
    entry.trigger()
    assert "2 other device(s)" in window.statusBar().currentMessage()
    rows = window.devices.panel.texts()
    assert rows[0].startswith("site-a.json *") and rows[2].startswith("site-c.json *")  # statuses followed

    choose(qtbot, window, 2)  # the decision is there on the other device, and undoable there alone
    c = window.session
    assert c is not None and c is not b and c.finding(rid).values["image"] == IMAGE
    window.undo()
    assert c.finding(rid).values.get("image") != IMAGE
    window.redo()
    assert c.finding(rid).values["image"] == IMAGE
    choose(qtbot, window, 1)  # switching never asked and never lost anything
    assert window.session is b and b.finding(rid).values["image"] == IMAGE and b.modified
    assert not captured.asks

    # exported into the input folder: refused (never over an input)
    folders.append(str(site))
    assert window.devices.export_all() is False
    assert captured.errors and "never written over an input" in captured.errors[-1][1]

    out = tmp_path / "out"
    folders.append(str(out))
    assert window.devices.export_all()
    summary = json.loads((out / "fleet-summary.json").read_text(encoding="utf-8"))
    assert [d["status"] for d in summary["devices"]] == ["needs-person", "needs-person", "needs-person",
                                                         "unreadable"]
    assert (out / "deploy.sh").is_file() and summary["groups"]
    for device in window.devices.devices[:3]:
        assert device.session is not None
        saved = tmp_path / f"{device.path.stem}.decisions.json"
        saved.write_bytes(device.session.decisions_bytes())
        expected = tmp_path / f"{device.path.stem}.cli.json"
        done = subprocess.run([sys.executable, "-m", "asegui.cli", "convert", str(device.path), "-o", str(expected),
                               "--decisions", str(saved)], capture_output=True, text=True, check=False)
        assert done.returncode in (0, 1), done.stderr
        assert (out / device.name).read_bytes() == expected.read_bytes()
        assert IMAGE in expected.read_text(encoding="utf-8")
    assert not (out / "site-d.json").exists()


def test_cancel_while_opening_a_folder_keeps_the_open_document(qtbot: Any, opened: MainWindow, captured: Dialogs,
                                                               folders: list[str], site: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    session = opened.session
    shown: list[FakeProgress] = []
    monkeypatch.setattr(dialogs, "progress", lambda *args: shown.append(FakeProgress(cancel_at=1)) or shown[-1])
    folders.append(str(site))
    opened.devices.open_action.trigger()
    assert shown and shown[0].closed  # how far the worker got before the Cancel reached it is up to the threads
    assert opened.session is session and not opened.devices.active and not opened.devices.panel.isVisible()
    assert "cancelled" in opened.statusBar().currentMessage() and not captured.errors


def test_a_drop_of_a_folder_or_several_files_opens_them_as_devices(qtbot: Any, window: MainWindow,
                                                                   captured: Dialogs, site: Path) -> None:
    assert drop_files(window, site) == (True, True)
    qtbot.waitUntil(lambda: len(window.devices.devices) == 4)
    wait_device(qtbot, window)
    assert drop_files(window, site / "site-b.json", site / "site-c.json") == (True, True)
    qtbot.waitUntil(lambda: len(window.devices.devices) == 2)
    wait_device(qtbot, window)
    assert window.session is not None and window.session.path == str((site / "site-b.json").resolve())
    assert not captured.errors


def test_leaving_the_folder_asks_for_the_decisions_of_devices_not_shown(qtbot: Any, window: MainWindow,
                                                                        captured: Dialogs, folders: list[str],
                                                                        site: Path, tmp_path: Path) -> None:
    open_site(qtbot, window, folders, site)
    window.set_param(image_id(window), "image", IMAGE)
    choose(qtbot, window, 1)  # site-a's decision is now on a device not shown
    assert not window.close_document()  # "cancel", the safe default: everything stays
    assert captured.asks and "site-a.json" in captured.asks[-1][1]
    assert window.devices.active and window.session is not None

    captured.ask_save_answer = "save"
    saved = tmp_path / "decisions"
    saved.mkdir()  # the folder dialog gives a folder that exists
    folders.append(str(saved))
    assert window.open_path(str(SAMPLE))  # a file opened alone ends the folder
    assert (saved / "site-a.decisions.json").is_file()
    assert not window.devices.active and not window.devices.panel.isVisible()


def test_screenshot_with_the_device_list(qtbot: Any, window: MainWindow, folders: list[str], site: Path) -> None:
    open_site(qtbot, window, folders, site)
    choose(qtbot, window, 1)
    qtbot.wait(50)
    assert window.grab().save("/tmp/folder_flow.png")


def test_a_window_restored_after_a_folder_shows_no_empty_device_list(qtbot: Any, window: MainWindow,
                                                                     folders: list[str], site: Path,
                                                                     settings: Any) -> None:
    open_site(qtbot, window, folders, site)
    window.save_layout()
    again = MainWindow(settings, restore=True)
    qtbot.addWidget(again)
    again.show()
    assert not again.devices.panel.isVisible()
