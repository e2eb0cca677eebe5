"""Fault injection: every hostile answer ends as a classified `unknown` within the timeout
plus one second, and the next cycle works. The engine runs on a fake clock; the faults
are real servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest

from tests.conftest import fixture_bytes
from tests.engine_harness import Harness, run
from tests.servers import LoopbackServer, Reply, TlsLoopbackServer
from traymon.config import ServiceConfig
from traymon.model import Status
from traymon.reasons import Code

HEALTHY = fixture_bytes("statuspage/github_summary_2026-08-22_latest.json")
SUMMARY = "/api/v2/summary.json"
TIMEOUT_S = 2.0
FIFTY_MB = 50 * 1024 * 1024

#: fault name -> (the reply that misbehaves, the reason a person reads)
FAULTS: dict[str, tuple[Reply, str]] = {
    "trickle": (Reply(trickle_bytes=1000), f"timed out after {TIMEOUT_S:g} s"),
    "reset": (Reply(reset=True), "the connection was reset by the server"),
    "throttled": (
        Reply(status=429, headers={"Retry-After": "120"}),
        "the server answered HTTP 429 Too Many Requests",
    ),
    "broken": (Reply(status=500), "the server answered HTTP 500 Internal Server Error"),
    "loop": (
        Reply(status=302, headers={"Location": f"/loop{SUMMARY}"}),
        "too many redirects (more than 5)",
    ),
    "huge": (Reply(stream_bytes=FIFTY_MB), "the answer is too large (more than 2.0 MB)"),
}


@pytest.fixture
def tls_server() -> Iterator[TlsLoopbackServer]:
    srv = TlsLoopbackServer()
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def test_every_fault_is_a_classified_unknown_in_time_and_the_next_cycle_works(
    server: LoopbackServer, tls_server: TlsLoopbackServer
) -> None:
    services = []
    for name, (reply, _) in FAULTS.items():
        server.serve(f"/{name}{SUMMARY}", reply)
        services.append(ServiceConfig(name, name, "statuspage", f"{server.base_url}/{name}", 60))
    tls_server.serve(f"/tls{SUMMARY}", Reply(body=HEALTHY))
    services.append(ServiceConfig("tls", "tls", "statuspage", f"{tls_server.base_url}/tls", 60))
    services.append(
        ServiceConfig("nxdomain", "nx", "statuspage", "https://status.traymon-test.invalid", 60)
    )
    server.serve(f"/fine{SUMMARY}", Reply(body=HEALTHY))
    services.append(ServiceConfig("fine", "fine", "statuspage", f"{server.base_url}/fine", 60))

    async def scenario() -> None:
        harness = Harness(services, timeout_s=TIMEOUT_S)
        first_seen: dict[str, float] = {}
        harness.monitor._on_result = lambda r: (  # type: ignore[method-assign]
            harness.results.append(r),
            first_seen.setdefault(r.service_id, time.monotonic()),
        )
        started = time.monotonic()
        async with harness as h:
            for service in services:
                assert first_seen[service.id] - started <= TIMEOUT_S + 1.0, service.id
            for name, (_, reason) in FAULTS.items():
                shown = h.latest(name)
                assert shown.status is Status.UNKNOWN, name
                assert shown.error is not None and shown.error.startswith(reason), shown.error
            tls = h.latest("tls")
            tls_error = tls.error
            assert (tls_error or "").startswith("TLS handshake failed: certificate not trusted")
            assert tls.reason is not None and tls.reason.code is Code.TLS_UNTRUSTED
            nxdomain = h.latest("nxdomain")
            assert nxdomain.error == "the server's name could not be resolved (DNS)"
            assert nxdomain.reason is not None and nxdomain.reason.code is Code.DNS
            assert h.latest("fine").status is Status.OPERATIONAL

            # The faults go away; the next cycles (after backoff and Retry-After) work.
            for name in FAULTS:
                server.serve(f"/{name}{SUMMARY}", Reply(body=HEALTHY))
            tls_hits = len(tls_server.requests)
            for _ in range(10):
                await h.advance(30)
            for name in FAULTS:
                assert h.latest(name).status is Status.OPERATIONAL, name
            # Nothing can make a self-signed certificate or a reserved name work, but the
            # engine keeps asking and keeps saying why.
            assert h.latest("tls").error == tls_error
            assert len(tls_server.requests) == tls_hits == 0  # the handshake never got through
            assert h.latest("nxdomain").status is Status.UNKNOWN

    run(scenario())


def test_a_slow_vendor_never_delays_another(server: LoopbackServer) -> None:
    server.serve(f"/slow{SUMMARY}", Reply(hang=True))
    server.serve(f"/fast{SUMMARY}", Reply(body=HEALTHY))
    services = [
        ServiceConfig(sid, sid, "statuspage", f"{server.base_url}/{sid}", 60)
        for sid in ("slow", "fast")
    ]

    async def scenario() -> None:
        harness = Harness(services, timeout_s=5.0, concurrency=2)
        task = asyncio.create_task(harness.monitor.run())
        started = time.monotonic()
        await harness.until(lambda: "fast" in harness.monitor.latest())
        assert time.monotonic() - started < 2.0  # long before the slow one times out
        assert "slow" not in harness.monitor.latest()
        harness.monitor.stop()
        await task

    run(scenario())
