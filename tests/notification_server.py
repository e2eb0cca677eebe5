"""A real notification server for the tests: dunst on a private D-Bus session bus.

dunst draws on the test's Xvfb display; ``dbus-monitor`` records every ``Notify`` call
and every ``ActionInvoked`` signal, which is what the desktop received, read back as a
second D-Bus client. A button is pressed the way a person with dunst does it: its
context menu (``dunstctl context``), whose ``dmenu`` is a script here that picks the
line the test asked for, so dunst itself emits ``ActionInvoked``.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.servers import wait_until

TOOLS = ("dbus-daemon", "dbus-monitor", "dunst", "dunstctl")

_DMENU = """#!/bin/sh
# dunst's context menu: the options on stdin, the chosen one on stdout.
cat > "$TRAYMON_TEST_MENU.in"
grep -F -- "$(cat "$TRAYMON_TEST_MENU")" "$TRAYMON_TEST_MENU.in" | head -n 1
"""

_DUNSTRC = """[global]
    dmenu = {dmenu}
    browser = /bin/false
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
"""

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
# No <servicedir>: a name asked for before dunst owns it must not start another dunst.

_STRING_START = re.compile(r'^\s+string "(.*)$')


@dataclass(frozen=True)
class Received:
    """One ``Notify`` call as the server got it."""

    app: str
    summary: str
    body: str
    actions: tuple[tuple[str, str], ...]  # (key, label)


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@dataclass
class NotificationServer:
    env: dict[str, str]
    folder: Path

    @property
    def monitor_log(self) -> Path:
        return self.folder / "monitor.txt"

    def received(self) -> list[Received]:
        """Every notification sent to the server so far, oldest first."""
        calls = self.monitor_log.read_text(encoding="utf-8", errors="replace").split("\n")
        found: list[Received] = []
        block: list[str] | None = None
        for line in [*calls, "method call end"]:
            if line.startswith(("method call", "signal", "method return", "error")):
                if block is not None:
                    found.append(_notify(block))
                block = [] if "member=Notify" in line else None
            elif block is not None:
                block.append(line)
        return found

    def invoked(self) -> list[str]:
        """The action keys dunst signalled (``ActionInvoked``), oldest first."""
        text = self.monitor_log.read_text(encoding="utf-8", errors="replace")
        return re.findall(r'member=ActionInvoked\n\s+uint32 \d+\n\s+string "(.*)"', text)

    def choose(self, line_start: str) -> None:
        """Open dunst's context menu and pick the option that begins with ``line_start``
        (``#Label (Summary`` for a button, ``# (Summary`` for the notification itself)."""
        (self.folder / "menu").write_text(line_start, encoding="utf-8")
        self.ctl("context")

    def ctl(self, *args: str) -> str:
        done = subprocess.run(
            ["dunstctl", *args], env=self.env, capture_output=True, text=True, timeout=10
        )
        return done.stdout.strip()


def _notify(block: list[str]) -> Received:
    """``Notify``'s arguments as dbus-monitor prints them: app, id, icon, summary, body,
    the actions array, hints; a string with a line break runs over several lines."""
    values: list[str | None] = []  # None marks the end of an array
    text: list[str] | None = None
    for line in block:
        if text is not None:
            text.append(line)
        elif (start := _STRING_START.match(line)) is not None:
            text = [start.group(1)]
        elif line.strip() == "]":
            values.append(None)
            continue
        else:
            continue
        if text[-1].endswith('"'):
            values.append("\n".join(text)[:-1])
            text = None
    app, _icon, summary, body, *rest = values
    actions = rest[: rest.index(None)]
    pairs = tuple(zip(actions[0::2], actions[1::2], strict=False))
    return Received(str(app), str(summary), str(body), pairs)  # type: ignore[arg-type]


@contextmanager
def notification_server(folder: Path, display: str) -> Iterator[NotificationServer]:
    """dunst and a recorder on a bus of their own; yields the environment an app needs."""
    folder.mkdir(parents=True, exist_ok=True)
    dmenu = folder / "dmenu.sh"
    dmenu.write_text(_DMENU, encoding="utf-8")
    dmenu.chmod(0o755)
    (folder / "dunstrc").write_text(_DUNSTRC.format(dmenu=dmenu), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DBUS_")}
    env.update(DISPLAY=display, TRAYMON_TEST_MENU=str(folder / "menu"))
    (folder / "bus.conf").write_text(_BUS_CONFIG.format(folder=folder), encoding="utf-8")
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={folder / 'bus.conf'}", "--nofork", "--print-address=1"],
        env=env, stdout=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    processes: list[subprocess.Popen[bytes]] = []
    try:
        assert bus.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        server = NotificationServer(env, folder)
        log = (folder / "dunst.log").open("wb")
        dunst = ["dunst", "-config", str(folder / "dunstrc")]
        processes.append(subprocess.Popen(dunst, env=env, stdout=log, stderr=log))
        assert wait_until(lambda: server.ctl("is-paused") in ("true", "false"), 10), (
            "dunst never answered on the bus"
        )
        monitor = server.monitor_log.open("wb")
        processes.append(
            subprocess.Popen(
                ["dbus-monitor", "--session",
                 "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
                 "type='signal',interface='org.freedesktop.Notifications'"],
                env=env, stdout=monitor, stderr=subprocess.DEVNULL,
            )
        )  # fmt: skip
        assert wait_until(lambda: "NameAcquired" in server.monitor_log.read_text(), 10)
        yield server
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
        os.killpg(bus.pid, signal.SIGTERM)
        bus.wait(10)
