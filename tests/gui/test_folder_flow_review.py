# ruff: noqa: F811 -- the folder-flow fixtures (folders, site) are imported by name and then asked for as arguments
"""A review of the folder flow drove these: each failed on the code before its fix. Nothing a person decided on a
device not shown may be lost, skipped, or exported from anything but what the window shows."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path
from typing import Any

from asegui.core import Result
from asegui.gui.main_window import MainWindow
from tests.gui.conftest import SAMPLE, Dialogs, wait_device
from tests.gui.test_folder_flow import IMAGE, choose, folders, image_id, open_site, site  # noqa: F401 (fixtures)
from tests.gui.test_window import drop_files


def _site_with_device_findings(tmp_path: Path) -> Path:
    """Three alike devices whose edgeHub has no createOptions: a device-phase finding (NET010) on each."""
    folder = tmp_path / "dsite"
    folder.mkdir()
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["modulesContent"]["$edgeAgent"]["properties.desired"]["systemModules"]["edgeHub"]["settings"][
        "createOptions"] = "{}"
    for name in "abc":
        (folder / f"dev-{name}.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    return folder


def test_apply_to_all_reaches_device_findings_of_devices_never_shown(qtbot: Any, window: MainWindow,
                                                                     captured: Dialogs, folders: list[str],
                                                                     tmp_path: Path) -> None:
    open_site(qtbot, window, folders, _site_with_device_findings(tmp_path))
    net010 = next(f.id for f in window.session.findings if f.code == "NET010")
    window.set_accepted(net010, True)
    wait_device(qtbot, window)
    assert window.devices.apply_to_all(net010) == 2
    choose(qtbot, window, 1)
    assert window.session.finding(net010).status == "acknowledged"


def test_a_device_not_yet_shown_is_listed_with_its_device_findings(qtbot: Any, window: MainWindow,
                                                                   captured: Dialogs, folders: list[str],
                                                                   tmp_path: Path) -> None:
    open_site(qtbot, window, folders, _site_with_device_findings(tmp_path))
    before = window.devices.panel.texts()[1]
    choose(qtbot, window, 1)
    assert window.devices.panel.texts()[1] == before


def test_a_device_check_that_ends_while_another_device_is_shown_is_taken_on_return(
        qtbot: Any, window: MainWindow, captured: Dialogs, folders: list[str], site: Path,
        monkeypatch: Any) -> None:
    open_site(qtbot, window, folders, site)
    first = window.session
    real, slow = Result.check_device, threading.Event()

    def slow_check(self: Result, *args: Any, **kwargs: Any) -> Any:
        if slow.is_set():
            time.sleep(0.4)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Result, "check_device", slow_check)
    slow.set()
    window.set_param(image_id(window), "image", IMAGE)  # its device check starts on the worker
    qtbot.waitUntil(lambda: first._phase is not None and first._phase._lock.locked(), timeout=3000)
    choose(qtbot, window, 1)  # while it runs
    slow.clear()
    qtbot.wait(800)
    choose(qtbot, window, 0)
    assert window.session is first
    qtbot.waitUntil(lambda: not first.device_pending, timeout=3000)


def test_export_every_device_writes_what_the_window_reviewed_not_the_disk(qtbot: Any, window: MainWindow,
                                                                          captured: Dialogs, folders: list[str],
                                                                          site: Path, tmp_path: Path) -> None:
    open_site(qtbot, window, folders, site)
    reviewed = window.devices.devices[1].session
    changed = site / "site-b.json"  # edited on disk meanwhile; it is not the device shown, so nothing reloads it
    changed.write_text(changed.read_text(encoding="utf-8").replace("image-classifier:2.4", "image-classifier:9.9"),
                       encoding="utf-8")
    out = tmp_path / "out"
    folders.append(str(out))
    captured.confirm_answer = True
    assert window.devices.export_all()
    assert (out / "site-b.json").read_bytes() == reviewed.export_bytes()


def test_same_named_devices_of_two_folders_save_their_decisions_apart(qtbot: Any, window: MainWindow,
                                                                      captured: Dialogs, folders: list[str],
                                                                      tmp_path: Path) -> None:
    north, south, east = tmp_path / "north", tmp_path / "south", tmp_path / "east"
    for folder, name in ((north, "gateway.json"), (south, "gateway.json"), (east, "hub.json")):
        folder.mkdir()
        shutil.copyfile(SAMPLE, folder / name)
    assert drop_files(window, north, south, east) == (True, True)
    qtbot.waitUntil(lambda: len(window.devices.devices) == 3)
    wait_device(qtbot, window)
    window.set_param(image_id(window), "image", "north.azurecr.io/a:1")
    choose(qtbot, window, 1)
    window.set_param(image_id(window), "image", "south.azurecr.io/b:2")
    choose(qtbot, window, 2)  # north's and south's decisions are not saved
    saved = tmp_path / "saved"
    saved.mkdir()
    folders.append(str(saved))
    captured.ask_save_answer = "save"
    assert window.close_document()
    texts = {path.name: path.read_text(encoding="utf-8") for path in saved.iterdir()}
    assert set(texts) == {"north-gateway.decisions.json", "south-gateway.decisions.json"}
    assert "north.azurecr.io" in texts["north-gateway.decisions.json"]
    assert "south.azurecr.io" in texts["south-gateway.decisions.json"]


def test_decisions_are_not_saved_among_the_manifests(qtbot: Any, window: MainWindow, captured: Dialogs,
                                                     folders: list[str], site: Path) -> None:
    open_site(qtbot, window, folders, site)
    window.set_param(image_id(window), "image", IMAGE)
    choose(qtbot, window, 1)
    folders.append(str(site))  # the devices' own folder: they would be read as devices next time
    captured.ask_save_answer = "save"
    assert not window.close_document()  # refused, so nothing is left: the window keeps everything
    assert captured.errors and not list(site.glob("*.decisions.json"))
    assert window.devices.active and window.devices.devices[0].session.modified


def test_the_detail_panel_offers_apply_to_all_while_a_folder_is_open(qtbot: Any, window: MainWindow,
                                                                     captured: Dialogs, folders: list[str],
                                                                     site: Path, sample_copy: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolButton

    assert window.detail.findChild(QToolButton, "detail-apply-to-all") is None  # nothing made for one file
    open_site(qtbot, window, folders, site)
    button = window.detail.findChild(QToolButton, "detail-apply-to-all")
    assert button is not None and button.isVisible()
    assert button.text() == window.devices.apply_action.text().replace("&", "")
    finding = image_id(window)
    window.checklist.select(finding)
    window.set_param(finding, "image", IMAGE)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    choose(qtbot, window, 1)
    assert window.session.current(finding).params.get("image") == IMAGE
    captured.ask_save_answer = "discard"
    assert window.open_path(str(sample_copy))  # one file again: the set and its button go
    assert not button.isVisible()
