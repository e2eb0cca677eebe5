"""Noise control: confirm changes before showing them, and decide what deserves a pop-up.

Pure and clock-free: times are passed in, so a test drives them directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from traymon.config import NotificationConfig
from traymon.config.schema import DEFAULT_DOWN_AFTER, DEFAULT_UP_AFTER
from traymon.engine.catchup import CatchUpLedger, line_order
from traymon.engine.events import (
    CatchUp,
    CatchUpKind,
    Notification,
    Silence,
    TransitionEvent,
    is_problem,
)
from traymon.engine.focus import FREE, FocusReading, urgent_event
from traymon.engine.silence import Window, reason_at, silence_began
from traymon.model import Status, Triage

#: Problems confirmed within this many seconds of each other share one notification.
BATCH_WINDOW_S = 30.0


@dataclass(frozen=True, slots=True)
class Observed:
    status: Status
    triage: Triage


class Debouncer:
    """Separate thresholds for going down and coming back, as Gatus does.

    A change between a good state and a problem needs ``down_after`` (or
    ``up_after``) observations in a row; a change within the same side (major
    to partial outage, operational to maintenance) shows at once, and so does
    the first answer after ``unknown`` or a local (offline) spell.
    """

    def __init__(
        self, down_after: int = DEFAULT_DOWN_AFTER, up_after: int = DEFAULT_UP_AFTER
    ) -> None:
        self._down_after = down_after
        self._up_after = up_after
        self.confirmed: Observed | None = None
        self._streak = 0

    @property
    def pending(self) -> bool:
        """A change is waiting for confirmation (ask again soon)."""
        return self._streak > 0

    def observe(self, seen: Observed) -> Observed | None:
        """Feed one observation; returns the new confirmed state when it changes."""
        old = self.confirmed
        if old == seen:
            self._streak = 0
            return None
        if old is None or _neutral(old) or _neutral(seen) or _bad(old) == _bad(seen):
            self._streak = 0
            self.confirmed = seen
            return seen
        self._streak += 1
        needed = self._down_after if _bad(seen) else self._up_after
        if self._streak < needed:
            return None
        self._streak = 0
        self.confirmed = seen
        return seen


def _bad(seen: Observed) -> bool:
    return is_problem(seen.status, seen.triage)


def _neutral(seen: Observed) -> bool:
    return seen.status is Status.UNKNOWN or seen.triage in (Triage.LOCAL, Triage.STALE)


@dataclass
class AlertPolicy:
    """Who is muted, whether everything is paused, quiet hours, and "tell me when it's back"."""

    quiet_hours: tuple[time, time] | None = None
    muted: set[str] = field(default_factory=set)
    paused_until: datetime | None = None
    #: When the pause began (kept across a restart with its end, to rebuild the catch-up).
    paused_since: datetime | None = None
    back_watch: set[str] = field(default_factory=set)
    #: The person's "notifications off" switch (the GUI's settings); the icon still shows all.
    enabled: bool = True
    #: Services whose problem was notified, so their recovery is worth telling too.
    _told_down: set[str] = field(default_factory=set)
    #: What a pause or quiet hours held back, for the one summary when they end.
    held: CatchUpLedger = field(default_factory=CatchUpLedger)
    #: ``held`` is a silence that ended while Traymon was not running: its catch-up is owed
    #: once the services it names have answered, and their first changes belong in it.
    overdue: bool = False
    #: The person is busy (presenting, full screen, Do Not Disturb), as the GUI last read it.
    focus: FocusReading = FREE
    #: A catch-up the GUI could not show because focus began: told with the next one.
    carried: CatchUp | None = None

    @classmethod
    def from_config(cls, config: NotificationConfig, muted: Iterable[str] = ()) -> AlertPolicy:
        return cls(quiet_hours=config.quiet_hours, muted=set(muted), enabled=config.enabled)

    def pause(self, until: datetime, since: datetime | None = None) -> None:
        self.paused_until = until
        self.paused_since = since

    def resume(self) -> None:
        self.paused_until = self.paused_since = None

    def deserves(self, event: TransitionEvent, now: datetime) -> bool:
        """Whether ``event`` should pop up (it always shows in the icon and window)."""
        self._hold(event, self._silence_for(event, now))
        if self.overdue and event.service_id in self.held and not self._silenced(now):
            # At start, after a silence that ended while Traymon was off: the owed catch-up
            # tells this service's state now; a pop-up of its own would tell it twice.
            self._hold(event, self.held.reason)
            return False
        if Status.MAINTENANCE in (event.new, event.old) and not event.is_problem:
            return False  # maintenance is announced, never alarming
        if event.is_recovery and event.service_id in self.back_watch:
            self.back_watch.discard(event.service_id)  # asked for explicitly: always tell
            self._told_down.discard(event.service_id)
            self.held.forget(event.service_id)  # told now, so not again in the catch-up
            return True
        if not (event.is_problem or event.is_recovery):
            return False
        if event.service_id in self.muted or self._silence_for(event, now) is not None:
            return False
        if event.is_recovery:
            if event.service_id not in self._told_down:
                return False  # nobody was told it went down
            self._told_down.discard(event.service_id)
            return True
        self._told_down.add(event.service_id)
        return True

    def _silenced(self, now: datetime) -> bool:
        return self.silence(now) is not None

    def _silence_for(self, event: TransitionEvent, now: datetime) -> Silence | None:
        """Why ``event`` is held back: as ``silence``, but IT's continuity declaration
        breaks through focus (never through a pause, quiet hours or "off": the person
        chose those, and the mail switch acts on a declaration without a pop-up)."""
        reason = self.silence(now)
        if reason is Silence.FOCUS and urgent_event(event):
            return None
        return reason

    def may_tell(self, service_id: str, now: datetime) -> bool:
        """Whether news about ``service_id`` that is not a state change may pop up now."""
        return service_id not in self.muted and not self._silenced(now)

    def silence(self, now: datetime) -> Silence | None:
        """Why notifications are held back at ``now``, if they are."""
        if not self.enabled:
            return Silence.OFF
        if self.paused_until is not None and now < self.paused_until:
            return Silence.PAUSED
        if self.quiet_hours is not None and _within(now, self.quiet_hours):
            return Silence.QUIET_HOURS
        if self.focus.busy:
            return Silence.FOCUS
        return None

    def hold(self, notification: Notification, focus: FocusReading) -> None:
        """The GUI found the person busy and did not show ``notification`` (sent before the
        engine knew of the focus): its changes go into the catch-up told when focus ends."""
        self.focus = focus
        if not self.enabled:
            return
        if notification.catch_up is not None:
            self.carried = _merged(self.carried, notification.catch_up)
            return
        for event in notification.events:
            self._hold(event, Silence.FOCUS)

    # -- catching up after a pause or quiet hours -----------------------------------------

    def _hold(self, event: TransitionEvent, reason: Silence | None) -> None:
        """The one rule for what a catch-up keeps, live and when rebuilt after a restart."""
        if reason is Silence.OFF:
            self.held.clear()  # switched off: no catch-up, ever
            self.carried = None
            return
        # A held service's every change counts (how it left its trouble); others only
        # when they would have been worth a pop-up.
        worth = event.is_problem or event.is_recovery or event.service_id in self.held
        if reason is not None and worth and event.service_id not in self.muted:
            self.held.hold(event, reason)

    def _pause_window(self) -> Window | None:
        if self.paused_since is None or self.paused_until is None:
            return None  # a pause of unknown start (kept by an older version) rebuilds nothing
        return self.paused_since, self.paused_until

    def silence_began(self, now: datetime) -> datetime | None:
        """When the pause or quiet hours holding ``now`` began (``None``: none holds, or
        notifications are off, which are never caught up)."""
        if not self.enabled:
            return None
        return silence_began(now, self._pause_window(), self.quiet_hours)

    def rebuild(self, events: Iterable[TransitionEvent]) -> None:
        """Hold what the silence held before a restart: ``events`` are history's transitions
        since ``silence_began``, oldest first, each held as it was when it happened."""
        if not self.enabled:
            return  # switched off: no catch-up, ever
        pause = self._pause_window()
        for event in events:
            self._hold(event, reason_at(event.at, pause, self.quiet_hours))

    def catch_up(
        self, now: datetime, current: Mapping[str, tuple[Status, Triage]]
    ) -> CatchUp | None:
        """The summary owed once the silence is over: ``None`` while it lasts, when nothing
        is different from its start, or when notifications are switched off."""
        if not len(self.held) and self.carried is None:
            self.overdue = False
            return None
        reason = self.silence(now)
        if reason is Silence.OFF:
            self.held.clear()
            self.overdue = False
            self.carried = None
            return None
        if reason is not None:
            return None
        summary = _merged(self.carried, self.held.summarise(now, current, self.muted))
        self.carried = None
        self.held.clear()
        self.overdue = False
        for line in summary.lines if summary else ():
            if line.kind in (CatchUpKind.STILL, CatchUpKind.UNKNOWN):
                self._told_down.add(line.service_id)  # its recovery is news now
            else:
                self._told_down.discard(line.service_id)
        return summary

    def silence_ends(self, now: datetime) -> datetime | None:
        """The next moment a held-back summary may be due (``None``: nothing is held)."""
        if not len(self.held):
            return None
        ends = []
        if self.paused_until is not None and now < self.paused_until:
            ends.append(self.paused_until)
        if self.quiet_hours is not None and _within(now, self.quiet_hours):
            # A naive local time made aware: the end's own UTC offset (a DST night).
            local = now.astimezone().replace(tzinfo=None)
            end = datetime.combine(local.date(), self.quiet_hours[1])
            ends.append((end if end > local else end + timedelta(days=1)).astimezone())
        return min(ends, default=None)


def _merged(older: CatchUp | None, newer: CatchUp | None) -> CatchUp | None:
    """One summary of two: the newer's line wins for a service both name; the older's
    silence (its reason and start) is the one the summary is about."""
    if older is None or newer is None:
        return newer or older
    named = {ln.service_id for ln in newer.lines}
    kept = [ln for ln in older.lines if ln.service_id not in named]
    lines = tuple(sorted([*newer.lines, *kept], key=line_order))
    began = min(older.began, newer.began)
    return CatchUp(older.reason, began, newer.ended, lines, older.more + newer.more)


def _within(now: datetime, quiet_hours: tuple[time, time]) -> bool:
    start, end = quiet_hours
    local = now.astimezone().time() if now.tzinfo else now.time()
    if start <= end:
        return start <= local < end
    return local >= start or local < end


#: "Until tomorrow" ends at this local time the next day, not at midnight, so an evening
#: pause covers the night (the menu's choice; the one meaning everywhere).
TOMORROW_MORNING = time(8, 0)


def end_of_today(now: datetime) -> datetime:
    """Local midnight after ``now``, with midnight's own UTC offset ("mute for today")."""
    return _next_day_at(now, time(0, 0))


def pause_until_tomorrow(now: datetime) -> datetime:
    """``TOMORROW_MORNING`` local time on the day after ``now``, with that moment's own UTC
    offset (a pause over the night the clocks change still ends at 08:00 on the wall)."""
    return _next_day_at(now, TOMORROW_MORNING)


def _next_day_at(now: datetime, at: time) -> datetime:
    tomorrow = now.astimezone().date() + timedelta(days=1)
    return datetime.combine(tomorrow, at).astimezone()


def summarise(events: Sequence[TransitionEvent]) -> Notification:
    """One notification for events that happened together (the GUI words it)."""
    return Notification(tuple(events))
