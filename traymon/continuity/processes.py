"""Which programs are running, by executable name, lower-cased, on each platform.

Used with each client's own lock test: a lock file alone does not prove a client
runs (Thunderbird leaves it behind), and a process alone does not say which profile.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ProcessLister = Callable[[], frozenset[str]]


def running_process_names() -> frozenset[str]:
    """Names of running executables (``thunderbird``, ``outlook.exe``); empty if unknown."""
    platform: str = sys.platform  # a plain str: every branch is real on some computer
    if platform.startswith("linux"):
        return _from_proc(Path("/proc"))
    if platform == "win32":
        return _from_command(["tasklist", "/fo", "csv", "/nh"], _tasklist_name)
    return _from_command(["ps", "-axco", "comm="], lambda line: line.strip())


def _from_proc(proc: Path) -> frozenset[str]:
    names: set[str] = set()
    for comm in proc.glob("[0-9]*/comm"):
        try:
            names.add(comm.read_text(encoding="utf-8", errors="replace").strip().lower())
        except OSError:
            continue  # the process ended while we looked
    return frozenset(names)


def _from_command(argv: list[str], name_of: Callable[[str], str]) -> frozenset[str]:
    try:
        output = subprocess.run(
            argv, capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(name_of(line).lower() for line in output.splitlines() if line.strip())


def _tasklist_name(line: str) -> str:
    return line.split('","', 1)[0].strip('"')
