"""The relay's status document: what it says, as plain data and as canonical JSON.

The document is the JWS payload (``traymon.relay.verify`` checks the signature around
it). Every field a desktop acts on is here, with nothing implicit: whose tenant it is,
when it was made and until when it may be believed, a serial that only grows (a desktop
refuses one lower than it has seen, so an old document cannot be replayed), the
services' states and IT's declarations. Reading never raises: a payload that is not
exactly this shape is ``DocumentError`` with a sentence.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from traymon.model import FleetSignal, Status

FORMAT = "traymon-relay/1"
#: Larger payloads are refused before parsing (a document for a tenant is a few KB).
MAX_DOCUMENT_BYTES = 512 * 1024
DECLARATION_KINDS = ("continuity", "announcement")
#: A document carries at most this many fleet entries (sites × services); more are dropped.
MAX_FLEET_ENTRIES = 2000


class DocumentError(ValueError):
    """The payload is not a relay document; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class ServiceState:
    """One service as the relay saw it (``id`` is a slug: ``exchange-online``)."""

    id: str
    name: str
    state: Status
    title: str = ""
    impact: str = ""
    latest_update: str = ""
    vendor: str = "Microsoft"


@dataclass(frozen=True, slots=True)
class Declaration:
    """IT's word: a continuity declaration for one service, or an announcement."""

    id: str
    kind: str  # one of DECLARATION_KINDS
    message: str
    created_by: str
    created_at: datetime
    expires_at: datetime
    service: str = ""  # continuity: the service's slug
    sites: tuple[str, ...] = ()  # empty: everybody

    def active(self, now: datetime) -> bool:
        return self.created_at <= now < self.expires_at

    def for_site(self, site: str) -> bool:
        """Whether a desktop at ``site`` ("": the tenant document) should see it."""
        return not self.sites or site in self.sites


