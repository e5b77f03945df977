"""pytest-qt drives the "On the device" view: the objects as YAML, the summary line, the device's settings, device
findings coming and going in the checklist, and the --view device screenshot."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtGui import QImage

from asegui.gui.code_view import yaml_line_spans
from asegui.gui.main_window import MainWindow

from .conftest import ROOT, SAMPLE, wait_device

PASSWORD = "s3cr3t-Regi$try-Passw0rd"


def sample_data() -> dict[str, Any]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def desired(data: dict[str, Any]) -> dict[str, Any]:
    return data["modulesContent"]["$edgeAgent"]["properties.desired"]


def open_data(window: MainWindow, tmp_path: Path, data: dict[str, Any], name: str = "manifest.json") -> None:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert window.open_path(str(path))


def show_device(window: MainWindow) -> None:
    window.device_action.setChecked(True)
    assert window.device_view_shown() and window.device_pane.isVisible()


def choose(combo: Any, value: object) -> None:
    """What a user's pick does: the index changes, then ``activated`` fires."""
    combo.setCurrentIndex(combo.findData(value))
    combo.activated.emit(combo.currentIndex())


def finding_id(window: MainWindow, code: str, module: str | None = None, **values: Any) -> str:
    assert window.session is not None
    return next(f.id for f in window.session.findings if f.code == code and (module is None or f.module == module)
                and all(f.values.get(k) == v for k, v in values.items()))


def device_codes(window: MainWindow) -> set[str]:
    assert window.session is not None
    return {window.session.finding(i).code for i in window.checklist.visible_ids()
            if window.session.finding(i).rule.phase == "device"}


# ------------------------------------------------------------------------------------------------ the objects
def test_the_sample_objects_as_yaml(opened: MainWindow) -> None:
    assert not opened.device_pane.isVisible()  # the GPU manifest stays the first view
    show_device(opened)
    text = opened.device_view.toPlainText()
    for kind in ("Secret", "EdgeDeployment", "ServiceAccount", "Service", "Deployment", "PersistentVolumeClaim"):
        assert f"\nkind: {kind}\n" in text
    documents = [d for d in yaml.safe_load_all(text) if d is not None]
    assert opened.session is not None and opened.session.result.device is not None
    assert len(documents) == len(opened.session.result.device.objects)
    assert PASSWORD not in text
    assert opened.device_view.margin_width() > 0 and opened.device_view.isReadOnly()


def test_summary_line(opened: MainWindow) -> None:
    summary = opened.device_pane.summary.text()
    assert "5 Deployment" in summary
    assert "2 LoadBalancer" in summary and "2 external IP" in summary and "1 ClusterIP" in summary
    assert "localin" in summary and "cloudout" in summary
    assert "GPUs: 1 of 1" in summary and "more than the device has" not in summary


def test_yaml_highlighting_spans() -> None:
    assert [kind for _s, _n, kind in yaml_line_spans("  name: edgehub")] == ["tag", "punctuation", "string"]
    assert [kind for _s, _n, kind in yaml_line_spans("  - containerPort: 8080")] == [
        "punctuation", "tag", "punctuation", "number"]
    assert [kind for _s, _n, kind in yaml_line_spans("    readOnly: true")][-1] == "keyword"
    assert [kind for _s, _n, kind in yaml_line_spans("---")] == ["keyword"]
    assert yaml_line_spans("  labels: {}")[-1][2] == "punctuation"


# ------------------------------------------------------------------------------------------------ decisions
def test_a_decision_changes_the_objects_and_undo_brings_them_back(qtbot: Any, opened: MainWindow) -> None:
    show_device(opened)
    before = opened.device_view.toPlainText()
    assert "name: localin" in before
    opened.set_accepted(finding_id(opened, "STO001", share="localin"), False)  # the share stays a host bind
    wait_device(qtbot, opened)
    after = opened.device_view.toPlainText()
    assert after != before and "claimName: localin" not in after
    assert "localin" not in opened.device_pane.summary.text()
    opened.undo()
    wait_device(qtbot, opened)
    assert opened.device_view.toPlainText() == before


