"""Issue 13, "Never lose work": unsaved decisions are never dropped without a question, and a typed value is never
lost on the way to the next finding, an export or "Accept all defaults". The real window, driven by keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from asegui.gui import dialogs
from asegui.gui.main_window import MainWindow

from .conftest import Dialogs, wait_device
from .test_window import drop_files, share_id


def press(qtbot: Any, window: MainWindow, sequence: str) -> None:
    """A shortcut pressed as a user would, to the focused widget; the modifiers released to whichever widget has the
    focus then (the field typed in is gone once the window moved to another finding)."""
    window.activateWindow()
    keys = QKeySequence(sequence)[0]
    qtbot.keyClick(QApplication.focusWidget() or window, keys.key(), keys.keyboardModifiers())
    if keys.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        qtbot.keyRelease(QApplication.focusWidget() or window, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)


WAYS_OUT = ["open", "drop", "recent", "close", "quit", "close-window"]


def decide(qtbot: Any, window: MainWindow) -> None:
    """One decision, as a user takes it: a row of the checklist, Space."""
    assert window.session is not None
    finding_id = share_id(window)
    window.checklist.select(finding_id)
    window.checklist.setFocus()
    before = window.session.finding(finding_id).accepted
    press(qtbot, window, "Space")
    assert window.session.finding(finding_id).accepted != before and window.session.modified


def leave(qtbot: Any, window: MainWindow, captured: Dialogs, way: str, path: Path) -> None:
    """Take one way out of the open document; ``path`` is the file to open (the same one, for Open recent)."""
    old = window.session
    asked = len(captured.asks)
    if way == "open":
        captured.open_answer = str(path)
        window.checklist.setFocus()
        press(qtbot, window, "Ctrl+O")
    elif way == "drop":
        assert drop_files(window, path) == (True, True)
        qtbot.waitUntil(lambda: len(captured.asks) > asked or window.session is not old)  # opened by a timer
    elif way == "recent":
        action = window.recent_menu.actions()[0]
        assert action.toolTip() == str(path.resolve())  # the file open now
        action.trigger()
    elif way == "close":
        window.checklist.setFocus()
        press(qtbot, window, "Ctrl+W")
    elif way == "quit":
        window.checklist.setFocus()
        press(qtbot, window, "Ctrl+Q")
    else:
        window.close()  # the title bar's close button


def went(window: MainWindow, way: str, old: Any) -> bool:
    """Whether the way out was taken."""
    if way in ("open", "drop", "recent"):
        return window.session is not None and window.session is not old
    if way == "close":
        return window.session is None
    return not window.isVisible()


def reopen(qtbot: Any, window: MainWindow, path: Path) -> None:
    if not window.isVisible():
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    if window.session is None:
        assert window.open_path(str(path))
    wait_device(qtbot, window)


@pytest.mark.parametrize("way", WAYS_OUT)
def test_asks_after_a_change_and_only_then(qtbot: Any, opened: MainWindow, captured: Dialogs, sample_copy: Path,
                                           way: str) -> None:
    old = opened.session
    leave(qtbot, opened, captured, way, sample_copy)  # nothing decided: no question
    assert captured.asks == [] and went(opened, way, old)
    reopen(qtbot, opened, sample_copy)
    decide(qtbot, opened)
    old = opened.session
    leave(qtbot, opened, captured, way, sample_copy)
    assert len(captured.asks) == 1
    title, text = captured.asks[0]
    assert "Save" in title and "not saved" in text
    assert not went(opened, way, old)  # the default answer, Cancel


@pytest.mark.parametrize("way", WAYS_OUT)
def test_cancel_keeps_the_document_and_its_undo_history(qtbot: Any, opened: MainWindow, captured: Dialogs,
                                                        sample_copy: Path, way: str) -> None:
    decide(qtbot, opened)
    decide(qtbot, opened)
    session = opened.session
    assert session is not None
    decisions = json.loads(session.decisions_bytes())
    captured.ask_save_answer = "cancel"
    leave(qtbot, opened, captured, way, sample_copy)
    assert len(captured.asks) == 1
    assert opened.session is session and opened.isVisible() and opened.stack.currentWidget() is opened.workspace
    assert session.modified and len(session.undo_stack) == 2 and opened.undo_action.isEnabled()
    assert json.loads(session.decisions_bytes()) == decisions
    assert opened.isWindowModified()
    opened.undo_action.trigger()
    assert len(session.undo_stack) == 1


@pytest.mark.parametrize("way", WAYS_OUT)
def test_discard_goes_on(qtbot: Any, opened: MainWindow, captured: Dialogs, sample_copy: Path, way: str) -> None:
    decide(qtbot, opened)
    old = opened.session
    captured.ask_save_answer = "discard"
    leave(qtbot, opened, captured, way, sample_copy)
    assert len(captured.asks) == 1 and captured.save_proposals == []
    assert went(opened, way, old)
    if way in ("open", "drop", "recent"):
        assert opened.session is not None and not opened.session.modified and not opened.session.can_undo


@pytest.mark.parametrize("way", WAYS_OUT)
def test_save_writes_the_decisions_then_goes_on(qtbot: Any, opened: MainWindow, captured: Dialogs, sample_copy: Path,
                                                tmp_path: Path, way: str) -> None:
    decide(qtbot, opened)
    old = opened.session
    assert old is not None
    finding_id = share_id(opened)
    accepted = old.finding(finding_id).accepted
    saved = tmp_path / "saved.decisions.json"
    captured.ask_save_answer = "save"
    captured.save_answer = str(saved)
    leave(qtbot, opened, captured, way, sample_copy)
    assert len(captured.asks) == 1 and len(captured.save_proposals) == 1
    assert saved.exists() and json.loads(saved.read_bytes()) == json.loads(old.decisions_bytes())
    assert json.loads(saved.read_bytes())["decisions"][finding_id]["accepted"] is accepted
    assert went(opened, way, old)


@pytest.mark.parametrize("way", WAYS_OUT)
def test_save_dialog_cancelled_cancels_the_whole_action(qtbot: Any, opened: MainWindow, captured: Dialogs,
                                                        sample_copy: Path, way: str) -> None:
    decide(qtbot, opened)
    session = opened.session
    captured.ask_save_answer = "save"
    captured.save_answer = ""  # the user cancels the file dialog
    leave(qtbot, opened, captured, way, sample_copy)
    assert len(captured.asks) == 1 and len(captured.save_proposals) == 1
    assert opened.session is session and opened.isVisible() and session is not None and session.modified


def test_the_question_is_a_real_message_box_with_three_answers(qtbot: Any, tmp_path: Path) -> None:
    """Not the test seam: the dialog itself, its buttons clicked; Escape and closing it answer Cancel."""
    shots: list[Any] = []

    def answer(button: QMessageBox.StandardButton | None) -> str:
        def click() -> None:
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox) and box.objectName() == "ask-save-dialog"
            assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
            if not shots:
                shots.append(box.grab())
            if button is None:
                qtbot.keyClick(box, Qt.Key.Key_Escape)
            else:
                box.button(button).click()

        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(click)
        timer.start(50)
        try:
            return dialogs.ask_save(None, "Save the decisions?", "The decisions on fpga-sample.json are not saved.")
        finally:
            timer.stop()  # never left to fire in another test

    assert answer(QMessageBox.StandardButton.Save) == "save"
    assert answer(QMessageBox.StandardButton.Discard) == "discard"
    assert answer(QMessageBox.StandardButton.Cancel) == "cancel"
    assert answer(None) == "cancel"
    assert shots and not shots[0].isNull()
    shots[0].save(str(tmp_path / "ask-save.png"))


# ------------------------------------------------------------------------------------------------ typed values
def type_share(qtbot: Any, window: MainWindow, text: str, share: str = "localin") -> str:
    """Type into the share-name field of an STO001 finding, without pressing Enter."""
    finding_id = share_id(window, share)
    assert window.checklist.select(finding_id)
    editor = window.detail.fields["share"].editor
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    assert window.session is not None and window.session.finding(finding_id).values["share"] == share  # not yet
    return finding_id


def click_tool(qtbot: Any, window: MainWindow, action: Any) -> None:
    button = window.toolbar.widgetForAction(action) or window.accept_all_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


MOVES = {
    "F8": lambda qtbot, window: press(qtbot, window, "F8"),
    "Shift+F8": lambda qtbot, window: press(qtbot, window, "Shift+F8"),
    "toolbar Next": lambda qtbot, window: click_tool(qtbot, window, window.next_action),
    "toolbar Previous": lambda qtbot, window: click_tool(qtbot, window, window.previous_action),
    "Accept all defaults": lambda qtbot, window: qtbot.mouseClick(window.accept_all_button,
                                                                  Qt.MouseButton.LeftButton),
    "Ctrl+Shift+A": lambda qtbot, window: press(qtbot, window, "Ctrl+Shift+A"),
    "Ctrl+E": lambda qtbot, window: press(qtbot, window, "Ctrl+E"),
    "Ctrl+S": lambda qtbot, window: press(qtbot, window, "Ctrl+S"),
}


@pytest.mark.parametrize("move", list(MOVES))
def test_a_typed_value_is_kept_when_moving_on(qtbot: Any, opened: MainWindow, captured: Dialogs, move: str) -> None:
    finding_id = type_share(qtbot, opened, "edge-input")
    MOVES[move](qtbot, opened)
    session = opened.session
    assert session is not None
    assert session.finding(finding_id).values["share"] == "edge-input"
    assert session.decisions[finding_id].params["share"] == "edge-input"
    assert '"Source": "edge-input"' in opened.output_view.toPlainText()
    if move in ("F8", "toolbar Next", "Shift+F8", "toolbar Previous"):
        assert opened.checklist.current_id() != finding_id  # and the move itself was made


@pytest.mark.parametrize("move", ["Accept all defaults", "Ctrl+Shift+A"])
def test_a_typed_value_without_a_default_stays_through_accept_all(qtbot: Any, opened: MainWindow, move: str) -> None:
    """RES005's GPU image has no default: typed, then "Accept all defaults", it is the value exported."""
    session = opened.session
    assert session is not None
    image = next(f for f in session.findings if f.code == "RES005")
    opened.checklist.select(image.id)
    editor = opened.detail.fields["image"].editor
    editor.setFocus()
    qtbot.keyClicks(editor, "myregistry.azurecr.io/model-host:1.0-gpu")
    MOVES[move](qtbot, opened)
    assert session.finding(image.id).values["image"] == "myregistry.azurecr.io/model-host:1.0-gpu"
    assert image.id not in {f.id for f in session.unresolved_errors()}


