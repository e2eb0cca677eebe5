"""The thin, shared fetch every source uses: one client, one set of safety rules.

- TLS is verified against the operating system's trust store (truststore), so a
  company's TLS-inspecting proxy with its own root CA works as in the browser.
- A whole fetch has a deadline (not only per read: a server that trickles one
  byte a second would otherwise never time out).
- A body is read in chunks and abandoned past a cap, so a hostile or broken
  server cannot fill memory. The cap counts *decoded* bytes, inflated here in
  bounded pieces (a 1 KB gzip answer can inflate to gigabytes).
- Redirects are followed, but never to plain ``http://`` beyond loopback.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import importlib.util
import socket
import ssl
import sys
import time
import zlib
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass

import h11
import httpx
import truststore

from traymon import __version__
from traymon.reason_english import english
from traymon.reasons import Code, Reason, certificate_code
from traymon.sources.limits import (
    DEFAULT_MAX_BODY_BYTES as DEFAULT_MAX_BODY_BYTES,
)
from traymon.sources.limits import FetchError as FetchError
from traymon.sources.limits import FetchLimits as FetchLimits
from traymon.sources.limits import NetworkOptions as NetworkOptions
from traymon.sources.limits import describe_status as describe_status
from traymon.sources.urls import url_problem

# httpcore asks ``import sniffio`` (which async library is running?) for every lock,
# event and cancel shield it makes, several times per request. sniffio is not installed,
# so each ask searched every folder of sys.path again: some 80 failed imports in one
# offline `traymon check`, and more on every check of the tray. Its absence is recorded
# once, so each ask fails at once and httpcore takes asyncio, exactly as before.
if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
    sys.modules["sniffio"] = None  # type: ignore[assignment]

USER_AGENT = f"Traymon/{__version__} (+desktop status monitor)"
#: Only what ``read_capped`` inflates itself, in bounded pieces (no brotli, no zstd).
ACCEPT_ENCODING = "gzip, deflate"
#: Decoded bytes are produced at most this many at a time, so memory stays near the cap.
_PIECE_BYTES = 64 * 1024
#: Content codings stacked deeper than this are refused (real servers send one).
_MAX_CODINGS = 3


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
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "application/json, */*;q=0.5",
            "Accept-Encoding": ACCEPT_ENCODING,
        },
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
        refused = Reason(Code.REFUSED_ADDRESS, host=request.url.host, detail=reason)
        raise FetchError(refused, reached=True)


async def fetch(client: httpx.AsyncClient, url: str, limits: FetchLimits) -> bytes:
    """GET ``url`` and return its body, or raise ``FetchError`` with a reason in words."""
    async with fetch_errors(limits), client.stream("GET", url) as response:
        if response.status_code >= 400:
            failed = Reason(Code.HTTP_STATUS, host=response.url.host, status=response.status_code)
            raise FetchError(failed, reached=True)
        return await read_capped(response, limits.body_cap)


@contextlib.asynccontextmanager
async def fetch_errors(limits: FetchLimits) -> AsyncIterator[None]:
    """The deadline for a whole fetch, and every way it can fail as a ``FetchError``.

    One place for these rules, so every source, the engine's conditional fetch
    and the probes give the same failure the same reason.
    """
    try:
        async with asyncio.timeout(limits.timeout_s):
            yield
    except (TimeoutError, httpx.TimeoutException) as exc:
        timed_out = Reason(Code.TIMEOUT, host=_host(exc), seconds=limits.timeout_s)
        raise FetchError(timed_out) from None
    except httpx.TooManyRedirects as exc:
        reason = Reason(Code.TOO_MANY_REDIRECTS, host=_host(exc), limit=limits.max_redirects)
        raise FetchError(reason, reached=True) from None
    except httpx.TransportError as exc:
        reached = answered_garbage(exc)
        raise FetchError(transport_reason(exc), reached=reached) from None
    except httpx.InvalidURL as exc:
        raise FetchError(Reason(Code.BAD_URL, detail=str(exc))) from None


async def read_capped(response: httpx.Response, cap: int) -> bytes:
    """The body, decoded, read in chunks and abandoned past ``cap`` decoded bytes.

    httpx's own decoders inflate each network chunk whole, so one 64 KB chunk of a
    gzip bomb becomes gigabytes before any cap could look; here the raw bytes are
    inflated in pieces of at most ``_PIECE_BYTES`` and counted as they come. The
    loop yields between pieces, so the fetch's deadline also covers the decoding.
    """
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        too_big = Reason(Code.TOO_BIG, host=response.url.host, size=int(declared), limit=cap)
        raise FetchError(too_big, reached=True)
    layers = _decoders(response.headers.get_list("content-encoding", split_commas=True))
    chunks: list[bytes] = []
    size = 0
    async for raw in response.aiter_raw():
        for piece in _decode(layers, raw):
            size += len(piece)
            if size > cap:
                raise FetchError(
                    Reason(Code.TOO_BIG, host=response.url.host, limit=cap), reached=True
                )
            chunks.append(piece)
            await asyncio.sleep(0)  # let the deadline and the other checks run
    for index, layer in enumerate(layers):  # what the decoders still hold at the end
        for piece in _decode(layers, layer.finish(), index + 1):
            size += len(piece)
            if size > cap:
                raise FetchError(
                    Reason(Code.TOO_BIG, host=response.url.host, limit=cap), reached=True
                )
            chunks.append(piece)
    return b"".join(chunks)


def _too_big(response: httpx.Response, cap: int) -> Reason:
    return Reason(Code.TOO_BIG, host=response.url.host, limit=cap)


class _Inflater:
    """One ``gzip`` or ``deflate`` layer, inflating at most ``_PIECE_BYTES`` per step."""

    def __init__(self, coding: str) -> None:
        self._coding = coding
        # gzip: 16 + MAX_WBITS; deflate: the zlib wrapper first (RFC 9110), raw as a fallback.
        wbits = 16 + zlib.MAX_WBITS if coding == "gzip" else zlib.MAX_WBITS
        self._zlib = zlib.decompressobj(wbits)
        self._started = False

    def inflate(self, data: bytes) -> Iterator[bytes]:
        pending = data
        while True:
            out = self._step(pending)
            pending = self._zlib.unconsumed_tail
            if out:
                yield out
            if not pending and len(out) < _PIECE_BYTES:
                return

    def finish(self) -> bytes:
        try:
            return self._zlib.flush() if self._started else b""
        except zlib.error:
            raise FetchError(self._broken(), reached=True) from None

    def _step(self, data: bytes) -> bytes:
        try:
            out = self._zlib.decompress(data, _PIECE_BYTES)
        except zlib.error:
            if self._started or self._coding != "deflate":
                raise FetchError(self._broken(), reached=True) from None
            # Some servers send raw deflate without the zlib wrapper (as browsers accept).
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._step(data)
        self._started = self._started or bool(data)
        return out

    def _broken(self) -> Reason:
        return Reason(Code.BAD_ENCODING, detail=self._coding)


def _decoders(codings: Sequence[str]) -> list[_Inflater]:
    """The layers to undo, outermost (last applied) first; unknown codings are refused."""
    names = [c.strip().lower() for c in codings if c.strip().lower() not in ("", "identity")]
    if len(names) > _MAX_CODINGS:
        listed = ", ".join(names)
        raise FetchError(Reason(Code.TOO_MANY_ENCODINGS, detail=listed), reached=True)
    layers = []
    for name in reversed(names):
        coding = {"gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate"}.get(name)
        if coding is None:
            raise FetchError(Reason(Code.UNKNOWN_ENCODING, detail=name), reached=True)
        layers.append(_Inflater(coding))
    return layers


def _decode(layers: Sequence[_Inflater], data: bytes, first: int = 0) -> Iterator[bytes]:
    """``data`` through ``layers[first:]``, lazily: nothing is inflated until it is asked for,
    so a consumer that stops at the cap stops the inflating too."""
    if first == len(layers):
        if data:
            yield data
        return
    for piece in layers[first].inflate(data):
        yield from _decode(layers, piece, first + 1)


def answered_garbage(exc: httpx.HTTPError) -> bool:
    """Whether a transport error means the server sent bytes that are not HTTP.

    A malformed status line, headers too long, a bad ``Content-Length``, a body cut
    short: h11 read those bytes and rejected them, so something answered and the
    network from here works. Not proof: a connection closed before any byte
    ("Server disconnected without sending a response", raised by httpcore itself,
    which is also what a one-line HTTP/0.9 answer looks like), resets, timeouts.
    """
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, h11.RemoteProtocolError):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def transport_reason(exc: httpx.TransportError) -> Reason:
    """Classify by the underlying exception, not by matching message strings."""
    host = _host(exc)
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            code = certificate_code(cause.verify_code)
            # OpenSSL's words only where no finer data goes in ``detail`` (an expired
            # certificate's day, a wrong one's names: the probe reads those, httpx cannot).
            said = cause.verify_message or None
            plain = code in (Code.TLS_UNTRUSTED, Code.TLS_UNVERIFIED)
            return Reason(code, host=host, detail=said if plain else None)
        if isinstance(cause, ssl.SSLError):
            return Reason(Code.TLS_FAILED, host=host)
        if isinstance(cause, socket.gaierror):
            return Reason(Code.DNS, host=host)
        if isinstance(cause, ConnectionRefusedError):
            return Reason(Code.REFUSED, host=host)
        if isinstance(cause, ConnectionResetError):
            return Reason(Code.RESET, host=host)
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return Reason(Code.UNREACHABLE, host=host)
        cause = cause.__cause__ or cause.__context__
    if answered_garbage(exc):
        return Reason(Code.BAD_HTTP, host=host)
    if isinstance(exc, httpx.RemoteProtocolError):
        return Reason(Code.CLOSED_EARLY, host=host)
    if isinstance(exc, httpx.ConnectError):
        return Reason(Code.CONNECT, host=host)
    return Reason(Code.OTHER, host=host, detail=f"the request failed ({type(exc).__name__})")


def _host(exc: BaseException) -> str | None:
    """The host asked, when httpx knows the request (it is unset on some errors)."""
    if not isinstance(exc, httpx.RequestError):
        return None
    try:
        return exc.request.url.host or None
    except RuntimeError:
        return None


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
        body = await read_capped(response, limits.body_cap)
        code = response.status_code
    return Answer(code, body, round((time.monotonic() - started) * 1000))


def describe_transport_error(exc: httpx.TransportError) -> str:
    """A transport failure in the English every source uses (for the log)."""
    return english(transport_reason(exc))
