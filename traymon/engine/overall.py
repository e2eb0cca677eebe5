"""What the one tray icon should say about many services."""

from __future__ import annotations

from collections.abc import Iterable

from traymon.model import Status, worst


def icon_state(states: Iterable[Status]) -> Status:
    """The worst known state, except that "fine" is never claimed while something is unknown.

    A known problem always shows (one unknown page must not hide an outage), but
    when the worst known state is harmless and some service could not be asked,
    the icon is grey rather than green: green means "we checked, all is well".
    """
    states = list(states)
    known_worst = worst(states)
    if Status.UNKNOWN in states and known_worst in (Status.OPERATIONAL, Status.MAINTENANCE):
        return Status.UNKNOWN
    return known_worst
