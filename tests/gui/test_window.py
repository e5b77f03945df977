"""pytest-qt drives the real window: open, decide, undo, edit, refuse, highlight, export, bad files, F8."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication

from asegui.core import lines_for
from asegui.gui import app as gui_app
from asegui.gui.checklist import ID_ROLE
from asegui.gui.main_window import MainWindow

from .conftest import ROOT, SAMPLE, Dialogs

BROKEN = b'{\n  "modulesContent": {\n    "a": 1,\n  '


def share_id(window: MainWindow, share: str = "localin") -> str:
    assert window.session is not None
    return next(f.id for f in window.session.findings if f.code == "STO001" and f.values.get("share") == share)


def area_row_text(window: MainWindow, area: str) -> str:
    proxy = window.checklist.proxy
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        if window.checklist.source.groups[proxy.mapToSource(index).row()][0] == area:
            return str(index.data())
    raise AssertionError(f"no area row {area}")


def drop_files(window: MainWindow, *paths: Path) -> tuple[bool, bool]:
    """What a file manager does: drag enter, then drop; returns whether each was accepted."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def press(qtbot: Any, window: MainWindow, sequence: str) -> None:
    """Press a shortcut as a user would: the key events go to the focused widget of the active window."""
    window.activateWindow()
    keys = QKeySequence(sequence)[0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, keys.key(), keys.keyboardModifiers())
    if keys.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        # a real keyboard releases the modifier keys too; without this Qt believes Shift is still held
        qtbot.keyRelease(target, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)


# ------------------------------------------------------------------------------------------------ opening
def test_open_by_argument(qtbot: Any, settings: Any, captured: Dialogs, sample_copy: Path) -> None:
    args = gui_app.build_parser().parse_args([str(sample_copy)])
    window = gui_app.build_window(args, settings)
    qtbot.addWidget(window)
    assert window.session is not None and window.session.path == str(sample_copy.resolve())
    assert window.stack.currentWidget() is window.workspace
    assert '"FpgaModelHost"' in window.input_view.toPlainText()
    assert not captured.errors
    assert str(sample_copy.resolve()) in window.recent_files()


def test_start_page_without_a_file(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.start_page
    assert not window.export_action.isEnabled()
    window.start_page.sample_button.click()
    assert window.session is not None and "sample" in window.session.display_name


def test_open_by_drop(qtbot: Any, window: MainWindow, sample_copy: Path) -> None:
    assert drop_files(window, sample_copy) == (True, True)
    qtbot.waitUntil(lambda: window.session is not None)
    assert window.session is not None and window.session.path == str(sample_copy.resolve())
    assert window.stack.currentWidget() is window.workspace
    assert '"FpgaModelHost"' in window.input_view.toPlainText()


def test_drop_of_text_is_ignored(window: MainWindow) -> None:
    data = QMimeData()
    data.setText("not a file")
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_broken_file_shows_reason_and_keeps_document(opened: MainWindow, captured: Dialogs, tmp_path: Path) -> None:
    before = opened.input_view.toPlainText()
    session = opened.session
    broken = tmp_path / "broken.json"
    broken.write_bytes(BROKEN)
    assert opened.open_path(str(broken)) is False
    assert len(captured.errors) == 1
    title, text = captured.errors[0]
    assert "broken.json" in title
    assert text.lower().count("line 4, column 3") == 1 and "4:3" not in text  # the place, once (issue 13, defect 8)
    assert opened.session is session
    assert opened.input_view.toPlainText() == before


def test_broken_file_by_drop_keeps_document(qtbot: Any, opened: MainWindow, captured: Dialogs,
                                            tmp_path: Path) -> None:
    session = opened.session
    broken = tmp_path / "broken.json"
    broken.write_bytes(BROKEN)
    drop_files(opened, broken)
    qtbot.waitUntil(lambda: len(captured.errors) == 1)
    assert opened.session is session


def test_missing_file_shows_reason(window: MainWindow, captured: Dialogs, tmp_path: Path) -> None:
    assert window.open_path(str(tmp_path / "gone.json")) is False
    assert captured.errors and "gone.json" in captured.errors[0][1]
    assert window.stack.currentWidget() is window.start_page


# ------------------------------------------------------------------------------------------------ deciding
def test_toggle_finding_changes_gpu_pane_and_counts_then_undo(qtbot: Any, opened: MainWindow) -> None:
    finding_id = share_id(opened)
    output_before = opened.output_view.toPlainText()
    area_before = area_row_text(opened, "storage")
    summary_before = opened.summary.text()
    assert '"Source": "localin"' in output_before

    index = opened.checklist.proxy.mapFromSource(opened.checklist.source.index_of(finding_id))
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert opened.checklist.proxy.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)

    output_after = opened.output_view.toPlainText()
    assert output_after != output_before
    assert '"Source": "localin"' not in output_after
    assert "/home/hcsshares/localin:/home/input" in output_after
    assert area_row_text(opened, "storage") != area_before
    assert opened.summary.text() != summary_before
    index = opened.checklist.proxy.mapFromSource(opened.checklist.source.index_of(finding_id))
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert opened.isWindowModified()

    press(qtbot, opened, "Ctrl+Z")
    assert opened.output_view.toPlainText() == output_before
    assert area_row_text(opened, "storage") == area_before
    assert opened.summary.text() == summary_before

    press(qtbot, opened, "Ctrl+Shift+Z")
    assert opened.output_view.toPlainText() == output_after
    opened.undo_action.trigger()
    assert opened.output_view.toPlainText() == output_before


