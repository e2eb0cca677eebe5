"""Run one probe. Never raises: a failure is an outcome with its reason (and its English)."""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
import time

import httpx

from traymon.model import ProbeOutcome
from traymon.probes.spec import DnsProbe, HttpProbe, ProbeSpec, TcpProbe
from traymon.probes.tcp import failed, run_tcp
from traymon.reasons import Code, Reason
from traymon.sources.http import (
    DEFAULT_MAX_BODY_BYTES,
    FetchError,
    answered_garbage,
    read_capped,
    transport_reason,
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
        return failed(spec.name, Reason(Code.PROBE_INTERNAL, detail=type(exc).__name__))


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
        return failed(spec.name, Reason(Code.TIMEOUT, host=_host(spec), seconds=timeout_s))


def _host(spec: HttpProbe | DnsProbe) -> str | None:
    return spec.host if isinstance(spec, DnsProbe) else httpx.URL(spec.url).host or None


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
        return failed(spec.name, transport_reason(exc), reached=answered_garbage(exc))
    except (httpx.HTTPError, httpx.InvalidURL) as exc:  # an invalid URL, …
        return failed(spec.name, Reason(Code.OTHER, detail=f"the request failed ({exc})"))
    except FetchError as exc:  # the refusal hook, or an answer too large to read
        return failed(spec.name, exc.reason, reached=exc.reached)
    latency = _elapsed_ms(started)
    host = response.url.host or None
    if spec.expect_status is not None and code != spec.expect_status:
        wrong = Reason(Code.HTTP_STATUS, host=host, status=code, expected=spec.expect_status)
        return failed(spec.name, wrong, latency, reached=True)
    if spec.expect_status is None and code >= 500:
        failing = Reason(Code.HTTP_STATUS, host=host, status=code)
        return failed(spec.name, failing, latency, reached=True)
    text = body.decode(response.encoding or "utf-8", errors="replace")
    if spec.body_contains is not None and spec.body_contains not in text:
        missing = Reason(Code.MISSING_TEXT, host=host, detail=spec.body_contains)
        return failed(spec.name, missing, latency, reached=True)
    if spec.slow_ms is not None and latency > spec.slow_ms:
        slow = Reason(Code.SLOW, host=host, seconds=latency / 1000, limit=spec.slow_ms)
        return failed(spec.name, slow, latency, reached=True)
    return ProbeOutcome(spec.name, True, f"answered in {latency} ms", latency, reached=True)


async def _dns(spec: DnsProbe, started: float) -> ProbeOutcome:
    loop = asyncio.get_running_loop()
    try:
        addresses = await loop.getaddrinfo(spec.host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return failed(spec.name, Reason(Code.DNS, host=spec.host))
    latency = _elapsed_ms(started)
    detail = f"resolved to {addresses[0][4][0]} in {latency} ms"
    # A resolver answer may come from a local cache: not evidence of being online.
    return ProbeOutcome(spec.name, True, detail, latency)
