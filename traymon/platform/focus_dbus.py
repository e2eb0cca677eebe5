"""The freedesktop notification server's own "do not disturb", read over D-Bus (no Qt).

Two properties on ``/org/freedesktop/Notifications``: the standard ``Inhibited`` (KDE
Plasma's Do Not Disturb, and every server that implements the 1.3 inhibition), and dunst's
``org.dunstproject.cmd0.paused`` (``dunstctl set-paused``). A server that has neither
answers an error, which reads as "not busy". Runs on the notifier's asyncio loop with one
connection of its own, opened at the first question (``dbus_fast`` loads with it).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from traymon.engine.focus import Focus

if TYPE_CHECKING:
    from dbus_fast.aio import MessageBus

_log = logging.getLogger(__name__)
_SERVER = "org.freedesktop.Notifications"
_PATH = "/org/freedesktop/Notifications"
#: (interface, property) pairs whose ``true`` means "do not disturb".
INHIBITIONS = (
    (_SERVER, "Inhibited"),
    ("org.dunstproject.cmd0", "paused"),
)
ASK_TIMEOUT_S = 1.0


class ServerInhibition:
    """Asks the session bus's notification server whether it holds pop-ups back."""

    def __init__(self) -> None:
        self._bus: MessageBus | None = None

    async def read(self) -> Focus | None:
        try:
            bus = await self._connect()
            answers = [await self._property(bus, i, p) for i, p in INHIBITIONS]
        except (OSError, TimeoutError, EOFError, ValueError) as exc:
            _log.debug("the notification server's inhibition is unknown: %s", exc)
            self.close()
            return None
        except Exception as exc:  # dbus_fast's own errors: never a lost notification
            _log.debug("the notification server's inhibition is unknown: %r", exc)
            self.close()
            return None
        return Focus.DO_NOT_DISTURB if any(answers) else None

    async def _connect(self) -> MessageBus:
        if self._bus is None or not self._bus.connected:
            from dbus_fast.aio import MessageBus

            self._bus = await asyncio.wait_for(MessageBus().connect(), ASK_TIMEOUT_S)
        return self._bus

    @staticmethod
    async def _property(bus: MessageBus, interface: str, name: str) -> bool:
        from dbus_fast import Message, MessageType

        message = Message(
            destination=_SERVER,
            path=_PATH,
            interface="org.freedesktop.DBus.Properties",
            member="Get",
            signature="ss",
            body=[interface, name],
        )
        reply = await asyncio.wait_for(bus.call(message), ASK_TIMEOUT_S)
        if reply is None or reply.message_type is not MessageType.METHOD_RETURN:
            return False  # no such property on this server
        value = reply.body[0].value if reply.body else False
        return value is True

    def close(self) -> None:
        if self._bus is not None:
            self._bus.disconnect()
            self._bus = None