def test_export_does_not_list_a_value_typed_but_not_entered(qtbot: Any, opened: MainWindow, captured: Dialogs,
                                                            tmp_path: Path) -> None:
    """RES005 waits for the GPU image: typed, then Ctrl+E, it is no error that still needs the user."""
    session = opened.session
    assert session is not None
    image = next(f for f in session.findings if f.code == "RES005")
    assert image in session.unresolved_errors()
    opened.checklist.select(image.id)
    editor = opened.detail.fields["image"].editor
    editor.setFocus()
    captured.confirm_answer = False  # "Go back"
    press(qtbot, opened, "Ctrl+E")  # nothing typed yet: the export says RES005 still needs the user
    assert len(captured.confirms) == 1 and "RES005" in captured.confirms[0][1]
    qtbot.keyClicks(editor, "myregistry.azurecr.io/model-host:1.0-gpu")
    exported = tmp_path / "out.gpu.json"
    captured.save_answer = str(exported)
    press(qtbot, opened, "Ctrl+E")
    assert len(captured.confirms) == 1  # no second warning
    assert session.finding(image.id).values["image"] == "myregistry.azurecr.io/model-host:1.0-gpu"
    assert exported.exists() and "myregistry.azurecr.io/model-host:1.0-gpu" in exported.read_text(encoding="utf-8")


