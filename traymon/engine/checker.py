"""Check services once, concurrently and bounded, with one shared HTTP client."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from datetime import UTC, datetime

import httpx

from traymon.config import ServiceConfig
from traymon.model import CheckResult, ParseResult, Status
from traymon.sources import SOURCES, Source
from traymon.sources.http import FetchError, FetchLimits

DEFAULT_CONCURRENCY = 16


def source_for(service: ServiceConfig) -> Source:
    return SOURCES[service.kind](service.url, service.options)


async def check_service(
    service: ServiceConfig, client: httpx.AsyncClient, limits: FetchLimits
) -> CheckResult:
    """Fetch and parse one service. Never raises: a failure is an ``unknown`` result."""
    source = source_for(service)
    started = time.monotonic()
    error: str | None = None
    try:
        parsed = await source.fetch_and_parse(client, limits)
    except FetchError as exc:
        error = str(exc)
        parsed = ParseResult.unknown(error)
    else:
        if parsed.status is Status.UNKNOWN:
            error = parsed.summary
    latency_ms = round((time.monotonic() - started) * 1000)
    return CheckResult(
        service_id=service.id,
        name=service.name,
        kind=service.kind,
        status=parsed.status,
        summary=parsed.summary,
        checked_at=datetime.now(UTC),
        components=parsed.components,
        incidents=parsed.incidents,
        error=error,
        latency_ms=latency_ms,
        page_url=source.page_url,
    )


async def check_all(
    services: Iterable[ServiceConfig],
    client: httpx.AsyncClient,
    limits: FetchLimits,
    concurrency: int = DEFAULT_CONCURRENCY,
) -> list[CheckResult]:
    """Check every service once, at most ``concurrency`` at a time, results in input order."""
    gate = asyncio.Semaphore(concurrency)

    async def bounded(service: ServiceConfig) -> CheckResult:
        async with gate:
            return await check_service(service, client, limits)

    return list(await asyncio.gather(*(bounded(s) for s in services)))
