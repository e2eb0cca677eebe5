"""Whether the person must not be disturbed, as the desktop itself tells it (no Qt).

Asked only when a notification is about to pop up, and then every few seconds while one
is held (``gui/focus_hold.py``): a tray that tells nothing asks nothing. Each reader
answers a ``Focus`` or ``None`` ("not busy", or "this desktop cannot say"), never raises,
and is bounded in time; the D-Bus half (the notification server's own inhibition) is
``focus_dbus.py``, on the notifier's asyncio loop.

- Linux, X11: the active window (``_NET_ACTIVE_WINDOW``) in ``_NET_WM_STATE_FULLSCREEN``,
  read with ``xprop`` (two short reads; Qt has no API for another program's window).
  Wayland hides other windows' state on purpose: there only the DND readers answer.
- GNOME: ``org.gnome.desktop.notifications show-banners`` off is its Do Not Disturb.
- Windows: ``SHQueryUserNotificationState`` (presentation mode, full-screen and D3D apps,
  quiet time). Focus Assist is not in it; Windows itself keeps toasts back then.
- macOS: the Focus assertions file (``~/Library/DoNotDisturb/DB/Assertions.json``, macOS
  12 and later); the notification centre itself also holds Traymon's banners in Focus.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from traymon.engine.focus import Focus

_log = logging.getLogger(__name__)
#: One reader may take this long (a hung X server or dconf must not hold a notification).
READ_TIMEOUT_S = 1.5
#: ``(WINDOW): window id # 0x1400007`` as window managers set it; ``(CARDINAL) = 2097183``
#: where a tool set it as a number.
_WINDOW_ID = re.compile(r"(?:window id # |= *)(0x[0-9a-fA-F]+|[0-9]+)\b")
#: The macOS Focus file is small; a larger one is not the file we know.
_MAX_ASSERTIONS_BYTES = 1 << 20

# SHQueryUserNotificationState's QUERY_USER_NOTIFICATION_STATE values (shellapi.h).
QUNS_NOT_PRESENT = 1  # locked or away: Windows keeps the toast in the action centre
QUNS_BUSY = 2  # a full-screen application
QUNS_RUNNING_D3D_FULL_SCREEN = 3
QUNS_PRESENTATION_MODE = 4
QUNS_ACCEPTS_NOTIFICATIONS = 5
QUNS_QUIET_TIME = 6  # the first hour after a new user's first sign-in
QUNS_APP = 7  # a full-screen Store app

Runner = Callable[[list[str], Mapping[str, str]], str | None]


# -- what each answer means (pure) --------------------------------------------------------


def active_window(xprop_root: str) -> str | None:
    """The id in ``xprop -root _NET_ACTIVE_WINDOW``'s answer (``None``: no active window)."""
    found = _WINDOW_ID.search(xprop_root)
    if found is None:
        return None
    number = int(found.group(1), 0)
    return hex(number) if number else None


def is_full_screen(xprop_state: str) -> bool:
    """Whether ``xprop -id W _NET_WM_STATE`` lists the full-screen state."""
    _, _, atoms = xprop_state.partition("=")
    return "_NET_WM_STATE_FULLSCREEN" in (a.strip() for a in atoms.split(","))


def banners_off(gsettings_answer: str) -> bool:
    """``gsettings get org.gnome.desktop.notifications show-banners``: ``false`` is DND."""
    return gsettings_answer.strip() == "false"


def windows_focus(state: int) -> Focus | None:
    if state == QUNS_PRESENTATION_MODE:
        return Focus.PRESENTING
    if state in (QUNS_BUSY, QUNS_RUNNING_D3D_FULL_SCREEN, QUNS_APP):
        return Focus.FULL_SCREEN
    if state == QUNS_QUIET_TIME:
        return Focus.DO_NOT_DISTURB
    return None


def macos_focus_on(assertions: bytes) -> bool:
    """Whether the Focus assertions file holds an active assertion (a Focus is on)."""
    try:
        document = json.loads(assertions)
    except (ValueError, UnicodeDecodeError):
        return False
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, list):
        return False
    return any(
        isinstance(entry, dict) and bool(entry.get("storeAssertionRecords")) for entry in data
    )


# -- asking the desktop --------------------------------------------------------------------


def run_quietly(args: list[str], env: Mapping[str, str]) -> str | None:
    """A short command's output; ``None`` when it is missing, fails or takes too long."""
    if shutil.which(args[0], path=env.get("PATH")) is None:
        return None
    try:
        done = subprocess.run(
            args,
            capture_output=True,
            text=True,
            env=dict(env),
            timeout=READ_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        _log.debug("%s could not tell: %s", args[0], exc)
        return None
    return done.stdout if done.returncode == 0 else None


def x11_full_screen(env: Mapping[str, str], run: Runner = run_quietly) -> Focus | None:
    if not env.get("DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland":
        return None
    root = run(["xprop", "-root", "_NET_ACTIVE_WINDOW"], env)
    window = active_window(root or "")
    if window is None:
        return None
    state = run(["xprop", "-id", window, "_NET_WM_STATE"], env)
    return Focus.FULL_SCREEN if state is not None and is_full_screen(state) else None


def gnome_do_not_disturb(env: Mapping[str, str], run: Runner = run_quietly) -> Focus | None:
    if "GNOME" not in env.get("XDG_CURRENT_DESKTOP", "").upper():
        return None  # elsewhere the schema may exist and mean nothing
    answer = run(["gsettings", "get", "org.gnome.desktop.notifications", "show-banners"], env)
    return Focus.DO_NOT_DISTURB if answer is not None and banners_off(answer) else None


def windows_state() -> Focus | None:  # the call is Windows only (mocked in the tests)
    import ctypes

    state = ctypes.c_int(0)
    try:
        shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
        if shell32.SHQueryUserNotificationState(ctypes.byref(state)) != 0:
            return None
    except (AttributeError, OSError):
        return None
    return windows_focus(state.value)


def macos_state(home: Path) -> Focus | None:
    path = home / "Library" / "DoNotDisturb" / "DB" / "Assertions.json"
    try:
        with path.open("rb") as file:
            assertions = file.read(_MAX_ASSERTIONS_BYTES + 1)
    except OSError:
        return None  # older macOS, or no access to the file: the notification centre decides
    if len(assertions) > _MAX_ASSERTIONS_BYTES:
        return None
    return Focus.DO_NOT_DISTURB if macos_focus_on(assertions) else None


def read_desktop(env: Mapping[str, str] | None = None) -> list[Focus | None]:
    """What this OS's readers say, besides the notification server's D-Bus inhibition."""
    env = os.environ if env is None else env
    if sys.platform == "win32":
        return [windows_state()]
    if sys.platform == "darwin":
        return [macos_state(Path.home())]
    return [x11_full_screen(env), gnome_do_not_disturb(env)]
