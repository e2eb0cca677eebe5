"""Read a settings file without letting it stop or hang Traymon.

Every file Traymon takes settings from (the user's file, ``defaults.toml`` and
``policy.toml``, plists and profiles, the instruction cache, IT's CA files) goes
through ``read_settings_file``:

- Only a regular file is read. The file is opened without blocking and then checked
  through the open descriptor (``fstat``), so it cannot be swapped between the check
  and the read: a named pipe would otherwise block every command forever, and a
  device such as ``/dev/zero`` would never end.
- At most ``limit`` bytes are read. The shipped catalogue of 321 services is 107 KB;
  1 MiB is ten times that, and ``tomllib`` parses 1 MiB in about 0.35 s on a slow
  machine, so the cap bounds memory and start-up time without refusing a real file.

Refusals are ``SettingsFileError``, an ``OSError`` whose ``strerror`` says in words
why, so callers that already report "cannot be read (…)" need nothing new.

``nested_too_deeply`` is the other half: settings are at most a few levels deep
(services, a service's probes, a probe's table), and code that walks parsed values
recursively must never meet a thousand levels.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_SETTINGS_BYTES = 1 << 20
MAX_DEPTH = 32  # lists and tables inside each other; settings need about five

# O_NONBLOCK: opening a named pipe for reading would wait for a writer without it.
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class SettingsFileError(OSError):
    """The path is not a regular file, or it is too large to be a settings file."""

    def __init__(self, reason: str) -> None:
        super().__init__(errno.EINVAL, reason)


def read_settings_file(path: Path | str, limit: int = MAX_SETTINGS_BYTES) -> bytes:
    """The bytes of ``path``; ``FileNotFoundError``, ``SettingsFileError`` or ``OSError``."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a Unix socket: nothing to read
            raise SettingsFileError("it is a socket, not a regular file") from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise SettingsFileError(_not_regular(mode))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise SettingsFileError(
                f"it is larger than {_size(limit)}, more than a settings file can be"
            )
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_settings_text(path: Path | str, limit: int = MAX_SETTINGS_BYTES) -> str:
    """``read_settings_file`` as UTF-8 text (``UnicodeDecodeError`` when it is not)."""
    return read_settings_file(path, limit).decode("utf-8")


def nested_too_deeply(value: object, limit: int = MAX_DEPTH) -> bool:
    """Whether lists, tuples and dicts inside ``value`` go more than ``limit`` levels deep."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list[object] = list(item.values())
        elif isinstance(item, list | tuple):
            children = list(item)
        else:
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


TOO_DEEP = (
    f"is nested too deeply (lists or tables more than {MAX_DEPTH} levels inside each other); "
    "settings need only a few levels"
)


def _not_regular(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "it is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "it is a named pipe, not a regular file; only regular files are read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "it is a device, not a regular file; only regular files are read"
    return "it is not a regular file; only regular files are read"


def _size(count: int) -> str:
    return f"{count >> 20} MiB" if count % (1 << 20) == 0 else f"{count} bytes"
