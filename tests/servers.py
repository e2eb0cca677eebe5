"""Real HTTP servers on 127.0.0.1 for the tests: well-behaved, slow and hostile.

Not a mocked transport: the app's real client talks TCP to these servers, so
timeouts, size caps and connection handling are exercised for real.
"""

from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl
import struct
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """What the server sends for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/json"
    delay_s: float = 0.0
    #: Never answer (until the server stops): a vendor that hangs.
    hang: bool = False
    #: Stream this many bytes without a Content-Length: a body that never ends soon.
    stream_bytes: int = 0
    #: Declare this Content-Length and stream that many bytes.
    declared_bytes: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    #: Send the headers, then this many body bytes at one byte a second.
    trickle_bytes: int = 0
    #: Reset the connection (TCP RST) instead of answering.
    reset: bool = False
    #: Validators: answer ``304 Not Modified`` when the request sends them back.
    etag: str | None = None
    last_modified: str | None = None
    #: A resource server: answer 401 unless the request's Authorization header is exactly this.
    authorization: str | None = None


#: Graph's answer to a token it no longer accepts (its documented error shape).
_INVALID_TOKEN = (
    b'{"error": {"code": "InvalidAuthenticationToken", '
    b'"message": "Access token validation failure. Invalid audience."}}'
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default backlog of 5 drops bursts of connections


class LoopbackServer:
    """A threaded HTTP server on an ephemeral loopback port with a route table."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Reply] = {}
        self.requests: list[str] = []
        #: (method, path, headers, body) of every request, for sources that sign in.
        self.seen: list[tuple[str, str, dict[str, str], bytes]] = []
        self.request_headers: list[dict[str, str]] = []
        #: Bytes on the wire, both ways (request line and headers, response headers and body).
        self.bytes_in = 0
        self.bytes_out = 0
        self.in_flight = 0
        self.peak_in_flight = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._scheme = "http"
        if tls is not None:  # HTTPS with a test CA's certificate (trustme)
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
            self._scheme = "https"
        # A short poll interval: shutdown() waits up to one interval, once per test.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{self._scheme}://{host!s}:{port}"

    def serve(self, path: str, reply: Reply) -> str:
        """Serve ``reply`` at ``path``; returns the full URL."""
        self.routes[path] = reply
        return self.base_url + path

    def serve_statuspage(self, prefix: str, body: bytes, **kwargs: object) -> str:
        """Serve a Statuspage summary under ``prefix``; returns the page's base URL."""
        self.serve(f"{prefix}/api/v2/summary.json", Reply(body=body, **kwargs))  # type: ignore[arg-type]
        return self.base_url + prefix

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        # shutdown() waits for the serving loop without a limit; once in a full run at load
        # 2 it never returned and the test's teardown hung for pytest-timeout's 120 s. Ask
        # from a helper thread and wait a bounded time: the loop is a daemon thread anyway.
        asking = threading.Thread(target=self._server.shutdown, daemon=True)
        asking.start()
        asking.join(timeout=10)
        self._server.server_close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._record(self.rfile.read(length) if length else b"")
                self._handle()

            def setup(self) -> None:
                super().setup()
                self.rfile = _Counted(self.rfile, server, "bytes_in")  # type: ignore[assignment]
                self.wfile = _Counted(self.wfile, server, "bytes_out")  # type: ignore[assignment]

            def do_GET(self) -> None:
                self._record(b"")
                self._handle()

            def _record(self, body: bytes) -> None:
                with server._lock:
                    server.seen.append((self.command, self.path, dict(self.headers.items()), body))

            def _handle(self) -> None:
                with server._lock:
                    server.requests.append(self.path)
                    server.request_headers.append(dict(self.headers.items()))
                    server.in_flight += 1
                    server.peak_in_flight = max(server.peak_in_flight, server.in_flight)
                try:
                    self._answer(server.routes.get(self.path.split("?")[0]))
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should with hostile answers
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _answer(self, reply: Reply | None) -> None:
                if reply is None:
                    self._send(404, b'{"error": "not found"}', "application/json")
                    return
                refused = self.headers.get("Authorization") != reply.authorization
                if reply.authorization is not None and refused:
                    self._send(401, _INVALID_TOKEN, "application/json")
                    return
                if reply.hang:
                    server._stopping.wait(60)
                    return
                if reply.reset:
                    # SO_LINGER with a zero timeout makes close() send RST, not FIN.
                    linger = struct.pack("ii", 1, 0)
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                    self.close_connection = True
                    self.connection.close()
                    return
                if self._not_modified(reply):
                    self.send_response(304)
                    self._validators(reply)
                    self.end_headers()
                    return
                if reply.trickle_bytes:
                    self._trickle(reply)
                    return
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                if reply.stream_bytes or reply.declared_bytes:
                    self._stream(reply)
                    return
                headers = dict(reply.headers)
                if reply.etag:
                    headers["ETag"] = reply.etag
                if reply.last_modified:
                    headers["Last-Modified"] = reply.last_modified
                self._send(reply.status, reply.body, reply.content_type, headers)

            def _not_modified(self, reply: Reply) -> bool:
                if reply.etag and self.headers.get("If-None-Match") == reply.etag:
                    return True
                sent = self.headers.get("If-Modified-Since")
                return bool(reply.last_modified and sent == reply.last_modified)

            def _validators(self, reply: Reply) -> None:
                if reply.etag:
                    self.send_header("ETag", reply.etag)
                if reply.last_modified:
                    self.send_header("Last-Modified", reply.last_modified)

            def _trickle(self, reply: Reply) -> None:
                self.send_response(200)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(reply.trickle_bytes))
                self.end_headers()
                for _ in range(reply.trickle_bytes):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    if server._stopping.wait(1.0):
                        return

            def _send(
                self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _stream(self, reply: Reply) -> None:
                total = reply.declared_bytes or reply.stream_bytes
                self.send_response(200)
                self.send_header("Content-Type", reply.content_type)
                if reply.declared_bytes:
                    self.send_header("Content-Length", str(total))
                else:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                chunk = b"[" + b"0," * 32_767 + b"0"
                sent = 0
                while sent < total and not server._stopping.is_set():
                    piece = chunk[: total - sent]
                    self.wfile.write(piece)
                    sent += len(piece)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output quiet

        return Handler


class _Counted:
    """A file wrapper that adds the bytes passing through to a counter on the server."""

    def __init__(self, inner: Any, server: LoopbackServer, counter: str) -> None:
        self._inner = inner
        self._server = server
        self._counter = counter

    def _count(self, size: int) -> None:
        with self._server._lock:
            setattr(self._server, self._counter, getattr(self._server, self._counter) + size)

    def write(self, data: bytes) -> int:
        self._count(len(data))
        return int(self._inner.write(data))

    def readline(self, *args: Any) -> bytes:
        line = bytes(self._inner.readline(*args))
        self._count(len(line))
        return line

    def read(self, *args: Any) -> bytes:
        data = bytes(self._inner.read(*args))
        self._count(len(data))
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class TlsLoopbackServer(LoopbackServer):
    """The same server behind TLS with a freshly made self-signed certificate.

    No client should trust it: it exists to prove that verification fails.
    """

    def __init__(self) -> None:
        super().__init__()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        with tempfile.TemporaryDirectory() as folder:
            cert, key = _self_signed_certificate(folder)
            context.load_cert_chain(cert, key)
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)

    @property
    def base_url(self) -> str:
        return super().base_url.replace("http://", "https://", 1)


