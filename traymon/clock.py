"""Time, for every layer: ``Now`` (what time it is) and ``Clock`` (the engine's two clocks).

The engine never calls ``time`` or ``asyncio.sleep`` itself; it asks a clock.
A test advances the fake clock instead of sleeping. The relay's publisher, which
blocks, has its own ``RelayClock`` (``traymon.relay.publisher``).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # asyncio loads with the engine, not with a parser that asks the time
    import asyncio

#: A function that says what time it is, timezone-aware (injected where tests set the time).
Now = Callable[[], datetime]


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds that only move forward (they stop while the machine sleeps)."""

    def wall(self) -> datetime:
        """The time of day, timezone-aware."""

    async def wait(self, seconds: float, wake: asyncio.Event) -> None:
        """Return after ``seconds`` or as soon as ``wake`` is set."""


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now(UTC)

    async def wait(self, seconds: float, wake: asyncio.Event) -> None:
        import asyncio

        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), timeout=max(seconds, 0.0))


class FakeClock:
    """A clock that moves only when told to; ``suspend`` moves the wall clock alone."""

    def __init__(self, start: datetime | None = None) -> None:
        self._start = start or datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
        self._mono = 1000.0
        self._slept = 0.0
        self._waiters: list[tuple[float, asyncio.Future[None]]] = []

    def monotonic(self) -> float:
        return self._mono

    def wall(self) -> datetime:
        return self._start + timedelta(seconds=self._mono - 1000.0 + self._slept)

    async def wait(self, seconds: float, wake: asyncio.Event) -> None:
        import asyncio

        timer: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (self._mono + max(seconds, 0.0), timer)
        self._waiters.append(entry)
        self._fire()
        woken = asyncio.ensure_future(wake.wait())
        either: list[asyncio.Future[Any]] = [timer, woken]
        try:
            await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
        finally:
            woken.cancel()
            if entry in self._waiters:
                self._waiters.remove(entry)

    def advance(self, seconds: float) -> None:
        self._mono += seconds
        self._fire()

    def suspend(self, seconds: float) -> None:
        """The machine slept: the wall clock jumps, the monotonic clock does not."""
        self._slept += seconds

    @property
    def waiting(self) -> int:
        """How many waits are pending (a test can wait until the engine is idle)."""
        return sum(1 for _, f in self._waiters if not f.done())

    def _fire(self) -> None:
        for deadline, timer in self._waiters:
            if deadline <= self._mono and not timer.done():
                timer.set_result(None)
