"""The fleet verdict: from the counts to what the signed document says, per site and service.

Each publisher cycle reads the last ``WINDOW_MINUTES`` of counts. A pair is published
only when at least ``min_desktops`` (never below 5) distinct desktops reported, so no
small group can be singled out. It is an **outage** when at least that many fail too,
and the failing share is clearly above the site's usual for this hour of the day: by
``margin`` and at least twice the usual (a big office where one bad Wi-Fi corner always
fails a few desktops has a usual of a few percent, and that is not an outage). Once
on, it stays on while the share is above the usual by half the margin, so it does not
flap at the edge.

The usual (the baseline) is kept in Redis per site, service and hour of day (UTC): a
running mean of each finished minute's share, folded in once per minute, never while
an outage is on (an outage must not become the usual). The pure rules are functions
here; ``FleetWatch`` is the part that reads and writes Redis.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from traymon.model import FleetSignal
from traymon.relay.fleet_counts import WINDOW_MINUTES, Count, FleetStore, minute_of

log = logging.getLogger(__name__)
#: A baseline hour with fewer finished minutes than this is not yet trusted on its own.
TRUSTED_SAMPLES = 10
#: The running mean weighs at least this much per new minute (about 10 days of one hour).
MIN_WEIGHT = 1 / 600


@dataclass(frozen=True, slots=True)
class Rules:
    min_desktops: int = 5
    margin: float = 0.10


def usual_share(fields: dict[str, str], hour: int) -> float:
    """The site's usual failing share at ``hour`` (UTC), or over all hours while it is new."""
    n = int(fields.get(f"n{hour}", "0") or 0)
    if n >= TRUSTED_SAMPLES:
        return float(fields.get(f"s{hour}", "0") or 0)
    total = weight = 0.0
    for h in range(24):
        k = int(fields.get(f"n{h}", "0") or 0)
        if k:
            total += float(fields.get(f"s{h}", "0") or 0) * k
            weight += k
    return total / weight if weight else 0.0


def is_outage(count: Count, usual: float, was_outage: bool, rules: Rules) -> bool:
    if count.desktops < rules.min_desktops or count.failing < rules.min_desktops:
        return False
    margin = rules.margin / 2 if was_outage else rules.margin
    return count.share >= usual + margin and count.share >= 2 * usual


def fold(fields: dict[str, str], hour: int, share: float) -> dict[str, str]:
    """The baseline fields after one more finished minute at ``hour``."""
    n = int(fields.get(f"n{hour}", "0") or 0)
    old = float(fields.get(f"s{hour}", "0") or 0)
    weight = max(1 / (n + 1), MIN_WEIGHT)
    return {f"s{hour}": f"{old + (share - old) * weight:.5f}", f"n{hour}": str(n + 1)}


def rounded_desktops(n: int) -> int:
    """Two significant digits from 100 up: the count's own error is larger than the rest,
    and a document that only changes when the picture does keeps its ETag."""
    if n < 100:
        return n
    step = 10 ** (len(str(n)) - 2)
    return int(round(n / step) * step)


class FleetWatch:
    """Reads the counts each cycle, keeps the baselines, and says what to publish."""

    def __init__(self, store: FleetStore, rules: Rules, every_s: float = 15.0) -> None:
        self.store = store
        self.rules = rules
        self.every_s = every_s
        self._next = 0.0
        self.last: tuple[FleetSignal, ...] = ()
        self.problem = ""

    def due(self, mono: float) -> bool:
        return mono >= self._next

    def read(
        self, now: datetime, vendor_admits: Callable[[str], bool], mono: float
    ) -> tuple[FleetSignal, ...]:
        """Never raises: Redis down keeps nothing (a stale share would mislead) and says so."""
        self._next = mono + self.every_s
        try:
            self.last = self._read(now, vendor_admits)
            self.problem = ""
        except Exception as exc:  # redis.RedisError, a damaged field: the documents go on
            self.problem = f"the fleet's counts could not be read ({type(exc).__name__}: {exc})"
            log.warning("%s", self.problem)
            self.last = ()
        return self.last

    def _read(self, now: datetime, vendor_admits: Callable[[str], bool]) -> tuple[FleetSignal, ...]:
        minute = minute_of(now.timestamp())
        window = [minute - i for i in range(WINDOW_MINUTES)]
        pairs = self.store.pairs([*window, minute - WINDOW_MINUTES])
        counts = self.store.counts(window, pairs)
        finished = self.store.counts([minute - 1], pairs)
        baselines = self.store.baselines(pairs)
        changes: dict[tuple[str, str], dict[str, str]] = {}
        out: list[FleetSignal] = []
        for count, done, fields in zip(counts, finished, baselines, strict=True):
            pair = (count.site, count.service)
            usual = usual_share(fields, now.astimezone(UTC).hour)
            was = bool(fields.get("since"))
            outage = is_outage(count, usual, was, self.rules)
            change: dict[str, str] = {}
            if outage and not was:
                change["since"] = now.astimezone(UTC).isoformat()
            elif was and not outage:
                change["since"] = ""  # deleted
            last = int(fields.get("last", "0") or 0)
            if not outage and last < minute - 1 and done.desktops >= self.rules.min_desktops:
                hour = datetime.fromtimestamp((minute - 1) * 60, UTC).hour
                change |= fold(fields, hour, done.share)
                change["last"] = str(minute - 1)
            if change:
                changes[pair] = change
            if count.desktops < self.rules.min_desktops:
                continue  # never published: too few to be anonymous
            since_text = change.get("since", fields.get("since", "")) if outage else ""
            out.append(
                FleetSignal(
                    site=count.site,
                    service=count.service,
                    desktops=rounded_desktops(count.desktops),
                    failing_share=round(count.share, 2),
                    outage=outage,
                    since=datetime.fromisoformat(since_text) if since_text else None,
                    vendor_admits=vendor_admits(count.service),
                )
            )
        self.store.save_baselines(changes)
        return tuple(out)


def for_site(entries: Sequence[FleetSignal], site: str) -> tuple[FleetSignal, ...]:
    return tuple(e for e in entries if e.site == site)


def verdicts(entries: Sequence[FleetSignal]) -> tuple[FleetSignal, ...]:
    return tuple(e for e in entries if e.outage)
