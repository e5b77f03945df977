"""A cheaper answer to the question PySide6 asks of every module imported after QtCore.

PySide6 supports ``from __feature__ import snake_case``; to know which modules may use it, an import hook asks of
each newly imported module whether its source mentions "PySide6", through ``inspect.getsource``: the whole file
is decoded, split into lines and kept in ``linecache``. The window imports about a hundred modules after Qt (the
core, its rules, msgspec, the standard library), and those scans cost about 40 M instructions of its start-up,
~3 % (napari/napari#8584 reports the same tax). Reading the file's bytes and looking for the same word gives the
same answer for a fraction of that; whatever has no ``.py`` file (built-ins, a frozen bundle) still goes to
PySide6's own code.

PySide6 names this function privately, so it is replaced only if it is there, once, and left alone otherwise.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"
_MARK = "_asegui_bytes_scan"


def quicken() -> bool:
    """Swap PySide6's source scan for a byte search if PySide6 is loaded; whether the swap is in place."""
    feature = sys.modules.get(_FEATURE_MODULE)
    upstream = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(upstream):
        return False
    if getattr(upstream, _MARK, False):
        return True
    feature._mod_uses_pyside = bytes_scan(upstream)  # type: ignore[attr-defined]
    return True


def bytes_scan(upstream: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """``upstream``'s question ("does its source say PySide6?") answered from the file's bytes."""

    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return upstream(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return upstream(module)

    setattr(mentions_pyside, _MARK, True)
    return mentions_pyside
