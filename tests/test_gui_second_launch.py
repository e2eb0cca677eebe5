"""A second launch of the real ``traymon`` says its window came forward only when it did.

The first instance is the real guard in this process (its GUI thread is the test's Qt loop,
which keeps running while the second launch waits); the second is the installed command.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from multiprocessing.connection import Listener
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from traymon.gui.single_instance import SingleInstance

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)

FORWARD = "brought forward"


@pytest.fixture
def env(isolated_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """The isolated environment with a runtime folder short enough for a Unix socket."""
    folder = Path(tempfile.mkdtemp(prefix="rt-"))
    folder.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield {**isolated_env, "XDG_RUNTIME_DIR": str(folder)}
    shutil.rmtree(folder, ignore_errors=True)


def _second_launch(qtbot: QtBot, env: dict[str, str]) -> tuple[int, str]:
    """Run ``traymon`` while this process's Qt loop serves the first instance."""
    command = [str(Path(sys.executable).parent / "traymon")]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=60_000)
    finally:
        if process.poll() is None:
            process.kill()
    _, stderr = process.communicate(timeout=10)
    return process.returncode, stderr


def test_brought_forward_when_the_first_instance_showed_its_window(
    qtbot: QtBot, env: dict[str, str]
) -> None:
    first = SingleInstance()
    assert first.claim()
    shown: list[bool] = []
    first.show_requested.connect(lambda: shown.append(True))
    try:
        code, said = _second_launch(qtbot, env)
    finally:
        first.release()
    assert code == 0, said
    assert shown == [True]
    assert "Traymon is already running; its window has been brought forward." in said, said
    assert "Traceback" not in said


def test_not_brought_forward_while_the_first_is_still_starting(
    qtbot: QtBot, env: dict[str, str]
) -> None:
    """Claimed, but nothing shows a window yet (the first launch is waiting for a tray)."""
    first = SingleInstance()
    assert first.claim()
    try:
        code, said = _second_launch(qtbot, env)
    finally:
        first.release()
    assert code == 0, said
    assert FORWARD not in said, said
    assert "Traymon is already running and still starting" in said, said


def test_not_brought_forward_when_the_first_does_not_answer(
    qtbot: QtBot, env: dict[str, str]
) -> None:
    """Something holds the address but never accepts (a hung first instance)."""
    address = SingleInstance().address
    assert address is not None
    with socket.socket(socket.AF_UNIX) as hung:
        hung.bind(address)
        hung.listen()
        code, said = _second_launch(qtbot, env)
    assert code == 0, said
    assert FORWARD not in said, said
    assert "did not answer" in said, said


def test_not_brought_forward_by_a_first_instance_that_only_listens(
    qtbot: QtBot, env: dict[str, str]
) -> None:
    """An instance that takes the request but confirms nothing (an older Traymon, say)."""
    guard = SingleInstance()
    assert guard.address is not None
    key = (Path(env["XDG_RUNTIME_DIR"]) / "traymon" / "instance.key").read_bytes()
    heard: list[bytes] = []
    with Listener(guard.address, authkey=key) as listener:

        def serve() -> None:
            with listener.accept() as connection:
                heard.append(connection.recv_bytes(64))

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        code, said = _second_launch(qtbot, env)
        thread.join(5)
    assert heard == [b"show"]
    assert code == 0, said
    assert FORWARD not in said, said
    assert "did not confirm that its window came forward" in said, said
