"""The person's state: who they muted, their pause, and "tell me when it's back".

Owned here, in one place: the engine is told (it decides what pops up), a small store
keeps it across a restart (QSettings in the tray: the GUI hands in an adapter), and the
widgets only show it and forward clicks. Qt-free, so it is tested without a display.

Muting is the person's; a service the configuration mutes (``muted = true``) is muted
by the engine from its config and only shown as muted here (``shown_muted``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Protocol

#: The store's keys (kept as earlier versions wrote them, so nothing needs migrating).
PAUSED_UNTIL = "notifications/paused_until"
#: When the pause began: after a restart the engine rebuilds what it held back from history.
PAUSED_SINCE = "notifications/paused_since"
MUTED = "notifications/muted"
TELL_WHEN_BACK = "notifications/tell_when_back"


class StateStore(Protocol):
    """Text values by key that outlive the process (written at once)."""

    def get(self, key: str) -> str: ...

    def put(self, key: str, value: str) -> None: ...


class Engine(Protocol):
    """What the person's state is forwarded to (``MonitorBridge``, or ``Monitor`` itself)."""

    def mute(self, service_id: str, muted: bool = True) -> None: ...

    def pause(self, until: datetime | None, since: datetime | None = None) -> None: ...

    def notify_when_back(self, service_id: str, wanted: bool = True) -> None: ...


class PersonState:
    def __init__(self, store: StateStore, now: Callable[[], datetime]) -> None:
        """``now``: the local, timezone-aware time (the tray's clock)."""
        self._store = store
        self._now = now
        self.muted: frozenset[str] = _ids(store.get(MUTED))
        self.back_watch: frozenset[str] = _ids(store.get(TELL_WHEN_BACK))
        self._pause = _stored_pause(store)

    # -- what it is ----------------------------------------------------------------------

    @property
    def paused_until(self) -> datetime | None:
        """The end of the pause in force (``None``: none, or it has ended)."""
        if self._pause is None or self._pause[1] <= self._now():
            return None
        return self._pause[1]

    def shown_muted(self, configured: Iterable[str]) -> frozenset[str]:
        """Muted from the menu, or by the configuration: what the menu ticks."""
        return self.muted | frozenset(configured)

    # -- telling the engine ----------------------------------------------------------------

    def restore(self, engine: Engine) -> None:
        """Tell a starting engine what was kept: mutes, the watch, the pause.

        A pause that ended while Traymon was not running is told too when its start is
        known: it silences nothing, but the engine learns what its catch-up must cover.
        """
        for service_id in sorted(self.muted):
            engine.mute(service_id)
        for service_id in sorted(self.back_watch):
            engine.notify_when_back(service_id)
        if self._pause is not None:
            since, until = self._pause
            if since is not None or until > self._now():
                engine.pause(until, since)

    # -- the person's clicks -----------------------------------------------------------------

    def set_muted(self, service_id: str, muted: bool, engine: Engine) -> None:
        self.muted = _toggled(self.muted, service_id, muted)
        engine.mute(service_id, muted)
        self._store.put(MUTED, _joined(self.muted))

    def want_back(self, service_id: str, wanted: bool, engine: Engine) -> None:
        self.back_watch = _toggled(self.back_watch, service_id, wanted)
        engine.notify_when_back(service_id, wanted)
        self._store.put(TELL_WHEN_BACK, _joined(self.back_watch))

    def pause(self, until: datetime | None, engine: Engine) -> None:
        """Pause until ``until`` (``None``: resume). A pause chosen while one runs extends
        it: one silence, one catch-up, from when the first began."""
        if until is None:
            self._pause = None
            engine.pause(None)
        else:
            ongoing = self.paused_until is not None and self._pause is not None
            since = self._pause[0] if ongoing and self._pause else None
            since = since or self._now()
            self._pause = (since, until)
            engine.pause(until, since)
        since_text = self._pause[0].isoformat() if self._pause and self._pause[0] else ""
        self._store.put(PAUSED_UNTIL, self._pause[1].isoformat() if self._pause else "")
        self._store.put(PAUSED_SINCE, since_text)

    def told(self, recovered: Iterable[str]) -> frozenset[str]:
        """The engine told these recoveries (and forgot their watch): so does the store.
        Returns the services whose watch ended."""
        ended = self.back_watch & frozenset(recovered)
        if ended:
            self.back_watch = self.back_watch - ended
            self._store.put(TELL_WHEN_BACK, _joined(self.back_watch))
        return ended


def _ids(text: str) -> frozenset[str]:
    """Service ids kept as one comma-joined string (lists differ between QSettings backends)."""
    return frozenset(s for s in text.split(",") if s)


def _joined(ids: Iterable[str]) -> str:
    return ",".join(sorted(ids))


def _toggled(ids: frozenset[str], service_id: str, on: bool) -> frozenset[str]:
    return ids | {service_id} if on else ids - {service_id}


def _stored_pause(store: StateStore) -> tuple[datetime | None, datetime] | None:
    """The kept pause as (since, until); ``None`` for none, a bad value, or a start not
    before the end. A pause an older version kept without its start has ``since=None``."""
    until = _stored_time(store.get(PAUSED_UNTIL))
    since = _stored_time(store.get(PAUSED_SINCE))
    if until is None or (since is not None and since >= until):
        return None
    return since, until


def _stored_time(text: str) -> datetime | None:
    """A kept time; ``None`` for nothing, a bad value, or one without a zone."""
    try:
        moment = datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None