def _self_signed_certificate(folder: str) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path = f"{folder}/cert.pem"
    key_path = f"{folder}/key.pem"
    with open(cert_path, "wb") as out:  # noqa: PTH123
        out.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as out:  # noqa: PTH123
        out.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    return cert_path, key_path


@contextmanager
def running_server(tls: ssl.SSLContext | None = None) -> Iterator[LoopbackServer]:
    server = LoopbackServer(tls)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def wait_until(condition: Callable[[], bool], timeout_s: float, interval_s: float = 0.05) -> bool:
    """Poll ``condition`` until it holds or ``timeout_s`` passes (for external processes)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval_s)
    return condition()


class ProxyServer:
    """A real forward HTTP proxy on 127.0.0.1, optionally demanding Basic authentication.

    It relays plain-HTTP requests (absolute URLs) to their target with ``http.client``
    and records what it saw, so a test knows the app really went through it.
    """

    def __init__(
        self, credentials: tuple[str, str] | None = None, upstream: str | None = None
    ) -> None:
        import base64

        #: ``host:port`` every request is relayed to, as a company proxy reaches an
        #: intranet host this machine cannot resolve (``None``: the URL's own host).
        self.upstream = upstream
        self.seen: list[tuple[str, bool]] = []  # (url, authorised)
        expected = None
        if credentials:
            token = base64.b64encode(f"{credentials[0]}:{credentials[1]}".encode()).decode()
            expected = f"Basic {token}"
        self._expected = expected
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> ProxyServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                import http.client
                from urllib.parse import urlsplit

                given = self.headers.get("Proxy-Authorization")
                authorised = proxy._expected is None or given == proxy._expected
                proxy.seen.append((self.path, authorised))
                if not authorised:
                    self._reply(
                        407,
                        b"proxy authentication required",
                        {"Proxy-Authenticate": 'Basic realm="test"'},
                    )
                    return
                target = urlsplit(self.path)
                host = proxy.upstream or f"{target.hostname}:{target.port or 80}"
                connection = http.client.HTTPConnection(host, timeout=10)
                try:
                    connection.request("GET", target.path or "/")
                    answer = connection.getresponse()
                    body = answer.read()
                    ctype = answer.getheader("Content-Type", "application/octet-stream")
                    self._reply(answer.status, body, {"Content-Type": ctype})
                finally:
                    connection.close()

            def _reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler
