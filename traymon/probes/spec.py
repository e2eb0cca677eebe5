"""What a probe from this desktop asks: an HTTP answer, a TCP connection, or a DNS name."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HttpProbe:
    """Reachability over HTTPS: any answer below ``500`` counts unless ``expect_status`` says.

    Redirects are not followed: a redirect to a sign-in page is a perfectly good
    sign that the service is reachable from here.
    """

    url: str
    method: str = "GET"
    expect_status: int | None = None
    body_contains: str | None = None
    #: Answers slower than this count as failed ("reachable, but too slow to use").
    slow_ms: int | None = None

    @property
    def name(self) -> str:
        return f"http {self.url}"


@dataclass(frozen=True, slots=True)
class TcpProbe:
    """A TCP connection can be opened (IMAP 993, SMTP 587, HTTPS 443)."""

    host: str
    port: int

    @property
    def name(self) -> str:
        return f"tcp {self.host}:{self.port}"


@dataclass(frozen=True, slots=True)
class DnsProbe:
    """The name resolves with this desktop's resolver."""

    host: str

    @property
    def name(self) -> str:
        return f"dns {self.host}"


ProbeSpec = HttpProbe | TcpProbe | DnsProbe
