"""Catch-up: what changed while notifications were held back by a pause or quiet hours.

A problem held back by a pause is otherwise simply lost: when the pause ends the
person has no idea that Outlook went down at 14:00 and is still down. The
alert policy hands every transition it silences (paused or quiet hours only:
not a muted service, not notifications switched off) to a ``CatchUpLedger``;
when the silence ends the engine sends one summary of what is different now
from when the silence began.

The ledger keeps one small record per service, not the events themselves, so a
service flapping all night costs the same as one outage; and it keeps at most
``MAX_HELD`` services (more are counted, not kept). Pure: times are passed in.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime

from traymon.engine.events import (
    CatchUp,
    CatchUpKind,
    CatchUpLine,
    Notification,
    Silence,
    TransitionEvent,
    is_problem,
)
from traymon.model import Status, Triage

#: More services than any sensible configuration watches (the catalogue has 321).
MAX_HELD = 500

#: The order lines are told in: what still needs attention first.
_ORDER = (CatchUpKind.STILL, CatchUpKind.UNKNOWN, CatchUpKind.RECOVERED, CatchUpKind.BACK)


@dataclass
class _Held:
    """One service's silence so far, in a few fields however much happened."""

    name: str
    start: tuple[Status, Triage | None]  # its confirmed state before its first held change
    bad: bool  # in trouble after its latest held change
    since: datetime | None = None  # when its latest trouble began in the silence
    first_since: datetime | None = None
    back_at: datetime | None = None  # when it last left trouble
    spells: int = 0

    @property
    def start_bad(self) -> bool:
        return is_problem(*self.start)


class CatchUpLedger:
    """The transitions silenced by a pause or quiet hours, one record per service."""

    def __init__(self, limit: int = MAX_HELD) -> None:
        self._limit = limit
        self._held: dict[str, _Held] = {}
        self._left_out: set[str] = set()
        self.reason: Silence | None = None
        self.began: datetime | None = None

    def __len__(self) -> int:
        return len(self._held) + len(self._left_out)

    def __contains__(self, service_id: object) -> bool:
        return service_id in self._held

    def hold(self, event: TransitionEvent, reason: Silence) -> None:
        if self.reason is None or self.began is None:
            self.reason, self.began = reason, event.at
        held = self._held.get(event.service_id)
        if held is None:
            if len(self._held) >= self._limit:
                self._left_out.add(event.service_id)
                return
            start = (event.old, event.old_triage)
            held = _Held(event.name, start, bad=is_problem(*start))
            self._held[event.service_id] = held
        if event.is_problem and not held.bad:
            held.spells += 1
            held.since = event.at
            held.first_since = held.first_since or event.at
        elif held.bad and not event.is_problem:
            held.back_at = event.at
        held.bad = event.is_problem

    def forget(self, service_id: str) -> None:
        """Told already (its "tell me when it's back" fired): nothing to catch up on."""
        self._held.pop(service_id, None)
        self._left_out.discard(service_id)

    def keep_only(self, service_ids: Collection[str]) -> None:
        """Forget services no longer watched (the person removed them in the settings)."""
        for service_id in [s for s in self._held if s not in service_ids]:
            del self._held[service_id]
        self._left_out &= set(service_ids)
        if not len(self):
            self.clear()

    def clear(self) -> None:
        self._held.clear()
        self._left_out.clear()
        self.reason = self.began = None

    def summarise(
        self,
        now: datetime,
        current: Mapping[str, tuple[Status, Triage]],
        muted: Collection[str] = (),
    ) -> CatchUp | None:
        """What is different ``now`` (``current``: each service's confirmed state) from the
        silence's start; ``None`` when nothing is. The ledger is left as it was."""
        if self.reason is None or self.began is None:
            return None
        lines = []
        for service_id, held in self._held.items():
            if service_id in muted:
                continue
            line = _line(service_id, held, current.get(service_id))
            if line is not None:
                lines.append(line)
        lines.sort(key=line_order)
        more = len(self._left_out - set(muted))
        if not lines and not more:
            return None
        return CatchUp(self.reason, self.began, now, tuple(lines), more)


def line_order(line: CatchUpLine) -> tuple[int, int, str]:
    """What still needs attention first, the worst first, then by name."""
    return (_ORDER.index(line.kind), -line.status.severity, line.name)


def _line(service_id: str, held: _Held, now: tuple[Status, Triage] | None) -> CatchUpLine | None:
    status, triage = now if now is not None else (Status.UNKNOWN, Triage.STALE)
    if is_problem(status, triage):
        if held.spells == 0 and (status, triage) == held.start:
            return None  # changed within its trouble and ended as it began: nothing new
        kind = CatchUpKind.STILL
    elif status is Status.UNKNOWN or triage in (Triage.LOCAL, Triage.STALE):
        kind = CatchUpKind.UNKNOWN
    elif held.start_bad:
        kind = CatchUpKind.BACK
    elif held.spells:
        kind = CatchUpKind.RECOVERED
    else:
        return None  # never in trouble: a change between fine states is no news
    return CatchUpLine(
        service_id,
        held.name,
        kind,
        status,
        triage,
        since=held.since,
        first_since=held.first_since,
        back_at=held.back_at,
        spells=held.spells,
    )


def catch_up_notification(catch_up: CatchUp) -> Notification:
    """The catch-up as a notification (the GUI words it: ``gui/notices``)."""
    return Notification(catch_up=catch_up)
