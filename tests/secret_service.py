"""A real Secret Service for the tests: gnome-keyring-daemon on a private D-Bus session.

Started with ``dbus-run-session``; the login keyring is created unlocked with an empty
password. The empty line on its stdin matters: with no bytes at all the daemon asks a
graphical prompter, which fails without a display.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.servers import wait_until

_SCRIPT = (
    'echo "$DBUS_SESSION_BUS_ADDRESS"; '
    "echo | exec gnome-keyring-daemon --foreground --unlock --components=secrets"
)


def available() -> bool:
    return all(shutil.which(tool) for tool in ("dbus-run-session", "gnome-keyring-daemon"))


def _owned(env: dict[str, str]) -> bool:
    done = subprocess.run(
        [
            "dbus-send",
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.secrets",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    return "boolean true" in done.stdout


@contextmanager
def secret_service(folder: Path, base_env: dict[str, str]) -> Iterator[dict[str, str]]:
    """Yield an environment whose keyring is the real Secret Service."""
    env = dict(base_env)
    env["HOME"] = str(folder / "home")
    env["XDG_DATA_HOME"] = str(folder / "home" / ".local" / "share")
    env["XDG_RUNTIME_DIR"] = str(folder / "run")
    for key in ("HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    Path(env["XDG_RUNTIME_DIR"]).chmod(0o700)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    session = subprocess.Popen(
        ["dbus-run-session", "--", "sh", "-c", _SCRIPT],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group, ended as one below
    )
    try:
        assert session.stdout is not None
        address = session.stdout.readline().strip()
        assert address, "dbus-run-session printed no bus address"
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        assert wait_until(lambda: _owned(env), timeout_s=20), "the Secret Service never started"
        yield env
    finally:
        os.killpg(session.pid, signal.SIGTERM)
        session.wait(10)
