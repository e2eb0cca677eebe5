"""A verified TLS handshake over an open connection, and why it failed (a typed reason).

The handshake runs on memory BIOs over the probe's own asyncio streams rather than
``StreamWriter.start_tls``: that way the probe keeps the ``SSLObject`` when
verification fails and can read the certificate the server showed (who issued it,
which names it is for, when it expired). That certificate is only described, never
trusted: verification stays on, with the same trust the status checks use.
"""

from __future__ import annotations

import asyncio
import ssl
from datetime import UTC, datetime
from typing import Any

from traymon.reason_english import english
from traymon.reasons import Code, Reason, certificate_code

#: More than a certificate chain ever needs; a server sending more is not doing TLS.
MAX_HANDSHAKE_BYTES = 256 * 1024
_CHUNK = 16 * 1024

#: OpenSSL reasons meaning the bytes that came back are not TLS at all.
_NOT_TLS = frozenset(
    {"WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "PACKET_LENGTH_TOO_LONG", "HTTP_REQUEST"}
)


class TlsError(Exception):
    """The handshake failed; ``reason`` says why (``str()``: the same in English)."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(english(reason))
        self.reason = reason


async def handshake(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    context: ssl.SSLContext,
    host: str,
) -> str:
    """Do the client handshake for ``host`` (SNI and name check); return the TLS version.

    Raises ``TlsError``; the caller's deadline bounds the time, ``MAX_HANDSHAKE_BYTES``
    the bytes read.
    """
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = context.wrap_bio(incoming, outgoing, server_hostname=host)
    received = 0
    try:
        while True:
            try:
                tls.do_handshake()
                return tls.version() or "TLS"
            except ssl.SSLWantReadError:
                pass
            await _send(writer, outgoing)
            chunk = await reader.read(_CHUNK)
            if not chunk:
                raise TlsError(Reason(Code.TLS_CLOSED))
            received += len(chunk)
            if received > MAX_HANDSHAKE_BYTES:
                raise TlsError(Reason(Code.TLS_TOO_LONG))
            incoming.write(chunk)
    except ssl.SSLCertVerificationError as exc:
        raise TlsError(describe_verification(exc, _leaf_certificate(tls))) from None
    except ssl.SSLError as exc:
        raise TlsError(describe_ssl_error(exc)) from None
    except ConnectionError:
        raise TlsError(Reason(Code.TLS_CLOSED)) from None
    finally:
        # The last flight (our Finished, or the alert saying why we gave up) is the
        # server's to read. Handed to the transport without waiting: a server that
        # stopped reading must not hold the probe past its deadline.
        if (last := outgoing.read()) and not writer.is_closing():
            writer.write(last)


async def _send(writer: asyncio.StreamWriter, outgoing: ssl.MemoryBIO) -> None:
    data = outgoing.read()
    if data:
        writer.write(data)
        await writer.drain()


def describe_verification(exc: ssl.SSLCertVerificationError, leaf: dict[str, Any] | None) -> Reason:
    """A failed certificate check, with what the certificate says when known."""
    code = certificate_code(exc.verify_code)
    info = leaf or {}
    if code is Code.TLS_EXPIRED:
        return Reason(code, detail=_day(info.get("notAfter")))
    if code is Code.TLS_WRONG_NAME:
        return Reason(code, detail=_names(info) or None)
    if code is Code.TLS_UNTRUSTED:
        return Reason(code, issuer=_issuer(info))
    if code is Code.TLS_UNVERIFIED:
        return Reason(code, detail=exc.verify_message or exc.reason)
    return Reason(code)


def describe_ssl_error(exc: ssl.SSLError) -> Reason:
    """A handshake broken off for another reason than the certificate (by OpenSSL's reason)."""
    if isinstance(exc, ssl.SSLEOFError | ssl.SSLZeroReturnError):
        return Reason(Code.TLS_CLOSED)
    reason = exc.reason or ""
    if reason in _NOT_TLS:
        return Reason(Code.NOT_TLS)
    if "ALERT" in reason:
        return Reason(Code.TLS_REFUSED, detail=reason.replace("_", " ").lower())
    return Reason(Code.TLS_FAILED, detail=(reason or str(exc)).replace("_", " ").lower())


def _leaf_certificate(tls: ssl.SSLObject) -> dict[str, Any] | None:
    """The server's certificate as ``getpeercert()`` would give it, read although unverified.

    Python 3.10-3.12 keep the received chain on the inner object (truststore reads it the
    same way); where it is missing (3.13 only gives DER bytes) the words go without detail.
    """
    inner = getattr(tls, "_sslobj", tls)
    get_chain = getattr(inner, "get_unverified_chain", None)
    if get_chain is None:
        return None
    try:
        chain = get_chain()
        info = chain[0].get_info() if chain else None
    except (AttributeError, IndexError, TypeError, ValueError, ssl.SSLError):
        return None
    return info if isinstance(info, dict) else None


def _field(rdns: object, key: str) -> str | None:
    if not isinstance(rdns, tuple):
        return None
    for rdn in rdns:
        for pair in rdn if isinstance(rdn, tuple) else ():
            if isinstance(pair, tuple) and len(pair) == 2 and pair[0] == key:
                return _clean(str(pair[1]))
    return None


def _issuer(info: dict[str, Any]) -> str | None:
    issuer = info.get("issuer")
    return _field(issuer, "commonName") or _field(issuer, "organizationName")


def _names(info: dict[str, Any]) -> str:
    alt = info.get("subjectAltName")
    names = [
        _clean(str(pair[1]))
        for pair in (alt if isinstance(alt, tuple) else ())
        if isinstance(pair, tuple) and len(pair) == 2 and pair[0] in ("DNS", "IP Address")
    ]
    if not names and (common := _field(info.get("subject"), "commonName")):
        names = [common]
    shown = ", ".join(names[:3])
    return shown + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _day(text: object) -> str | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromtimestamp(ssl.cert_time_to_seconds(text), UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return None


def _clean(text: str, limit: int = 80) -> str:
    """The server's words are shown to people: one printable line, not too long."""
    line = "".join(ch if ch.isprintable() else " " for ch in text).strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"
