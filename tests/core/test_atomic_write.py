"""Every file the app writes goes through write_atomic: a failure mid-write leaves the old file whole."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from asegui import fileio
from asegui.fileio import write_atomic

OLD = b'{"old": "content, complete"}\n'
NEW = b'{"new": "' + b"x" * 200_000 + b'"}\n'


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "deployment.gpu.json"
    path.write_bytes(OLD)
    return path


def test_success_replaces_content_and_keeps_permissions(target: Path):
    os.chmod(target, 0o640)
    write_atomic(target, NEW)
    assert target.read_bytes() == NEW
    assert target.stat().st_mode & 0o777 == 0o640
    assert leftovers(target.parent) == []


def test_new_file_gets_umask_permissions(tmp_path: Path):
    path = tmp_path / "new.json"
    write_atomic(str(path), b"{}")
    umask = os.umask(0)
    os.umask(umask)
    assert path.read_bytes() == b"{}" and path.stat().st_mode & 0o777 == 0o666 & ~umask


def _disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_disk_full_at_fsync_keeps_old_file_and_removes_temp(target: Path, monkeypatch):
    monkeypatch.setattr(fileio.os, "fsync", _disk_full)
    with pytest.raises(OSError) as caught:
        write_atomic(target, NEW)
    assert caught.value.errno == errno.ENOSPC
    assert target.read_bytes() == OLD
    assert leftovers(target.parent) == []


class _HalfWriter:
    """A file object that writes half of what it is given, then fails like a full disk."""

    def __init__(self, handle):
        self.handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()
        return False

    def write(self, data: bytes) -> int:
        self.handle.write(data[:len(data) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.handle, name)


def test_write_failing_half_way_keeps_old_file_and_removes_temp(target: Path, monkeypatch):
    real_fdopen = os.fdopen
    monkeypatch.setattr(fileio.os, "fdopen", lambda fd, mode: _HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(OSError):
        write_atomic(target, NEW)
    assert target.read_bytes() == OLD
    assert leftovers(target.parent) == []


def test_failed_rename_keeps_old_file_and_removes_temp(target: Path, monkeypatch):
    monkeypatch.setattr(fileio.os, "replace", _disk_full)
    with pytest.raises(OSError):
        write_atomic(target, NEW)
    assert target.read_bytes() == OLD and leftovers(target.parent) == []


def test_failure_on_a_new_file_leaves_nothing(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(fileio.os, "fsync", _disk_full)
    with pytest.raises(OSError):
        write_atomic(tmp_path / "report.html", NEW)
    assert list(tmp_path.iterdir()) == []


def test_interrupt_mid_write_keeps_old_file(target: Path, monkeypatch):
    def interrupted(*_args):
        raise KeyboardInterrupt
    monkeypatch.setattr(fileio.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, NEW)
    assert target.read_bytes() == OLD and leftovers(target.parent) == []


CHILD = """
import os, sys, time
from asegui import fileio
real_fsync = os.fsync
def slow_disk(fd):
    print("writing", flush=True)   # the data is in the temporary file; the disk is slow to confirm it
    time.sleep(60)
    real_fsync(fd)
fileio.os.fsync = slow_disk
fileio.write_atomic(sys.argv[1], b"N" * (8 * 1024 * 1024))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_writer_never_leaves_a_half_written_file(target: Path):
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(target)], stdout=subprocess.PIPE,
                             cwd=Path(__file__).resolve().parents[2])
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"writing"
        temps = leftovers(target.parent)
        assert len(temps) == 1 and temps[0].startswith(".deployment.gpu.json.")
        assert (target.parent / temps[0]).stat().st_size == 8 * 1024 * 1024
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert target.read_bytes() == OLD  # the target is untouched
    # A killed process cannot clean up; the next write to the same file removes what it left.
    assert leftovers(target.parent) == temps
    write_atomic(target, b"{}\n")
    assert target.read_bytes() == b"{}\n" and leftovers(target.parent) == []


def test_a_running_writers_temporary_file_is_left_alone(target: Path):
    mine = target.parent / f".{target.name}.{os.getpid()}-abcdefgh.tmp"
    other = target.parent / f".{target.name}.1-abcdefgh.tmp"  # pid 1 always runs
    unrelated = target.parent / ".other.json.999999999-abcdefgh.tmp"
    for path in (mine, other, unrelated):
        path.write_bytes(b"partial")
    write_atomic(target, NEW)
    assert sorted(leftovers(target.parent)) == sorted([mine.name, other.name, unrelated.name])
