"""Whether a notification may be shown now: pause, quiet hours, the on/off switch.

Pure Python on purpose (no Qt): this is the seam where the engine's own noise
control (grouping, retries, pause kept across restarts) takes over. The tray
asks ``NotificationGate.allows(now)``; the menu calls ``pause``/``resume``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, time, timedelta

#: "Until tomorrow" ends at this local time the next day, not at midnight,
#: so an evening pause covers the night.
TOMORROW_MORNING = time(8, 0)


class PauseChoice(enum.Enum):
    ONE_HOUR = "1h"
    FOUR_HOURS = "4h"
    UNTIL_TOMORROW = "tomorrow"


def pause_end(choice: PauseChoice, now: datetime) -> datetime:
    """When a pause chosen at ``now`` (timezone-aware, local) ends."""
    if choice is PauseChoice.ONE_HOUR:
        return now + timedelta(hours=1)
    if choice is PauseChoice.FOUR_HOURS:
        return now + timedelta(hours=4)
    tomorrow = (now + timedelta(days=1)).date()
    return datetime.combine(tomorrow, TOMORROW_MORNING, tzinfo=now.tzinfo)


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily window in local time; may wrap past midnight (22:00–07:00)."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


class NotificationGate:
    """Holds the pause; ``allows`` answers for a given moment (the caller passes the clock)."""

    def __init__(self) -> None:
        self.enabled = True
        self.quiet_hours: QuietHours | None = None
        self.paused_until: datetime | None = None

    def pause(self, choice: PauseChoice, now: datetime) -> datetime:
        self.paused_until = pause_end(choice, now)
        return self.paused_until

    def resume(self) -> None:
        self.paused_until = None

    def is_paused(self, now: datetime) -> bool:
        return self.paused_until is not None and now < self.paused_until

    def allows(self, now: datetime) -> bool:
        if not self.enabled or self.is_paused(now):
            return False
        return self.quiet_hours is None or not self.quiet_hours.contains(now.time())
