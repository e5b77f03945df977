"""A large manifest opens on a worker thread, behind a progress dialog with Cancel: the window keeps painting.

The worker makes the :class:`~asegui.review.session.Session` (reading, the rules, the first result) and the text
the panes show; the window's own part afterwards is only its widgets'. A Cancel stops the analysis at the next rule
and the window keeps what it showed.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ..review.session import Session
from . import dialogs
from .dialogs import tr
from .off_thread import run_while_painting

IN_BACKGROUND_BYTES = 256 * 1024  # smaller files open before a progress dialog could even appear


class _Cancelled(Exception):
    """Raised from the progress callback on the worker: the analysis stops there."""



class SessionLoader(QObject):
    progressed = Signal(int, int)  # rules done, rules in all; (-1, 0): the rules are done, the text is being made
    finished = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._cancel = threading.Event()

    def load(self, data: bytes, path: str | None, display: str | None, name: str, form: str) -> Session | None:
        """The session for ``data``, or None if the user cancelled; a :class:`ManifestError` is raised as
        :class:`Session` raises it."""
        dialog = dialogs.progress(self._parent, tr("Opening {name}").format(name=name),
                                  tr("Reading {name}…").format(name=name))
        outcome: dict[str, Any] = {}

        def update(done: int, total: int) -> None:  # on the UI thread, queued from the worker
            if dialog.wasCanceled():
                self._cancel.set()
            if done < 0:
                dialog.setLabelText(tr("Preparing both manifests for {name}…").format(name=name))
                dialog.setMaximum(0)  # a busy bar: this step has no count
            else:
                dialog.setLabelText(tr("Checking {name}: rule {done} of {total}").format(name=name, done=done,
                                                                                        total=total))
                dialog.setMaximum(total)
                dialog.setValue(done)

        def work() -> None:  # on the worker
            try:
                session = Session(data, path, display, defer_device=True, progress=self._report)
                self.progressed.emit(-1, 0)
                session.prepare(form)
                outcome["session"] = session
            except BaseException as exc:  # noqa: BLE001 - handed to the UI thread, which raises it there
                outcome["error"] = exc
            finally:
                self.finished.emit()

        self.progressed.connect(update)
        run_while_painting(work, self.finished, "asegui-open")
        cancelled = self._cancel.is_set() or dialog.wasCanceled()  # before closing: a closed dialog says cancelled
        dialog.close()
        error = outcome.get("error")
        if isinstance(error, _Cancelled):
            return None
        if error is not None:
            raise error
        if cancelled:  # cancelled after the last rule: the session is made, and not wanted
            return None
        session: Session = outcome["session"]
        return session

    def _report(self, done: int, total: int) -> None:
        """On the worker, after each rule: stop if the user cancelled, else tell the dialog."""
        if self._cancel.is_set():
            raise _Cancelled
        self.progressed.emit(done, total)
