"""The menu's pause choices and the quiet-hours value the settings dialog edits.

Pure Python (no Qt). Whether a notification is shown is decided by the engine's
``AlertPolicy`` (pause, mute, quiet hours, on/off): the GUI hands it these values.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from traymon.engine.noise import pause_until_tomorrow


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
    return pause_until_tomorrow(now)  # the engine's one meaning: 08:00 local, next day


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily window in local time; may wrap past midnight (22:00–07:00)."""

    start: time
    end: time

    def as_tuple(self) -> tuple[time, time]:
        """The engine's form (``NotificationConfig.quiet_hours``)."""
        return (self.start, self.end)
