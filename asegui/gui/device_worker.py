"""The device phase off the UI thread: one worker thread, the newest apply's phase first.

A decision re-applies at once (the GPU manifest is repainted in the same event) and leaves compiling the device's
objects and checking them to this worker; the session takes the result in on the UI thread, where a phase of an
apply that a newer one replaced is dropped. The worker touches no widget: it runs
:meth:`~asegui.review.session.DevicePhase.run` and emits :attr:`DeviceWorker.finished`, queued to the UI thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ..review.session import DevicePhase, Session
from .first_frame import FirstFrame

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger("asegui.gui")
START_DELAY_MS = 100  # after a decision: a pause of a person between two keys is longer


class DeviceWorker(QObject):
    """Runs device phases on a thread of its own, one at a time; a phase still queued when a newer one comes is
    never run (the newest is all the window shows)."""

    finished = Signal(object, object)  # the session, its DevicePhase (run, or failed: the UI thread runs it again)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ThreadPoolExecutor | None = None  # started on first use, ended by shutdown()
        self._queued: Future[None] | None = None
        self._closed = False
        # A phase starts once the event loop has painted what the decision changed and the person has paused: a
        # worker holding the GIL meanwhile would slow the repaint down more than the phase costs, and decisions in
        # quick succession (Space, F8, Space…) each repaint at once while only the last one's phase runs.
        self._next: tuple[Session, DevicePhase] | None = None
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.timeout.connect(self._start)
        # Until the window's first frame is painted, no phase starts: the first frame is what a person waits for.
        self._first_frame: FirstFrame | None = None

    def hold_until_painted(self, widget: QWidget) -> None:
        """Start no phase before ``widget``'s first frame is painted (see :class:`FirstFrame`)."""
        self._first_frame = FirstFrame(widget, self._release)

    def _release(self) -> None:
        if self._next is not None:
            self._start_timer.start(0)  # the file the window opened with: its objects once its first frame is up

    def submit(self, session: Session, phase: DevicePhase) -> None:
        """Run ``phase`` on the worker, after the pending repaints; ``finished`` follows on the UI thread."""
        self._next = (session, phase)  # one not started yet is superseded: it never runs
        self._closed = False
        if self._first_frame is None or not self._first_frame.pending:
            self._start_timer.start(START_DELAY_MS)

    def _start(self) -> None:
        if self._next is None:
            return
        session, phase = self._next
        self._next = None
        if self._queued is not None:
            self._queued.cancel()  # not started yet: superseded, it never runs
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor  # first used after the first frame

            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="asegui-device")
        self._queued = self._executor.submit(self._run, session, phase)

    def _run(self, session: Session, phase: DevicePhase) -> None:
        """On the worker thread: the phase, then the signal (queued to the receiver's thread by Qt)."""
        if phase.superseded:
            return
        try:
            phase.run()
        except Exception:  # noqa: BLE001 - run again by Session.device_ready on the UI thread, which reports it
            log.debug("the device phase failed on the worker", exc_info=True)
        if not self._closed:
            self.finished.emit(session, phase)

    @property
    def busy(self) -> bool:
        """A phase is waiting, queued or running."""
        return self._next is not None or (self._queued is not None and not self._queued.done())

    def shutdown(self) -> None:
        """Drop what is queued and wait for a running phase (milliseconds: it is never left running while the
        window goes); the worker starts again if another phase comes."""
        self._closed = True
        self._start_timer.stop()
        self._next = None
        if self._queued is not None:
            self._queued.cancel()
            self._queued = None
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