def test_the_hidden_view_renders_when_shown(qtbot: Any, opened: MainWindow) -> None:
    opened.set_accepted(finding_id(opened, "STO001", share="localin"), False)
    wait_device(qtbot, opened)
    assert opened.device_pane.dirty  # no YAML written for a view nobody sees
    assert "localin" not in opened.device_pane.summary.text()  # the summary follows the check at once
    show_device(opened)
    assert not opened.device_pane.dirty
    assert "claimName: localin" not in opened.device_view.toPlainText()


def test_two_gpus_reapply_and_undo(qtbot: Any, opened: MainWindow) -> None:
    assert opened.session is not None
    show_device(opened)
    choose(opened.device_pane.gpus, 2)
    assert opened.session.settings.gpus == 2
    wait_device(qtbot, opened)
    assert "GPUs: 1 of 2" in opened.device_pane.summary.text()
    assert opened.undo_action.isEnabled()
    choose(opened.device_pane.service_type, "ClusterIP")
    wait_device(qtbot, opened)
    assert opened.session.result.device is not None
    assert opened.session.result.device.summary()["services"] == {"ClusterIP": 3}
    assert "LoadBalancer" not in opened.device_pane.summary.text()
    assert "type: LoadBalancer" not in opened.device_view.toPlainText()
    opened.undo()
    opened.undo()
    assert opened.session.settings.gpus == 1 and opened.session.settings.service_type == "LoadBalancer"
    wait_device(qtbot, opened)
    assert opened.device_pane.gpus.currentData() == 1 and "GPUs: 1 of 1" in opened.device_pane.summary.text()


def test_the_view_action_switches_the_tab(opened: MainWindow) -> None:
    opened.device_action.trigger()
    assert opened.device_view_shown()
    opened.output_tabs.setCurrentIndex(0)
    assert not opened.device_action.isChecked() and opened.output_view.isVisible()


# ------------------------------------------------------------------------------------------------ findings
def test_selecting_a_finding_shows_its_object(opened: MainWindow) -> None:
    show_device(opened)
    assert opened.checklist.select(finding_id(opened, "STO001", share="localin"))
    (first, last), = opened.device_view.ranges
    lines = [opened.device_view.line_text(line) for line in range(first, last + 1)]
    assert "kind: PersistentVolumeClaim" in lines and "  name: localin" in lines
    assert opened.device_view.visible_lines()[0] <= first <= opened.device_view.visible_lines()[1]
    assert opened.checklist.select(finding_id(opened, "NET008", "FpgaModelHost"))
    (first, last), = opened.device_view.ranges
    lines = [opened.device_view.line_text(line) for line in range(first, last + 1)]
    assert "kind: Service" in lines and "  name: fpgamodelhost" in lines
    assert opened.checklist.select(finding_id(opened, "RES003", "FpgaModelHost"))
    (first, last), = opened.device_view.ranges
    assert "kind: Deployment" in [opened.device_view.line_text(line) for line in range(first, last + 1)]


