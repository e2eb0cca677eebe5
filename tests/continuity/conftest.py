"""Fixtures for the continuity tests: real profile folders, a real lock holder, a real process."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.thunderbird_profile import make_profile_root
from traymon.continuity.journal import Journal


@pytest.fixture
def tb_root(tmp_path: Path) -> Path:
    root = tmp_path / "thunderbird"
    make_profile_root(root)
    return root


@pytest.fixture
def profile(tb_root: Path) -> Path:
    return tb_root / "k3j9x2qa.default-release"


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return Journal(tmp_path / "journal")


def no_processes() -> frozenset[str]:
    return frozenset()


_HOLD_LOCK = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)   # what Gecko's nsProfileLock does on Unix
print("locked", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def lock_holder() -> Iterator[Callable[[Path], None]]:
    """Start another process that holds the profile's ``.parentlock`` fcntl lock."""
    started: list[subprocess.Popen[str]] = []

    def hold(profile: Path) -> None:
        proc = subprocess.Popen(
            [sys.executable, "-c", _HOLD_LOCK, str(profile / ".parentlock")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(proc)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "locked"  # waits for the condition, no sleep

    yield hold
    for proc in started:
        proc.communicate(input="", timeout=10)


@pytest.fixture
def running_program(tmp_path: Path) -> Iterator[Callable[[str], None]]:
    """Start a real process whose executable has the given name (a copy of ``sleep``)."""
    started: list[subprocess.Popen[bytes]] = []

    def start(name: str) -> None:
        exe = tmp_path / "bin" / name
        exe.parent.mkdir(exist_ok=True)
        shutil.copy(shutil.which("sleep") or "/bin/sleep", exe)
        started.append(subprocess.Popen([str(exe), "300"]))
        comm = Path(f"/proc/{started[-1].pid}/comm")
        # exec has happened once the kernel reports the new name
        for _ in range(10_000):
            if comm.exists() and comm.read_text().strip() == name:
                return
        raise AssertionError(f"{name} did not start")

    yield start
    for proc in started:
        proc.terminate()
        proc.wait(timeout=10)
