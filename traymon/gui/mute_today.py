"""A notification's "Mute for today": the tray's own mute, lifted again at midnight.

The mute itself is the one the menu sets (the engine holds it, QSettings keeps it); this
keeps only when each such mute ends, across a restart, and says when one has. The timer
wakes at most every ``CHECK_EVERY_MS``, so a laptop asleep at midnight unmutes soon
after it wakes rather than a day late.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from traymon.clock import Now
from traymon.engine.noise import end_of_today

KEY = "notifications/muted_until"
CHECK_EVERY_MS = 10 * 60 * 1000


def _local_now() -> datetime:
    return datetime.now().astimezone()


class MuteToday(QObject):
    #: A service's mute for today has ended (the session unmutes it).
    ended = Signal(str)

    def __init__(
        self, settings: QSettings, clock: Now = _local_now, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._clock = clock
        self.until: dict[str, datetime] = self._stored()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)

    def mute(self, service_id: str) -> datetime:
        """Muted until the next local midnight; returns when that is."""
        until = end_of_today(self._clock())
        self.until[service_id] = until
        self._store()
        self.check()
        return until

    def forget(self, service_id: str) -> None:
        """The person unmuted it (or muted it for good) from the menu."""
        if self.until.pop(service_id, None) is not None:
            self._store()

    def check(self) -> None:
        """End the mutes that are due; wake again for the next one."""
        now = self._clock()
        for service_id in [s for s, until in self.until.items() if until <= now]:
            del self.until[service_id]
            self._store()
            self.ended.emit(service_id)
        if self.until:
            next_ms = (min(self.until.values()) - now).total_seconds() * 1000
            self._timer.start(max(1, min(int(next_ms) + 1, CHECK_EVERY_MS)))
        else:
            self._timer.stop()

    def _stored(self) -> dict[str, datetime]:
        found: dict[str, datetime] = {}
        for pair in str(self._settings.value(KEY, "") or "").split(","):
            service_id, _, at = pair.partition("=")
            try:
                moment = datetime.fromisoformat(at)
            except ValueError:
                continue
            if service_id and moment.tzinfo is not None:
                found[service_id] = moment
        return found

    def _store(self) -> None:
        pairs = (f"{s}={u.isoformat()}" for s, u in sorted(self.until.items()))
        self._settings.setValue(KEY, ",".join(pairs))
        self._settings.sync()
