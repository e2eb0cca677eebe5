"""Writing files so that a crash leaves either the old bytes or the new ones, never a mix.

The new bytes go to a temporary file in the same folder, are flushed to disk, and
then replace the target with ``os.replace`` (atomic on POSIX; on Windows it is
``MoveFileEx``, which is only safe while no other program has the file open — the
adapters only write while the mail client is closed).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

Checkpoint = Callable[[str], None]
"""Called with a step's name between the steps of a change.

Production code passes ``no_checkpoint``; the crash tests pass one that kills
the process at a chosen step, to prove every step is safe to die in.
"""


def no_checkpoint(step: str) -> None:
    """The checkpoint used outside the crash tests: do nothing."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """The SHA-256 of the file's bytes, or ``None`` when it does not exist."""
    try:
        return sha256(path.read_bytes())
    except FileNotFoundError:
        return None


def atomic_write(path: Path, data: bytes, checkpoint: Checkpoint = no_checkpoint) -> None:
    """Replace ``path`` with ``data`` in one step, keeping the file's permission bits."""
    mode: int | None
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".traymon-tmp", dir=path.parent
        )
    except OSError as exc:
        raise _naming(exc, path) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            checkpoint("atomic:temp-written")
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            temp.chmod(mode)
        checkpoint("atomic:temp-synced")
        temp.replace(path)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _naming(exc, path) from None
        raise
    checkpoint("atomic:replaced")
    _sync_folder(path.parent)


def _naming(exc: OSError, path: Path) -> OSError:
    # A full disk fails in write() or close(), whose errors name no file; the
    # person must be told which file it was, so the target is named instead.
    return OSError(exc.errno, exc.strerror or str(exc), str(path))


def remove_stale_temp_files(folder: Path) -> None:
    """Delete temporary files a killed write left behind (they never hold the only copy)."""
    for leftover in folder.glob(".*.traymon-tmp"):
        leftover.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is on disk; Windows has no
    # folder handles to sync, and there os.replace is as durable as it gets.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