@dataclass(frozen=True, slots=True)
class Notice:
    """A message-center post worth showing (high severity or a major change)."""

    id: str
    title: str
    services: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    tenant: str
    issued_at: datetime
    expires_at: datetime
    serial: int
    services: tuple[ServiceState, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    #: "" for the tenant's document, else the site it was written for.
    site: str = ""
    notices: tuple[Notice, ...] = ()
    #: The fleet's picture per site and service (traymon.relay.fleet_verdict); only
    #: entries with at least 5 desktops behind them are ever published.
    fleet: tuple[FleetSignal, ...] = ()


def slug(name: str) -> str:
    """``Exchange Online`` -> ``exchange-online``: the ids people type in commands."""
    out = "".join(c if c.isalnum() else "-" for c in name.casefold())
    return "-".join(part for part in out.split("-") if part)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def declaration_to_json(d: Declaration) -> dict[str, Any]:
    return {
        "id": d.id,
        "kind": d.kind,
        "message": d.message,
        "created_by": d.created_by,
        "created_at": iso(d.created_at),
        "expires_at": iso(d.expires_at),
        "service": d.service,
        "sites": list(d.sites),
    }


def to_json(doc: Document) -> bytes:
    """Canonical JSON (sorted keys, no spaces): the same document is the same bytes."""
    data = {
        "format": FORMAT,
        "tenant": doc.tenant,
        "site": doc.site,
        "issued_at": iso(doc.issued_at),
        "expires_at": iso(doc.expires_at),
        "serial": doc.serial,
        "services": [
            {
                "id": s.id,
                "name": s.name,
                "state": s.state.value,
                "title": s.title,
                "impact": s.impact,
                "latest_update": s.latest_update,
                "vendor": s.vendor,
            }
            for s in doc.services
        ],
        "declarations": [declaration_to_json(d) for d in doc.declarations],
        "notices": [
            {"id": n.id, "title": n.title, "services": list(n.services)} for n in doc.notices
        ],
    }
    if doc.fleet:  # absent when empty: documents without a fleet stay byte for byte as before
        data["fleet"] = [fleet_to_json(f) for f in doc.fleet]
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def from_json(payload: bytes) -> Document:
    """The document in ``payload``; raises ``DocumentError`` with a sentence otherwise."""
    if len(payload) > MAX_DOCUMENT_BYTES:
        raise DocumentError(f"it is larger than {MAX_DOCUMENT_BYTES // 1024} KB")
    try:
        data = json.loads(payload)
    except (ValueError, RecursionError) as exc:
        raise DocumentError("its content is not JSON") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DocumentError(f"it is not a {FORMAT} document")
    serial = data.get("serial")
    if isinstance(serial, bool) or not isinstance(serial, int) or serial < 0:
        raise DocumentError("its serial is not a whole number")
    return Document(
        tenant=_text(data, "tenant"),
        site=_text(data, "site", empty_ok=True),
        issued_at=parse_iso(_text(data, "issued_at")),
        expires_at=parse_iso(_text(data, "expires_at")),
        serial=serial,
        services=tuple(_service(s) for s in _list(data, "services")),
        declarations=tuple(declaration_from_json(d) for d in _list(data, "declarations")),
        notices=tuple(_notice(n) for n in _list(data, "notices")),
        fleet=tuple(_fleet(f) for f in _list(data, "fleet")[:MAX_FLEET_ENTRIES]),
    )


def fleet_to_json(f: FleetSignal) -> dict[str, Any]:
    return {
        "site": f.site,
        "service": f.service,
        "desktops": f.desktops,
        "failing_share": f.failing_share,
        "outage": f.outage,
        "since": iso(f.since) if f.since else "",
        "vendor_admits": f.vendor_admits,
    }


def _fleet(raw: object) -> FleetSignal:
    if not isinstance(raw, dict):
        raise DocumentError("a fleet entry is not a table")
    desktops, share = raw.get("desktops"), raw.get("failing_share")
    if isinstance(desktops, bool) or not isinstance(desktops, int) or desktops < 0:
        raise DocumentError("a fleet entry's desktops is not a whole number")
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
        raise DocumentError("a fleet entry's failing_share is not a share from 0 to 1")
    outage, admits = raw.get("outage"), raw.get("vendor_admits", False)
    if not isinstance(outage, bool) or not isinstance(admits, bool):
        raise DocumentError("a fleet entry's outage or vendor_admits is not true or false")
    since = _text(raw, "since", empty_ok=True)
    return FleetSignal(
        site=_text(raw, "site"),
        service=_text(raw, "service"),
        desktops=desktops,
        failing_share=float(share),
        outage=outage,
        since=parse_iso(since) if since else None,
        vendor_admits=admits,
    )


def _notice(raw: object) -> Notice:
    if not isinstance(raw, dict):
        raise DocumentError("a notice is not a table")
    services = raw.get("services", [])
    if not isinstance(services, list) or not all(isinstance(s, str) for s in services):
        raise DocumentError("a notice's services are not a list of names")
    return Notice(_text(raw, "id"), _text(raw, "title", empty_ok=True), tuple(services))


def declaration_from_json(raw: object) -> Declaration:
    if not isinstance(raw, dict):
        raise DocumentError("a declaration is not a table")
    kind = _text(raw, "kind")
    if kind not in DECLARATION_KINDS:
        raise DocumentError(f"a declaration's kind {kind!r} is not one of continuity, announcement")
    sites = raw.get("sites", [])
    if not isinstance(sites, list) or not all(isinstance(s, str) for s in sites):
        raise DocumentError("a declaration's sites are not a list of names")
    return Declaration(
        id=_text(raw, "id"),
        kind=kind,
        message=_text(raw, "message", empty_ok=True),
        created_by=_text(raw, "created_by", empty_ok=True),
        created_at=parse_iso(_text(raw, "created_at")),
        expires_at=parse_iso(_text(raw, "expires_at")),
        service=_text(raw, "service", empty_ok=True),
        sites=tuple(sites),
    )


def parse_iso(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise DocumentError(f"{value!r} is not a time") from exc
    if moment.tzinfo is None:
        raise DocumentError(f"{value!r} has no time zone")
    return moment.astimezone(UTC)


def _service(raw: object) -> ServiceState:
    if not isinstance(raw, dict):
        raise DocumentError("a service entry is not a table")
    word = _text(raw, "state")
    try:
        state = Status(word)
    except ValueError as exc:
        raise DocumentError(f"a service's state {word!r} is not a known state") from exc
    return ServiceState(
        id=_text(raw, "id"),
        name=_text(raw, "name"),
        state=state,
        title=_text(raw, "title", empty_ok=True),
        impact=_text(raw, "impact", empty_ok=True),
        latest_update=_text(raw, "latest_update", empty_ok=True),
        vendor=_text(raw, "vendor", empty_ok=True),
    )


def _text(data: Mapping[str, Any], key: str, *, empty_ok: bool = False) -> str:
    value = data.get(key, "" if empty_ok else None)
    if not isinstance(value, str) or (not value and not empty_ok):
        raise DocumentError(f"its {key!r} is missing or not text")
    return value


def _list(data: Mapping[str, Any], key: str) -> Sequence[object]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise DocumentError(f"its {key!r} is not a list")
    return value
