"""Name the system libraries Qt's X11 platform plugin lacks, before Qt aborts without naming them.

Without them Qt only says "could not load the Qt platform plugin "xcb" even though it was found" and aborts.
The check runs only when xcb is the one platform Qt will try (Linux, not offscreen, not a Wayland session) and
costs a few dlopen() calls Qt makes moments later anyway; ctypes is not imported, only its C core, _ctypes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

# What libqxcb.so and libQt6XcbQpa.so.6 (PySide6 6.11) link against (`readelf -d`: NEEDED) beyond glibc and
# Qt's own libraries, with the Debian/Ubuntu package holding each.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libGL.so.1": "libgl1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
}

Loader = Callable[[str], bool]


def uses_xcb(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True when Qt will load the xcb plugin with nothing to fall back on."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return False
    requested = environ.get("QT_QPA_PLATFORM", "").strip()
    if requested:  # "xcb", "xcb:option=value", or a fallback list "wayland;xcb"
        return [name.split(":")[0].strip() for name in requested.split(";") if name.strip()] == ["xcb"]
    # Unset: Qt starts xcb unless the session is Wayland's (where xcb is only the fallback).
    if environ.get("XDG_SESSION_TYPE", "").lower() == "wayland":
        return False
    return not (environ.get("WAYLAND_DISPLAY") and not environ.get("DISPLAY"))


def _load(soname: str) -> bool:
    """dlopen() the library as Qt would: the bundle's own copy first (PyInstaller's folder), then the system's."""
    import _ctypes

    candidates = [soname]
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled and os.path.isfile(os.path.join(bundled, soname)):
        candidates.insert(0, os.path.join(bundled, soname))
    for candidate in candidates:
        try:
            _ctypes.dlopen(candidate, os.RTLD_LAZY)
        except OSError:
            continue
        return True
    return False


def missing_libraries(load: Loader | None = None) -> list[str]:
    load = load or _load
    return [soname for soname in XCB_LIBRARIES if not load(soname)]


def message(missing: list[str]) -> str:
    packages = list(dict.fromkeys(XCB_LIBRARIES[soname] for soname in missing))
    lines = ["asegui: the window cannot start: Qt's X11 platform plugin (xcb) needs libraries this system lacks:"]
    lines += [f"  {soname} (package {XCB_LIBRARIES[soname]})" for soname in missing]
    lines += ["On Debian or Ubuntu install them with:", f"  sudo apt install {' '.join(packages)}",
              "(other distributions name the packages after the same libraries; asegui-cli needs none of them)"]
    return "\n".join(lines)


def xcb_problem(environ: Mapping[str, str] | None = None, platform: str | None = None,
                load: Loader | None = None) -> str | None:
    """The message to print instead of starting Qt, or None when Qt can start (or will not use xcb)."""
    if not uses_xcb(environ, platform):
        return None
    missing = missing_libraries(load)
    return message(missing) if missing else None
