"""Drive the real Monitor on a fake clock against real loopback servers.

Time is advanced by the test; the only real waiting is for the loopback HTTP
requests to finish, and that is a wait for a condition, never for time.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Sequence
from typing import Any

from traymon.clock import FakeClock
from traymon.config import NetworkConfig, NotificationConfig, ServiceConfig
from traymon.config.schema import FleetReportConfig
from traymon.engine.events import Notification, TransitionEvent
from traymon.engine.history import History
from traymon.engine.monitor import Monitor
from traymon.engine.triage import Network
from traymon.model import CheckResult
from traymon.sources.http import FetchLimits, NetworkOptions


class Harness:
    def __init__(
        self,
        services: Sequence[ServiceConfig],
        *,
        timeout_s: float = 2.0,
        network: NetworkConfig | None = None,
        notifications: NotificationConfig | None = None,
        history: History | None = None,
        concurrency: int = 16,
        options: NetworkOptions | None = None,
        clock: FakeClock | None = None,
        fleet: FleetReportConfig | None = None,
    ) -> None:
        self.clock = clock or FakeClock()
        self.results: list[CheckResult] = []
        self.events: list[TransitionEvent] = []
        self.notifications: list[Notification] = []
        self.networks: list[Network] = []
        self.monitor = Monitor(
            services,
            self.results.append,
            FetchLimits(timeout_s=timeout_s),
            concurrency,
            network=network or NetworkConfig(reference_urls=()),
            notifications=notifications,
            history=history,
            on_event=self.events.append,
            on_notification=self.notifications.append,
            on_network=self.networks.append,
            clock=self.clock,
            rng=random.Random(4),
            options=options,
            fleet=fleet,
        )
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Harness:
        self._task = asyncio.create_task(self.monitor.run())
        await self.idle()
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.monitor.stop()
        assert self._task is not None
        await asyncio.wait_for(self._task, 10)

    async def until(self, condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not condition():
            assert time.monotonic() < deadline, "the condition did not hold in time"
            await asyncio.sleep(0.005)

    def _idle(self) -> bool:
        monitor: Any = self.monitor
        wake = monitor._wake
        return (
            not monitor._tasks
            and wake is not None
            and not wake.is_set()
            and (self.clock.waiting > 0)
        )

    async def idle(self) -> None:
        """Wait until every due check has finished and the loop waits on the clock again."""
        await self.until(self._idle)

    async def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        await asyncio.sleep(0)
        await self.idle()

    def latest(self, service_id: str) -> CheckResult:
        return self.monitor.latest()[service_id]


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)
