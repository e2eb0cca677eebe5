"""Secrets and personal data out of text before it is stored or shown (pure: no I/O, no Qt).

Error texts come from servers Traymon does not control: a sign-in endpoint may echo the
form it was sent (``client_secret=…``) in its ``error_description``, and configured
addresses may carry a token in their query (``?token=…``). Every boundary where such text
leaves memory (history, the check command's output, the log, the helpdesk zip) passes it
through ``redact_text``; addresses shown on their own go through ``redact_url``.

Both are idempotent (redacting twice changes nothing) and never raise.
"""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import urlsplit, urlunsplit

from traymon.reasons import Reason

#: What a removed value is replaced by.
HIDDEN = "…"

#: Keys whose values are secrets, compared case-insensitively with ``-`` read as ``_``.
SECRET_KEYS = frozenset(
    {
        "client_secret", "password", "passwd", "pwd", "token", "access_token",
        "refresh_token", "id_token", "api_key", "apikey", "key", "secret", "code",
        "assertion", "client_assertion", "sig", "signature", "authorization",
    }
)  # fmt: skip
#: A key ending in one of these after ``_`` is secret too (``x_api_key``, ``session_token``).
_SECRET_ENDINGS = ("_token", "_secret", "_password", "_key", "_signature")

# Runs are bounded ({0,63}, {0,31}) so that hostile text ("a.a.a.…") costs linear time:
# an unbounded run that may start at every character is quadratic.
_KEY = r"[A-Za-z][A-Za-z0-9_.-]{0,63}"
# "key": "value" and 'key': 'value' (JSON, Python reprs), string values only.
_QUOTED = re.compile(rf"""(?P<q>["'])(?P<key>{_KEY})(?P=q)(?P<sep>\s*:\s*)(?P<vq>["'])"""
                     r"""(?P<value>(?:\\.|(?!(?P=vq)).)*)(?P=vq)""")  # fmt: skip
# key=value in forms, queries and prose; the value ends at a separator or a quote, and
# closing brackets at its end are the sentence's: "(password=…)" (kept by ``_assigned``).
_ASSIGNED = re.compile(rf"(?<![\w.-])(?P<key>{_KEY})(?P<sep>\s*=\s*)(?P<value>[^\s&;,\"'<>]+)")
# An Authorization header as text, and any bearer token.
_HEADER = re.compile(
    r"(?i)(?P<head>\b(?:proxy-)?authorization\s*:\s*(?:(?:basic|bearer|digest|negotiate|ntlm)\s+)?)"
    r"(?P<value>[^\s,;\"']+)"
)
# A token has a digit or a symbol, or is long: "the Bearer token was refused" keeps its words.
_BEARER = re.compile(
    r"(?i)(?P<head>\bbearer\s+)"
    r"(?P<value>(?=[A-Za-z0-9\-._~+/]*[0-9\-._~+/]|[A-Za-z]{20})[A-Za-z0-9\-._~+/]+=*)"
)
# An address with a scheme; trailing punctuation belongs to the sentence, not the URL.
_URL = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]{0,31}://[^\s\"'<>`]+")
_TRAILING = ".,;:!?)]}"


def is_secret_key(key: str) -> bool:
    name = key.strip().casefold().replace("-", "_").rpartition(".")[2]
    return name in SECRET_KEYS or name.endswith(_SECRET_ENDINGS)


def redact_text(text: str) -> str:
    """``text`` without secret values: in addresses, ``key=value``, JSON and headers."""
    text = _URL.sub(_url_in_text, text)
    text = _QUOTED.sub(_quoted, text)
    text = _ASSIGNED.sub(_assigned, text)
    text = _HEADER.sub(lambda m: m["head"] + HIDDEN, text)
    return _BEARER.sub(lambda m: m["head"] + HIDDEN, text)


def redact_url(url: str) -> str:
    """``https://u:p@host/path?token=x&user=y`` -> ``https://host/path?token=…&user=…``.

    The scheme, host, port and path stay (they say where Traymon went); the user info
    goes, and each query value becomes ``…`` with its key kept. A fragment that reads as
    ``key=value`` (OAuth's ``#access_token=``) is treated like a query.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(an address that is not a valid URL)"
    netloc = parts.netloc.rpartition("@")[2]
    fragment = _values_hidden(parts.fragment) if "=" in parts.fragment else parts.fragment
    return urlunsplit(parts._replace(netloc=netloc, query=_values_hidden(parts.query),
                                     fragment=fragment))  # fmt: skip


def _values_hidden(query: str) -> str:
    if not query:
        return query
    pairs = []
    for pair in query.split("&"):
        key, equals, _value = pair.partition("=")
        pairs.append(f"{key}={HIDDEN}" if equals else (HIDDEN if pair else pair))
    return "&".join(pairs)


def _url_in_text(match: re.Match[str]) -> str:
    found = match[0]
    kept = len(found.rstrip(_TRAILING))
    return redact_url(found[:kept]) + found[kept:]


def _quoted(match: re.Match[str]) -> str:
    if not is_secret_key(match["key"]):
        return match[0]
    q, vq = match["q"], match["vq"]
    return f"{q}{match['key']}{q}{match['sep']}{vq}{HIDDEN}{vq}"


def _assigned(match: re.Match[str]) -> str:
    if not is_secret_key(match["key"]):
        return match[0]
    value = match["value"]
    closing = value[len(value.rstrip(")]}")) :]
    return f"{match['key']}{match['sep']}{HIDDEN}{closing}"


def redact_reason(reason: Reason) -> Reason:
    """``reason`` with its raw ``detail`` redacted (a server's quoted words), and its cause's."""
    cause = redact_reason(reason.cause) if reason.cause is not None else None
    detail = redact_text(reason.detail) if reason.detail is not None else None
    return dataclasses.replace(reason, detail=detail, cause=cause)