def test_edit_share_name_appears_in_gpu_pane(qtbot: Any, opened: MainWindow) -> None:
    finding_id = share_id(opened)
    assert opened.checklist.select(finding_id)
    editor = opened.detail.fields["share"].editor
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, "edge-input")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not opened.detail.fields["share"].reason.isVisible()
    output = opened.output_view.toPlainText()
    assert '"Source": "edge-input"' in output and '"Source": "localin"' not in output
    first, last = opened.output_view.ranges[0]
    assert any('"Source": "edge-input"' in opened.output_view.line_text(n) for n in range(first, last + 1))
    opened.checklist.setFocus()  # in the field itself, Ctrl+Z undoes typing, as in every text field
    press(qtbot, opened, "Ctrl+Z")
    assert '"Source": "localin"' in opened.output_view.toPlainText()


def test_invalid_share_name_refused_with_reason(qtbot: Any, opened: MainWindow) -> None:
    finding_id = share_id(opened)
    opened.checklist.select(finding_id)
    output_before = opened.output_view.toPlainText()
    field = opened.detail.fields["share"]
    field.editor.setFocus()
    field.editor.selectAll()
    qtbot.keyClicks(field.editor, "Local_In")
    assert field.reason.isVisible()
    expected = field.param.problem("Local_In")
    assert expected and expected in field.reason.text()
    qtbot.keyClick(field.editor, Qt.Key.Key_Return)
    assert field.reason.isVisible()
    assert opened.output_view.toPlainText() == output_before
    assert opened.session is not None and not opened.session.can_undo


def test_gpu_count_of_zero_refused(qtbot: Any, opened: MainWindow) -> None:
    assert opened.session is not None
    counted = [f for f in opened.session.findings for p in f.params if p.name == "count" and p.kind == "int"]
    if not counted:
        pytest.skip("no finding with a GPU count in the sample")
    opened.checklist.select(counted[0].id)
    field = opened.detail.fields["count"]
    field.editor.setFocus()
    field.editor.selectAll()
    qtbot.keyClicks(field.editor, "0")
    qtbot.keyClick(field.editor, Qt.Key.Key_Return)
    assert field.reason.isVisible() and "1" in field.reason.text()
    assert not opened.session.can_undo


def test_select_finding_highlights_and_scrolls_both_panes(opened: MainWindow) -> None:
    session = opened.session
    assert session is not None
    finding = session.finding(share_id(opened, "cloudout"))
    opened.input_view.scroll_to_line(1)
    opened.output_view.scroll_to_line(1)
    opened.checklist.select(finding.id)

    _text, in_spans = session.rendered("input")
    expected_in = lines_for(in_spans, finding.pointer)
    assert expected_in is not None
    assert opened.input_view.ranges == [expected_in]
    first, last = opened.input_view.visible_lines()
    assert first <= expected_in[0] and expected_in[1] <= last
    assert opened.input_view.textCursor().blockNumber() + 1 == expected_in[0]
    assert "/home/hcsshares/cloudout" in opened.input_view.line_text(expected_in[0])

    _text, out_spans = session.rendered("output")
    assert opened.output_view.ranges
    out_first, out_last = opened.output_view.ranges[0]
    assert any(lines_for(out_spans, p) and lines_for(out_spans, p)[0] <= out_first  # type: ignore[index]
               for p in (finding.output_pointer, finding.output_pointer.rsplit("/", 2)[0]))
    first, last = opened.output_view.visible_lines()
    assert first <= out_first and out_last <= last
    highlighted = "\n".join(opened.output_view.line_text(n) for n in range(out_first, out_last + 1))
    assert '"Source": "cloudout"' in highlighted
    assert len(opened.input_view.extraSelections()) == 1 and len(opened.output_view.extraSelections()) == 1
    assert opened.detail.title.text().count(finding.code) == 1


