"""Signing and checking relay documents: JWS compact serialization, Ed25519 (RFC 7515, 9864).

A desktop believes a document only when all of these hold, checked in this order so
the sentence names the first thing wrong: it is a well-formed JWS (else "damaged"),
its key id is one of the pinned keys and the signature verifies (else "not signed by
IT's key"), the payload is a relay document (else "damaged"), it is for this tenant
(and site), it has not expired, and its serial is not below the highest one seen.
Every refusal is a ``Refusal`` with a whole sentence; nothing here raises.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from joserfc import jws
from joserfc.errors import JoseError

from traymon.relay.document import MAX_DOCUMENT_BYTES, Document, DocumentError, from_json, to_json
from traymon.relay.keys import PublicKey, SigningKey

#: The fully specified algorithm name (RFC 9864; "EdDSA" is its deprecated alias).
ALGORITHM = "Ed25519"
#: What the media type says, so a CDN or proxy does not rewrite the body.
MEDIA_TYPE = "application/jose"
#: Desktop clocks drift: a document is believed this long past its expiry.
CLOCK_LEEWAY = timedelta(seconds=60)
_WHAT = "the company's status document"


@dataclass(frozen=True, slots=True)
class Refusal:
    sentence: str


def sign(doc: Document, key: SigningKey) -> bytes:
    header = {"alg": ALGORITHM, "kid": key.kid, "typ": "traymon-relay+jws"}
    token = jws.serialize_compact(header, to_json(doc), key.jwk, algorithms=[ALGORITHM])
    return token.encode("ascii")


def verify(
    body: bytes,
    keys: Sequence[PublicKey],
    *,
    tenant: str,
    now: datetime,
    highest_serial: int | None = None,
    site: str = "",
) -> Document | Refusal:
    """The document in ``body`` if it may be believed, else why not (a ``Refusal``)."""
    if len(body) > MAX_DOCUMENT_BYTES * 2:
        return Refusal(f"{_WHAT} is damaged (it is far larger than any relay writes)")
    parts = body.strip().split(b".")
    if len(parts) != 3 or not all(parts):
        return Refusal(f"{_WHAT} is damaged (it is not a signed document)")
    try:
        header = json.loads(_b64(parts[0]))
        signature = _b64(parts[2])
        _b64(parts[1])
    except (ValueError, binascii.Error, RecursionError):
        return Refusal(f"{_WHAT} is damaged (it is not a signed document)")
    if not isinstance(header, dict) or len(signature) != 64:
        return Refusal(f"{_WHAT} is damaged (its signature is cut short or malformed)")
    if header.get("alg") != ALGORITHM:
        return Refusal(f"{_WHAT} is not signed by IT's key (it uses {header.get('alg')!r})")
    key = next((k for k in keys if k.kid == header.get("kid")), None)
    if key is None:
        return Refusal(f"{_WHAT} is not signed by IT's key (signed by an unknown key)")
    try:
        payload = jws.deserialize_compact(body.strip(), key.jwk, algorithms=[ALGORITHM]).payload
    except (JoseError, ValueError):
        return Refusal(f"{_WHAT} is not signed by IT's key (its signature does not match)")
    try:
        doc = from_json(payload)
    except DocumentError as exc:
        return Refusal(f"{_WHAT} is damaged ({exc})")
    if doc.tenant.casefold() != tenant.casefold():
        return Refusal(f"{_WHAT} is for another tenant ({doc.tenant}, not {tenant})")
    if doc.site != site:
        return Refusal(f"{_WHAT} is for {_scope(doc.site)}, not {_scope(site)}")
    if now > doc.expires_at + CLOCK_LEEWAY:
        local = doc.expires_at.astimezone()
        return Refusal(
            f"{_WHAT} expired at {local:%H:%M} ({local:%Z}); the relay has not published since"
        )
    if highest_serial is not None and doc.serial < highest_serial:
        return Refusal(
            f"{_WHAT} is older than one already seen (serial {doc.serial}, "
            f"already seen {highest_serial}): an old copy is being served"
        )
    return doc


def _scope(site: str) -> str:
    return f"site {site}" if site else "the whole tenant"


def _b64(part: bytes) -> bytes:
    """Strict base64url: Python's decoder skips stray characters and ignores the spare
    bits of the last one, so without the round trip a changed byte could still verify."""
    decoded = base64.urlsafe_b64decode(part + b"=" * (-len(part) % 4))
    if base64.urlsafe_b64encode(decoded).rstrip(b"=") != part:
        raise ValueError("not canonical base64url")
    return decoded
