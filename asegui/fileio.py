"""Atomic file writes: a crash or a full disk never leaves a truncated or half-overwritten file."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path | str, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename it over.

    Until the rename, ``path`` keeps its old content (or does not exist); any error removes the
    temporary file and is raised. The rename is made durable by syncing the folder where the
    platform allows it. A temporary file left by an earlier writer that was killed is removed.
    """
    write_atomic_chunks(path, (data,))


def write_atomic_chunks(path: Path | str, chunks: Iterable[bytes]) -> None:
    """As :func:`write_atomic`, from bytes made while they are written (a site's summary and report are never
    whole in memory)."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _sync_directory(directory)
    remove_stale_temporaries(path)


def remove_stale_temporaries(path: Path | str) -> list[Path]:
    """Remove ``path``'s temporary files whose writer process no longer runs (POSIX); return them."""
    path = Path(path)
    if os.name != "posix":
        return []
    directory = path.parent if str(path.parent) else Path(".")
    pattern = re.compile(re.escape(f".{path.name}.") + r"(\d+)-[a-z0-9_]{8}\.tmp")
    removed: list[Path] = []
    try:
        candidates = list(directory.iterdir())
    except OSError:
        return []
    for candidate in candidates:
        match = pattern.fullmatch(candidate.name)
        if not match or int(match.group(1)) == os.getpid() or _alive(int(match.group(1))):
            continue
        try:
            candidate.unlink()
            removed.append(candidate)
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _sync_directory(directory: Path) -> None:
    """Flush the folder entry of a rename to disk (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