def test_next_and_previous_finding_with_f8(qtbot: Any, opened: MainWindow) -> None:
    ids = opened.checklist.visible_ids()
    assert len(ids) >= 3
    opened.checklist.select(ids[0])
    opened.checklist.setFocus()
    press(qtbot, opened, "F8")
    assert opened.checklist.current_id() == ids[1]
    press(qtbot, opened, "F8")
    assert opened.checklist.current_id() == ids[2]
    press(qtbot, opened, "Shift+F8")
    assert opened.checklist.current_id() == ids[1]
    opened.checklist.select(ids[0])
    opened.previous_action.trigger()
    assert opened.checklist.current_id() == ids[-1]  # wraps around
    opened.next_action.trigger()
    assert opened.checklist.current_id() == ids[0]


def test_needs_me_filter_shows_only_rows_waiting_for_a_person(opened: MainWindow) -> None:
    assert opened.session is not None
    everything = opened.checklist.visible_ids()
    opened.needs_me_action.setChecked(True)
    shown = opened.checklist.visible_ids()
    assert shown and len(shown) < len(everything)
    assert all(opened.session.finding(i).status in ("needs input", "open") for i in shown)
    opened.needs_me_action.setChecked(False)
    assert opened.checklist.visible_ids() == everything


def test_accept_defaults_in_area_and_overall(opened: MainWindow) -> None:
    assert opened.session is not None
    opened.checklist.select(share_id(opened))
    opened.accept_area_action.trigger()
    storage = [f for f in opened.session.findings if f.area == "storage" and f.applicability != "manual"]
    assert all(f.status in ("applied", "needs input") for f in storage)
    others = [f for f in opened.session.findings if f.area != "storage" and f.status == "review"]
    opened.accept_all_action.trigger()
    assert all(f.status != "review" for f in opened.session.findings)
    opened.undo_action.trigger()
    assert all(f.status == "review" for f in others)


def test_deployable_form_toggle(opened: MainWindow) -> None:
    assert '"Source": "localin"' in opened.output_view.toPlainText()
    opened.deployable_action.setChecked(True)
    text = opened.output_view.toPlainText()
    assert '\\"Source\\":\\"localin\\"' in text
    assert all(len(line.split('": "', 1)[-1]) <= 512 + 2 for line in text.splitlines()
               if '"createOptions' in line)
    opened.deployable_action.setChecked(False)
    assert '"Source": "localin"' in opened.output_view.toPlainText()


def test_changed_lines_marked_on_gpu_side(opened: MainWindow) -> None:
    changes = opened.output_view.changes
    assert changes
    mounts_line = next(n for n in range(1, opened.output_view.blockCount() + 1)
                       if '"Source": "localin"' in opened.output_view.line_text(n))
    assert changes.get(mounts_line) in ("+", "~")
    unchanged = next(n for n in range(1, 10) if '"schemaVersion"' in opened.output_view.line_text(n))
    assert unchanged not in changes


def test_secrets_masked_until_shown(opened: MainWindow) -> None:
    assert "s3cr3t-Regi$try-Passw0rd" not in opened.input_view.toPlainText()
    opened.secrets_action.setChecked(True)
    assert "s3cr3t-Regi$try-Passw0rd" in opened.input_view.toPlainText()


# ------------------------------------------------------------------------------------------------ export
def run_cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "asegui.cli", *args], cwd=ROOT, capture_output=True, timeout=120)


