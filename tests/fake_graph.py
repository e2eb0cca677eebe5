"""A loopback fake of Microsoft's sign-in and Graph's service announcements, over HTTPS.

It serves what MSAL and the relay ask: the tenant's OpenID configuration and token
endpoint (MSAL insists on https and discovery), ``healthOverviews?$expand=issues``
and ``messages``. It enforces Graph's documented limits for the service-announcement
API per app (240 requests a minute, 800 an hour: research/fleet.md §3) on the clock
it is given (a ``FakeClock`` for a simulated day), answers 429 with ``Retry-After``
past them, and can be told to throttle for a while as Graph does under load. It
records every Graph request's time, so a test can prove the relay stayed inside.
"""

from __future__ import annotations

import json
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import trustme

TOKEN = "fake-graph-token"
#: The App Service managed-identity endpoint's shared header (MSAL reads $IDENTITY_HEADER).
IDENTITY_HEADER = "fake-identity-header"
PER_MINUTE = 240
PER_HOUR = 800


def exchange_issue_health() -> dict[str, object]:
    """Exchange Online with one open incident; Teams fine."""
    return {
        "value": [
            {
                "service": "Exchange Online",
                "id": "Exchange",
                "status": "serviceDegradation",
                "issues": [
                    {
                        "id": "EX999001",
                        "title": "Users can't send mail from Outlook",
                        "classification": "incident",
                        "status": "serviceDegradation",
                        "impactDescription": "Some users can't send email.",
                        "isResolved": False,
                        "startDateTime": "2026-12-01T08:00:00Z",
                        "posts": [
                            {
                                "createdDateTime": "2026-12-01T09:00:00Z",
                                "description": {"content": "We're rolling back a change."},
                            }
                        ],
                    }
                ],
            },
            {
                "service": "Microsoft Teams",
                "id": "microsoftteams",
                "status": "serviceOperational",
                "issues": [],
            },
        ]
    }


@dataclass
class FakeGraph:
    #: Seconds on the clock the limits are counted on (monotonic or wall, as long as it moves).
    clock: Callable[[], float]
    health: dict[str, object] = field(default_factory=exchange_issue_health)
    messages: dict[str, object] = field(default_factory=lambda: {"value": []})
    #: (start, end, retry_after): every Graph request in [start, end) is answered 429.
    storms: list[tuple[float, float, int]] = field(default_factory=list)
    graph_times: list[float] = field(default_factory=list)
    answered_429: int = 0
    token_requests: int = 0
    #: The query of each request to the Azure VM's metadata endpoint (IMDS), in order.
    imds_queries: list[dict[str, list[str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.ca = trustme.CA()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert("127.0.0.1").configure_cert(context)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self._server.server_address[1]}"

    def write_ca(self, path: Path) -> Path:
        self.ca.cert_pem.write_to_path(str(path))
        return path

    def start(self) -> FakeGraph:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def peak(self, window: float) -> int:
        """The most Graph requests in any ``window`` seconds."""
        times = sorted(self.graph_times)
        best, first = 0, 0
        for last, t in enumerate(times):
            while times[first] <= t - window:
                first += 1
            best = max(best, last - first + 1)
        return best

    def _limited(self, now: float) -> int | None:
        """Seconds to wait when a request now would pass a limit (Graph's answer), else None."""
        for start, end, retry in self.storms:
            if start <= now < end:
                return retry
        for window, limit in ((60.0, PER_MINUTE), (3600.0, PER_HOUR)):
            inside = [t for t in self.graph_times if t > now - window]
            if len(inside) >= limit:
                return int(inside[0] + window - now) + 1
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def setup(self) -> None:
                super().setup()
                # Headers and body go in two writes: without this, Nagle and delayed ACKs
                # add 40 ms to every answer, and a simulated day takes minutes.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                if self.path.endswith("/oauth2/v2.0/token"):
                    with fake._lock:
                        fake.token_requests += 1
                    body = {"token_type": "Bearer", "expires_in": 3599, "access_token": TOKEN}
                    self._json(200, body)
                else:
                    self._json(404, {"error": "not_found"})

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                if path == "/metadata/identity/oauth2/token":  # an Azure VM's IMDS
                    self._imds()
                    return
                if path == "/msi/token":  # Azure App Service's managed identity endpoint
                    if self.headers.get("X-IDENTITY-HEADER") != IDENTITY_HEADER:
                        self._json(401, {"statusCode": 401, "message": "bad identity header"})
                        return
                    with fake._lock:
                        fake.token_requests += 1
                    self._json(
                        200,
                        {
                            "access_token": TOKEN,
                            "expires_on": str(int(time.time()) + 3600),
                            "resource": "https://graph.microsoft.com",
                            "token_type": "Bearer",
                        },
                    )
                    return
                if path.endswith("/v2.0/.well-known/openid-configuration"):
                    tenant = path.split("/")[1]
                    base = f"{fake.base_url}/{tenant}"
                    self._json(
                        200,
                        {
                            "issuer": f"{base}/v2.0",
                            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                            "token_endpoint": f"{base}/oauth2/v2.0/token",
                        },
                    )
                    return
                if not path.startswith("/v1.0/admin/serviceAnnouncement/"):
                    self._json(404, {"error": {"code": "NotFound"}})
                    return
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    self._json(401, {"error": {"code": "InvalidAuthenticationToken"}})
                    return
                with fake._lock:
                    now = fake.clock()
                    wait = fake._limited(now)
                    if wait is not None:
                        fake.answered_429 += 1
                    else:
                        fake.graph_times.append(now)
                if wait is not None:
                    self._json(
                        429, {"error": {"code": "TooManyRequests"}}, {"Retry-After": str(wait)}
                    )
                elif path.endswith("/healthOverviews"):
                    self._json(200, fake.health)
                elif path.endswith("/messages"):
                    self._json(200, fake.messages)
                else:
                    self._json(404, {"error": {"code": "NotFound"}})

            def _imds(self) -> None:
                """As Azure's instance metadata service answers: only with ``Metadata: true``
                (so a page an attacker makes the VM fetch cannot ask), ``expires_in`` a string."""
                if self.headers.get("Metadata") != "true":
                    self._json(
                        400,
                        {
                            "error": "invalid_request",
                            "error_description": "Required metadata header not specified",
                        },
                    )
                    return
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                with fake._lock:
                    fake.token_requests += 1
                    fake.imds_queries.append(query)
                self._json(
                    200,
                    {
                        "access_token": TOKEN,
                        "expires_in": "86399",
                        "expires_on": str(int(time.time()) + 86399),
                        "resource": query.get("resource", [""])[0],
                        "token_type": "Bearer",
                    },
                )

            def _json(
                self, status: int, body: object, headers: dict[str, str] | None = None
            ) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler
