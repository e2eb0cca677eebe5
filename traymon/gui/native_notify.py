"""Every pop-up of the tray: the person's focus first, then the desktop's own notification
with buttons, else Qt's tray balloon.

desktop-notifier (``platform/native_notifier.py``) and the focus readers run on one asyncio
loop of their own, on a daemon thread started with the first notification: the engine's
loop is restarted with every change of settings and must not wait for a notification
server, and the GUI thread never does. Answers cross back as queued signals. While a
notification is held (the person presents, runs a full-screen app or has Do Not Disturb
on), the focus is read again every ``FOCUS_POLL_MS`` (after a minute, every
``FOCUS_POLL_LATER_MS``); nothing is polled otherwise.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import threading
from collections.abc import Coroutine, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from traymon.engine.events import Notification
from traymon.engine.focus import FREE, FocusReading, must_hold, reading, urgent
from traymon.gui.notices import GroupedMessage
from traymon.notify_actions import NotifyAction
from traymon.platform.native_notifier import CLICKED, Button, NativeNotifier, native_possible

_log = logging.getLogger(__name__)
#: While something is held, how often the desktop is asked whether focus has ended: soon
#: at first (a short call, a quick look away), then less often (a morning in DND).
FOCUS_POLL_MS = 3000
FOCUS_POLL_LATER_MS = 15_000
_QUICK_POLLS = 20
#: Notifications whose buttons are still answered (older ones are long off the screen).
_KEPT_TOKENS = 32


def action_label(action: NotifyAction) -> str:
    if action is NotifyAction.WEBMAIL:
        return QCoreApplication.translate("Notices", "Open backup webmail")
    if action is NotifyAction.SWITCH_MAIL:
        return QCoreApplication.translate("Notices", "Switch mail")
    if action is NotifyAction.DETAILS:
        return QCoreApplication.translate("Notices", "Details")
    return QCoreApplication.translate("Notices", "Mute for today")


class _LoopThread:
    """One asyncio loop on a daemon thread, started at the first job."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()

    def submit(self, job: Coroutine[Any, Any, None]) -> None:
        asyncio.run_coroutine_threadsafe(job, self._running())

    def _running(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                threading.Thread(
                    target=loop.run_forever, name="traymon-notify", daemon=True
                ).start()
                self._loop = loop
            return self._loop


class DesktopNotices(QObject):
    """Shows what the engine and the mail switch tell, as the desktop and the person allow."""

    #: A button (a ``NotifyAction`` value) or the body (``""``) of a notification, with the
    #: service it is about.
    action_chosen = Signal(str, str)
    #: Not shown: the person is busy; the engine holds its changes for the catch-up.
    held = Signal(object, object)  # Notification, FocusReading
    #: The focus as last read, when it changed while watched (free again: the catch-up).
    focus_changed = Signal(object)  # FocusReading
    #: Shown as the desktop's own notification (``"native"``) or Qt's balloon.
    shown = Signal(object, str)  # GroupedMessage, how
    _to_balloon = Signal(object)
    _sent = Signal(object)
    _held = Signal(object, object)
    _read = Signal(object)
    _pressed = Signal(str, str)

    def __init__(
        self,
        balloon: Any,
        parent: QObject | None = None,
        *,
        native: bool | None = None,
        poll_ms: int = FOCUS_POLL_MS,
    ) -> None:
        """``balloon``: shows a ``GroupedMessage`` as Qt's tray balloon (the fallback)."""
        super().__init__(parent)
        self._balloon = balloon
        self._native_wanted = native_possible() if native is None else native
        self._thread = _LoopThread()
        self._notifier: NativeNotifier | None = None  # made on the loop, at first use
        self._inhibition: Any = None
        self._tokens: dict[str, str] = {}
        self._counter = itertools.count(1)
        self.focus: FocusReading = FREE
        self._poll_ms = poll_ms
        self._polls = 0
        self._watch = QTimer(self)
        self._watch.setInterval(poll_ms)
        self._watch.timeout.connect(self.read_focus)
        self._to_balloon.connect(self._show_balloon)
        self._sent.connect(lambda message: self.shown.emit(message, "native"))
        self._held.connect(self._on_held)
        self._read.connect(self._on_read)
        self._pressed.connect(self._on_pressed)

    # -- the GUI thread ---------------------------------------------------------------

    def deliver(
        self,
        message: GroupedMessage,
        actions: Sequence[NotifyAction] = (),
        notification: Notification | None = None,
    ) -> None:
        """Show ``message`` unless the person is busy and it may wait (``notification``:
        the engine's, held for its catch-up; without one the message is urgent: the mail
        switch's news, said because the person or IT acted)."""
        token = str(next(self._counter))
        self._tokens[token] = message.focus_service_id
        while len(self._tokens) > _KEPT_TOKENS:
            del self._tokens[next(iter(self._tokens))]
        buttons = [Button(a.value, action_label(a)) for a in actions]
        self._thread.submit(self._deliver(token, message, buttons, notification))

    def read_focus(self) -> None:
        self._thread.submit(self._read_and_tell())

    def _show_balloon(self, message: GroupedMessage) -> None:
        self._balloon(message)
        self.shown.emit(message, "balloon")

    def _on_held(self, notification: Notification, focus: FocusReading) -> None:
        self.focus = focus
        held = ", ".join(e.service_id for e in notification.events) or "a catch-up"
        _log.info("held back (%s): %s", focus.main.value if focus.main else "", held)
        self.held.emit(notification, focus)
        if not self._watch.isActive():
            self._polls = 0
            self._watch.start(self._poll_ms)

    def _on_read(self, focus: FocusReading) -> None:
        self._polls += 1
        if self._polls == _QUICK_POLLS and self._watch.isActive():
            self._watch.setInterval(max(self._poll_ms, FOCUS_POLL_LATER_MS))
        if focus == self.focus:
            return
        self.focus = focus
        if not focus.busy:
            self._watch.stop()
            _log.info("focus ended: the catch-up is due")
        self.focus_changed.emit(focus)

    def _on_pressed(self, token: str, key: str) -> None:
        service_id = self._tokens.get(token)
        if service_id is None:
            return  # an old notification's button, or one not ours
        _log.info("notification action %r for %r", key or "clicked", service_id)
        self.action_chosen.emit(key, service_id)

    # -- the notifier's loop thread -------------------------------------------------------

    async def _deliver(
        self,
        token: str,
        message: GroupedMessage,
        buttons: Sequence[Button],
        notification: Notification | None,
    ) -> None:
        try:
            if notification is not None:
                focus = await self._focus_now()
                if must_hold(notification, focus):
                    self._held.emit(notification, focus)
                    return
            # IT's declaration stays on screen until the person has seen it.
            critical = notification is not None and urgent(notification)
            if self._native_wanted and await self._native().send(
                token, message.title, message.body, buttons, urgent=critical
            ):
                self._sent.emit(message)
                return
        except Exception:  # never a lost notification: the balloon says it
            _log.exception("the native notification failed")
        self._to_balloon.emit(message)

    async def _read_and_tell(self) -> None:
        self._read.emit(await self._focus_now())

    async def _focus_now(self) -> FocusReading:
        from traymon.platform.focus import read_desktop

        found = await asyncio.to_thread(read_desktop)
        if self._native_wanted and os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            if self._inhibition is None:
                from traymon.platform.focus_dbus import ServerInhibition

                self._inhibition = ServerInhibition()
            found.append(await self._inhibition.read())
        return reading(found)

    def _native(self) -> NativeNotifier:
        if self._notifier is None:
            self._notifier = NativeNotifier("Traymon", None, self._pressed.emit)
        return self._notifier


__all__ = ["CLICKED", "DesktopNotices", "action_label"]
