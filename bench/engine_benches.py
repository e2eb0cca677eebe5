"""Benchmarks of the engine in this process: one cycle, memory over 1,000 cycles, bytes/hour."""

from __future__ import annotations

import asyncio
import gc
import math
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.loopback import ServerProcess
from traymon.clock import FakeClock
from traymon.config import NetworkConfig, ServiceConfig
from traymon.engine.checker import DEFAULT_CONCURRENCY
from traymon.engine.history import History
from traymon.engine.monitor import Monitor
from traymon.model import CheckResult
from traymon.sources.http import FetchLimits


def services(server: ServerProcess, count: int, interval: int = 300) -> list[ServiceConfig]:
    return [
        ServiceConfig(f"s{i}", f"Service {i}", "statuspage", server.url(i), interval)
        for i in range(count)
    ]


class Driver:
    """The real Monitor on a fake clock (see tests/engine_harness.py)."""

    def __init__(self, configs: list[ServiceConfig], history: History | None = None) -> None:
        self.clock = FakeClock()
        # Only the latest result per service is kept, as the GUI does: a list of every
        # result would be the benchmark's own memory growth, not the engine's.
        self.results: dict[str, CheckResult] = {}
        self.count = 0
        self.monitor = Monitor(
            configs,
            self._on_result,
            FetchLimits(timeout_s=15),
            network=NetworkConfig(reference_urls=()),
            history=history,
            clock=self.clock,
            rng=random.Random(7),
        )
        self.task: asyncio.Task[None] | None = None

    def _on_result(self, result: CheckResult) -> None:
        self.results[result.service_id] = result
        self.count += 1

    def idle(self) -> bool:
        monitor: Any = self.monitor
        wake = monitor._wake
        return (
            not monitor._tasks and wake is not None and not wake.is_set() and self.clock.waiting > 0
        )

    async def settle(self) -> None:
        while not self.idle():
            await asyncio.sleep(0.001)

    async def start(self) -> None:
        self.task = asyncio.create_task(self.monitor.run())
        await asyncio.sleep(0)
        await self.settle()

    async def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        await asyncio.sleep(0)
        await self.settle()

    async def stop(self) -> None:
        self.monitor.stop()
        assert self.task is not None
        await self.task


@dataclass(frozen=True)
class CycleFigures:
    services: int
    delay_s: float
    concurrency: int
    elapsed_s: float
    ideal_s: float
    peak_in_flight: int

    @property
    def ratio(self) -> float:
        return self.elapsed_s / self.ideal_s


def bench_cycle(count: int = 200, delay_s: float = 0.25) -> CycleFigures:
    """One start-up cycle of ``count`` services whose servers each take ``delay_s``."""
    with ServerProcess("slow", str(count), str(delay_s)) as server:
        configs = services(server, count)

        async def go() -> float:
            driver = Driver(configs)
            started = time.perf_counter()
            await driver.start()
            elapsed = time.perf_counter() - started
            assert len(driver.results) == count
            await driver.stop()
            return elapsed

        elapsed = asyncio.run(go())
        peak = int(server.stats()["peak_in_flight"])
    ideal = math.ceil(count / DEFAULT_CONCURRENCY) * delay_s
    return CycleFigures(count, delay_s, DEFAULT_CONCURRENCY, elapsed, ideal, peak)


@dataclass(frozen=True)
class MemoryFigures:
    services: int
    cycles: int
    requests: int
    rss_start_mb: float
    rss_warm_mb: float
    rss_end_mb: float
    fds_warm: int
    fds_end: int
    elapsed_s: float

    @property
    def growth_mb(self) -> float:
        return self.rss_end_mb - self.rss_warm_mb


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _fds() -> int:
    return sum(1 for _ in Path("/proc/self/fd").iterdir())


def bench_memory(count: int = 200, cycles: int = 1000, warm: int = 20) -> MemoryFigures:
    """RSS and open files of the engine (with history on disk) over many cycles."""
    with ServerProcess("pages", str(count), "1") as server, tempfile.TemporaryDirectory() as tmp:
        configs = services(server, count)
        history = History(Path(tmp) / "history.sqlite3")
        rss_start = _rss_mb()
        marks: dict[str, float] = {}

        async def go() -> None:
            driver = Driver(configs, history)
            await driver.start()
            for cycle in range(1, cycles + 1):
                await driver.advance(330)  # interval + the largest jitter: every service once
                if cycle == warm:
                    gc.collect()
                    marks["rss_warm"], marks["fds_warm"] = _rss_mb(), _fds()
            gc.collect()
            marks["rss_end"], marks["fds_end"] = _rss_mb(), _fds()
            await driver.stop()

        started = time.perf_counter()
        asyncio.run(go())
        elapsed = time.perf_counter() - started
        requests = int(server.stats()["requests"])
        history.close()
    return MemoryFigures(
        count, cycles, requests, rss_start, marks["rss_warm"], marks["rss_end"],
        int(marks["fds_warm"]), int(marks["fds_end"]), elapsed,
    )  # fmt: skip


@dataclass(frozen=True)
class BytesFigures:
    services: int
    interval_s: int
    with_validators: int
    without_validators: int
    requests: int

    @property
    def ratio(self) -> float:
        return self.with_validators / self.without_validators


def bench_bytes(count: int = 30, interval: int = 300) -> BytesFigures:
    """Bytes on the wire (both ways) in one simulated hour, with and without validators."""
    totals = []
    requests = 0
    for validators in ("1", "0"):
        with ServerProcess("pages", str(count), validators) as server:
            configs = services(server, count, interval)

            async def go(configs: list[ServiceConfig] = configs) -> None:
                driver = Driver(configs)
                await driver.start()
                for _ in range(3600 // 30):
                    await driver.advance(30)
                await driver.stop()

            asyncio.run(go())
            stats = server.stats()
            totals.append(int(stats["bytes_in"]) + int(stats["bytes_out"]))
            requests = int(stats["requests"])
    return BytesFigures(count, interval, totals[0], totals[1], requests)
