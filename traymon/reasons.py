"""Why a check or a probe failed, as a code with its data: never as words.

Sources, probes and the engine say *what* went wrong (``Reason(Code.DNS,
host="outlook.office365.com")``); only the places that show it (``gui/`` in every
language the GUI has, and the CLI's report in English) turn a reason into a
sentence. That keeps a German screen free of English sentences and lets the
window pick its own advice per cause ("a company proxy may be in the way").
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Code(enum.Enum):
    """What failed. The value is stable: it is written to history and to ``check --json``."""

    DNS = "dns"  # the name did not resolve
    REFUSED = "refused"  # the connection was refused
    RESET = "reset"  # the connection was reset
    UNREACHABLE = "unreachable"  # no route to the network
    CONNECT = "connect"  # could not connect, no finer cause known
    TIMEOUT = "timeout"  # no answer within ``seconds``
    TLS_UNTRUSTED = "tls_untrusted"  # certificate not trusted (``issuer`` when known)
    TLS_FAILED = "tls_failed"  # the handshake failed or broke off
    NOT_TLS = "not_tls"  # the answer to a TLS hello was not TLS
    HTTP_STATUS = "http_status"  # the server answered with ``status`` (4xx/5xx)
    BAD_HTTP = "bad_http"  # the answer was not valid HTTP
    TOO_BIG = "too_big"  # the answer was larger than the cap (``size``)
    BAD_ENCODING = "bad_encoding"  # a compressed answer was damaged or of an unread coding
    UNREADABLE = "unreadable"  # the answer could not be read as the kind's format
    PARSE_TIMEOUT = "parse_timeout"  # reading the answer took too long
    NO_FRESH_ANSWER = "no_fresh_answer"  # nothing fresh since ``since`` (stale)
    SIGN_IN = "sign_in"  # a sign-in (Graph, a token endpoint) failed
    SECRET_MISSING = "secret_missing"  # a secret the service needs is not stored
    REFUSED_ADDRESS = "refused_address"  # the address (or a redirect) was refused by policy
    INTERNAL = "internal"  # Traymon itself failed while checking (a bug; see the log)
    OTHER = "other"  # none of the above; ``detail`` carries the raw text


@dataclass(frozen=True, slots=True)
class Reason:
    """One failure: a code plus the data its sentence needs. All data is optional."""

    code: Code
    host: str | None = None
    issuer: str | None = None
    status: int | None = None
    seconds: float | None = None
    size: int | None = None
    #: Raw, untranslated text (an exception's message) for the log and ``Code.OTHER``.
    detail: str | None = None
