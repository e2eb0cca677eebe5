"""What the engine tells the GUI besides results: state changes and notifications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from traymon.model import Status, Triage


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


@dataclass(frozen=True, slots=True)
class Notification:
    """One pop-up for one or more transitions that happened together."""

    title: str
    body: str
    events: tuple[TransitionEvent, ...]


def is_problem(status: Status, triage: Triage | None) -> bool:
    """Bad enough to tell someone: degraded or worse, or suspected from this desktop."""
    if triage is Triage.LOCAL:
        return False  # being offline is never an outage
    return status.severity >= Status.DEGRADED.severity or triage is Triage.SUSPECTED
