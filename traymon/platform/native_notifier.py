"""The desktop's own notifications with buttons, through desktop-notifier (no Qt).

Windows toasts, the macOS notification centre and freedesktop D-Bus servers (GNOME, KDE,
dunst…) behind one API. desktop-notifier is asyncio-based: this runs on a loop of its own
(``gui/native_notify.py`` owns the thread), so the GUI thread never waits for a server,
and the library loads only with the first notification. A notification that could not be
handed to the desktop returns ``False``: the caller shows Qt's tray balloon instead.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from traymon.identity import APP_USER_MODEL_ID

if TYPE_CHECKING:
    from desktop_notifier import DesktopNotifier

_log = logging.getLogger(__name__)
#: A body click (the notification itself, not one of its buttons).
CLICKED = ""

#: (token, button key or CLICKED); called on the notifier's loop thread.
ActionCallback = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class Button:
    key: str
    label: str


def native_possible(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> bool:
    """Whether this desktop can have native notifications at all (cheap, nothing loaded).

    Linux needs a session bus; without one (a bare X session, a test) the library would
    guess at one, and Qt's balloon is the honest choice. macOS' notification centre takes
    only an app bundle's notifications.
    """
    env = os.environ if env is None else env
    if env.get("TRAYMON_NATIVE_NOTIFICATIONS") == "0":
        return False
    if platform.startswith("linux"):
        return bool(env.get("DBUS_SESSION_BUS_ADDRESS"))
    if platform == "darwin":
        return ".app/Contents/" in sys.executable
    return platform == "win32"


class NativeNotifier:
    """Sends notifications with buttons; the person's choice comes back as ``on_action``."""

    def __init__(self, app_name: str, icon: Path | None, on_action: ActionCallback) -> None:
        self._app_name = app_name
        self._icon = icon
        self._on_action = on_action
        self._notifier: DesktopNotifier | None = None
        self.broken = False  # the library failed to start: every later one is a balloon

    async def send(
        self, token: str, title: str, body: str, buttons: Sequence[Button], urgent: bool
    ) -> bool:
        """Hand one notification to the desktop; ``False`` if it did not take it."""
        if self.broken:
            return False
        try:
            notifier = self._load()
            from desktop_notifier import Button as LibButton
            from desktop_notifier import Notification, Urgency

            dispatched: list[bool] = []
            note = Notification(
                title,
                body,
                urgency=Urgency.Critical if urgent else Urgency.Normal,
                buttons=tuple(
                    LibButton(b.label, self._pressed(token, b.key), identifier=b.key)
                    for b in buttons
                ),
                on_clicked=self._pressed(token, CLICKED),
                on_dispatched=lambda: dispatched.append(True),
            )
            await notifier.send_notification(note)
        except Exception:  # an import or a platform failure: the balloon, from now on
            _log.warning("native notifications are unavailable", exc_info=True)
            self.broken = True
            return False
        # The library logs and swallows a server's refusal; "dispatched" is its success.
        return bool(dispatched)

    def _pressed(self, token: str, key: str) -> Callable[[], None]:
        return lambda: self._on_action(token, key)

    def _load(self) -> DesktopNotifier:
        if self._notifier is None:
            from desktop_notifier import DesktopNotifier, Icon

            icon = Icon(path=self._icon) if self._icon is not None else None
            # Windows: the library takes the name as the toasts' AppUserModelID; it must be
            # the one on the MSI's Start-menu shortcut, and the name shown stays "Traymon".
            app_id = APP_USER_MODEL_ID if sys.platform == "win32" else self._app_name
            self._notifier = DesktopNotifier(app_name=app_id, app_icon=icon)
            if sys.platform == "win32":  # pragma: no cover - Windows only
                from desktop_notifier.backends.winrt import register_hkey

                register_hkey(app_id=app_id, app_name=self._app_name, app_icon=icon)
            backend = type(self._notifier._backend).__name__
            if backend == "DummyNotificationCenter":  # no real centre on this platform
                raise RuntimeError("desktop-notifier has no backend on this platform")
        return self._notifier
