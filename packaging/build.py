"""Build the double-click bundle: dist/asegui/ with `asegui` (window) and `asegui-cli` (command line).

    python packaging/build.py [--dist DIR] [--work DIR] [--clean] [--verbose] [--force]

Works from a clean checkout with any Python >= 3.10: installs PyInstaller (and the app's own dependencies)
into the running interpreter if they are missing, runs PyInstaller on packaging/asegui.spec, smoke-tests
`asegui-cli --version`, writes dist/asegui/build-info.json (version + a fingerprint of every input), and prints
where the result is. Skips the PyInstaller run when dist/asegui/build-info.json already matches the current
sources and tools, unless --force. Exit status 0 on success, 1 on any failure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "asegui.spec"
NAME = "asegui"
INFO = "build-info.json"
PYINSTALLER_REQ = "pyinstaller>=6.0"
# Distributions whose versions change what ends up in the bundle.
TOOLS = ("pyinstaller", "pyinstaller-hooks-contrib", "PySide6-Essentials", "shiboken6", "pygments")
INPUTS = ("asegui", "resources", "packaging", "pyproject.toml")
SKIP_PARTS = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "screenshots"}


def exe_name(name: str) -> str:
    return f"{name}.exe" if sys.platform == "win32" else name


def input_files(root: Path = ROOT) -> list[Path]:
    files: list[Path] = []
    for entry in INPUTS:
        path = root / entry
        candidates = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for p in candidates:
            rel = p.relative_to(root)
            if SKIP_PARTS.intersection(rel.parts) or p.suffix in (".pyc", ".md"):
                continue
            files.append(p)
    return files


def tool_versions() -> dict[str, str]:
    versions = {"python": sys.version.split()[0], "platform": sys.platform}
    for dist in TOOLS:
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "-"
    return versions


def fingerprint(root: Path = ROOT) -> str:
    """SHA-256 over every input file (path + bytes) and the tool versions: equal fingerprints, equal bundles."""
    digest = hashlib.sha256()
    for path in input_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(json.dumps(tool_versions(), sort_keys=True).encode())
    return digest.hexdigest()


def bundle_dir(dist: Path) -> Path:
    return dist / NAME


def build_info(dist: Path) -> dict[str, object] | None:
    try:
        return json.loads((bundle_dir(dist) / INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_up_to_date(dist: Path) -> bool:
    info = build_info(dist)
    folder = bundle_dir(dist)
    return bool(info) and info.get("fingerprint") == fingerprint() and all(
        (folder / exe_name(n)).is_file() for n in (NAME, f"{NAME}-cli"))


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def pip_install(*requirements: str) -> None:
    print(f"build.py: installing {' '.join(requirements)} into {sys.executable}", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", *requirements], check=True)


def ensure_tools() -> None:
    try:
        import pygments  # noqa: F401
        import PySide6  # noqa: F401
    except ImportError:
        pip_install("-e", f"{ROOT}[bundle]")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pip_install(PYINSTALLER_REQ)


@contextmanager
def exclusive(work: Path) -> Iterator[None]:
    """One build at a time per work folder (two test sessions in one checkout would overwrite each other)."""
    work.mkdir(parents=True, exist_ok=True)
    with open(work / ".build.lock", "a+b") as handle:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            while True:  # LK_LOCK gives up after ten seconds; a build takes longer
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    continue
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)
            yield  # closing the file releases the lock


def build(dist: Path, work: Path, clean: bool = False, verbose: bool = False, force: bool = False) -> Path:
    """Build (or reuse) the bundle; returns its folder. Raises on failure."""
    ensure_tools()
    with exclusive(work):
        compile_translations()
        return _build(dist, work, clean, verbose, force)


def compile_translations() -> None:
    """The .mo and .qm the bundle ships are made here, not committed: the spec bundles no .po or .ts to fall back on."""
    script = ROOT / "packaging" / "translations.py"
    if script.is_file():
        subprocess.run([sys.executable, str(script), "compile"], check=True, cwd=ROOT)


def _build(dist: Path, work: Path, clean: bool, verbose: bool, force: bool) -> Path:
    folder = bundle_dir(dist)
    if not force and not clean and is_up_to_date(dist):
        print(f"build.py: {folder} already matches the sources (build-info.json); use --force to rebuild")
        return folder
    source_print = fingerprint()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(dist), "--workpath",
               str(work), "--log-level", "INFO" if verbose else "WARN"]
    if clean:
        command.append("--clean")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.monotonic()
    print(f"build.py: {' '.join(command)} {SPEC}", flush=True)
    subprocess.run([*command, str(SPEC)], check=True, cwd=ROOT, env=env)
    seconds = time.monotonic() - started
    cli = folder / exe_name(f"{NAME}-cli")
    for name in (NAME, f"{NAME}-cli"):
        if not (folder / exe_name(name)).is_file():
            raise RuntimeError(f"PyInstaller finished but {folder / exe_name(name)} is missing")
    version = subprocess.run([str(cli), "--version"], capture_output=True, text=True, timeout=120)
    if version.returncode != 0:
        raise RuntimeError(f"{cli} --version failed: {version.stderr.strip()}")
    # The stamp records the sources as they were when the build started: if they changed meanwhile, the stamp
    # no longer matches them and the next build.py run (or the bundle test) rebuilds.
    info = {"name": NAME, "version": version.stdout.strip().split()[-1], "fingerprint": source_print,
            "tools": tool_versions(), "build_seconds": round(seconds, 1)}
    (folder / INFO).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    size = folder_size(folder)
    print(f"build.py: built in {seconds:.0f} s, {size / 2**20:.1f} MiB")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller work folder (default: build/)")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--force", action="store_true", help="rebuild even when the bundle matches the sources")
    parser.add_argument("--verbose", "-v", action="store_true", help="PyInstaller's INFO log")
    args = parser.parse_args(argv)
    try:
        folder = build(args.dist.resolve(), args.work.resolve(), clean=args.clean, verbose=args.verbose,
                       force=args.force)
    except (subprocess.CalledProcessError, RuntimeError, OSError) as exc:
        print(f"build.py: FAILED: {exc}", file=sys.stderr)
        return 1
    print(f"build.py: the bundle is {folder}")
    print(f"  window:       {folder / exe_name(NAME)}")
    print(f"  command line: {folder / exe_name(NAME + '-cli')}")
    if sys.platform.startswith("linux"):
        print(f"  install for this user: {folder / 'install.sh'}")
    if sys.platform == "darwin":
        print(f"  macOS app:    {args.dist.resolve() / 'ASE Migration Assistant.app'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
