"""Which URLs Traymon may ask: HTTPS anywhere, plain HTTP only to this machine."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_loopback_host(host: str) -> bool:
    """True for literal loopback addresses (127.0.0.0/8, ::1) and ``localhost`` itself.

    Plain HTTP is allowed here because no one on the path can rewrite it, so the name
    must mean this machine, not whatever a resolver says. ``localhost`` is kept: every
    OS Traymon runs on answers it from the hosts file or the resolver itself (RFC 6761
    section 6.3: never sent to DNS), and it is what people write for a local test page.
    Names *under* it (``status.localhost``) are not: they are in no hosts file, glibc
    and most resolvers send them to DNS, and plain HTTP then went wherever that said.
    """
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_problem(url: str, allow_plain_http: bool = False) -> str | None:
    """Why ``url`` may not be used, in words, or ``None`` when it is fine.

    Plain ``http://`` is refused beyond loopback: a status answer that anyone on the
    path can rewrite would let a café Wi-Fi paint the company's mail green. IT may allow
    it by policy (``network.allow_plain_http``) for an internal status page.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        return f"is not a valid URL ({exc})"
    if parts.scheme not in ("https", "http"):
        return f"must start with https:// (got {url!r})"
    if not host:
        return f"has no host name (got {url!r})"
    if parts.scheme == "http" and not is_loopback_host(host) and not allow_plain_http:
        return (
            "must use https:// (plain http:// is only allowed to this machine: localhost "
            f"or a loopback address such as 127.0.0.1, got {url!r})"
        )
    return None