def test_edgehub_without_ports_shows_net010(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    data = sample_data()
    desired(data)["systemModules"]["edgeHub"]["settings"]["createOptions"] = "{}"
    open_data(window, tmp_path, data)
    assert "NET010" in device_codes(window)
    net010 = finding_id(window, "NET010")
    show_device(window)
    assert window.checklist.select(net010)
    assert "NET010" in window.detail.title.text()
    (first, last), = window.device_view.ranges  # edgeHub has no Service: its Deployment is shown
    lines = [window.device_view.line_text(line) for line in range(first, last + 1)]
    assert "kind: Deployment" in lines and "  name: edgehub" in lines
    window.set_accepted(net010, True)  # acknowledged, still there: only the manifest can give edgeHub its ports
    wait_device(qtbot, window)
    assert window.session is not None and window.session.finding(net010).status == "acknowledged"
    assert window.checklist.current_id() == net010


def test_a_device_finding_comes_and_goes_with_decisions(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    data = sample_data()
    modules = desired(data)["modules"]
    modules["FpgaModelHost2"] = copy.deepcopy(modules["FpgaModelHost"])
    open_data(window, tmp_path, data)
    assert window.session is not None
    assert "RES010" not in device_codes(window)
    kept = finding_id(window, "STO001", share="localin")
    assert window.checklist.select(kept)
    second = finding_id(window, "RES002", "FpgaModelHost2")
    assert window.session.set_param(second, "count", 1) is None  # two modules now ask for the one GPU
    wait_device(qtbot, window)
    assert "RES010" in device_codes(window)
    assert window.checklist.current_id() == kept  # the rows were rebuilt, the selection kept
    assert "GPUs: 2 of 1" in window.device_pane.summary.text()
    assert "more than the device has" in window.device_pane.summary.text()
    res010 = finding_id(window, "RES010", "FpgaModelHost2")
    assert window.checklist.select(res010)
    assert "RES010" in window.detail.title.text()
    assert window.session.counts()["total"] == len(window.checklist.visible_ids())
    choose(window.device_pane.gpus, 2)  # the two-GPU model has room for both
    wait_device(qtbot, window)
    assert "RES010" not in device_codes(window)
    assert window.checklist.current_id() is None  # the finding went: nothing stale is shown for it
    assert "GPUs: 2 of 2" in window.device_pane.summary.text()
    window.undo()
    wait_device(qtbot, window)
    assert "RES010" in device_codes(window)
    window.undo()
    wait_device(qtbot, window)
    assert "RES010" not in device_codes(window)


def test_accept_all_leaves_device_findings_to_a_person(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    data = sample_data()
    desired(data)["systemModules"]["edgeHub"]["settings"]["createOptions"] = "{}"
    open_data(window, tmp_path, data)
    window.accept_all()
    wait_device(qtbot, window)
    assert window.session is not None
    assert window.session.finding(finding_id(window, "NET010")).status == "open"


# ------------------------------------------------------------------------------------------------ screenshot
def test_screenshot_of_the_device_view(tmp_path: Path) -> None:
    out = tmp_path / "device.png"
    done = subprocess.run([sys.executable, "-m", "asegui.gui.app", str(SAMPLE), "--screenshot", str(out),
                           "--view", "device", "--select", "STO001"], cwd=ROOT, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)


@pytest.mark.parametrize("view", ["gpu", "device"])
def test_view_argument_opens_the_chosen_view(qtbot: Any, settings: Any, captured: Any, sample_copy: Path,
                                             view: str) -> None:
    from asegui.gui import app as gui_app

    args = gui_app.build_parser().parse_args([str(sample_copy), "--view", view])
    window = gui_app.build_window(args, settings)
    qtbot.addWidget(window)
    assert window.device_view_shown() == (view == "device")
    if view == "device":
        assert "kind: EdgeDeployment" in window.device_view.toPlainText()


# ------------------------------------------------------------------------------------------------ decisions file
def test_device_settings_are_saved_and_loaded_with_the_decisions(qtbot: Any, opened: MainWindow, captured: Any,
                                                                 tmp_path: Path) -> None:
    from asegui.core import decisions

    assert opened.session is not None
    choose(opened.device_pane.gpus, 2)
    saved = tmp_path / "two-gpus.decisions.json"
    captured.save_answer = str(saved)
    assert opened.save_decisions()
    settings = decisions.loads_settings(saved.read_bytes())
    assert settings is not None and settings.gpus == 2
    opened.undo()
    assert opened.session.settings.gpus == 1
    assert opened.load_decisions(str(saved))
    assert opened.session.settings.gpus == 2 and opened.device_pane.gpus.currentData() == 2
    wait_device(qtbot, opened)
    assert "GPUs: 1 of 2" in opened.device_pane.summary.text()
    opened.undo()  # loading them was one step
    assert opened.session.settings.gpus == 1
    bad = tmp_path / "bad.decisions.json"
    bad.write_text(json.dumps({"decisions": {}, "device": {"gpus": 3}}), encoding="utf-8")
    assert not opened.load_decisions(str(bad)) and captured.errors
    assert opened.session.settings.gpus == 1
