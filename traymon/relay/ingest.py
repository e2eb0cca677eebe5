"""``traymon relay ingest``: the fleet reports' door, a small stateless ASGI service.

    POST /v1/report   Authorization: Bearer <enrolment token>   body: fleet_schema's JSON
    GET  /healthz

Each accepted report becomes a few HyperLogLog additions in Redis (fleet_counts); the
process keeps nothing, so any number of them run behind any load balancer against one
Redis or a Redis Cluster. What it refuses, it counts (``tf:refused`` per reason, and
``refused`` in memory) and answers with a status only, never an echo: a wrong token
401, too large 413, not a report 400, too many from one desktop id or one address 429.

Nothing about the sender is kept: no access log, the source address and desktop id
only in memory for the current minute's rate limit, never in Redis. Behind a load
balancer, name it in ``fleet.trusted_proxies`` so its X-Forwarded-For is the address
limited (uvicorn's ``forwarded_allow_ips``).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from traymon.relay.fleet_config import FleetConfig
from traymon.relay.fleet_counts import add_refusals, add_reports, async_redis_client, minute_of
from traymon.relay.fleet_schema import MAX_REPORT_BYTES, Report, ReportError, from_json

log = logging.getLogger(__name__)
REPORT_PATH = "/v1/report"
#: The limiter forgets everything each minute; past this many keys it refuses new ones
#: (a flood from a million addresses must not grow the process without bound).
MAX_TRACKED = 500_000
FLUSH_REFUSED_S = 5.0


class MinuteLimiter:
    """At most ``limit`` hits per key per clock minute; memory only, cleared every minute."""

    def __init__(self, limit: int, clock: Callable[[], float]) -> None:
        self.limit = limit
        self.clock = clock
        self._minute = -1
        self._hits: dict[str, int] = {}

    def allow(self, key: str) -> bool:
        minute = minute_of(self.clock())
        if minute != self._minute:
            self._minute, self._hits = minute, {}
        n = self._hits.get(key, 0)
        if n == 0 and len(self._hits) >= MAX_TRACKED:
            return False
        if n >= self.limit:
            return False
        self._hits[key] = n + 1
        return True


class Ingest:
    """The app's state: config, Redis, limiters and the refusal counts."""

    def __init__(
        self, cfg: FleetConfig, clock: Callable[[], float] = time.time, redis: Any = None
    ) -> None:
        self.cfg = cfg
        self.clock = clock
        self.tokens = tuple(t.encode() for t in cfg.tokens())
        self.redis = redis
        self.per_desktop = MinuteLimiter(cfg.per_desktop_per_minute, clock)
        self.per_address = MinuteLimiter(cfg.per_address_per_minute, clock)
        self.refused: Counter[str] = Counter()
        self.accepted = 0
        self._unflushed: Counter[str] = Counter()
        self._batch = _Batch(self)

    def _refuse(self, reason: str, status: int) -> Response:
        self.refused[reason] += 1
        self._unflushed[reason] += 1
        return Response(status_code=status)

    def _token_ok(self, header: str) -> bool:
        scheme, _, token = header.partition(" ")
        given = token.strip().encode()
        # Every token compared (no early exit): timing says nothing about which is near.
        ok = False
        for known in self.tokens:
            ok |= hmac.compare_digest(given, known)
        return scheme.lower() == "bearer" and ok

    async def report(self, request: Request) -> Response:
        address = request.client.host if request.client else ""
        if not self.per_address.allow(address):
            return self._refuse("address_flood", 429)
        if not self._token_ok(request.headers.get("authorization", "")):
            return self._refuse("token", 401)
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_REPORT_BYTES):
            return self._refuse("size", 413)
        body = bytearray()
        try:
            async for chunk in request.stream():
                body += chunk
                if len(body) > MAX_REPORT_BYTES:
                    return self._refuse("size", 413)
        except ClientDisconnect:
            return self._refuse("disconnect", 400)
        try:
            report = from_json(bytes(body))
        except ReportError:
            return self._refuse("schema", 400)
        if not self.per_desktop.allow(report.desktop_id):
            return self._refuse("desktop_flood", 429)
        if not await self._batch.add(report, minute_of(self.clock())):
            return self._refuse("redis", 503)
        self.accepted += 1
        return Response(status_code=204)

    async def healthz(self, request: Request) -> Response:
        return PlainTextResponse("ok")

    async def flush_refused(self) -> None:
        """The refusals into Redis now and then (not one write per refused request)."""
        if not self._unflushed:
            return
        counts, self._unflushed = dict(self._unflushed), Counter()
        pipe = self.redis.pipeline(transaction=False)
        add_refusals(pipe, counts)
        try:
            await pipe.execute()
        except Exception as exc:
            log.warning("could not count refusals in Redis: %s", type(exc).__name__)

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        if self.redis is None:
            self.redis = async_redis_client(self.cfg.redis_url, self.cfg.cluster)
        if not self.tokens:
            log.warning("no enrolment token (%s): every report is refused", self.cfg.token_env)
        task = asyncio.create_task(self._flusher())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            await self.flush_refused()
            await self.redis.aclose()

    async def _flusher(self) -> None:
        while True:
            await asyncio.sleep(FLUSH_REFUSED_S)
            await self.flush_refused()


class _Batch:
    """Reports that arrive together go to Redis in one pipeline (one round trip for many).

    A report's request waits for its own pipeline's answer, so a 204 still means
    "counted"; the batch is whatever arrived while the previous one was on its way.
    """

    def __init__(self, ingest: Ingest) -> None:
        self.ingest = ingest
        self.pending: list[tuple[Report, int, asyncio.Future[bool]]] = []
        self.flushing: asyncio.Task[None] | None = None
        self.largest = 0

    async def add(self, report: Report, minute: int) -> bool:
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self.pending.append((report, minute, done))
        if self.flushing is None:
            self.flushing = asyncio.create_task(self._flush())
        return await done

    async def _flush(self) -> None:
        try:
            await asyncio.sleep(0)  # the requests already read join this batch
            while self.pending:
                batch, self.pending = self.pending, []
                self.largest = max(self.largest, len(batch))
                pipe = self.ingest.redis.pipeline(transaction=False)
                minutes: dict[int, list[Report]] = {}
                for report, minute, _ in batch:
                    minutes.setdefault(minute, []).append(report)
                for minute, reports in minutes.items():
                    add_reports(pipe, reports, minute)
                try:
                    await pipe.execute()
                    ok = True
                except Exception as exc:  # redis.RedisError and its kin: busy, never a crash
                    log.warning("Redis refused the reports' counts: %s", type(exc).__name__)
                    ok = False
                for _, _, done in batch:
                    if not done.done():
                        done.set_result(ok)
        finally:
            self.flushing = None


def make_app(ingest: Ingest) -> Starlette:
    routes = [
        Route(REPORT_PATH, ingest.report, methods=["POST"]),
        Route("/healthz", ingest.healthz, methods=["GET"]),
    ]
    return Starlette(routes=routes, lifespan=ingest.lifespan)


def serve(cfg: FleetConfig, host: str, port: int) -> None:
    """Run one ingest process (uvicorn; run several behind a load balancer for more)."""
    import uvicorn

    app = make_app(Ingest(cfg))
    uvicorn.run(
        app,
        host=host,
        port=port,
        access_log=False,  # an access log would keep every sender's address
        proxy_headers=bool(cfg.trusted_proxies),
        forwarded_allow_ips=list(cfg.trusted_proxies) or None,
        server_header=False,
        log_level="warning",
    )
