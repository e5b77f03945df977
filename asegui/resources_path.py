"""Find bundled resources the same way from a checkout, an installed wheel and the bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache  # where the app was started from does not change while it runs; finding it costs a resolve() each time
def resources_dir() -> Path:
    """The ``resources`` folder: PyInstaller's unpack dir, the installed package, or the checkout."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidate = Path(frozen) / "asegui" / "resources"
        if candidate.is_dir():
            return candidate
    try:
        import asegui.resources as package
        if package.__file__:
            return Path(package.__file__).resolve().parent
    except ImportError:
        pass
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
