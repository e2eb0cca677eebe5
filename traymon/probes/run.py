"""Run one probe. Never raises: a failure is an outcome with a reason in words."""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
import time

import httpx

from traymon.model import ProbeOutcome
from traymon.probes.spec import DnsProbe, HttpProbe, ProbeSpec, TcpProbe
from traymon.probes.tcp import run_tcp
from traymon.sources.http import (
    DEFAULT_MAX_BODY_BYTES,
    FetchError,
    answered_garbage,
    describe_transport_error,
    read_capped,
)

_log = logging.getLogger(__name__)


async def run_probe(
    spec: ProbeSpec,
    client: httpx.AsyncClient,
    timeout_s: float,
    tls: ssl.SSLContext | None = None,
) -> ProbeOutcome:
    """``tls`` is the trust a ``tcp`` probe's handshake uses (``tls_context``: OS + IT's CAs)."""
    try:
        return await _run(spec, client, timeout_s, tls)
    except Exception as exc:  # a surprise costs this probe's outcome, never the round's
        _log.exception("the probe %s failed unexpectedly", spec.name)
        detail = f"Traymon could not run this probe (internal error: {type(exc).__name__})"
        return ProbeOutcome(spec.name, ok=False, detail=detail)


async def _run(
    spec: ProbeSpec, client: httpx.AsyncClient, timeout_s: float, tls: ssl.SSLContext | None
) -> ProbeOutcome:
    if isinstance(spec, TcpProbe):
        return await run_tcp(spec, timeout_s, tls)  # its own deadline: it knows how far it got
    started = time.monotonic()
    try:
        async with asyncio.timeout(timeout_s):
            if isinstance(spec, HttpProbe):
                return await _http(spec, client, started)
            return await _dns(spec, started)
    except TimeoutError:
        return ProbeOutcome(spec.name, ok=False, detail=f"no answer within {timeout_s:g} s")


def _elapsed_ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)


async def _http(spec: HttpProbe, client: httpx.AsyncClient, started: float) -> ProbeOutcome:
    try:
        async with client.stream(spec.method, spec.url, follow_redirects=False) as response:
            code = response.status_code
            # The body only when asked about, decoded and capped like every other answer
            # (a small gzip bomb must not fill memory here either).
            needed = spec.body_contains is not None
            body = await read_capped(response, DEFAULT_MAX_BODY_BYTES) if needed else b""
    except httpx.TransportError as exc:
        # Garbage instead of HTTP is still an answer: the network from here works.
        detail = describe_transport_error(exc)
        return ProbeOutcome(spec.name, ok=False, detail=detail, reached=answered_garbage(exc))
    except (httpx.HTTPError, httpx.InvalidURL) as exc:  # an invalid URL, …
        return ProbeOutcome(spec.name, ok=False, detail=f"the request failed ({exc})")
    except FetchError as exc:  # the refusal hook, or an answer too large to read
        return ProbeOutcome(spec.name, ok=False, detail=str(exc), reached=exc.reached)
    latency = _elapsed_ms(started)
    if spec.expect_status is not None and code != spec.expect_status:
        reason = f"answered HTTP {code}, expected {spec.expect_status}"
        return ProbeOutcome(spec.name, False, reason, latency, reached=True)
    if spec.expect_status is None and code >= 500:
        return ProbeOutcome(spec.name, False, f"answered HTTP {code}", latency, reached=True)
    text = body.decode(response.encoding or "utf-8", errors="replace")
    if spec.body_contains is not None and spec.body_contains not in text:
        reason = f"the answer does not contain {spec.body_contains!r}"
        return ProbeOutcome(spec.name, False, reason, latency, reached=True)
    if spec.slow_ms is not None and latency > spec.slow_ms:
        reason = f"answered in {latency} ms, slower than {spec.slow_ms} ms"
        return ProbeOutcome(spec.name, False, reason, latency, reached=True)
    return ProbeOutcome(spec.name, True, f"answered in {latency} ms", latency, reached=True)


async def _dns(spec: DnsProbe, started: float) -> ProbeOutcome:
    loop = asyncio.get_running_loop()
    try:
        addresses = await loop.getaddrinfo(spec.host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return ProbeOutcome(spec.name, False, "the name could not be resolved")
    latency = _elapsed_ms(started)
    detail = f"resolved to {addresses[0][4][0]} in {latency} ms"
    # A resolver answer may come from a local cache: not evidence of being online.
    return ProbeOutcome(spec.name, True, detail, latency)
