"""What the engine tells the GUI besides results: state changes and notifications."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from traymon.model import Status, Triage, Where


@dataclass(frozen=True, slots=True)
class TransitionEvent:
    """A service's confirmed state changed (after noise control)."""

    service_id: str
    name: str
    old: Status
    new: Status
    triage: Triage
    at: datetime
    old_triage: Triage | None = None
    #: Who reports the state ("Atlassian"); ``""`` when no one can honestly be named.
    vendor: str = ""
    #: Where a ``suspected`` problem is, by the fleet (``None``: the fleet does not say).
    where: Where | None = None
    #: IT declared continuity for this service through the relay (urgent: breaks through
    #: the person's focus, ``engine/focus.py``).
    declared: bool = False

    @property
    def is_problem(self) -> bool:
        return is_problem(self.new, self.triage)

    @property
    def is_recovery(self) -> bool:
        return (
            is_problem(self.old, self.old_triage)
            and not self.is_problem
            and self.new is not Status.UNKNOWN
        )


class Silence(enum.Enum):
    """Why notifications are held back at the moment."""

    OFF = "off"  # the person (or IT) switched them off: never caught up afterwards
    PAUSED = "paused"
    QUIET_HOURS = "quiet_hours"
    #: The person presents, runs a full-screen app or has Do Not Disturb on (the GUI reads
    #: the desktop and tells the engine; nothing of it is kept across a restart).
    FOCUS = "focus"


class CatchUpKind(enum.Enum):
    """How a service differs at the end of a silence from when it began."""

    STILL = "still"  # in trouble now (went into it, or changed, during the silence)
    RECOVERED = "recovered"  # went into trouble during the silence and is fine again
    BACK = "back"  # was in trouble when the silence began and is fine now
    UNKNOWN = "unknown"  # had trouble during the silence; no fresh answer now


@dataclass(frozen=True, slots=True)
class CatchUpLine:
    """One service in a catch-up: what it is now and when its trouble began and ended."""

    service_id: str
    name: str
    kind: CatchUpKind
    status: Status  # its confirmed state now
    triage: Triage
    #: When its (last) trouble began; None when that was before the silence began.
    since: datetime | None
    #: When its (first, for RECOVERED) trouble began in the silence; None as above.
    first_since: datetime | None
    #: When it left trouble (RECOVERED, BACK); None while it has not.
    back_at: datetime | None
    #: How often it went into trouble during the silence.
    spells: int


@dataclass(frozen=True, slots=True)
class CatchUp:
    """What is different now from when a pause or quiet hours began."""

    reason: Silence
    began: datetime
    ended: datetime
    lines: tuple[CatchUpLine, ...]
    #: Services left out because the catch-up's memory is bounded.
    more: int = 0


@dataclass(frozen=True, slots=True)
class Announcement:
    """IT's announcement about one service, in IT's own words."""

    service_name: str
    text: str


@dataclass(frozen=True, slots=True)
class Notification:
    """One pop-up: what the engine decided to tell, never its words (the GUI words it).

    Exactly one of: ``events`` (transitions that happened together), ``catch_up`` (the
    one summary after a pause or quiet hours), ``announcement`` (IT's, told once).
    """

    events: tuple[TransitionEvent, ...] = ()
    catch_up: CatchUp | None = None
    announcement: Announcement | None = None


def is_problem(status: Status, triage: Triage | None) -> bool:
    """Bad enough to tell someone: degraded or worse, or suspected from this desktop."""
    if triage is Triage.LOCAL:
        return False  # being offline is never an outage
    return status.severity >= Status.DEGRADED.severity or triage is Triage.SUSPECTED
