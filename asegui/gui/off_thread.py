"""Run work on a thread of its own while the UI thread keeps its event loop turning (paints, a progress dialog's
Cancel), and come back when it is done."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, SignalInstance


def run_while_painting(work: Callable[[], None], finished: SignalInstance, name: str) -> None:
    """Start ``work`` on a worker named ``name`` and turn a local event loop until ``finished`` (which ``work``
    emits last, queued to this thread) arrives; then the worker has ended."""
    loop = QEventLoop()
    finished.connect(loop.quit)
    worker = threading.Thread(target=work, name=name, daemon=True)
    worker.start()
    loop.exec()
    worker.join()
