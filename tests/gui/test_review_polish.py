"""The smaller things issue 13 (defect 8) found when the window was driven by hand: each through the real window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from asegui.gui.main_window import MainWindow

from .conftest import Dialogs
from .test_window import BROKEN, drop_files, press, share_id


def test_a_drop_of_two_files_says_opened_only_when_the_chosen_one_opened(qtbot: Any, opened: MainWindow,
                                                                        captured: Dialogs, tmp_path: Path) -> None:
    broken, notes = tmp_path / "broken.json", tmp_path / "notes.txt"
    broken.write_bytes(BROKEN)
    notes.write_text("not a manifest", encoding="utf-8")
    opened.statusBar().clearMessage()
    assert drop_files(opened, broken, notes) == (True, True)
    qtbot.waitUntil(lambda: len(captured.errors) == 1)
    assert "Opened" not in opened.statusBar().currentMessage()

    good = tmp_path / "good.json"
    good.write_bytes((Path(opened.session.path or "")).read_bytes())  # type: ignore[union-attr]
    drop_files(opened, good, notes)
    qtbot.waitUntil(lambda: "good.json" in opened.statusBar().currentMessage())
    assert opened.statusBar().currentMessage().startswith("Opened good.json")


def test_export_says_why_the_title_keeps_its_star(opened: MainWindow, captured: Dialogs, tmp_path: Path) -> None:
    opened.set_accepted(share_id(opened, "cloudout"), False)
    assert opened.isWindowModified()
    captured.save_answer = str(tmp_path / "out.gpu.json")
    captured.confirm_answer = True  # past the unresolved errors
    assert opened.export()
    message = opened.statusBar().currentMessage()
    assert "Exported the GPU manifest" in message and "not saved" in message and "Ctrl+S" in message
    assert opened.isWindowModified()  # the decisions are still unsaved, and now the user knows why

    decisions = tmp_path / "d.json"
    captured.save_answer = str(decisions)
    assert opened.save_decisions()
    captured.save_answer = str(tmp_path / "again.gpu.json")
    assert opened.export()
    assert "not saved" not in opened.statusBar().currentMessage()  # nothing to explain once they are saved


def test_go_to_the_first_error_from_the_export_warning(qtbot: Any, opened: MainWindow, captured: Dialogs) -> None:
    session = opened.session
    assert session is not None
    first = session.unresolved_errors()[0]
    other = next(f for f in session.findings if f.id != first.id and f.severity != "error")
    opened.checklist.select(other.id)
    opened.needs_me_action.setChecked(True)  # the error may be hidden by the filter: it is shown anyway
    captured.confirm_answer = False  # "Go to the first error"
    assert not opened.export()
    assert opened.checklist.current_id() == first.id
    assert opened.detail.finding_id == first.id
    assert QApplication.focusWidget() is opened.checklist


def test_keys_move_the_focus_between_the_panes(qtbot: Any, opened: MainWindow) -> None:
    for keys, target in (("Ctrl+2", opened.input_view), ("Ctrl+3", opened.output_view),
                         ("Ctrl+1", opened.checklist)):
        press(qtbot, opened, keys)
        assert QApplication.focusWidget() is target, keys
    opened.checklist.select(share_id(opened))
    press(qtbot, opened, "Ctrl+4")
    assert QApplication.focusWidget() is opened.detail.accept
    shown = [a.text().replace("&", "") for a in opened.menuBar().actions()[2].menu().actions()]  # Go
    assert {"Checklist", "FPGA manifest", "GPU manifest", "Selected finding"} <= set(shown)


def test_tab_in_the_detail_panel_follows_the_screen(qtbot: Any, opened: MainWindow) -> None:
    opened.checklist.select(share_id(opened))  # STO001: a share name field under the note
    detail = opened.detail
    field = detail.fields["share"].editor
    stops: list[QWidget] = [detail.accept]
    widget: QWidget = detail.accept
    while len(stops) < 4:
        widget = widget.nextInFocusChain()
        if widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value and widget.isVisible():  # where Tab stops
            stops.append(widget)
    assert stops == [detail.accept, detail.note, field, detail.explanation]


def test_the_check_box_is_named_as_it_reads(opened: MainWindow) -> None:
    session = opened.session
    assert session is not None
    manual = next(f for f in session.findings if f.applicability == "manual" and f.status != "info")
    opened.checklist.select(manual.id)
    assert opened.detail.accept.text() == "I have done this manual step"
    assert opened.detail.accept.accessibleName() == opened.detail.accept.text()
    opened.checklist.select(share_id(opened))
    assert opened.detail.accept.accessibleName() == opened.detail.accept.text() == \
        "Apply this change to the GPU manifest"


def test_a_device_wide_finding_highlights_where_it_comes_from_not_a_whole_module(opened: MainWindow) -> None:
    """NET007 (the external IPs the device needs) is about every module with port bindings: their PortBindings
    light up, not the first such module from its id to its last line."""
    session = opened.session
    assert session is not None
    ips = next(f for f in session.findings if f.code == "NET007")
    opened.checklist.select(ips.id)
    for view in (opened.input_view, opened.output_view):
        assert view.ranges, view.objectName()
        lines = view.toPlainText().split("\n")
        for first, last in view.ranges:
            assert lines[first - 1].strip().startswith('"PortBindings"'), (view.objectName(), lines[first - 1])
            assert last - first < 12  # the bindings, not a module of a hundred lines
