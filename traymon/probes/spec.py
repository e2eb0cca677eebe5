"""What a probe from this desktop asks: an HTTP answer, a TCP connection, or a DNS name."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

#: Ports whose protocol speaks TLS from the first byte (IMAPS, POP3S, SMTPS): a ``tcp``
#: probe to them does the TLS handshake unless ``tls = false`` says otherwise. Not 443: an
#: ``http`` probe already checks HTTPS, certificate included.
IMPLICIT_TLS_PORTS = frozenset({993, 995, 465})


class StartTls(Enum):
    """The plain-text dialogue that asks a server to switch to TLS (SMTP 587, IMAP 143)."""

    SMTP = "smtp"
    IMAP = "imap"


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
    """A TCP connection can be opened (IMAP 993, SMTP 587), and TLS works over it.

    ``tls``: ``None`` (not given) means "yes on an implicit-TLS port"
    (``IMPLICIT_TLS_PORTS``); ``starttls`` first speaks SMTP or IMAP in plain
    text to ask for TLS. The handshake verifies the certificate for ``host``:
    a TLS-intercepting proxy or a middlebox that breaks TLS shows up here, where
    a bare connect would say "fine".
    """

    host: str
    port: int
    tls: bool | None = None
    starttls: StartTls | None = None

    @property
    def handshake(self) -> bool:
        """Whether a TLS handshake follows the connect (directly or after STARTTLS)."""
        if self.starttls is not None:
            return True
        return self.tls if self.tls is not None else self.port in IMPLICIT_TLS_PORTS

    @property
    def name(self) -> str:
        if self.starttls is not None:
            return f"tcp {self.host}:{self.port} (STARTTLS {self.starttls.value})"
        return f"tcp {self.host}:{self.port}" + (" (TLS)" if self.handshake else "")


@dataclass(frozen=True, slots=True)
class DnsProbe:
    """The name resolves with this desktop's resolver."""

    host: str

    @property
    def name(self) -> str:
        return f"dns {self.host}"


ProbeSpec = HttpProbe | TcpProbe | DnsProbe
