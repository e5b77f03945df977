"""Pauses of the cyclic garbage collector, for work that allocates much and leaves no cycles worth collecting.

A conversion allocates many small dicts and strings but makes no garbage cycles worth collecting mid-way, and the
collector's full passes grow with the heap; the window's start-up (imports, rule declarations, Qt wrappers) is the
same. Objects that become garbage are still freed by reference counting at once; cycles wait for the next full
collection.

On resuming, what was allocated meanwhile is moved to the oldest generation without a scan (``gc.freeze()`` then
``gc.unfreeze()``, two list splices): otherwise the first allocation after the pause scans every object the work
made. The app itself never keeps objects frozen, so unfreezing here releases nobody else's.

Pauses nest and may overlap across threads (the window runs the device phase on a worker): the collector is
switched back on when the last pause ends, and only if it was on when the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0        # pauses under way, on any thread
_resume = False    # whether the collector was on when the first of them began


def pause() -> None:
    """Begin a pause; each must be ended by one :func:`resume`."""
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1


def resume() -> None:
    """End a pause; the last one to end switches the collector back on (if it was on)."""
    global _pauses
    with _lock:
        _pauses -= 1
        if _pauses == 0 and _resume:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


@contextmanager
def paused() -> Iterator[None]:
    pause()
    try:
        yield
    finally:
        resume()