def test_export_is_byte_identical_to_cli(qtbot: Any, opened: MainWindow, captured: Dialogs, sample_copy: Path,
                                         tmp_path: Path) -> None:
    opened.set_accepted(share_id(opened, "cloudout"), False)
    opened.checklist.select(share_id(opened))
    opened.set_param(share_id(opened), "share", "edge-input")

    decisions_file = tmp_path / "decisions.json"
    captured.save_answer = str(decisions_file)
    assert opened.save_decisions()
    assert captured.save_proposals[-1] == str(sample_copy.with_name("fpga-sample.decisions.json"))
    assert not opened.isWindowModified()

    exported = tmp_path / "window.gpu.json"
    captured.save_answer = str(exported)
    captured.confirm_answer = True  # export despite unresolved errors
    assert opened.export()
    assert captured.save_proposals[-1] == str(sample_copy.with_name("fpga-sample.gpu.json"))
    assert captured.confirms and "RES005" in captured.confirms[0][1]

    from_cli = tmp_path / "cli.gpu.json"
    done = run_cli("convert", str(sample_copy), "-o", str(from_cli), "--decisions", str(decisions_file))
    assert done.returncode in (0, 1), done.stderr.decode()
    assert exported.read_bytes() == from_cli.read_bytes()
    assert b"edge-input" in exported.read_bytes()


def test_export_with_unresolved_errors_can_go_back(opened: MainWindow, captured: Dialogs, tmp_path: Path) -> None:
    captured.confirm_answer = False
    captured.save_answer = str(tmp_path / "never.json")
    assert not opened.export()
    assert captured.confirms and not captured.save_proposals
    assert not (tmp_path / "never.json").exists()


def test_export_never_over_the_input_without_asking(opened: MainWindow, captured: Dialogs,
                                                    sample_copy: Path) -> None:
    original = sample_copy.read_bytes()
    captured.save_answer = str(sample_copy)
    answers = iter([True, False])  # export anyway; then refuse to overwrite the input
    captured_confirm = captured.confirms

    def confirm(*args: Any, **kwargs: Any) -> bool:
        captured_confirm.append((args[1], args[2]))
        return next(answers)

    import asegui.gui.dialogs as dialogs
    dialogs.confirm = confirm  # the captured fixture's monkeypatch restores the original afterwards
    assert not opened.export()
    assert any("Overwrite" in title for title, _text in captured.confirms)
    assert sample_copy.read_bytes() == original


def test_load_decisions_replays_them(opened: MainWindow, captured: Dialogs, tmp_path: Path) -> None:
    from asegui.core import decisions as core_decisions
    assert opened.session is not None
    opened.set_param(share_id(opened), "share", "edge-input")
    saved = tmp_path / "d.json"
    saved.write_bytes(opened.session.decisions_bytes())
    opened.undo_action.trigger()
    assert '"Source": "edge-input"' not in opened.output_view.toPlainText()
    assert opened.load_decisions(str(saved))
    assert '"Source": "edge-input"' in opened.output_view.toPlainText()
    assert core_decisions.loads(saved.read_bytes())
    opened.undo_action.trigger()
    assert '"Source": "edge-input"' not in opened.output_view.toPlainText()
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"[1, 2")
    assert not opened.load_decisions(str(bad))
    assert captured.errors


