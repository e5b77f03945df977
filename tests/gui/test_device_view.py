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
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from asegui.gui.code_view import yaml_line_spans
from asegui.gui.main_window import MainWindow

from .conftest import ROOT, SAMPLE, Dialogs, wait_device

PASSWORD = "s3cr3t-Regi$try-Passw0rd"


def sample_data() -> dict[str, Any]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def desired(data: dict[str, Any]) -> dict[str, Any]:
    return data["modulesContent"]["$edgeAgent"]["properties.desired"]


def open_data(window: MainWindow, tmp_path: Path, data: dict[str, Any], name: str = "manifest.json") -> None:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert window.open_path(str(path))
    assert window.session is not None
    window.session.complete()  # opening leaves the first check to the worker: these tests start from a checked one


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
    wait_device(qtbot, window)  # the first check runs on the worker
    if view == "device":
        qtbot.waitUntil(lambda: "kind: EdgeDeployment" in window.device_view.toPlainText(), timeout=5000)


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


# ------------------------------------------------------------------------------------------------ the worker
@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Device phases on the worker thread wait until the test opens the gate (the UI thread's never do); each
    result a worker started is recorded. Opened at teardown, before the window closes (fixtures listed after it)."""
    import threading

    from asegui.core import Result

    opened_gate = threading.Event()
    started: list[Result] = []
    original = Result.check_device

    def gated(self: Result, decisions: Any = None) -> Any:
        if threading.current_thread() is not threading.main_thread():
            started.append(self)
            assert opened_gate.wait(20), "the test never opened the gate"
        return original(self, decisions)

    monkeypatch.setattr(Result, "check_device", gated)
    opened_gate.started = started  # type: ignore[attr-defined]
    yield opened_gate
    opened_gate.set()


def two_gpu_modules(window: MainWindow, tmp_path: Path) -> str:
    """The sample with FpgaModelHost twice; returns the id of the second one's GPU finding (a count of 1 there
    makes two modules ask for the device's one GPU: RES010, a device finding)."""
    data = sample_data()
    modules = desired(data)["modules"]
    modules["FpgaModelHost2"] = copy.deepcopy(modules["FpgaModelHost"])
    open_data(window, tmp_path, data)
    assert window.session is not None and not window.session.device_pending
    return finding_id(window, "RES002", "FpgaModelHost2")


def worker_threads() -> list[Any]:
    import threading

    return [t for t in threading.enumerate() if t.name.startswith("asegui-device")]


def test_the_gpu_manifest_is_repainted_before_the_device_check_ends(qtbot: Any, window: MainWindow,
                                                                     tmp_path: Path, gate: Any) -> None:
    second = two_gpu_modules(window, tmp_path)
    show_device(window)
    gpu_before, yaml_before = window.output_view.toPlainText(), window.device_view.toPlainText()
    summary_before = window.device_pane.summary.text()
    window.set_param(second, "count", 1)
    assert window.session is not None and window.session.device_pending
    assert window.output_view.toPlainText() != gpu_before  # the GPU manifest at once
    assert "RES010" not in device_codes(window)  # the check has not come back
    qtbot.waitUntil(lambda: len(gate.started) == 1)
    qtbot.waitUntil(window.device_pane.checking_shown)  # after a moment, a quiet note: no dialog, no blank view
    assert window.device_view.toPlainText() == yaml_before and window.device_pane.summary.text() == summary_before
    assert window.device_pane.checking.isVisible() and "checking" in window.device_pane.checking.text()
    gate.set()
    wait_device(qtbot, window)
    assert "RES010" in device_codes(window)
    assert not window.device_pane.checking_shown()
    assert "GPUs: 2 of 1" in window.device_pane.summary.text()
    assert window.device_view.toPlainText() != yaml_before
    assert window.session.counts()["total"] == len(window.checklist.visible_ids())


def test_a_quick_check_shows_no_note(qtbot: Any, opened: MainWindow) -> None:
    show_device(opened)
    opened.set_accepted(finding_id(opened, "STO001", share="localin"), False)
    wait_device(qtbot, opened)
    assert not opened.device_pane.checking_shown()  # done before the note's delay: nothing blinked


def test_only_the_last_decision_s_device_findings_are_shown(qtbot: Any, window: MainWindow, tmp_path: Path,
                                                           gate: Any) -> None:
    second = two_gpu_modules(window, tmp_path)
    session = window.session
    assert session is not None
    shown: list[set[str]] = []
    session.device_listeners.append(lambda: shown.append(device_codes(window)))
    window.set_param(second, "count", 1)  # RES010: its check starts and waits at the gate
    qtbot.waitUntil(lambda: len(gate.started) == 1)
    window.set_device_settings(2, "LoadBalancer")  # queued behind it...
    window.set_device_settings(2, "ClusterIP")  # ...and replaced before it starts: it never runs
    assert session.device_pending and session.settings.service_type == "ClusterIP"
    gate.set()
    wait_device(qtbot, window)
    qtbot.wait(50)  # the superseded phase's signal has come and gone too
    assert len(gate.started) == 2 and gate.started[-1] is session.result  # the first, then the last
    first = gate.started[0]
    assert any(f.code == "RES010" for f in first.findings)  # computed on the worker, never shown:
    assert shown == [set()]  # one check taken in, the last one's: two GPUs, no RES010
    assert "RES010" not in device_codes(window)
    assert "GPUs: 2 of 2" in window.device_pane.summary.text() and "ClusterIP" in window.device_pane.summary.text()


def export_matches_cli(window: MainWindow, captured: Any, tmp_path: Path, name: str) -> bytes:
    from asegui.core import convert

    assert window.session is not None
    exported = tmp_path / name
    captured.save_answer = str(exported)
    captured.confirm_answer = True
    assert window.export()
    expected = convert(window.session.document.data, window.session.decisions, settings=window.session.settings)
    assert exported.read_bytes() == expected.text.encode("utf-8")
    return exported.read_bytes()


def test_export_while_the_check_is_queued_completes_it(qtbot: Any, window: MainWindow, captured: Any,
                                                       tmp_path: Path, gate: Any) -> None:
    second = two_gpu_modules(window, tmp_path)
    window.set_accepted(finding_id(window, "STO001", share="localin"), False)  # its check waits at the gate
    qtbot.waitUntil(lambda: len(gate.started) == 1)
    window.set_param(second, "count", 1)  # queued behind: the export runs it on the UI thread
    assert window.session is not None and window.session.device_pending
    export_matches_cli(window, captured, tmp_path, "queued.gpu.json")
    assert not window.session.device_pending
    assert "RES010" in captured.confirms[-1][1]  # the device's errors are in the list of unresolved errors
    assert "RES010" in device_codes(window)  # and in the checklist
    decisions_file = tmp_path / "queued.decisions.json"
    captured.save_answer = str(decisions_file)
    assert window.save_decisions()
    from asegui.core import decisions

    assert second in decisions.loads(decisions_file.read_bytes())
    gate.set()
    qtbot.wait(100)  # the worker's two late answers are dropped
    assert "RES010" in device_codes(window) and not window.session.device_pending


def test_export_while_the_check_runs_waits_for_it(qtbot: Any, window: MainWindow, captured: Any, tmp_path: Path,
                                                  gate: Any) -> None:
    import threading

    second = two_gpu_modules(window, tmp_path)
    window.set_param(second, "count", 1)
    qtbot.waitUntil(lambda: len(gate.started) == 1)  # running on the worker, held at the gate
    threading.Timer(0.3, gate.set).start()  # the UI thread waits for the worker, which then goes on
    export_matches_cli(window, captured, tmp_path, "running.gpu.json")
    assert "RES010" in captured.confirms[-1][1]
    assert "RES010" in device_codes(window)
    report = tmp_path / "running.report.json"
    captured.save_answer = str(report)
    assert window.export_report()
    assert "RES010" in report.read_text(encoding="utf-8")


def test_closing_the_window_while_a_check_runs(qtbot: Any, settings: Any, captured: Any, tmp_path: Path,
                                               gate: Any) -> None:
    import threading

    window = MainWindow(settings, restore=False)  # not qtbot's: this test deletes it
    window.show()
    qtbot.waitExposed(window)
    second = two_gpu_modules(window, tmp_path)
    show_device(window)
    window.set_param(second, "count", 1)
    qtbot.waitUntil(lambda: len(gate.started) == 1)
    window.set_device_settings(2, "LoadBalancer")  # queued: dropped by the close
    threading.Timer(0.3, gate.set).start()
    captured.ask_save_answer = "discard"  # the decision above is not saved: closing asks
    window.close()  # waits for the running check (it touches no widget), drops the queued one
    assert not worker_threads()
    assert len(gate.started) == 1
    window.deleteLater()
    qtbot.wait(100)  # a late signal, if any, finds no window and nothing to do
    assert not captured.errors


def test_deleting_the_window_with_the_check_s_answer_still_queued(qtbot: Any, settings: Any, captured: Any,
                                                                  tmp_path: Path) -> None:
    import time

    window = MainWindow(settings, restore=False)
    window.show()
    qtbot.waitExposed(window)
    second = two_gpu_modules(window, tmp_path)
    show_device(window)
    window.set_param(second, "count", 1)
    session = window.session
    assert session is not None and session._phase is not None
    phase = session._phase
    window._device_worker._start()  # what the event loop does once the GPU pane is painted
    deadline = time.monotonic() + 10
    while not phase.done and time.monotonic() < deadline:  # no events processed: the answer stays queued
        time.sleep(0.005)
    assert phase.done and session.device_pending
    captured.ask_save_answer = "discard"  # the decision above is not saved: closing asks
    window.close()
    window.deleteLater()
    qtbot.wait(100)
    assert not captured.errors and not worker_threads()


def test_opening_another_file_while_a_check_runs(qtbot: Any, window: MainWindow, captured: Dialogs,
                                                 tmp_path: Path, gate: Any) -> None:
    second = two_gpu_modules(window, tmp_path)
    window.set_param(second, "count", 1)  # RES010 for this document, held at the gate
    qtbot.waitUntil(lambda: len(gate.started) == 1)
    old = window.session
    data = sample_data()
    desired(data)["systemModules"]["edgeHub"]["settings"]["createOptions"] = "{}"
    captured.ask_save_answer = "discard"  # the decision above is not saved: opening another file asks
    open_data(window, tmp_path, data, "other.json")
    assert window.session is not old and window.session is not None
    gate.set()
    qtbot.wait(100)  # the old document's check comes back: dropped
    assert device_codes(window) == {"NET010"}
    assert all(f.id in window.session.ids() for f in window.session.findings)
    assert not window.session.device_pending
    window.undo_action.trigger()  # nothing to undo in the new document
    assert not window.session.can_undo and device_codes(window) == {"NET010"}


def test_a_whole_task_by_keyboard(qtbot: Any, window: MainWindow, captured: Any, tmp_path: Path) -> None:
    """Open, decide with Space and F8, look at the device with Ctrl+K, undo with Ctrl+Z, export, close: every
    decision and every device finding is where it should be, whatever the worker's timing."""
    from asegui.core import convert

    from .test_window import press

    second = two_gpu_modules(window, tmp_path)
    session = window.session
    assert session is not None
    window.checklist.select(second)
    window.checklist.setFocus()
    press(qtbot, window, "Ctrl+K")
    assert window.device_view_shown()
    window.checklist.setFocus()
    accepted_before = session.finding(second).accepted
    press(qtbot, window, "Space")
    assert session.finding(second).accepted != accepted_before
    assert session.can_undo
    decided = [second]
    for _ in range(3):  # the next findings, decided as fast as the keys come
        press(qtbot, window, "F8")
        current = window.checklist.current_id()
        assert current is not None
        before = session.finding(current).accepted
        press(qtbot, window, "Space")
        if session.finding(current).accepted != before:
            decided.append(current)
    assert len(session.undo_stack) == len(decided)
    wait_device(qtbot, window)
    shown = device_codes(window)
    expected = convert(session.document.data, session.decisions, settings=session.settings)
    assert shown == {f.code for f in expected.findings if f.rule.phase == "device"}
    assert window.checklist.visible_ids() == [f.id for f in expected.findings]
    press(qtbot, window, "Ctrl+K")  # back to the GPU manifest
    assert not window.device_view_shown()
    press(qtbot, window, "Ctrl+Z")
    assert len(session.undo_stack) == len(decided) - 1
    wait_device(qtbot, window)
    expected = convert(session.document.data, session.decisions, settings=session.settings)
    assert device_codes(window) == {f.code for f in expected.findings if f.rule.phase == "device"}
    assert [f.status for f in session.findings] == [f.status for f in expected.findings]
    exported = tmp_path / "keys.gpu.json"
    captured.save_answer = str(exported)
    press(qtbot, window, "Ctrl+E")
    assert exported.read_bytes() == expected.text.encode("utf-8")
    captured.ask_save_answer = "discard"  # the decisions taken by keyboard are not saved: closing asks
    press(qtbot, window, "Ctrl+W")
    assert len(captured.asks) == 1
    assert window.session is None and window.stack.currentWidget() is window.start_page


def test_a_value_being_typed_stays_when_the_check_comes(qtbot: Any, opened: MainWindow, gate: Any) -> None:
    share = finding_id(opened, "STO001", share="localin")
    assert opened.checklist.select(share)
    opened.set_accepted(finding_id(opened, "STO001", share="cloudout"), False)
    opened.checklist.select(share)
    qtbot.waitUntil(lambda: len(gate.started) == 1)
    editor = opened.detail.fields["share"].editor
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, "edge-in")  # not committed yet
    gate.set()
    wait_device(qtbot, opened)
    assert editor.text() == "edge-in" and editor.hasFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_device(qtbot, opened)
    assert '"Source": "edge-in"' in opened.output_view.toPlainText()


