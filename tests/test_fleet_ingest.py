"""The fleet ingest against a real Redis on loopback: counts, expiry, refusals, privacy."""

from __future__ import annotations

import json
import os
import secrets
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.fleet_helpers import IngestServer, RedisServer, ingest_server, redis_server
from traymon.relay.fleet_config import FleetConfig
from traymon.relay.fleet_counts import BUCKET_TTL_S, FleetStore, minute_of, redis_client
from traymon.relay.fleet_schema import MAX_REPORT_BYTES

pytestmark = pytest.mark.linux_only  # needs redis-server from Debian

TOKEN = "enrol-" + secrets.token_urlsafe(12)
NOW = 1_800_000_000.0  # a fixed clock: the minute buckets are known
CLIENT = httpx.Client(timeout=5)  # keep-alive: many requests, few connections


@pytest.fixture(scope="module")
def redis() -> Iterator[RedisServer]:
    with redis_server() as server:
        yield server


@pytest.fixture
def ingest(redis: RedisServer) -> Iterator[IngestServer]:
    redis.client().flushall()
    os.environ["TRAYMON_TEST_FLEET_TOKEN"] = TOKEN
    cfg = FleetConfig(
        redis_url=redis.url,
        token_env="TRAYMON_TEST_FLEET_TOKEN",
        per_desktop_per_minute=3,
        per_address_per_minute=60,
    )
    with ingest_server(cfg, clock=lambda: NOW) as server:
        yield server


def report(desktop: str, site: str = "berlin", **services: str) -> dict[str, Any]:
    return {"v": 1, "id": desktop, "site": site, "services": services or {"exchange": "ok"}}


def desktop_id() -> str:
    return secrets.token_urlsafe(16)


def post(server: IngestServer, body: object, token: str = TOKEN, **kw: Any) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    return CLIENT.post(server.url, content=content, headers=headers, **kw)


def test_reports_count_distinct_desktops_and_failures_per_site_service_minute(
    ingest: IngestServer, redis: RedisServer
) -> None:
    ids = [desktop_id() for _ in range(7)]
    for i, d in enumerate(ids):
        outcome = "tls" if i < 3 else "ok"
        assert post(ingest, report(d, exchange=outcome, teams="ok")).status_code == 204
    assert post(ingest, report(ids[0], exchange="tls")).status_code == 204  # counted once
    assert post(ingest, report(desktop_id(), site="paris")).status_code == 204
    store = FleetStore(redis.client())
    minute = minute_of(NOW)
    pairs = store.pairs([minute])
    assert pairs == [("berlin", "exchange"), ("berlin", "teams"), ("paris", "exchange")]
    counts = {(c.site, c.service): (c.desktops, c.failing) for c in store.counts([minute], pairs)}
    assert counts == {("berlin", "exchange"): (7, 3), ("berlin", "teams"): (7, 0),
                      ("paris", "exchange"): (1, 0)}  # fmt: skip
    # Everything expires on its own.
    client = redis.client()
    for key in client.keys("tf:*"):
        assert 0 < client.ttl(key) <= BUCKET_TTL_S, key


def test_refused_reports_are_counted_and_never_crash_the_ingest(
    ingest: IngestServer, redis: RedisServer
) -> None:
    good = report(desktop_id())
    assert post(ingest, good, token="wrong").status_code == 401
    assert post(ingest, good, token="Basic x").status_code == 401
    big = {**good, "site": "x" * (MAX_REPORT_BYTES + 10)}
    assert post(ingest, big).status_code == 413
    # Oversized without a Content-Length (chunked) is cut off while reading.
    chunks = (b"x" * 1024 for _ in range(16))
    headers = {"authorization": f"Bearer {TOKEN}"}
    streamed = httpx.post(ingest.url, content=chunks, headers=headers, timeout=5)
    assert streamed.status_code == 413
    for bad in [
        b"not json",
        b"[1,2]",
        {**good, "user": "alice"},  # any field beyond the schema
        {**good, "services": {"exchange": "connection refused by 10.0.0.1"}},  # error text
        {**good, "services": {"https://outlook.office365.com": "ok"}},  # a URL as a name
        {**good, "id": "short"},
        {**good, "site": "Berlin Office"},
        {**good, "services": {}},
        {**good, "v": 2},
        b'{"v":1,"id":"' + b"[" * 3000 + b'"}',
    ]:
        assert post(ingest, bad).status_code == 400, bad
    # A flood from one desktop id: the first three per minute, then 429.
    flood = report(desktop_id())
    codes = [post(ingest, flood).status_code for _ in range(6)]
    assert codes == [204, 204, 204, 429, 429, 429]
    # A flood from one address (60 a minute here, all kinds of requests counted).
    codes = [post(ingest, report(desktop_id())).status_code for _ in range(60)]
    assert 429 in codes
    assert httpx.get(ingest.url.replace("/v1/report", "/healthz")).text == "ok"
    refused = ingest.ingest.refused
    assert refused["token"] == 2 and refused["size"] == 2 and refused["schema"] == 10
    assert refused["desktop_flood"] == 3 and refused["address_flood"] >= 1
    # The flood's id counted once, however often it came.
    store = FleetStore(redis.client())
    minute = minute_of(NOW)
    (count,) = store.counts([minute], [("berlin", "exchange")])
    # The flood's 3 accepted are one; HyperLogLog may be off by one at 41 (0.81 % error).
    assert abs(count.desktops - (ingest.ingest.accepted - 2)) <= 1