@pytest.mark.parametrize("move", ["F8", "toolbar Next", "Ctrl+Shift+A", "Ctrl+E"])
def test_a_refused_value_stays_in_its_field_with_its_reason(qtbot: Any, opened: MainWindow, captured: Dialogs,
                                                            move: str) -> None:
    """Decided: a value that cannot be taken stops the move; the field keeps it, shows why and has the focus."""
    finding_id = type_share(qtbot, opened, "Local_In")
    captured.save_answer = ""
    MOVES[move](qtbot, opened)
    field = opened.detail.fields["share"]
    assert opened.checklist.current_id() == finding_id and opened.detail.finding_id == finding_id
    assert field.editor.text() == "Local_In" and field.reason.isVisible() and field.editor.hasFocus()
    assert "refused" in opened.statusBar().currentMessage()
    session = opened.session
    assert session is not None and not session.can_undo and captured.save_proposals == []


def test_a_typed_value_counts_as_unsaved_when_leaving(qtbot: Any, opened: MainWindow, captured: Dialogs) -> None:
    finding_id = type_share(qtbot, opened, "edge-input")
    press(qtbot, opened, "Ctrl+W")
    assert len(captured.asks) == 1  # Cancel: the value is a decision now, and the document stays
    assert opened.session is not None and opened.session.finding(finding_id).values["share"] == "edge-input"