def test_opening_a_file_paints_before_the_device_is_checked(qtbot: Any, window: MainWindow,
                                                             sample_copy: Path) -> None:
    """The first device phase of a file is the worker's too: the manifests and the input findings are there at
    once, and the device's objects and findings follow."""
    assert window.open_path(str(sample_copy))
    session = window.session
    assert session is not None and session.device_pending and window.input_view.toPlainText()
    assert "STO001" in {f.code for f in session.findings}
    wait_device(qtbot, window)
    show_device(window)
    assert "kind: Deployment" in window.device_view.toPlainText()


def test_the_first_device_phase_waits_for_the_first_frame(qtbot: Any, settings: Any, captured: Any,
                                                          gate: Any) -> None:
    """A worker holding the GIL while the window paints its first frame delays that frame by more than the phase
    costs: the device phase of the file the window opens with starts once the window has been painted."""
    window = MainWindow(settings, restore=False, start_page=False)
    qtbot.addWidget(window)
    assert window.open_path(str(SAMPLE))  # as `asegui FILE` does: opened before the first show
    qtbot.wait(300)  # events run, but nothing is painted: a hidden window
    assert gate.started == [] and window.session is not None and window.session.device_pending
    window.resize(1400, 900)
    window.show()
    qtbot.waitUntil(lambda: len(gate.started) == 1)  # painted: the worker starts
    gate.set()
    wait_device(qtbot, window)
    assert window.device_pane.summary.text()