def test_refusals_reach_redis_for_relay_status(ingest: IngestServer, redis: RedisServer) -> None:
    import asyncio

    assert post(ingest, report(desktop_id()), token="nope").status_code == 401
    # The ingest flushes every few seconds; do it now, on a loop of our own.
    client: Any = __import__("redis.asyncio", fromlist=["Redis"]).Redis.from_url(redis.url)
    ingest.ingest.redis, server_client = client, ingest.ingest.redis

    async def flush() -> None:
        await ingest.ingest.flush_refused()
        await client.aclose()

    asyncio.run(flush())
    ingest.ingest.redis = server_client
    assert FleetStore(redis.client()).refused()["token"] >= 1


def test_stored_keys_and_values_hold_no_address_host_user_or_url(
    ingest: IngestServer, redis: RedisServer
) -> None:
    ids = [desktop_id() for _ in range(20)]
    for d in ids:
        post(ingest, report(d, exchange="dns", teams="ok"))
    post(ingest, report(desktop_id()), token="wrong")
    client = redis.client()
    blob = b""
    for key in client.keys("*"):
        blob += key + b"\n"
        kind = client.type(key)
        if kind == b"string":  # HyperLogLogs are strings: their raw registers
            blob += client.get(key) or b""
        elif kind == b"set":
            blob += b"\n".join(client.smembers(key))
        elif kind == b"hash":
            blob += b"\n".join(k + b"=" + v for k, v in client.hgetall(key).items())
    forbidden = [b"127.0.0.1", socket.gethostname().encode(), b"http", b"://"]
    forbidden += [os.environ.get("USER", "root").encode()]
    forbidden += [d.encode() for d in ids]  # not even the day's random ids
    for word in forbidden:
        assert word not in blob, word


def test_redis_down_is_busy_never_a_crash() -> None:
    from tests.fleet_helpers import free_port

    os.environ["TRAYMON_TEST_FLEET_TOKEN"] = TOKEN
    gone = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    cfg = FleetConfig(redis_url=gone, token_env="TRAYMON_TEST_FLEET_TOKEN")
    with ingest_server(cfg, clock=lambda: NOW) as server:
        assert post(server, report(desktop_id())).status_code == 503
        assert post(server, report(desktop_id())).status_code == 503
        assert httpx.get(server.url.replace("/v1/report", "/healthz")).text == "ok"
        assert server.ingest.refused["redis"] == 2


def test_the_publisher_publishes_no_fleet_while_redis_is_down() -> None:
    from datetime import UTC, datetime

    from tests.fleet_helpers import free_port
    from traymon.relay.fleet_verdict import FleetWatch, Rules

    client = redis_client(f"redis://127.0.0.1:{free_port()}/0", False)
    watch = FleetWatch(FleetStore(client), Rules())
    started = time.monotonic()
    assert watch.read(datetime.now(UTC), lambda _: False, 0.0) == ()
    assert "could not be read" in watch.problem
    assert time.monotonic() - started < 3  # a cycle is not held up for long


def test_several_ingest_processes_count_into_one_redis(
    ingest: IngestServer, redis: RedisServer
) -> None:
    cfg = FleetConfig(redis_url=redis.url, token_env="TRAYMON_TEST_FLEET_TOKEN")
    with ingest_server(cfg, clock=lambda: NOW) as second:
        ids = [desktop_id() for _ in range(10)]
        for i, d in enumerate(ids):  # a load balancer's round robin; each desktop twice
            assert post(ingest if i % 2 else second, report(d, exchange="slow")).status_code == 204
            assert post(second if i % 2 else ingest, report(d, exchange="slow")).status_code == 204
    (count,) = FleetStore(redis.client()).counts([minute_of(NOW)], [("berlin", "exchange")])
    assert (count.desktops, count.failing) == (10, 10)
