"""The Qt window; it imports asegui.core only through its public names."""

from __future__ import annotations

import sys


def _keep_none_alive() -> None:
    """Work around PySide6 builds that return ``None`` from void calls without a new reference.

    With PySide6 6.12 on Python 3.11, every call of a void C++ method (``setText``, ``setFormat``,
    a ``highlightBlock`` override…) takes one reference from ``None``; after some thousands of
    calls CPython aborts with "none_dealloc: deallocating None". From Python 3.12 on, ``None`` is
    immortal and nothing needs doing; before, give it enough references that it never reaches zero
    (extra references to ``None`` cost nothing). pyproject excludes 6.12, so this only guards an
    environment that installed it anyway (6.11.3 does not lose these references).
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import PySide6

    if not PySide6.__version__.startswith("6.12."):
        return
    import ctypes

    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < 1 << 40:
        refcount.value += 1 << 50


_keep_none_alive()


def _quicken_import_scan() -> None:
    """If Qt is loaded already (a test, a benchmark), spare the modules imported from here on PySide6's scan;
    otherwise :func:`asegui.gui.app._application` does it as soon as it imports Qt."""
    from .feature_scan import quicken

    quicken()


_quicken_import_scan()
