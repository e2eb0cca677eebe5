"""A reason in English: the one wording for the log, history, ``check`` and ``check --json``.

The GUI never uses this (``traymon.gui.reason_words`` words reasons in the desktop's
language); everything else that writes a failure down in words does, so a failure
reads the same in the log, in history and on the command line. Codes whose words
quote what only the failure site knows (a parser's finding, a mail server's line)
carry that text in ``detail``, which is written as it came.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from traymon.reasons import Code, Reason

_PROXY_HINT = "a company proxy or security software may be in the way"


def english(reason: Reason) -> str:
    """``reason`` as one English sentence (lower case first: it is often quoted)."""
    return _WORDS.get(reason.code, _detail)(reason)


def status_words(code: int) -> str:
    """``the server answered HTTP 404 Not Found``."""
    try:
        phrase = HTTPStatus(code).phrase
    except ValueError:
        phrase = "unexpected status"
    return f"the server answered HTTP {code} {phrase}"


def _s(seconds: float | None) -> str:
    return f"{seconds or 0:g} s"


def _mb(size: int | None) -> str:
    return f"{(size or 0) / (1024 * 1024):.1f} MB"


def _detail(reason: Reason) -> str:
    return reason.detail or f"the check failed ({reason.code.value})"


def _in(text: str | None, before: str = " (", after: str = ")") -> str:
    return f"{before}{text}{after}" if text else ""


def _http_status(r: Reason) -> str:
    said = status_words(r.status or 0)
    return f"{said}, expected {r.expected}" if r.expected is not None else said


def _too_big(r: Reason) -> str:
    if r.size is not None:
        return f"the answer is too large ({_mb(r.size)}, limit {_mb(r.limit)})"
    return f"the answer is too large (more than {_mb(r.limit)})"


def _stale(r: Reason) -> str:
    since = f"{r.since:%H:%M} UTC" if r.since is not None else "start"
    known = f"; last known: {r.last_known.label}" if r.last_known is not None else ""
    cause = f" {english(r.cause)}" if r.cause is not None else ""
    return f"No fresh answer since {since}{known}.{cause}"


_WORDS: dict[Code, Callable[[Reason], str]] = {
    Code.DNS: lambda r: "the server's name could not be resolved (DNS)",
    Code.REFUSED: lambda r: "the connection was refused",
    Code.RESET: lambda r: "the connection was reset by the server",
    Code.UNREACHABLE: lambda r: "the network is unreachable",
    Code.CONNECT: lambda r: f"could not connect{_in(r.detail) or ' to the server'}",
    Code.TIMEOUT: lambda r: f"timed out after {_s(r.seconds)}",
    Code.STARTTLS_TIMEOUT: lambda r: (
        f"connected, but the server did not answer STARTTLS within {_s(r.seconds)}"
    ),
    Code.HANDSHAKE_TIMEOUT: lambda r: (
        f"connected, but the TLS handshake did not finish within {_s(r.seconds)}"
    ),
    Code.TLS_UNTRUSTED: lambda r: (
        f"TLS handshake failed: certificate not trusted{_in(r.issuer, ' (issued by ')}"
        f"{_in(r.detail) if not r.issuer else ''}: {_PROXY_HINT}"
    ),
    Code.TLS_EXPIRED: lambda r: (
        f"TLS handshake failed: certificate expired{_in(r.detail, ' on ', '')}"
    ),
    Code.TLS_NOT_YET_VALID: lambda r: (
        "TLS handshake failed: certificate not valid yet (is this computer's clock right?)"
    ),
    Code.TLS_WRONG_NAME: lambda r: (
        f"TLS handshake failed: certificate is for another name{_in(r.detail)}"
    ),
    Code.TLS_REVOKED: lambda r: "TLS handshake failed: certificate revoked",
    Code.TLS_UNVERIFIED: lambda r: (
        f"the server's TLS certificate could not be verified{_in(r.detail)}"
    ),
    Code.TLS_CLOSED: lambda r: (
        "TLS handshake failed: the server closed the connection during the handshake"
    ),
    Code.TLS_REFUSED: lambda r: (
        f"TLS handshake failed: the server refused the handshake{_in(r.detail)}"
    ),
    Code.TLS_FAILED: lambda r: (
        f"TLS handshake failed: the handshake broke off{_in(r.detail)}"
        if r.detail
        else "the TLS connection failed"
    ),
    Code.TLS_TOO_LONG: lambda r: (
        "TLS handshake failed: the server sent far more than a handshake needs"
    ),
    Code.NOT_TLS: lambda r: f"TLS handshake failed: the server's answer is not TLS: {_PROXY_HINT}",
    Code.BROKE_OFF: lambda r: "connected, but the server broke off",
    Code.HTTP_STATUS: _http_status,
    Code.BAD_HTTP: lambda r: (
        "the server answered, but not in valid HTTP (a broken status line, headers or length)"
    ),
    Code.CLOSED_EARLY: lambda r: (
        "the server broke the HTTP protocol (connection closed early or bad answer)"
    ),
    Code.TOO_MANY_REDIRECTS: lambda r: f"too many redirects (more than {r.limit})",
    Code.REFUSED_ADDRESS: lambda r: (
        f"refused to follow a redirect: the target URL {r.detail or 'is not allowed'}"
    ),
    Code.BAD_URL: lambda r: f"the URL is not valid{_in(r.detail)}",
    Code.UNEXPECTED_304: lambda r: "the server answered 304 Not Modified to a plain request",
    Code.TOO_BIG: _too_big,
    Code.BAD_ENCODING: lambda r: f"the server's {r.detail}-compressed answer is damaged",
    Code.UNKNOWN_ENCODING: lambda r: (
        f"the server compressed its answer in a way Traymon does not read{_in(r.detail)}"
    ),
    Code.TOO_MANY_ENCODINGS: lambda r: (
        f"the answer is compressed too many times over{_in(r.detail)}"
    ),
    Code.MISSING_TEXT: lambda r: f"the answer does not contain {r.detail!r}",
    Code.SLOW: lambda r: (
        f"answered in {round((r.seconds or 0) * 1000)} ms, slower than {r.limit} ms"
    ),
    Code.PARSE_TIMEOUT: lambda r: f"reading the answer took too long (more than {_s(r.seconds)})",
    Code.NO_FRESH_ANSWER: _stale,
    Code.NO_TOKEN: lambda r: "Microsoft sign-in answered without an access token",
    Code.KEYRING: lambda r: f"the OS keyring could not be read{_in(r.detail)}",
    Code.INTERNAL: lambda r: (
        f"Traymon could not read this answer (internal error: {r.detail or 'unknown'})"
    ),
    Code.PROBE_INTERNAL: lambda r: (
        f"Traymon could not run this probe (internal error: {r.detail or 'unknown'})"
    ),
}
