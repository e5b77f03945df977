"""Work that waits for the window's first painted frame: that frame is what a person waits for at start-up."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000  # a window that is never painted (hidden, minimised at start) does not hold the work for ever
_waiting: set[FirstFrame] = set()  # kept alive until they fire: they are nobody's children


class FirstFrame(QObject):
    """Calls ``callback`` once: after ``widget``'s first frame has been painted in full, or after ``FALLBACK_MS`` if
    no frame comes; if the widget is destroyed first, then (``when_destroyed``) or never."""

    def __init__(self, widget: QWidget, callback: Callable[[], object], when_destroyed: bool = False) -> None:
        super().__init__()  # not the widget's child: it may outlive the widget
        self._widget: QWidget | None = widget
        self._callback = callback
        self._when_destroyed = when_destroyed
        _waiting.add(self)
        widget.installEventFilter(self)
        widget.destroyed.connect(self._widget_gone)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self.fire)
        self._fallback.start(FALLBACK_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._fallback.start(0)  # after the whole frame, not between two of its widgets
        return False

    def _widget_gone(self) -> None:
        self._widget = None
        if self._when_destroyed:
            self.fire()
        else:
            _waiting.discard(self)
            self._fallback.stop()

    @property
    def pending(self) -> bool:
        return self in _waiting

    def fire(self) -> None:
        """Call back now, if that has not happened yet."""
        if self not in _waiting:
            return
        _waiting.discard(self)
        self._fallback.stop()
        if self._widget is not None:
            self._widget.removeEventFilter(self)
            self._widget.destroyed.disconnect(self._widget_gone)
            self._widget = None
        self._callback()
