"""Which state changes deserve a notification, and one grouped message for several.

Until the engine sends its own decisions (transition events with retries), the
GUI derives them here: a service whose known state changed. The first answer
after start is not a change, even when it differs from the last run's state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from traymon.gui.wording import state_label, triage_sentence
from traymon.model import Status
from traymon.viewmodel import ServiceView

_MAX_LINES = 4  # a notification is a glance; the window has the rest


@dataclass(frozen=True, slots=True)
class Notice:
    service_id: str
    previous: Status
    view: ServiceView

    @property
    def is_recovery(self) -> bool:
        return self.view.status.severity < self.previous.severity


@dataclass(frozen=True, slots=True)
class GroupedMessage:
    title: str
    body: str
    #: The service the window opens at when the message is clicked.
    focus_service_id: str


def notice_for(previous: ServiceView | None, current: ServiceView) -> Notice | None:
    """A notice when a known state became another known state."""
    if previous is None or previous.is_stale or current.is_stale:
        return None  # the first answer of this run is not news, even if it differs
    if Status.UNKNOWN in (previous.status, current.status):
        return None  # "could not ask" is not news; the icon shows it
    if previous.status is current.status:
        return None
    return Notice(current.service_id, previous.status, current)


def group(notices: Sequence[Notice]) -> GroupedMessage | None:
    """One message for everything that changed together, worst first."""
    if not notices:
        return None
    ordered = sorted(notices, key=lambda n: n.view.status.severity, reverse=True)
    lines = [_line(n) for n in ordered[:_MAX_LINES]]
    if len(ordered) > _MAX_LINES:
        more = QCoreApplication.translate("Notices", "… and {n} more")
        lines.append(more.format(n=len(ordered) - _MAX_LINES))
    if len(ordered) == 1:
        title = QCoreApplication.translate("Notices", "Traymon: {name} — {state}").format(
            name=ordered[0].view.name, state=state_label(ordered[0].view.status)
        )
    else:
        title = QCoreApplication.translate("Notices", "Traymon: {n} services changed").format(
            n=len(ordered)
        )
    return GroupedMessage(title, "\n".join(lines), ordered[0].service_id)


def _line(notice: Notice) -> str:
    if notice.is_recovery and notice.view.status is Status.OPERATIONAL:
        return QCoreApplication.translate("Notices", "{name}: working again").format(
            name=notice.view.name
        )
    return triage_sentence(notice.view)