def test_a_window_never_painted_still_gets_its_device_phase(qtbot: Any, settings: Any, captured: Any) -> None:
    """A window that is not painted (minimised at start, hidden) does not hold its device phase for ever."""
    window = MainWindow(settings, restore=False, start_page=False)
    qtbot.addWidget(window)
    assert window.open_path(str(SAMPLE))
    wait_device(qtbot, window, timeout=5000)
    assert window.session is not None and not window.session.device_pending


def test_decisions_in_quick_succession_check_the_device_once(qtbot: Any, opened: MainWindow,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Each decision repaints the GPU manifest at once; the device's objects are checked once the person pauses,
    for the last decision only, so the worker never holds the GIL while the next decision repaints."""
    from asegui.review.session import DevicePhase

    runs: list[DevicePhase] = []
    run = DevicePhase.run

    def counted(phase: DevicePhase) -> None:
        if not phase.done:  # the UI thread asks again for a phase the worker ran: it is not run twice
            runs.append(phase)
        run(phase)

    monkeypatch.setattr(DevicePhase, "run", counted)
    session = opened.session
    assert session is not None
    finding = next(f for f in session.findings if f.applicability == "auto" and f.edits)
    for _toggle in range(4):  # a key every 20 ms: each repainted, none of the device checks started
        opened.set_accepted(finding.id, not session.finding(finding.id).accepted)
        qtbot.wait(20)
    wait_device(qtbot, opened)
    assert len(runs) == 1 and runs[0].result is session.result
