"""IT's announcements through the company relay, told once each as a notification.

An announcement does not change a service's state, so no transition would ever tell
it; this remembers which ones were told and hands the new ones over. "Once" is per
announcement (the declaration's id), not per service: two relay services reading the
same document tell it once, and a restart does not tell it again (the told ids are
kept in a small file, ``traymon.relay.told``). One kept back by a pause, quiet hours
or a mute is not marked told, so it is told at the first check after the silence,
while it is still in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from traymon.engine.events import Announcement, Notification
from traymon.model import CheckResult
from traymon.relay.told import ToldAnnouncements, default_store
from traymon.sources.relay import it_announcements


@dataclass(frozen=True, slots=True)
class News:
    """One announcement not told yet: what to show, and what to remember once shown."""

    key: str
    ends_at: datetime | None
    notification: Notification


class AnnouncementWatch:
    def __init__(self, store: ToldAnnouncements | None = None) -> None:
        self._store = store
        self._told: set[str] | None = None  # read from the store at the first announcement

    def news(self, result: CheckResult) -> list[News]:
        """The announcements in ``result`` not told yet (call ``told`` once shown)."""
        said = it_announcements(result)
        if not said:
            return []  # no file is read for services that carry no announcement
        told = self._known()
        found = []
        for incident in said:
            key = incident.ref or f"{result.service_id}|{incident.title}"
            if key not in told:
                said_by_it = Announcement(result.name, incident.title)
                found.append(News(key, incident.ends_at, Notification(announcement=said_by_it)))
        return found

    def told(self, news: News, now: datetime) -> None:
        self._known().add(news.key)
        self._file().add(news.key, news.ends_at, now)

    def _known(self) -> set[str]:
        if self._told is None:
            self._told = self._file().keys()
        return self._told

    def _file(self) -> ToldAnnouncements:
        if self._store is None:
            self._store = default_store()
        return self._store
