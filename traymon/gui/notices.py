"""The engine's notification in the person's language: title, body, where a click leads.

The engine decides what deserves a pop-up and what goes together (noise control,
grouping, mute, pause, quiet hours); this module only words its events through
Qt's translator (the engine's own English title and body are the fallback for
an event list it did not send) and picks the service a click opens.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from traymon.engine.events import Notification, TransitionEvent
from traymon.gui.wording import state_label, triage_sentence
from traymon.model import Status
from traymon.viewmodel import ServiceView

_MAX_LINES = 4  # a notification is a glance; the window has the rest


@dataclass(frozen=True, slots=True)
class GroupedMessage:
    title: str
    body: str
    #: The service the window opens at when the message is clicked.
    focus_service_id: str
    #: The worst state among the message's services (for the message's own icon).
    worst: Status = Status.UNKNOWN


def message_for(
    notification: Notification, vendors: dict[str, str] | None = None
) -> GroupedMessage:
    """The engine's events, worst first, in the desktop's language; a click opens the worst."""
    events = sorted(notification.events, key=lambda e: e.new.severity, reverse=True)
    if not events:
        return GroupedMessage(notification.title, notification.body, "")
    vendors = vendors or {}
    lines = [_line(e, vendors.get(e.service_id) or e.vendor) for e in events[:_MAX_LINES]]
    if len(events) > _MAX_LINES:
        more = QCoreApplication.translate("Notices", "… and {n} more")
        lines.append(more.format(n=len(events) - _MAX_LINES))
    if len(events) == 1:
        title = QCoreApplication.translate("Notices", "Traymon: {name} — {state}").format(
            name=events[0].name, state=state_label(events[0].new)
        )
    else:
        title = QCoreApplication.translate("Notices", "Traymon: {n} services changed").format(
            n=len(events)
        )
    return GroupedMessage(title, "\n".join(lines), events[0].service_id, events[0].new)


def _line(event: TransitionEvent, vendor: str) -> str:
    if event.is_recovery:
        return QCoreApplication.translate("Notices", "{name}: working again").format(
            name=event.name
        )
    view = ServiceView(
        event.service_id, event.name, event.new, event.triage, "", event.at,
        vendor=vendor,
    )  # fmt: skip
    return triage_sentence(view)
