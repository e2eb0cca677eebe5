"""Which buttons a notification offers: what the situation lets the person do (no Qt).

The GUI words them and does them (``gui/native_notify.py``, ``gui/session.py``); this
only decides, so the choice is tested without a desktop. A click on the notification's
body always opens the window on the service it is about.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from traymon.engine.events import CatchUpKind, Notification
from traymon.model import Status, Triage


class NotifyAction(enum.Enum):
    WEBMAIL = "webmail"  # IT's backup webmail (continuity.webmail_url)
    SWITCH_MAIL = "switch_mail"  # the mail client to the backup account, now
    DETAILS = "details"  # the window, on this service
    MUTE_TODAY = "mute_today"  # no more pop-ups about this service until tomorrow


@dataclass(frozen=True, slots=True)
class Situation:
    """What is known of the one service a notification is about."""

    service_id: str
    #: It is in trouble now (not a recovery, not good news in a catch-up).
    problem: bool
    status: Status = Status.UNKNOWN
    triage: Triage | None = None
    #: IT's backup webmail for this service in this state (``None``: none offered).
    webmail_url: str | None = None
    #: The mail switch could move the person's client to the backup now.
    can_switch: bool = False
    muted: bool = False


def situation_of(notification: Notification, service_id: str) -> Situation:
    """The facts a notification itself carries about ``service_id`` (the rest is the GUI's)."""
    for event in notification.events:
        if event.service_id == service_id:
            return Situation(service_id, event.is_problem, event.new, event.triage)
    if notification.catch_up is not None:
        for line in notification.catch_up.lines:
            if line.service_id == service_id:
                return Situation(
                    service_id, line.kind is CatchUpKind.STILL, line.status, line.triage
                )
    return Situation(service_id, problem=False)


NotifyActions = tuple[NotifyAction, ...]


def offered(situation: Situation) -> NotifyActions:
    """The buttons, the way out of the trouble first; at most four (Windows shows five)."""
    if not situation.service_id:
        return ()
    actions: list[NotifyAction] = []
    if situation.problem and situation.webmail_url:
        actions.append(NotifyAction.WEBMAIL)
    if situation.problem and situation.can_switch:
        actions.append(NotifyAction.SWITCH_MAIL)
    actions.append(NotifyAction.DETAILS)
    if situation.problem and not situation.muted:
        actions.append(NotifyAction.MUTE_TODAY)
    return tuple(actions)
