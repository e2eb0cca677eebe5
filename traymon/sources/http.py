"""The thin, shared fetch every source uses: one client, one set of safety rules.

- TLS is verified against the operating system's trust store (truststore), so a
  company's TLS-inspecting proxy with its own root CA works as in the browser.
- A whole fetch has a deadline (not only per read: a server that trickles one
  byte a second would otherwise never time out).
- A body is read in chunks and abandoned past a cap, so a hostile or broken
  server cannot fill memory.
- Redirects are followed, but never to plain ``http://`` beyond loopback.
"""

from __future__ import annotations

import asyncio
import errno
import socket
import ssl
from dataclasses import dataclass
from http import HTTPStatus

import httpx
import truststore

from traymon import __version__
from traymon.sources.urls import url_problem

USER_AGENT = f"Traymon/{__version__} (+desktop status monitor)"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    timeout_s: float = 15.0
    max_body_bytes: int = 2 * 1024 * 1024
    max_redirects: int = 5


class FetchError(Exception):
    """A fetch failed; ``str()`` is a short reason for a person (``timed out after 15 s``)."""


def make_client(limits: FetchLimits, max_connections: int = 16) -> httpx.AsyncClient:
    """One client for the whole app: pooled connections, OS trust store, no env surprises."""
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return httpx.AsyncClient(
        verify=context,
        timeout=httpx.Timeout(limits.timeout_s),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=8),
        follow_redirects=True,
        max_redirects=limits.max_redirects,
        headers={"User-Agent": USER_AGENT, "Accept": "application/json, */*;q=0.5"},
        event_hooks={"request": [_refuse_plain_http]},
    )


async def _refuse_plain_http(request: httpx.Request) -> None:
    # Runs for every hop, so a redirect to http:// on the open internet is refused too.
    reason = url_problem(str(request.url))
    if reason is not None:
        raise FetchError(f"refused to follow a redirect: the target URL {reason}")


async def fetch(client: httpx.AsyncClient, url: str, limits: FetchLimits) -> bytes:
    """GET ``url`` and return its body, or raise ``FetchError`` with a reason in words."""
    try:
        async with asyncio.timeout(limits.timeout_s):
            return await _get(client, url, limits.max_body_bytes)
    except TimeoutError:
        raise FetchError(f"timed out after {limits.timeout_s:g} s") from None
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {limits.timeout_s:g} s") from None
    except httpx.TooManyRedirects:
        raise FetchError(f"too many redirects (more than {limits.max_redirects})") from None
    except httpx.TransportError as exc:
        raise FetchError(_describe_transport_error(exc)) from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"the URL is not valid ({exc})") from None


async def _get(client: httpx.AsyncClient, url: str, cap: int) -> bytes:
    async with client.stream("GET", url) as response:
        if response.status_code >= 400:
            raise FetchError(_describe_status(response.status_code))
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"the answer is too large ({_mb(int(declared))}, limit {_mb(cap)})")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(f"the answer is too large (more than {_mb(cap)})")
            chunks.append(chunk)
        return b"".join(chunks)


def _describe_status(code: int) -> str:
    try:
        phrase = HTTPStatus(code).phrase
    except ValueError:
        phrase = "unexpected status"
    return f"the server answered HTTP {code} {phrase}"


def _describe_transport_error(exc: httpx.TransportError) -> str:
    """Classify by the underlying exception, not by matching message strings."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"the server's TLS certificate could not be verified ({cause.verify_message})"
        if isinstance(cause, ssl.SSLError):
            return "the TLS connection failed"
        if isinstance(cause, socket.gaierror):
            return "the server's name could not be resolved (DNS)"
        if isinstance(cause, ConnectionRefusedError):
            return "the connection was refused"
        if isinstance(cause, ConnectionResetError):
            return "the connection was reset by the server"
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return "the network is unreachable"
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the server broke the HTTP protocol (connection closed early or bad answer)"
    if isinstance(exc, httpx.ConnectError):
        return "could not connect to the server"
    return f"the request failed ({type(exc).__name__})"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


# Public names for the engine's conditional fetch and the probes, which must
# classify failures in the same words as every source does.
describe_status = _describe_status
describe_transport_error = _describe_transport_error
