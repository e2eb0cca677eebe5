"""Why a check or a probe failed, as a code with its data: never as words.

Sources, probes and the engine say *what* went wrong (``Reason(Code.DNS,
host="outlook.office365.com")``); only the places that show it (``gui/`` in every
language the GUI has, and ``traymon.reason_english`` for the CLI, the log, history
and ``check --json``) turn a reason into a sentence. That keeps a German screen free
of English sentences and lets the window pick its own advice per cause ("a company
proxy may be in the way").
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # model imports this module; the annotation alone needs Status
    from traymon.model import Status


class Code(enum.Enum):
    """What failed. The value is stable: it is written to history and to ``check --json``."""

    # Reaching the server.
    DNS = "dns"  # the name did not resolve
    REFUSED = "refused"  # the connection was refused
    RESET = "reset"  # the connection was reset
    UNREACHABLE = "unreachable"  # no route to the network
    CONNECT = "connect"  # could not connect, no finer cause known (``detail``: the OS's words)
    TIMEOUT = "timeout"  # no answer within ``seconds``
    STARTTLS_TIMEOUT = "starttls_timeout"  # connected; no STARTTLS answer within ``seconds``
    HANDSHAKE_TIMEOUT = "handshake_timeout"  # connected; no TLS handshake within ``seconds``
    # TLS.
    TLS_UNTRUSTED = "tls_untrusted"  # certificate not trusted (``issuer`` when known)
    TLS_EXPIRED = "tls_expired"  # certificate expired (``detail``: the day, when known)
    TLS_NOT_YET_VALID = "tls_not_yet_valid"  # not valid yet: this computer's clock?
    TLS_WRONG_NAME = "tls_wrong_name"  # certificate for another name (``detail``: its names)
    TLS_REVOKED = "tls_revoked"  # certificate revoked
    TLS_UNVERIFIED = "tls_unverified"  # could not be verified otherwise (``detail``: OpenSSL)
    TLS_CLOSED = "tls_closed"  # the server closed the connection during the handshake
    TLS_REFUSED = "tls_refused"  # the server refused the handshake (``detail``: its alert)
    TLS_FAILED = "tls_failed"  # the handshake failed or broke off (``detail``: OpenSSL)
    TLS_TOO_LONG = "tls_too_long"  # far more bytes than a handshake needs
    NOT_TLS = "not_tls"  # the answer to a TLS hello was not TLS
    STARTTLS = "starttls"  # the mail server's dialogue before TLS failed (``detail``)
    BROKE_OFF = "broke_off"  # connected, but the server broke off
    # HTTP.
    HTTP_STATUS = "http_status"  # the server answered ``status`` (``expected``: a probe's)
    BAD_HTTP = "bad_http"  # the answer was not valid HTTP
    CLOSED_EARLY = "closed_early"  # HTTP broken: closed early or a bad answer
    TOO_MANY_REDIRECTS = "too_many_redirects"  # more than ``limit`` redirects
    REFUSED_ADDRESS = "refused_address"  # a redirect's address was refused (``detail``: why)
    BAD_URL = "bad_url"  # the URL is not valid (``detail``)
    UNEXPECTED_304 = "unexpected_304"  # 304 Not Modified to a plain request
    TOO_BIG = "too_big"  # larger than ``limit`` bytes (``size``: declared, when it was)
    BAD_ENCODING = "bad_encoding"  # a compressed answer was damaged (``detail``: the coding)
    UNKNOWN_ENCODING = "unknown_encoding"  # compressed in a way not read (``detail``)
    TOO_MANY_ENCODINGS = "too_many_encodings"  # compressed too many times (``detail``)
    MISSING_TEXT = "missing_text"  # a probe's expected text is not in the answer (``detail``)
    SLOW = "slow"  # answered in ``seconds``, slower than ``limit`` ms
    # Reading the answer.
    UNREADABLE = "unreadable"  # not the kind's format (``detail``: the parser's words)
    PARSE_TIMEOUT = "parse_timeout"  # reading the answer took longer than ``seconds``
    NO_FRESH_ANSWER = "no_fresh_answer"  # nothing fresh ``since`` (``cause``, ``last_known``)
    # Signing in, secrets, the company relay.
    SIGN_IN = "sign_in"  # a sign-in was refused (``status``; ``detail``: the server's words)
    NO_TOKEN = "no_token"  # the sign-in answered without an access token
    NOT_PERMITTED = "not_permitted"  # signed in, but the app lacks a right (``status``)
    SECRET_MISSING = "secret_missing"  # a secret the service needs is not stored (``detail``)
    KEYRING = "keyring"  # the OS keyring could not be read (``detail``: the error's type)
    RELAY_NOT_PINNED = "relay_not_pinned"  # IT has not pinned the relay's key and tenant
    RELAY_REFUSED = "relay_refused"  # the company's document was refused (``detail``: why)
    NOT_LISTED = "not_listed"  # the answer does not list this service (``detail``)
    # Traymon itself.
    INTERNAL = "internal"  # Traymon failed while checking (a bug; ``detail``: the type)
    PROBE_INTERNAL = "probe_internal"  # Traymon failed while probing (``detail``: the type)
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
    #: Raw, untranslated text (an exception's message, a parser's words) for the log.
    detail: str | None = None
    #: The bound crossed: a body cap in bytes, a redirect count, a probe's slow threshold (ms).
    limit: int | None = None
    #: The status a probe expected (``HTTP_STATUS``).
    expected: int | None = None
    #: ``NO_FRESH_ANSWER``: when the last fresh answer came, what it said, and why not since.
    since: datetime | None = None
    last_known: Status | None = None
    cause: Reason | None = None


# OpenSSL's X509_V_ERR_* codes (``SSLCertVerificationError.verify_code``): which reason a
# failed certificate check is, the same for the status checks and the probes.
_NOT_YET_VALID = 9
_EXPIRED = 10
_REVOKED = 23
_NAME_MISMATCH = frozenset({62, 64})  # host name, IP address
#: No path to a trusted root: the signature of a TLS-intercepting proxy or security software.
_UNTRUSTED = frozenset({2, 18, 19, 20, 21})


def certificate_code(verify_code: int) -> Code:
    """The reason for OpenSSL's verification error ``verify_code``."""
    if verify_code in _UNTRUSTED:
        return Code.TLS_UNTRUSTED
    if verify_code in _NAME_MISMATCH:
        return Code.TLS_WRONG_NAME
    return {
        _EXPIRED: Code.TLS_EXPIRED,
        _NOT_YET_VALID: Code.TLS_NOT_YET_VALID,
        _REVOKED: Code.TLS_REVOKED,
    }.get(verify_code, Code.TLS_UNVERIFIED)
