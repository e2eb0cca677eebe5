"""Real HTTP servers on 127.0.0.1 for the tests: well-behaved, slow and hostile.

Not a mocked transport: the app's real client talks TCP to these servers, so
timeouts, size caps and connection handling are exercised for real.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


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
        self._server.shutdown()
        self._server.server_close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._record(self.rfile.read(length) if length else b"")
                self._handle()

            def do_GET(self) -> None:
                self._record(b"")
                self._handle()

            def _record(self, body: bytes) -> None:
                with server._lock:
                    server.seen.append((self.command, self.path, dict(self.headers.items()), body))

            def _handle(self) -> None:
                with server._lock:
                    server.requests.append(self.path)
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
                if reply.hang:
                    server._stopping.wait(60)
                    return
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                if reply.stream_bytes or reply.declared_bytes:
                    self._stream(reply)
                    return
                self._send(reply.status, reply.body, reply.content_type, reply.headers)

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
