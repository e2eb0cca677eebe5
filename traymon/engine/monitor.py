"""Keep checking every service on its own interval, on one asyncio loop.

Each service has its own task, so one slow vendor never delays another; a
semaphore bounds how many requests are in flight at once. Between checks the
loop only waits on timers, which costs no CPU.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence

import httpx

from traymon.config import ServiceConfig
from traymon.engine.checker import DEFAULT_CONCURRENCY, check_service
from traymon.model import CheckResult
from traymon.sources.http import FetchLimits, make_client

ResultCallback = Callable[[CheckResult], None]


class Monitor:
    """Checks ``services`` now and then every ``interval`` seconds until ``stop``.

    Every method but ``run`` must be called on the loop's own thread; from another
    thread use ``loop.call_soon_threadsafe``.
    """

    def __init__(
        self,
        services: Sequence[ServiceConfig],
        on_result: ResultCallback,
        limits: FetchLimits | None = None,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> None:
        self._services = tuple(services)
        self._on_result = on_result
        self._limits = limits or FetchLimits()
        self._concurrency = concurrency
        self._wake: dict[str, asyncio.Event] = {}
        self._stopped: asyncio.Event | None = None

    async def run(self) -> None:
        """Check until ``stop`` is called."""
        self._stopped = asyncio.Event()
        gate = asyncio.Semaphore(self._concurrency)
        async with make_client(self._limits, self._concurrency) as client:
            tasks = [
                asyncio.create_task(self._watch(service, client, gate), name=service.id)
                for service in self._services
            ]
            try:
                await self._stopped.wait()
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)

    def check_now(self) -> None:
        """Check every service at once, then carry on with the usual interval."""
        for event in self._wake.values():
            event.set()

    def stop(self) -> None:
        if self._stopped is not None:
            self._stopped.set()

    async def _watch(
        self, service: ServiceConfig, client: httpx.AsyncClient, gate: asyncio.Semaphore
    ) -> None:
        wake = self._wake.setdefault(service.id, asyncio.Event())
        while True:
            wake.clear()
            async with gate:
                result = await check_service(service, client, self._limits)
            self._on_result(result)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), timeout=service.interval)
