"""Undo, redo and the save point (issue 12 defect: the window's modified mark was wrong after save, undo and
another change, because the save point was a depth kept by the window)."""

from __future__ import annotations

from pathlib import Path

from asegui.review import Session, UndoStack

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "fpga-sample.json"


def test_a_new_step_after_undoing_past_the_save_point_is_a_change():
    stack: UndoStack[str] = UndoStack()
    assert not stack.modified
    stack.push("a")
    stack.push("b")
    stack.mark_saved()
    assert not stack.modified
    stack.undo()
    assert stack.modified
    stack.push("c")  # the same depth as when saved, but not the decisions that were saved
    assert stack.modified and len(stack) == 2


def test_undo_and_redo_back_to_the_save_point_is_unmodified():
    stack: UndoStack[str] = UndoStack()
    stack.push("a")
    stack.mark_saved()
    stack.undo()
    assert stack.modified
    stack.redo()
    assert not stack.modified
    stack.undo()
    stack.mark_saved()  # saved with nothing done
    assert not stack.modified
    stack.redo()
    assert stack.modified


def test_session_save_undo_change_is_modified():
    session = Session(SAMPLE.read_bytes(), str(SAMPLE))
    toggles = [f for f in session.findings if f.applicability != "manual"][:2]
    session.set_accepted(toggles[0].id, not toggles[0].accepted)
    session.decisions_bytes()
    session.mark_saved()
    assert not session.modified
    session.undo()
    assert session.modified
    session.set_accepted(toggles[1].id, not toggles[1].accepted)
    assert session.modified and len(session.undo_stack) == 1
