"""When the current silence began, so a restart can rebuild what it held back from history.

A catch-up is kept in memory while Traymon runs (``catchup.py``); after a restart
(logout, reboot, crash) during a pause or quiet hours the engine rebuilds it from
the transitions history has on disk since the silence began. A pause's start is
kept with its end (the GUI stores both); quiet hours' start follows from their
window. A pause and quiet hours that meet or overlap make one silence, as they
do for a running engine, which catches up only once neither holds.

Pure: times are passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime, time, timedelta

from traymon.engine.events import Silence, TransitionEvent

#: Windows followed back in time at most; more than a "pause until tomorrow" can chain.
_MAX_STEPS = 8
_TICK = timedelta(microseconds=1)

Window = tuple[datetime, datetime]


def quiet_window(at: datetime, quiet_hours: tuple[time, time]) -> Window | None:
    """The quiet-hours window (start, end) holding ``at``, in local time; ``None`` outside.

    Each end gets the UTC offset of its own moment (a naive local time made aware), so a
    night that spans a daylight-saving change starts at 22:00 of its own evening.
    """
    start, end = quiet_hours
    if start == end:
        return None  # an empty window, as the alert policy reads it
    local = at.astimezone()
    for days_back in (1, 0):
        day = local.date() - timedelta(days=days_back)
        begins = datetime.combine(day, start)
        ends = datetime.combine(day, end)
        if end < start:
            ends += timedelta(days=1)  # 22:00–07:00 ends the next morning
        window = begins.astimezone(), ends.astimezone()
        if window[0] <= at < window[1]:
            return window
    return None


def reason_at(
    at: datetime, pause: Window | None, quiet_hours: tuple[time, time] | None
) -> Silence | None:
    """Why notifications were held back at ``at`` (a pause wins, as in the alert policy)."""
    if pause is not None and pause[0] <= at < pause[1]:
        return Silence.PAUSED
    if quiet_hours is not None and quiet_window(at, quiet_hours) is not None:
        return Silence.QUIET_HOURS
    return None


def silence_began(
    now: datetime, pause: Window | None, quiet_hours: tuple[time, time] | None
) -> datetime | None:
    """When the unbroken silence holding ``now`` began: a pause, quiet hours, or both back
    to back (quiet hours 22:00–07:00 and at 06:30 a pause until 08:00 began at 22:00).
    ``None`` when neither holds at ``now``."""

    def windows(at: datetime) -> list[Window]:
        found = [pause] if pause is not None and pause[0] <= at < pause[1] else []
        if quiet_hours is not None and (quiet := quiet_window(at, quiet_hours)) is not None:
            found.append(quiet)
        return found

    holding = windows(now)
    if not holding:
        return None
    began = min(w[0] for w in holding)
    for _ in range(_MAX_STEPS):
        earlier = windows(began - _TICK)  # a window ending just as this one began
        if not earlier:
            break
        began = min(w[0] for w in earlier)
    return began


def with_old_triage(
    events: Iterable[TransitionEvent], before: Mapping[str, TransitionEvent]
) -> list[TransitionEvent]:
    """History keeps each transition's new triage only; the old one is the triage of the
    service's previous transition (``before``: each service's last one before ``events``),
    when that ended in the state this one starts from."""
    last = dict(before)
    filled = []
    for event in events:
        previous = last.get(event.service_id)
        if event.old_triage is None and previous is not None and previous.new is event.old:
            event = replace(event, old_triage=previous.triage)
        filled.append(event)
        last[event.service_id] = event
    return filled
