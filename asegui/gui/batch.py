"""Work on many files (opening a folder, exporting every device) runs on a worker thread behind a progress dialog
with Cancel: the window keeps painting, and a Cancel stops before the next file.

The same seam as a large file's opening (:func:`asegui.gui.dialogs.progress`), so tests drive it the same way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from . import dialogs
from .off_thread import run_while_painting

T = TypeVar("T")
R = TypeVar("R")


class Batch(QObject):
    """One run of ``work`` over items, in order, on a worker; :meth:`run` returns the results or None if
    cancelled (an exception of ``work`` is raised on the UI thread, as if it had run there)."""

    progressed = Signal(int)  # items done
    finished = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._cancel = threading.Event()

    def run(self, items: Sequence[T], work: Callable[[T], R], title: str,
            label: Callable[[int, T], str]) -> list[R] | None:
        """``label(done, item)``: what the dialog says while ``item`` is worked on."""
        dialog = dialogs.progress(self._parent, title, label(0, items[0]) if items else title)
        dialog.setMaximum(len(items))
        outcome: dict[str, Any] = {"results": []}

        def update(done: int) -> None:  # on the UI thread, queued from the worker
            if dialog.wasCanceled():
                self._cancel.set()
            dialog.setValue(done)
            if done < len(items):
                dialog.setLabelText(label(done, items[done]))
            if dialog.wasCanceled():  # a Cancel clicked meanwhile stops before the next item
                self._cancel.set()

        def body() -> None:  # on the worker
            try:
                for item in items:
                    if self._cancel.is_set():
                        return
                    outcome["results"].append(work(item))
                    self.progressed.emit(len(outcome["results"]))
            except BaseException as exc:  # noqa: BLE001 - raised again on the UI thread
                outcome["error"] = exc
            finally:
                self.finished.emit()

        self.progressed.connect(update)
        run_while_painting(body, self.finished, "asegui-batch")
        cancelled = self._cancel.is_set() or dialog.wasCanceled()
        dialog.close()
        if "error" in outcome:
            raise outcome["error"]
        return None if cancelled else outcome["results"]
