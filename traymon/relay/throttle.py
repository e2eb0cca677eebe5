"""How often the relay may ask Graph: a budget per minute and per hour, Retry-After, back-off.

Graph's service-announcement API allows 240 requests a minute and 800 an hour per app
per tenant (research/fleet.md §3). The relay needs two requests a minute at most, so
its default budget (4 a minute, 120 an hour) keeps far below both, leaving room for
other tools using the same app. A 429 or 503 with ``Retry-After`` stops every request
until that time has passed; other failures back off exponentially (30 s doubling to
15 min) and the first success resets it. Pure: the caller passes monotonic seconds.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

MINUTE = 60.0
HOUR = 3600.0
BACKOFF_FIRST_S = 30.0
BACKOFF_MAX_S = 900.0
#: A Retry-After longer than this is read as this (a broken header must not stop us for days).
RETRY_AFTER_MAX_S = 3600.0


@dataclass
class Throttle:
    per_minute: int = 4
    per_hour: int = 120
    _sent: deque[float] = field(default_factory=deque)
    _not_before: float = 0.0
    _failures: int = 0

    def wait_s(self, now: float, requests: int = 1) -> float:
        """Seconds until ``requests`` more may be sent (0: now)."""
        self._forget(now)
        waits = [self._not_before - now]
        for window, limit in ((MINUTE, self.per_minute), (HOUR, self.per_hour)):
            inside = [t for t in self._sent if t > now - window]
            excess = len(inside) + requests - limit
            if excess > 0:
                # The oldest requests inside the window must leave it first.
                waits.append(inside[min(excess, len(inside)) - 1] + window - now)
        return max(0.0, *waits)

    def sent(self, now: float) -> None:
        self._sent.append(now)

    def succeeded(self) -> None:
        self._failures = 0

    def retry_after(self, now: float, seconds: float) -> None:
        """The server said when to come back (429/503): nothing is sent before then."""
        self._not_before = max(self._not_before, now + min(max(seconds, 0.0), RETRY_AFTER_MAX_S))

    def failed(self, now: float) -> float:
        """A failure without Retry-After: back off; returns the wait chosen."""
        wait = min(BACKOFF_FIRST_S * float(2**self._failures), BACKOFF_MAX_S)
        self._failures += 1
        self._not_before = max(self._not_before, now + wait)
        return wait

    def _forget(self, now: float) -> None:
        while self._sent and self._sent[0] <= now - HOUR:
            self._sent.popleft()
