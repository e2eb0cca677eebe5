"""When each check runs next: interval, jitter, backoff, ``Retry-After``, wake-ups.

Pure bookkeeping on numbers from a monotonic clock: no tasks, no sleeping, so
it is tested by handing it times (a fake clock) rather than by waiting.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterator
from dataclasses import dataclass

#: Up to this fraction of the interval is added at random to each wait, so a
#: fleet of desktops started by the same login script does not ask in the same second.
JITTER_FRACTION = 0.1
#: Longest wait between tries of a failing job (errors back off up to this).
MAX_BACKOFF_S = 1800.0
#: While a change of state waits to be confirmed, ask again this soon.
CONFIRM_DELAY_S = 60.0


@dataclass
class _Job:
    interval: float
    due: float
    running: bool = False
    failures: int = 0


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a run of a job went, as far as scheduling cares."""

    ok: bool
    #: The server asked us to wait this long (429 / 503 ``Retry-After``).
    retry_after_s: float | None = None
    #: A change of state is waiting for confirmation: ask again soon.
    confirm_soon: bool = False


class Scheduler:
    """Keeps a due time per job key; the caller asks what is due and reports back."""

    def __init__(self, rng: random.Random | None = None) -> None:
        self._rng = rng or random.Random()
        self._jobs: dict[Hashable, _Job] = {}

    def add(self, key: Hashable, interval_s: float, now: float) -> None:
        """A new job, due at once (every service is checked at start)."""
        self._jobs[key] = _Job(interval=interval_s, due=now)

    def set_interval(self, key: Hashable, interval_s: float) -> None:
        self._jobs[key].interval = interval_s

    def reschedule(self, key: Hashable, interval_s: float, now: float) -> None:
        """A new interval from now on: a shorter one is due within it, not the old one."""
        job = self._jobs[key]
        job.interval = interval_s
        job.due = min(job.due, now + interval_s)

    def remove(self, key: Hashable) -> None:
        """No longer wanted (a run in flight finishes and is forgotten)."""
        self._jobs.pop(key, None)

    def __contains__(self, key: object) -> bool:
        return key in self._jobs

    def take_due(self, now: float) -> list[Hashable]:
        """Jobs due at ``now``, marked running (they are not handed out twice)."""
        due = [k for k, j in self._jobs.items() if not j.running and j.due <= now]
        for key in due:
            self._jobs[key].running = True
        return due

    def finished(self, key: Hashable, now: float, outcome: Outcome) -> float:
        """Record how a run went; returns the delay until the job is due again (0 for a
        job removed while it ran)."""
        job = self._jobs.get(key)
        if job is None:
            return 0.0
        job.running = False
        if outcome.ok:
            job.failures = 0
            delay = job.interval
        else:
            job.failures += 1
            delay = backoff_delay(job.interval, job.failures)
        if outcome.confirm_soon:
            delay = min(delay, CONFIRM_DELAY_S)
        if outcome.retry_after_s is not None:
            delay = max(delay, outcome.retry_after_s)
        delay += self._rng.uniform(0, JITTER_FRACTION * min(delay, job.interval))
        job.due = now + delay
        return delay

    def wake(self, key: Hashable, now: float) -> None:
        """Due now (``Check now``, back from sleep, network back). Backoff is kept."""
        self._jobs[key].due = min(self._jobs[key].due, now)

    def wake_all(self, now: float) -> None:
        for key in self._jobs:
            self.wake(key, now)

    def next_due(self) -> float | None:
        """The earliest due time of a job that is not running, or ``None``."""
        return min((j.due for j in self._jobs.values() if not j.running), default=None)

    def due_time(self, key: Hashable) -> float:
        return self._jobs[key].due

    def failures(self, key: Hashable) -> int:
        return self._jobs[key].failures

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._jobs)


def backoff_delay(interval_s: float, failures: int) -> float:
    """The wait after ``failures`` errors in a row: the interval, doubled per error, capped.

    The cap is never below the interval itself, so a long interval is not shortened.
    """
    if failures <= 0:
        return interval_s
    return float(min(interval_s * 2.0 ** (failures - 1), max(MAX_BACKOFF_S, interval_s)))


class SleepDetector:
    """Notices that the machine slept: the wall clock jumped ahead of the monotonic clock.

    On Linux and macOS the monotonic clock stops during suspend while the wall
    clock does not, so after waking the difference between the two has grown.
    """

    def __init__(self, wall: float, monotonic: float, threshold_s: float = 60.0) -> None:
        self._offset = wall - monotonic
        self._threshold = threshold_s

    def woke_up(self, wall: float, monotonic: float) -> bool:
        offset = wall - monotonic
        jumped = offset - self._offset > self._threshold
        self._offset = offset
        return jumped
