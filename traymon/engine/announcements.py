"""IT's announcements through the company relay, told once each as a notification (pure).

An announcement does not change a service's state, so no transition would ever tell
it; this remembers which ones were told (bounded) and hands the new ones over. One
kept back by a pause, quiet hours or a mute is not marked told, so it is told at the
first check after the silence, while it is still in force.
"""

from __future__ import annotations

from collections import OrderedDict

from traymon.engine.events import Notification
from traymon.model import CheckResult
from traymon.sources.relay import ANNOUNCEMENT_STATUS, RelaySource

MAX_REMEMBERED = 256


class AnnouncementWatch:
    def __init__(self) -> None:
        self._told: OrderedDict[tuple[str, str], None] = OrderedDict()

    def news(self, result: CheckResult) -> list[Notification]:
        """The announcements in ``result`` not told yet (call ``told`` once shown)."""
        if result.kind != RelaySource.kind:
            return []
        return [
            Notification(result.name, incident.title, ())
            for incident in result.incidents
            if incident.status == ANNOUNCEMENT_STATUS
            and (result.service_id, incident.title) not in self._told
        ]

    def told(self, service_id: str, notification: Notification) -> None:
        self._told[(service_id, notification.body)] = None
        while len(self._told) > MAX_REMEMBERED:
            self._told.popitem(last=False)
