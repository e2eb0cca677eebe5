"""Files and folders Traymon writes for the user, readable by the user only (0600 and 0700).

History, the log and the helpdesk zip say which services a person uses, when their
computer was online and what their company's sign-in answered: nobody else on a shared
machine should read them. The XDG base directory spec asks for 0700 when creating a
missing base folder, so every folder made here gets it. Failing to tighten a mode never
stops the app (a folder owned by someone else, a file system without modes).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import BinaryIO

from traymon.paths import APP_NAME

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parent as 0700; tighten Traymon's own existing ones.

    Raises ``OSError`` only when the folder cannot be created (as ``mkdir`` does).
    """
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another process
            path.mkdir(mode=FOLDER_MODE)
        _tighten(path, FOLDER_MODE)
    # Ones an older version made 0755: the folder, and the app's own folder it sits in
    # (``traymon/log``); never further up, where the user's own folders are.
    _tighten(folder, FOLDER_MODE)
    if folder.name != APP_NAME and folder.parent.name == APP_NAME:
        _tighten(folder.parent, FOLDER_MODE)


def private_file(path: Path) -> None:
    """Make an existing file 0600 (one an older version wrote 0644); absent is fine."""
    if path.exists():
        _tighten(path, FILE_MODE)


def create_private(path: Path) -> BinaryIO:
    """Open ``path`` for writing bytes (created, or emptied) as 0600."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, FILE_MODE)
    if hasattr(os, "fchmod"):  # an existing file keeps its mode through O_CREAT
        with contextlib.suppress(OSError):
            os.fchmod(descriptor, FILE_MODE)
    return os.fdopen(descriptor, "wb")


def touch_private(path: Path) -> None:
    """Create ``path`` empty as 0600 unless it exists (never truncates: another process's)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))


def _tighten(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):
        if (path.stat().st_mode & 0o777) != mode:
            path.chmod(mode)
