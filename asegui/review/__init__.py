"""The review of one manifest, without Qt: the session (document, decisions, the current result and its device
phase), undo and redo with the point last saved, the diff and scroll anchors between the two sides, and the
words the checklist uses for statuses and severities. The window is a view over it; a fleet is many of them."""

from .diff import Changes, diff_lines
from .session import DefaultsApplied, DevicePhase, Session, Step, needs_me
from .undo import UndoStack

__all__ = ["Changes", "DefaultsApplied", "DevicePhase", "Session", "Step", "UndoStack", "diff_lines", "needs_me"]
