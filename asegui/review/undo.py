"""Undo and redo of a review's steps, with the point the decisions were last saved at.

The save point is the step on top of the stack when the decisions were saved, not a depth: after save, undo
and another change the depth is the same again, but the decisions are not what was saved (Meld's checkpoint).
"""

from __future__ import annotations

from typing import Generic, TypeVar

S = TypeVar("S")

_NOTHING_DONE = object()  # the save point of a review saved before any step (or never changed)


class UndoStack(Generic[S]):
    """Steps done and undone, and whether the decisions differ from the ones last saved."""

    def __init__(self) -> None:
        self.done: list[S] = []
        self.undone: list[S] = []
        self._saved: object = _NOTHING_DONE

    def push(self, step: S) -> None:
        """A new step: what was undone can no longer be redone."""
        self.done.append(step)
        self.undone.clear()

    def undo(self) -> S | None:
        if not self.done:
            return None
        step = self.done.pop()
        self.undone.append(step)
        return step

    def redo(self) -> S | None:
        if not self.undone:
            return None
        step = self.undone.pop()
        self.done.append(step)
        return step

    @property
    def can_undo(self) -> bool:
        return bool(self.done)

    @property
    def can_redo(self) -> bool:
        return bool(self.undone)

    def mark_saved(self) -> None:
        """The decisions as they stand now were saved (or opened, which is the same: nothing to lose)."""
        self._saved = self.done[-1] if self.done else _NOTHING_DONE

    @property
    def modified(self) -> bool:
        """The decisions differ from the ones last saved: the step on top is not the one that was."""
        top = self.done[-1] if self.done else _NOTHING_DONE
        return top is not self._saved

    def __len__(self) -> int:
        return len(self.done)
