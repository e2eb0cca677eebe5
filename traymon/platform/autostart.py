"""Start Traymon when the person logs in: one interface, one implementation per OS.

- Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/traymon.desktop``.
- macOS: a LaunchAgent plist in ``~/Library/LaunchAgents``.
- Windows: the ``Traymon`` value under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.

Each takes the place it writes to as an argument, so tests point it at a
temporary folder (or, for the registry, an object with winreg's shape).
"""

from __future__ import annotations

import os
import plistlib
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from traymon import identity
from traymon.platform.macos import PlistError, read_plist
from traymon.settings_files import read_settings_text

APP_ID = "traymon"
LAUNCH_AGENT_LABEL = identity.USER_LAUNCH_AGENT_LABEL
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = identity.WINDOWS_RUN_VALUE


class Autostart(Protocol):
    def is_enabled(self) -> bool: ...
    def enable(self, command: Sequence[str]) -> None: ...
    def disable(self) -> None: ...


def launch_command() -> list[str]:
    """How to start this installation: the frozen executable, or this Python with ``-m traymon``."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", APP_ID]


class XdgAutostart:
    def __init__(self, config_home: Path | None = None) -> None:
        base = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        self.path = base / "autostart" / f"{APP_ID}.desktop"

    def is_enabled(self) -> bool:
        try:
            text = read_settings_text(self.path)  # a named pipe here must not hang the dialog
        except (OSError, UnicodeDecodeError):
            return False
        return "Hidden=true" not in text and "X-GNOME-Autostart-enabled=false" not in text

    def enable(self, command: Sequence[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Desktop Entry Exec quoting: each argument quoted, like a shell would read it.
        exec_line = " ".join(shlex.quote(part) for part in command)
        self.path.write_text(
            "[Desktop Entry]\n"
            "Type=Application\n"
            "Name=Traymon\n"
            "Comment=Shows how your company's cloud services are doing\n"
            f"Exec={exec_line}\n"
            "Terminal=false\n"
            "X-GNOME-Autostart-enabled=true\n",
            encoding="utf-8",
        )

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


class MacLaunchAgent:
    def __init__(self, home: Path | None = None) -> None:
        self.path = (
            (home or Path.home()) / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
        )

    def is_enabled(self) -> bool:
        try:
            agent = read_plist(self.path)  # damaged or not a file: not ours, so not enabled
        except (OSError, PlistError):
            return False
        return isinstance(agent, dict) and bool(agent.get("RunAtLoad"))

    def enable(self, command: Sequence[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        agent = {
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
        with self.path.open("wb") as handle:
            plistlib.dump(agent, handle)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


class WindowsRunKey:
    """The HKCU Run value; ``registry`` is the ``winreg`` module (a stand-in in tests)."""

    def __init__(self, registry: Any = None) -> None:
        if registry is None:
            import winreg  # only exists on Windows

            registry = winreg
        self._reg = registry

    def is_enabled(self) -> bool:
        try:
            with self._reg.OpenKey(self._reg.HKEY_CURRENT_USER, RUN_KEY) as key:
                self._reg.QueryValueEx(key, RUN_VALUE)
                return True
        except OSError:
            return False

    def enable(self, command: Sequence[str]) -> None:
        value = " ".join(f'"{part}"' if " " in part else part for part in command)
        with self._reg.CreateKey(self._reg.HKEY_CURRENT_USER, RUN_KEY) as key:
            self._reg.SetValueEx(key, RUN_VALUE, 0, self._reg.REG_SZ, value)

    def disable(self) -> None:
        try:
            with self._reg.OpenKey(
                self._reg.HKEY_CURRENT_USER, RUN_KEY, 0, self._reg.KEY_SET_VALUE
            ) as key:
                self._reg.DeleteValue(key, RUN_VALUE)
        except OSError:
            pass  # already absent


def autostart_for(platform: str = sys.platform) -> Autostart:
    if platform == "win32":
        return WindowsRunKey()
    if platform == "darwin":
        return MacLaunchAgent()
    return XdgAutostart()
