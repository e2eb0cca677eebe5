"""Probes from this desktop against real loopback servers, and the conditional-fetch helpers."""

from __future__ import annotations

import asyncio
import socket
from datetime import UTC, datetime

import pytest

from tests.servers import LoopbackServer, Reply
from traymon.engine.fetching import MAX_RETRY_AFTER_S, parse_retry_after
from traymon.model import ProbeOutcome
from traymon.probes import DnsProbe, HttpProbe, ProbeSpec, TcpProbe
from traymon.probes.run import run_probe
from traymon.reasons import Code, Reason
from traymon.sources.http import FetchLimits, make_client


def _run(spec: ProbeSpec, timeout_s: float = 2.0) -> ProbeOutcome:
    async def go() -> ProbeOutcome:
        async with make_client(FetchLimits()) as client:
            return await run_probe(spec, client, timeout_s)

    return asyncio.run(go())


def test_http_probe_checks_status_body_and_speed(server: LoopbackServer) -> None:
    url = server.serve("/ping", Reply(body=b"pong", content_type="text/plain"))
    moved = server.serve("/moved", Reply(status=302, headers={"Location": "/elsewhere"}))
    broken = server.serve("/broken", Reply(status=503))
    slow = server.serve("/slow", Reply(body=b"pong", delay_s=0.3))
    assert _run(HttpProbe(url, body_contains="pong")).ok
    assert _run(HttpProbe(moved)).ok  # a redirect is an answer: reachable
    assert not _run(HttpProbe(moved, expect_status=200)).ok
    failed = _run(HttpProbe(broken))
    said = "the server answered HTTP 503 Service Unavailable"
    assert (failed.ok, failed.detail, failed.reached) == (False, said, True)
    assert failed.reason == Reason(Code.HTTP_STATUS, host="127.0.0.1", status=503)
    missing = _run(HttpProbe(url, body_contains="hello"))
    assert missing.detail == "the answer does not contain 'hello'"
    assert missing.reason is not None and missing.reason.code is Code.MISSING_TEXT
    too_slow = _run(HttpProbe(slow, slow_ms=100))
    assert not too_slow.ok and too_slow.detail.endswith("slower than 100 ms")
    assert too_slow.reason is not None and too_slow.reason.limit == 100


def test_http_probe_gives_up_at_the_timeout(server: LoopbackServer) -> None:
    url = server.serve("/hang", Reply(hang=True))
    outcome = _run(HttpProbe(url), timeout_s=0.5)
    assert (outcome.ok, outcome.detail) == (False, "timed out after 0.5 s")
    assert outcome.reason == Reason(Code.TIMEOUT, host="127.0.0.1", seconds=0.5)


def test_tcp_probe_connects_or_says_why(server: LoopbackServer) -> None:
    port = int(server.base_url.rsplit(":", 1)[1])
    assert _run(TcpProbe("127.0.0.1", port)).ok
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    refused = _run(TcpProbe("127.0.0.1", closed))
    assert (refused.ok, refused.detail) == (False, "the connection was refused")
    assert refused.reason == Reason(Code.REFUSED, host="127.0.0.1")
    nowhere = _run(TcpProbe("imap.traymon-test.invalid", 993))
    assert nowhere.detail == "the server's name could not be resolved (DNS)"
    assert nowhere.reason == Reason(Code.DNS, host="imap.traymon-test.invalid")


def test_dns_probe() -> None:
    assert _run(DnsProbe("localhost")).ok
    unknown = _run(DnsProbe("mail.traymon-test.invalid"))
    assert unknown.detail == "the server's name could not be resolved (DNS)"
    assert unknown.reason == Reason(Code.DNS, host="mail.traymon-test.invalid")


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        ("Mon, 01 Jun 2026 12:05:00 GMT", 300.0),
        ("Mon, 01 Jun 2026 11:00:00 GMT", 0.0),  # in the past: ask again now
        ("999999", MAX_RETRY_AFTER_S),  # capped: a broken header must not stop checking
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after_in_seconds_or_as_a_date(header: str | None, seconds: float | None) -> None:
    now = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after(header, now) == seconds
