"""The window names the X11 libraries it lacks (and the apt line) instead of letting Qt abort without naming them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from asegui.gui import platform_check
from asegui.gui.platform_check import XCB_LIBRARIES, uses_xcb, xcb_problem

ROOT = Path(__file__).resolve().parents[2]
X11 = {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}


def loader(missing: set[str]):
    asked: list[str] = []

    def load(soname: str) -> bool:
        asked.append(soname)
        return soname not in missing

    load.asked = asked  # type: ignore[attr-defined]
    return load


def test_missing_libraries_are_named_with_their_packages_and_the_apt_line() -> None:
    load = loader({"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"})

    text = xcb_problem(X11, "linux", load)

    assert text is not None
    assert set(load.asked) == set(XCB_LIBRARIES)
    for soname, package in [("libxcb-cursor.so.0", "libxcb-cursor0"), ("libxcb-icccm.so.4", "libxcb-icccm4"),
                            ("libxcb-keysyms.so.1", "libxcb-keysyms1")]:
        assert f"{soname} (package {package})" in text
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1\n" in text
    assert "libxcb-xfixes" not in text


def test_a_package_holding_two_missing_libraries_is_named_once() -> None:
    text = xcb_problem(X11, "linux", loader({"libglib-2.0.so.0", "libgthread-2.0.so.0"}))

    assert text is not None and "sudo apt install libglib2.0-0\n" in text


def test_no_message_when_every_library_loads() -> None:
    assert xcb_problem(X11, "linux", loader(set())) is None


@pytest.mark.parametrize("environ", [
    {"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"},
    {"QT_QPA_PLATFORM": "wayland"},
    {"QT_QPA_PLATFORM": "xcb;wayland", "DISPLAY": ":0"},  # Qt falls back on Wayland
    {"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"},
    {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
    {"WAYLAND_DISPLAY": "wayland-0"},
])
def test_no_check_when_qt_will_not_need_xcb(environ: dict[str, str]) -> None:
    load = loader(set(XCB_LIBRARIES))

    assert xcb_problem(environ, "linux", load) is None
    assert load.asked == []


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_no_check_off_linux(platform: str) -> None:
    load = loader(set(XCB_LIBRARIES))

    assert xcb_problem(X11, platform, load) is None
    assert load.asked == []


@pytest.mark.parametrize("environ", [
    X11,
    {"DISPLAY": ":0"},
    {"QT_QPA_PLATFORM": "xcb"},
    {"QT_QPA_PLATFORM": " xcb:nomitshm ", "DISPLAY": ":1"},
    {"QT_QPA_PLATFORM": "xcb", "XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
    {},  # no display at all: Qt still loads xcb first
])
def test_xcb_is_checked_when_it_is_the_only_platform(environ: dict[str, str]) -> None:
    assert uses_xcb(environ, "linux")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="dlopen of Linux sonames")
def test_the_real_loader_loads_what_python_itself_links_and_refuses_a_made_up_name() -> None:
    assert platform_check._load("libc.so.6")
    assert not platform_check._load("libasegui-no-such-library.so.9")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="dlopen of Linux sonames")
def test_the_real_loader_finds_a_library_the_bundle_ships(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the PyInstaller folder Qt finds its X11 libraries beside itself (sys._MEIPASS), not on the system."""
    folders = [Path(d) for d in ("/lib", "/usr/lib", "/lib64", "/usr/lib64")]
    zlib = next((p for d in folders for p in [d / "libz.so.1", *sorted(d.glob("*/libz.so.1"))] if p.is_file()), None)
    if zlib is None:
        pytest.skip("no libz.so.1 to copy")
    shutil.copyfile(zlib, tmp_path / "libasegui-bundled.so.1")  # zlib: a second copy in the process is harmless

    assert not platform_check._load("libasegui-bundled.so.1")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert platform_check._load("libasegui-bundled.so.1")


def _child(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
    # a display nobody serves: if the check ever let Qt start, Qt would stop at once rather than open a window
    env.update(DISPLAY=":987", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb platform is Linux's")
def test_the_window_exits_1_naming_the_library_instead_of_qt_aborting(tmp_path: Path) -> None:
    """`python -m asegui.gui.app` with libxcb-cursor made unloadable (the loader patched in the child only)."""
    done = _child("""
        import runpy, sys
        from asegui.gui import platform_check
        real = platform_check._load
        platform_check._load = lambda soname: soname != "libxcb-cursor.so.0" and real(soname)
        sys.argv = ["asegui"]
        runpy.run_module("asegui.gui.app", run_name="__main__", alter_sys=True)
    """, tmp_path)

    assert done.returncode == 1, done.stderr
    assert "libxcb-cursor.so.0 (package libxcb-cursor0)" in done.stderr
    assert "sudo apt install " in done.stderr and "libxcb-cursor0" in done.stderr.split("sudo apt install ")[1]
    assert "could not load the Qt platform plugin" not in done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="dlopen of Linux sonames")
def test_the_check_imports_neither_qt_nor_ctypes(tmp_path: Path) -> None:
    """Start-up pays for a few dlopen() calls Qt makes anyway, not for the ctypes package or a Qt module."""
    done = _child("""
        import sys
        import asegui.gui
        before = set(sys.modules)
        from asegui.gui.platform_check import xcb_problem
        xcb_problem({"DISPLAY": ":0"}, "linux", None)
        print(sorted(set(sys.modules) - before))
    """, tmp_path)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['_ctypes', 'asegui.gui.platform_check']"


def test_the_readme_apt_line_names_every_package_the_check_names() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = readme[readme.index("sudo apt install libxcb1"):].split("```")[0].replace("\\\n", " ").split()

    # the C++ runtime comes with Python's own dependencies on every Debian/Ubuntu
    assert set(XCB_LIBRARIES.values()) - {"libstdc++6", "libgcc-s1"} <= set(line)
