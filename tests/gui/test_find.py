"""Ctrl+F (issue 13): one text found in both manifests and in the checklist; Enter/F3 and Shift+Enter/Shift+F3 step
through the manifest that had the focus; Escape closes the bar and puts everything back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from asegui.gui.main_window import MainWindow

from .test_window import press, share_id


def _caret_line(view: Any) -> int:
    return view.textCursor().blockNumber() + 1


def test_ctrl_f_marks_matches_in_both_manifests_and_filters_the_checklist(qtbot: Any, opened: MainWindow) -> None:
    press(qtbot, opened, "Ctrl+F")
    bar = opened.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.field
    qtbot.keyClicks(bar.field, "localin")
    fpga, gpu = opened.input_view.toPlainText(), opened.output_view.toPlainText()
    assert len(opened.input_view.matches) == fpga.lower().count("localin") > 0
    assert len(opened.output_view.matches) == gpu.lower().count("localin") > 0
    shown = opened.checklist.visible_ids()
    session = opened.session
    assert session is not None
    assert shown and all("localin" in f"{f.code} {f.module} {f.message}".lower()
                         for f in (session.finding(i) for i in shown))
    assert len(shown) < len(session.findings)
    assert "in the FPGA manifest" in bar.count.text()


def test_enter_and_f3_step_through_the_manifest_that_had_the_focus(qtbot: Any, opened: MainWindow) -> None:
    view = opened.output_view
    view.setFocus()
    press(qtbot, opened, "Ctrl+F")
    bar = opened.find_bar
    qtbot.keyClicks(bar.field, "Source")  # case-insensitive: "source" and "Source" alike
    starts = [start for start, _length in view.matches]
    assert len(starts) >= 2
    view.setTextCursor(QTextCursor(view.document()))  # from the top
    bar.field.setFocus()
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert view.textCursor().selectionStart() == starts[0]
    assert view.textCursor().selectedText().lower() == "source"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert view.textCursor().selectionStart() == starts[1]
    assert "2 of " in bar.count.text() and "in the GPU manifest" in bar.count.text()
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().selectionStart() == starts[0]
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().selectionStart() == starts[-1]  # wraps around
    view.setFocus()
    press(qtbot, opened, "F3")
    assert view.textCursor().selectionStart() == starts[0]
    first, last = view.visible_lines()
    assert first <= _caret_line(view) <= last


def test_escape_closes_the_bar_and_clears_marks_and_filter(qtbot: Any, opened: MainWindow) -> None:
    session = opened.session
    assert session is not None
    press(qtbot, opened, "Ctrl+F")
    bar = opened.find_bar
    qtbot.keyClicks(bar.field, "no such text anywhere")
    assert opened.checklist.visible_ids() == []
    assert opened.checklist.empty_label.isVisible()
    assert "no such text anywhere" in opened.checklist.empty_label.text()
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert not opened.input_view.matches and not opened.output_view.matches
    assert len(opened.checklist.visible_ids()) == len(session.findings)
    assert not opened.checklist.empty_label.isVisible()


def test_matches_follow_a_decision_that_changes_the_text(qtbot: Any, opened: MainWindow) -> None:
    press(qtbot, opened, "Ctrl+F")
    qtbot.keyClicks(opened.find_bar.field, '"Type": "volume"')
    before = len(opened.output_view.matches)
    assert before >= 2
    opened.set_accepted(share_id(opened, "cloudout"), False)  # that mount goes back to a bind
    assert len(opened.output_view.matches) == opened.output_view.toPlainText().count('"Type": "volume"') < before