# ------------------------------------------------------------------------------------------------ robustness
def test_exception_in_a_handler_shows_dialog_and_app_keeps_running(opened: MainWindow, captured: Dialogs,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    assert opened.session is not None

    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom s3cr3t-Regi$try-Passw0rd")

    monkeypatch.setattr(opened.session, "set_accepted", boom)
    opened.set_accepted(share_id(opened), False)
    assert len(captured.errors) == 1
    assert "boom" in captured.errors[0][1]
    assert "s3cr3t-Regi$try-Passw0rd" not in captured.errors[0][1]  # secrets never reach dialogs or logs
    monkeypatch.undo()
    opened.next_action.trigger()
    assert opened.checklist.current_id() is not None


def test_logs_never_hold_secrets(opened: MainWindow, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from asegui.gui.errors import RedactingFilter

    record = logging.LogRecord("asegui.gui", logging.ERROR, __file__, 1, "value %s", ("s3cr3t-Regi$try-Passw0rd",),
                               None)
    RedactingFilter().filter(record)
    assert "s3cr3t" not in record.getMessage()


# ------------------------------------------------------------------------------------------------ settings, a11y
def test_recent_files_and_layout_persist(qtbot: Any, opened: MainWindow, settings: Any, captured: Dialogs,
                                         sample_copy: Path) -> None:
    opened.main_splitter.setSizes([600, 200])
    opened.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert str(sample_copy.resolve()) in again.recent_files()
    assert again.start_page.recent.item(0).data(Qt.ItemDataRole.UserRole) == str(sample_copy.resolve())
    assert again.recent_menu.actions()


def test_every_action_has_a_shortcut_and_tooltip(window: MainWindow) -> None:
    keys: list[str] = []
    for action in window.actions():
        assert action.toolTip(), action.objectName()
        shortcut = action.shortcut().toString()
        assert shortcut, action.objectName()
        keys.extend(s.toString() for s in action.shortcuts())
    assert len(keys) == len(set(keys)), "two actions share a shortcut"


def test_widgets_have_accessible_names(opened: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit, QPlainTextEdit, QTextBrowser
    missing = [w.objectName() or type(w).__name__
               for kind in (QAbstractItemView, QPlainTextEdit, QTextBrowser, QLineEdit, QAbstractButton)
               for w in opened.findChildren(kind)
               if w.isVisible() and not w.accessibleName() and not getattr(w, "text", lambda: "")()
               and not w.objectName().startswith("qt_")]  # Qt's own parts (toolbar extension, clear button)
    assert not missing


def test_dark_palette_keeps_text_readable(qtbot: Any, opened: MainWindow) -> None:
    from PySide6.QtGui import QPalette
    opened.dark_action.setChecked(True)
    qtbot.waitUntil(lambda: opened.input_view.palette().color(QPalette.ColorRole.Base).lightness() < 100)
    try:
        base = opened.input_view.palette().color(QPalette.ColorRole.Base)
        assert base.lightness() < 100
        for fmt in opened.input_view.highlighter._formats.values():
            assert abs(fmt.foreground().color().lightness() - base.lightness()) > 90
    finally:
        opened.dark_action.setChecked(False)


def test_row_shows_severity_icon_and_word(opened: MainWindow) -> None:
    proxy = opened.checklist.proxy
    area = proxy.index(0, 0)
    severity = proxy.index(0, 1, area)
    assert severity.data() in ("error", "warning", "info")
    assert severity.data(Qt.ItemDataRole.DecorationRole) is not None
    assert proxy.index(0, 0, area).data(ID_ROLE)


# ------------------------------------------------------------------------------------------------ screenshot
def test_screenshot_command(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    done = subprocess.run([sys.executable, "-m", "asegui.gui.app", str(SAMPLE), "--screenshot", str(out),
                           "--select", "STO001", "--dark"], cwd=ROOT, capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr.decode()
    from PySide6.QtGui import QImage
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)


def test_screenshot_of_unreadable_file_exits_2(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "asegui.gui.app", str(tmp_path / "missing.json"), "--screenshot",
                           str(tmp_path / "x.png")], cwd=ROOT, capture_output=True, timeout=180)
    assert done.returncode == 2
    assert b"missing.json" in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_scrolling_kept_in_step_by_module(qtbot: Any, opened: MainWindow) -> None:
    session = opened.session
    assert session is not None
    module = next(m for m in session.document.modules if m.name == "dashboard")
    _text, in_spans = session.rendered("input")
    _text, out_spans = session.rendered("output")
    in_line = in_spans[module.pointer][0]
    out_line = out_spans[module.pointer][0]  # "dashboard" is a DNS label already: not renamed
    assert in_line != out_line  # the sides differ in length above it, so raw line numbers would not do
    opened.input_view.scroll_to_line(in_line)
    assert opened.output_view.top_line() == out_line
    opened.lock_action.setChecked(False)
    opened.input_view.scroll_to_line(1)
    assert opened.output_view.top_line() == out_line


def test_excepthook_reports_and_keeps_running(opened: MainWindow, captured: Dialogs) -> None:
    from asegui.gui import errors
    try:
        raise ValueError("unexpected in a paint event")
    except ValueError as exc:
        errors.excepthook(type(exc), exc, exc.__traceback__)
    assert captured.errors and "unexpected in a paint event" in captured.errors[0][1]
    opened.next_action.trigger()


def test_export_report_writes_the_cli_report_for_the_window_decisions(opened: MainWindow, captured: Dialogs,
                                                                       sample_copy: Path, tmp_path: Path) -> None:
    opened.set_param(share_id(opened), "share", "edge-input")
    report = tmp_path / "migration.html"
    captured.save_answer = str(report)
    assert opened.export_report()
    assert captured.save_proposals[-1] == str(sample_copy.with_name("fpga-sample.report.html"))
    html = report.read_text(encoding="utf-8")
    assert "edge-input" in html and "STO001" in html
    assert "s3cr3t-Regi$try-Passw0rd" not in html
    captured.save_answer = str(tmp_path / "migration.pdf")
    assert not opened.export_report() and captured.errors
    assert not (tmp_path / "migration.pdf").exists()


def test_output_too_long_to_deploy_is_shown_above_the_gpu_pane_until_the_cause_is_rejected(
        qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    import json

    from tests.helpers import manifest, module
    # a GPU limit: PLT001 then adds the Recreate strategy (the core adds it for a GPU only, runtime-audit §6.11)
    options: dict[str, Any] = {"Env": [""], "k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}}
    options["Env"] = ["x" * (4090 - len(json.dumps(options, separators=(",", ":"))))]  # 6 short of 4096
    path = tmp_path / "near.json"
    path.write_bytes(manifest({"bigapp": module(options)}))
    assert window.open_path(str(path))
    assert window.output_problems.isVisible()
    assert "Check before deploying" in window.output_problems.text()
    assert 'module "bigapp"' in window.output_problems.text().replace("&quot;", '"')
    strategy = next(f.id for f in window.session.findings  # type: ignore[union-attr]
                    if f.code == "PLT001" and f.module == "bigapp")
    window.set_accepted(strategy, False)
    assert not window.output_problems.isVisible()
    press(qtbot, window, "Ctrl+Z")
    assert window.output_problems.isVisible()
    window.grab().save(str(tmp_path / "output-problems.png"))


def test_no_problem_strip_for_the_sample(opened: MainWindow) -> None:
    assert not opened.output_problems.isVisible()


def test_modified_mark_after_save_undo_and_another_change(qtbot: Any, opened: MainWindow, captured: Dialogs,
                                                          tmp_path: Path) -> None:
    """Issue 12 defect: the save point was a depth the window kept, so save → undo → another change looked saved."""
    toggles = [f for f in opened.session.findings if f.applicability != "manual"][:2]  # type: ignore[union-attr]
    opened.set_accepted(toggles[0].id, not toggles[0].accepted)
    captured.save_answer = str(tmp_path / "decisions.json")
    assert opened.save_decisions()
    assert not opened.isWindowModified()
    qtbot.keyClick(opened, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert opened.isWindowModified()
    opened.set_accepted(toggles[1].id, not toggles[1].accepted)
    assert opened.isWindowModified()  # as many steps as when saved, but not the decisions that were saved


def test_the_rule_s_sources_are_links_in_the_detail_panel(opened: MainWindow) -> None:
    """Issue 12: every source is a link, clickable in the window (the explanation opens them in the browser)."""
    finding = next(f for f in opened.session.findings if f.code == "STO001")  # type: ignore[union-attr]
    opened.checklist.select(finding.id)
    opened.select_finding(finding.id)
    html = opened.detail.explanation.toHtml()
    assert finding.rule.links and all(f'href="{link}"' in html for link in finding.rule.links)
    assert opened.detail.explanation.openExternalLinks()


def test_a_rejected_error_is_settled_by_a_note_typed_in_the_detail_panel(qtbot: Any, opened: MainWindow) -> None:
    """Issue 13, defect 5 in the window: a rejected error's fix stays unresolved until the note says why."""
    session = opened.session
    assert session is not None
    finding = next(f for f in session.findings if f.code == "STO001")
    opened.checklist.select(finding.id)
    opened.select_finding(finding.id)
    opened.set_accepted(finding.id, False)
    assert session.finding(finding.id).status == "rejected, reason needed"
    assert finding.id in {f.id for f in session.unresolved_errors()}
    note = opened.detail.note
    assert note.isVisible()
    note.setFocus()
    qtbot.keyClicks(note, "the share is mounted by the device's own policy")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    assert session.finding(finding.id).status == "rejected"
    assert session.finding(finding.id).note == "the share is mounted by the device's own policy"
    assert finding.id not in {f.id for f in session.unresolved_errors()}
    qtbot.keyClick(opened, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the note is one undoable step
    assert session.finding(finding.id).status == "rejected, reason needed"


def test_accept_all_defaults_says_what_it_changed_and_leaves_off_by_default_fixes_off(qtbot: Any,
                                                                                       opened: MainWindow) -> None:
    """Issue 13, defect 6 in the window: the message says what changed; RES008 (off by default) stays off."""
    session = opened.session
    assert session is not None
    opened.accept_all()
    message = opened.statusBar().currentMessage()
    assert message.startswith("Defaults: ") and "confirmed" in message and "off by default left off" in message
    assert all(not f.accepted for f in session.findings if f.code == "RES008")
