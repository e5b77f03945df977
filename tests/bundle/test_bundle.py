"""The PyInstaller bundle works on its own: built from this checkout, copied away from it, run with a bare
environment (no source tree, no virtual environment, no PYTHONPATH on the path).

The build is shared by the session and done by packaging/build.py, which reuses dist/asegui/ only when its
build-info.json fingerprint (every input file and tool version) matches the checkout; otherwise it rebuilds.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import asegui

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "fpga-sample.json"
BUILD_PY = ROOT / "packaging" / "build.py"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LINUX = sys.platform.startswith("linux")


def _load_build_module():
    spec = importlib.util.spec_from_file_location("asegui_packaging_build", BUILD_PY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build_module()


def exe(folder: Path, name: str) -> Path:
    return folder / build.exe_name(name)


def clean_env(home: Path) -> dict[str, str]:
    """What a double-click gets at most: no PYTHONPATH, no virtual environment, a system PATH."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    if sys.platform == "win32":  # Windows cannot start a process without these
        env.update({k: os.environ[k] for k in ("SYSTEMROOT", "TEMP", "TMP") if k in os.environ})
    return env


@pytest.fixture(scope="session")
def built_bundle() -> Path:
    dist = ROOT / "dist"
    done = subprocess.run([sys.executable, str(BUILD_PY), "--dist", str(dist), "--work", str(ROOT / "build")],
                          capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        pytest.fail(f"packaging/build.py failed ({done.returncode}):\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    info = build.build_info(dist)
    assert info and info["version"] == asegui.__version__
    return build.bundle_dir(dist)


@pytest.fixture(scope="session")
def bundle(built_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of dist/asegui far from the checkout, as a user would receive it."""
    copy = tmp_path_factory.mktemp("elsewhere") / "asegui"
    shutil.copytree(built_bundle, copy, symlinks=True)
    return copy


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "run"
    (folder / "home").mkdir(parents=True)
    shutil.copyfile(SAMPLE, folder / "sample.json")
    return folder


def run_bundled(program: Path, *args: str, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(program), *args], cwd=cwd, env=clean_env(cwd / "home"), capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.bundle
def test_bundle_holds_two_executables_and_the_resources(bundle: Path) -> None:
    assert os.access(exe(bundle, "asegui"), os.X_OK)
    assert os.access(exe(bundle, "asegui-cli"), os.X_OK)
    bundled = bundle / "_internal" / "asegui" / "resources"
    assert (bundled / "samples" / "fpga-sample.json").read_bytes() == SAMPLE.read_bytes()
    assert (bundled / "icons" / "asegui.svg").is_file()


@pytest.mark.bundle
def test_bundle_leaves_out_what_the_app_does_not_use(bundle: Path) -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "asegui").rglob("*.py"))
    unused_qt = [m for m in ("Network", "Qml", "Quick", "Pdf", "WebEngineCore", "Multimedia")
                 if f"PySide6.Qt{m}" not in sources]
    assert "Network" in unused_qt  # today's app; if the window ever needs QtNetwork, drop this line
    names = {p.name for p in bundle.rglob("*")}
    unwanted = [f"libQt6{m}.so" for m in unused_qt] + [f"Qt{m}.abi3.so" for m in unused_qt] + [
        "libqeglfs.so", "libqlinuxfb.so", "libqgtk3.so", "libqevdevtouchplugin.so", "_tkinter"]
    for name in unwanted:
        assert not any(n.startswith(name) for n in names), name
    assert build.folder_size(bundle) < 200 * 2**20


@pytest.mark.bundle
def test_cli_version(bundle: Path, run_dir: Path) -> None:
    done = run_bundled(exe(bundle, "asegui-cli"), "--version", cwd=run_dir)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"asegui-cli {asegui.__version__}"


@pytest.mark.bundle
def test_cli_convert_gives_the_same_bytes_as_the_installed_cli(bundle: Path, run_dir: Path, tmp_path: Path) -> None:
    frozen = run_bundled(exe(bundle, "asegui-cli"), "convert", "sample.json", "-o", "out.json", cwd=run_dir)

    reference_dir = tmp_path / "reference"
    reference_dir.mkdir()
    reference = subprocess.run([sys.executable, "-m", "asegui.cli", "convert", str(SAMPLE), "-o", "out.json"],
                               cwd=reference_dir, capture_output=True, text=True, timeout=180)

    assert reference.returncode in (0, 1), reference.stderr  # 1: the sample has errors a person must resolve
    assert frozen.returncode == reference.returncode, frozen.stderr
    assert (run_dir / "out.json").read_bytes() == (reference_dir / "out.json").read_bytes()


@pytest.mark.bundle
def test_window_screenshot_of_the_loaded_sample(bundle: Path, run_dir: Path) -> None:
    done = run_bundled(exe(bundle, "asegui"), "sample.json", "--screenshot", "out.png", cwd=run_dir)

    assert done.returncode == 0, done.stderr
    png = (run_dir / "out.png").read_bytes()
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert width >= 800 and height >= 500
    assert len(png) > 10_000  # a painted window with text, not an empty frame


@pytest.mark.bundle
@pytest.mark.skipif(not LINUX, reason="install.sh is the Linux installer")
def test_install_sh_installs_idempotently_and_uninstalls(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home with space"
    home.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    install = [str(bundle / "install.sh")]

    first = subprocess.run(install, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    opt = home / ".local" / "opt" / "asegui"
    launcher = home / ".local" / "bin" / "asegui-cli"
    desktop = home / ".local" / "share" / "applications" / "asegui.desktop"
    icons = home / ".local" / "share" / "icons" / "hicolor"
    assert os.access(opt / "asegui", os.X_OK)
    assert (home / ".local" / "bin" / "asegui").resolve() == (opt / "asegui").resolve()
    entry = desktop.read_text(encoding="utf-8").splitlines()
    assert f'Exec="{opt / "asegui"}" %f' in entry
    assert "MimeType=application/json;" in entry
    assert "Icon=asegui" in entry
    for size in ("16x16", "32x32", "48x48", "64x64", "128x128", "256x256"):
        assert (icons / size / "apps" / "asegui.png").read_bytes()[:8] == PNG_SIGNATURE
    assert (icons / "scalable" / "apps" / "asegui.svg").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr

    version = subprocess.run([str(launcher), "--version"], env=env, cwd=home, capture_output=True, text=True,
                             timeout=120)
    assert version.stdout.strip() == f"asegui-cli {asegui.__version__}", version.stderr

    def files() -> set[tuple[str, int]]:  # the desktop's shared caches (if their tools exist) are not ours
        return {(str(p.relative_to(home)), p.lstat().st_size) for p in home.rglob("*")
                if not p.is_dir() and p.name not in ("icon-theme.cache", "mimeinfo.cache")}

    installed = files()
    again = subprocess.run(install, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert files() == installed

    # another program of the same name in ~/.local/bin is not ours to delete
    (home / ".local" / "bin" / "asegui").unlink()
    (home / ".local" / "bin" / "asegui").write_text("#!/bin/sh\n")
    gone = subprocess.run([*install, "--uninstall"], env=env, capture_output=True, text=True, timeout=120)
    assert gone.returncode == 0, gone.stderr
    assert files() == {(".local/bin/asegui", len("#!/bin/sh\n"))}


def test_icons_are_generated_from_the_svg(tmp_path: Path) -> None:
    """packaging/icons.py: PNG sizes, a PNG-based .ico and .icns, read back by their headers."""
    # in a child process: a QGuiApplication made here would stand in the way of pytest-qt's QApplication
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "icons.py"), str(tmp_path)],
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr

    png = (tmp_path / "hicolor" / "48x48" / "apps" / "asegui.png").read_bytes()
    assert png[:8] == PNG_SIGNATURE and struct.unpack(">II", png[16:24]) == (48, 48)
    ico = (tmp_path / "asegui.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 7)
    sizes = [ico[6 + 16 * i] or 256 for i in range(count)]
    assert sizes == [16, 24, 32, 48, 64, 128, 256]
    first_offset = struct.unpack("<I", ico[6 + 12:6 + 16])[0]
    assert ico[first_offset:first_offset + 8] == PNG_SIGNATURE
    icns = (tmp_path / "asegui.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert icns[8:12] == b"icp4" and icns[16:24] == PNG_SIGNATURE


def test_resources_are_found_in_a_pyinstaller_bundle_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from asegui import resources_path

    frozen = tmp_path / "asegui" / "resources"
    (frozen / "samples").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resources_path.resources_dir.cache_clear()  # found once per process: this test plays a second one
    try:
        assert resources_path.resource("samples", "fpga-sample.json") == frozen / "samples" / "fpga-sample.json"
    finally:
        resources_path.resources_dir.cache_clear()


def test_resources_are_found_from_the_checkout_or_wheel_without_a_bundle() -> None:
    from asegui import resources_path

    assert not hasattr(sys, "_MEIPASS")
    assert resources_path.resource("samples", "fpga-sample.json").read_bytes() == SAMPLE.read_bytes()
