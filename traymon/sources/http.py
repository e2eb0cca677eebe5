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
import contextlib
import errno
import socket
import ssl
import time
from collections.abc import AsyncIterator
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


@dataclass(frozen=True, slots=True)
class NetworkOptions:
    """A company network's needs (``traymon.netconfig`` builds this from the settings).

    With no explicit ``proxy`` the system proxy applies: httpx reads it through
    ``urllib.request.getproxies()`` (environment; also the Windows Internet settings and
    the macOS network settings there).
    """

    proxy: str | None = None
    proxy_auth: tuple[str, str] | None = None
    #: PEM files of CAs trusted in addition to the OS trust store.
    extra_ca_files: tuple[str, ...] = ()
    #: Plain ``http://`` beyond loopback, also after redirects (IT's choice; off by default).
    allow_plain_http: bool = False


class FetchError(Exception):
    """A fetch failed; ``str()`` is a short reason for a person (``timed out after 15 s``).

    ``reached`` says whether a server answered at all (an HTTP error, a body too
    large, a redirect refused): evidence that this desktop is online even though
    the fetch failed. Timeouts and connection failures are not.
    """

    def __init__(self, reason: str, *, reached: bool = False) -> None:
        super().__init__(reason)
        self.reached = reached


def make_client(
    limits: FetchLimits, max_connections: int = 16, network: NetworkOptions | None = None
) -> httpx.AsyncClient:
    """One client for the whole app: pooled connections, OS trust store, no env surprises."""
    network = network or NetworkOptions()
    context = tls_context(network)
    proxy = httpx.Proxy(network.proxy, auth=network.proxy_auth) if network.proxy else None
    return httpx.AsyncClient(
        verify=context,
        proxy=proxy,
        timeout=httpx.Timeout(limits.timeout_s),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=8),
        follow_redirects=True,
        max_redirects=limits.max_redirects,
        headers={"User-Agent": USER_AGENT, "Accept": "application/json, */*;q=0.5"},
        event_hooks={"request": [] if network.allow_plain_http else [_refuse_plain_http]},
    )


def tls_context(network: NetworkOptions) -> ssl.SSLContext:
    """The trust every TLS connection uses: the OS trust store plus IT's extra CAs.

    Shared by the HTTP client and the TLS probes, so a probe trusts exactly what
    the status checks trust. Verification (certificate and host name) stays on.
    """
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    for ca_file in network.extra_ca_files:  # checked by traymon.netconfig before they get here
        context.load_verify_locations(cafile=ca_file)
    return context


async def _refuse_plain_http(request: httpx.Request) -> None:
    # Runs for every hop, so a redirect to http:// on the open internet is refused too.
    reason = url_problem(str(request.url))
    if reason is not None:
        raise FetchError(f"refused to follow a redirect: the target URL {reason}", reached=True)


async def fetch(client: httpx.AsyncClient, url: str, limits: FetchLimits) -> bytes:
    """GET ``url`` and return its body, or raise ``FetchError`` with a reason in words."""
    async with fetch_errors(limits), client.stream("GET", url) as response:
        if response.status_code >= 400:
            raise FetchError(_describe_status(response.status_code), reached=True)
        return await read_capped(response, limits.max_body_bytes)


@contextlib.asynccontextmanager
async def fetch_errors(limits: FetchLimits) -> AsyncIterator[None]:
    """The deadline for a whole fetch, and every way it can fail as a ``FetchError`` in words.

    One place for these rules, so every source, the engine's conditional fetch
    and the probes describe the same failure with the same sentence.
    """
    try:
        async with asyncio.timeout(limits.timeout_s):
            yield
    except (TimeoutError, httpx.TimeoutException):
        raise FetchError(f"timed out after {limits.timeout_s:g} s") from None
    except httpx.TooManyRedirects:
        reason = f"too many redirects (more than {limits.max_redirects})"
        raise FetchError(reason, reached=True) from None
    except httpx.TransportError as exc:
        raise FetchError(_describe_transport_error(exc)) from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"the URL is not valid ({exc})") from None


async def read_capped(response: httpx.Response, cap: int) -> bytes:
    """The body, read in chunks and abandoned past ``cap`` bytes."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        reason = f"the answer is too large ({_mb(int(declared))}, limit {_mb(cap)})"
        raise FetchError(reason, reached=True)
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > cap:
            raise FetchError(f"the answer is too large (more than {_mb(cap)})", reached=True)
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


@dataclass(frozen=True, slots=True)
class Answer:
    """A whole HTTP answer, for sources that judge the status code themselves."""

    status_code: int
    body: bytes
    elapsed_ms: int


async def request(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    limits: FetchLimits,
    *,
    headers: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
) -> Answer:
    """Like ``fetch``, with the same deadline, cap and errors, but any status is an answer.

    Used by the ``json`` kind (whose conditions may test the status) and by
    sources that sign in first (a token POST, then GETs with a bearer header).
    """
    started = time.monotonic()
    async with (
        fetch_errors(limits),
        client.stream(method, url, headers=headers, data=form) as response,
    ):
        body = await read_capped(response, limits.max_body_bytes)
        code = response.status_code
    return Answer(code, body, round((time.monotonic() - started) * 1000))


def describe_status(code: int) -> str:
    """``the server answered HTTP 404 Not Found``: for sources that judge codes themselves."""
    return _describe_status(code)


def describe_transport_error(exc: httpx.TransportError) -> str:
    """A transport failure in the words every source uses (for the engine and the probes)."""
    return _describe_transport_error(exc)
