"""The engine's notification as the tray shows it: title, body, and where a click leads.

The engine decides what deserves a pop-up (noise control, grouping, mute, pause,
quiet hours); this module only picks the service the window opens at.
"""

from __future__ import annotations

from dataclasses import dataclass

from traymon.engine.events import Notification
from traymon.model import Status


@dataclass(frozen=True, slots=True)
class GroupedMessage:
    title: str
    body: str
    #: The service the window opens at when the message is clicked.
    focus_service_id: str
    #: The worst state among the message's services (for the message's own icon).
    worst: Status = Status.UNKNOWN


def message_for(notification: Notification) -> GroupedMessage:
    """The worst change in ``notification`` is the one a click opens."""
    events = sorted(notification.events, key=lambda e: e.new.severity, reverse=True)
    focus = events[0].service_id if events else ""
    worst = events[0].new if events else Status.UNKNOWN
    return GroupedMessage(notification.title, notification.body, focus, worst)
