"""The ``tcp`` probe: connect, then (when asked) STARTTLS and a verified TLS handshake.

A connect alone proves little in a company: a TLS-intercepting proxy or firewall,
a wrong or expired certificate, or a middlebox that accepts the connection and
then breaks TLS all look "fine" to it. The handshake finds them, and the words
say which. Any answer after the connect counts as ``reached``: the network works.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import socket
import ssl
import time
from dataclasses import dataclass

from traymon.model import ProbeOutcome
from traymon.probes.spec import TcpProbe
from traymon.probes.starttls import DIALOGUES, MAX_LINE_BYTES, DialogueError
from traymon.probes.tls import TlsError, handshake
from traymon.reason_english import english
from traymon.reasons import Code, Reason
from traymon.sources.http import NetworkOptions, tls_context


@dataclass(slots=True)
class _Progress:
    """How far the probe got, for saying what did not answer when the deadline hits."""

    connected: bool = False
    step: str = "connect"  # "connect", "starttls", "handshake"

    def timeout_reason(self, host: str, timeout_s: float) -> Reason:
        if not self.connected:
            return Reason(Code.TIMEOUT, host=host, seconds=timeout_s)
        if self.step == "starttls":
            return Reason(Code.STARTTLS_TIMEOUT, host=host, seconds=timeout_s)
        return Reason(Code.HANDSHAKE_TIMEOUT, host=host, seconds=timeout_s)


def failed(
    name: str, reason: Reason, latency_ms: int | None = None, *, reached: bool = False
) -> ProbeOutcome:
    """A failed probe: its ``reason``, and the same in English for the log and the CLI."""
    return ProbeOutcome(name, False, english(reason), latency_ms, reached=reached, reason=reason)


async def run_tcp(
    spec: TcpProbe, timeout_s: float, context: ssl.SSLContext | None = None
) -> ProbeOutcome:
    """Never raises. ``context`` is the shared trust (``tls_context``); default: the OS's."""
    started = time.monotonic()
    progress = _Progress()
    try:
        async with asyncio.timeout(timeout_s):
            return await _probe(spec, context, progress, started)
    except TimeoutError:
        timed_out = progress.timeout_reason(spec.host, timeout_s)
        return failed(spec.name, timed_out, reached=progress.connected)


async def _probe(
    spec: TcpProbe, context: ssl.SSLContext | None, progress: _Progress, started: float
) -> ProbeOutcome:
    try:
        reader, writer = await asyncio.open_connection(spec.host, spec.port, limit=MAX_LINE_BYTES)
    except socket.gaierror:
        return failed(spec.name, Reason(Code.DNS, host=spec.host))
    except ConnectionRefusedError:
        # Something answered with a refusal: the network works, the service does not.
        return failed(spec.name, Reason(Code.REFUSED, host=spec.host), reached=True)
    except OSError as exc:
        cannot = Reason(Code.CONNECT, host=spec.host, detail=str(exc.strerror or exc))
        return failed(spec.name, cannot)
    progress.connected = True
    try:
        if spec.handshake:
            outcome = await _secure(spec, context, progress, started, reader, writer)
        else:
            latency = _ms(started)
            detail = f"connected in {latency} ms"
            outcome = ProbeOutcome(spec.name, True, detail, latency, reached=True)
    except BaseException:
        # Cut off by the deadline: drop the connection now rather than wait on a
        # server that may never read or answer again.
        writer.transport.abort()
        raise
    writer.close()
    # Closing a connection we only opened to test it: errors do not matter.
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return outcome


async def _secure(
    spec: TcpProbe,
    context: ssl.SSLContext | None,
    progress: _Progress,
    started: float,
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
) -> ProbeOutcome:
    try:
        if spec.starttls is not None:
            progress.step = "starttls"
            await DIALOGUES[spec.starttls](reader, writer)
        progress.step = "handshake"
        trust = context if context is not None else tls_context(NetworkOptions())
        version = await handshake(reader, writer, trust, spec.host)
    except DialogueError as exc:
        starttls = Reason(Code.STARTTLS, host=spec.host, detail=str(exc))
        return failed(spec.name, starttls, reached=True)
    except TlsError as exc:
        return failed(spec.name, dataclasses.replace(exc.reason, host=spec.host), reached=True)
    except ConnectionError:
        return failed(spec.name, Reason(Code.BROKE_OFF, host=spec.host), reached=True)
    latency = _ms(started)
    detail = f"TLS verified in {latency} ms ({version})"
    return ProbeOutcome(spec.name, True, detail, latency, reached=True)


def _ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)
