"""Unexpected exceptions: logged (secrets masked), shown in a dialog, and the app keeps running."""

from __future__ import annotations

import functools
import inspect
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from . import dialogs

log = logging.getLogger("asegui.gui")
F = TypeVar("F", bound=Callable[..., Any])

# The window registers a function that masks the open document's secrets; logs pass through it.
redactor: Callable[[str], str] = lambda text: text  # noqa: E731
_reporting = False


class RedactingFilter(logging.Filter):
    """Masks secrets in a record's message and traceback before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            record.msg = redactor(record.getMessage())
            record.args = ()
            if record.exc_info:
                record.exc_text = redactor("".join(traceback.format_exception(*record.exc_info)).rstrip())
                record.exc_info = None
        except Exception:  # a broken redactor must not lose the record; drop the text instead
            record.msg, record.args, record.exc_info, record.exc_text = "(log text withheld)", (), None, None
        return True


def log_path() -> Path:
    from PySide6.QtCore import QStandardPaths  # when logging starts, not when the window's code is imported

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(folder or Path.home() / ".asegui") / "asegui.log"


def setup_logging() -> Path | None:
    """Log to stderr (warnings) and to a small rotating file; returns the file's path."""
    logger = logging.getLogger("asegui")
    logger.setLevel(logging.INFO)
    redacting = RedactingFilter()
    stream = logging.StreamHandler(sys.stderr)
    stream.setLevel(logging.WARNING)
    stream.addFilter(redacting)
    logger.addHandler(stream)
    from logging.handlers import RotatingFileHandler  # its imports (socket, pickle…) cost the first frame

    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=512_000, backupCount=2, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(redacting)
    logger.addHandler(handler)
    return path


def report(exc: BaseException, parent: QWidget | None = None, where: str = "") -> None:
    """Log an unexpected exception and tell the user; never raises."""
    global _reporting
    try:
        log.error("unexpected error%s", f" in {where}" if where else "",
                  exc_info=(type(exc), exc, exc.__traceback__))
    except Exception:
        pass
    if _reporting:  # an error while showing the error dialog: logging it is all we can do
        return
    _reporting = True
    try:
        title = QCoreApplication.translate("errors", "Something went wrong")
        text = QCoreApplication.translate(
            "errors", "An unexpected error happened; the window keeps running and your decisions are kept.\n\n"
            "{error}").format(error=redactor(f"{type(exc).__name__}: {exc}"))
        details = redactor("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        dialogs.error(parent or QApplication.activeWindow(), title, text, details)
    except Exception:
        pass
    finally:
        _reporting = False


def guarded(method: F) -> F:
    """Wrap a handler: an exception is reported, not raised. Extra signal arguments are dropped."""
    parameters = list(inspect.signature(method).parameters.values())
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    takes_any = any(p.kind == p.VAR_POSITIONAL for p in parameters)
    count = len(positional)

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*(args if takes_any else args[:count]), **kwargs)
        except Exception as exc:  # noqa: BLE001 - this is the last line of defence
            owner = args[0] if args and isinstance(args[0], QWidget) else None
            report(exc, owner, method.__qualname__)
            return None

    return wrapper  # type: ignore[return-value]


def excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    report(exc.with_traceback(tb), None, "Qt")


def install_excepthook() -> None:
    sys.excepthook = excepthook
