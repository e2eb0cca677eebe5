"""The company relay's signed status document (``traymon relay`` publishes it; DESIGN.md).

One ``[[services]]`` entry of kind ``relay`` reads one document (the tenant's, or a
site's) and shows one service from it (``service = "exchange-online"``) or all of
them. The document is believed only when ``traymon.relay.verify`` accepts it: signed
by one of the pinned ``keys``, for ``tenant_id``, not expired, and not older than the
highest serial seen before (kept in the user data folder across restarts). Anything
else is ``unknown`` with the refusal's sentence, and the log says why. IT's
declarations ride in the same document: an active continuity declaration for the
service makes it at least a partial outage (so ``continuity.trigger_services`` and the
mail switch follow IT's word), and announcements show as incidents.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from traymon.model import CheckResult, Component, Incident, ParseResult, Status, worst
from traymon.reasons import Code, Reason
from traymon.relay.document import Declaration, Document, ServiceState
from traymon.relay.seen import SeenSerials, default_store
from traymon.sources.base import Source
from traymon.sources.options import (
    NO_OPTIONS,
    Option,
    OptionValue,
    get_text,
    get_texts,
    options_table,
    text,
    text_list,
)
from traymon.sources.summary import sentence

if TYPE_CHECKING:  # joserfc and cryptography load when a relay key or document is read
    from traymon.relay.keys import PublicKey

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
#: The incident status of an active continuity declaration (``it_declared`` looks for it).
DECLARED_STATUS = "declared by IT"
#: The incident status of an announcement (the engine tells each once).
ANNOUNCEMENT_STATUS = "announcement"


def check_keys(value: object) -> tuple[str, ...]:
    from traymon.relay.keys import KeyFileError, parse_public_key

    keys = text_list(value)
    if len(keys) > 2:
        raise ValueError("pin one key, or two while rotating (got more)")
    for key in keys:
        try:
            parse_public_key(key)
        except KeyFileError as exc:
            raise ValueError(str(exc)) from exc
    return keys


def _utc_now() -> datetime:
    return datetime.now(UTC)


class RelaySource(Source):
    kind = "relay"
    #: On a 304 the kept document is checked again: expiry is a matter of time, not bytes.
    reparse_on_not_modified = True
    options = options_table(
        # Not required here: policy usually gives both (relay.tenant_id, relay.public_keys).
        Option("tenant_id", text, "the tenant the document must be for (or relay.tenant_id)"),
        Option("keys", check_keys, "IT's pinned keys (ed25519:…; or relay.public_keys by policy)"),
        Option("service", text, 'the service to show (e.g. "exchange-online"); default: all'),
        Option("site", text, "the site this document is for (a site's document)"),
    )

    def __init__(
        self,
        url: str,
        options: Mapping[str, OptionValue] = NO_OPTIONS,
        clock: Clock | None = None,
        seen: SeenSerials | None = None,
    ) -> None:
        super().__init__(url, options)
        self._clock = clock
        self._seen = seen

    @property
    def request_url(self) -> str:
        return self.url

    @property
    def pinned(self) -> tuple[PublicKey, ...]:
        from traymon.relay.keys import parse_public_key

        return tuple(parse_public_key(k) for k in get_texts(self.settings, "keys"))

    def parse(self, body: bytes) -> ParseResult:
        tenant = get_text(self.settings, "tenant_id", "")
        if not tenant or not self.settings.get("keys"):
            words = (
                "the company's status document cannot be checked: IT has not pinned its key "
                "and tenant (relay.public_keys and relay.tenant_id, by policy)"
            )
            return ParseResult.unknown(words, Reason(Code.RELAY_NOT_PINNED, detail=words))
        from traymon.relay.verify import Refusal, verify

        seen = self._seen if self._seen is not None else default_store()
        now = self._clock() if self._clock is not None else _utc_now()
        try:
            checked = verify(
                body,
                self.pinned,
                tenant=tenant,
                now=now,
                highest_serial=seen.highest(tenant),
                site=get_text(self.settings, "site", ""),
            )
        except Exception as exc:  # a verifier bug must not stop the checks; the data is refused
            log.exception("relay document from %s could not be checked", self.url)
            checked = Refusal(
                f"the company's status document could not be checked ({type(exc).__name__})"
            )
        if isinstance(checked, Refusal):
            log.warning("refused the relay document from %s: %s", self.url, checked.sentence)
            refused = Reason(Code.RELAY_REFUSED, detail=checked.sentence)
            return ParseResult.unknown(checked.sentence, refused)
        seen.record(tenant, checked.serial)
        return document_result(checked, get_text(self.settings, "service", ""), now)


def document_result(doc: Document, service: str, now: datetime) -> ParseResult:
    """A verified document as one service's state (``service`` "": all of them)."""
    rows = [s for s in doc.services if not service or s.id == service.casefold()]
    active = [d for d in doc.declarations if d.active(now)]
    declared = [
        d for d in active if d.kind == "continuity" and (not service or d.service == service)
    ]
    if service and not rows and not declared:
        why = f"the company's status document does not list {service!r}"
        not_listed = Reason(Code.NOT_LISTED, detail=why)
        return ParseResult(Status.UNKNOWN, why, fleet=doc.fleet, reason=not_listed)
    incidents = [_incident(s) for s in rows if s.state is not Status.OPERATIONAL and s.title]
    incidents += [_declared(d, doc.tenant) for d in declared]
    announced = [d for d in active if d.kind == "announcement"]
    incidents += [_announced(d, doc.tenant) for d in announced]
    states = [s.state for s in rows] + [i.impact for i in incidents]
    status = worst(states) if states else Status.UNKNOWN
    if status is Status.UNKNOWN:
        why = next((s.title for s in rows if s.title), "")
        why = why or "the company's status document names no state for this service"
        # The fleet's picture is the relay's own counting, good even without Graph's word.
        return ParseResult(Status.UNKNOWN, why, fleet=doc.fleet)
    components = tuple(Component(s.name, s.state) for s in rows)
    quiet = f"IT: {announced[0].message}" if announced else None
    summary = sentence(status, incidents, quiet)
    return ParseResult(status, summary, components, tuple(incidents), fleet=doc.fleet)


def _incident(s: ServiceState) -> Incident:
    return Incident(
        title=s.title,
        impact=s.state,
        status=s.impact or s.state.value,
        latest_update=s.latest_update or None,
    )


def _declared(d: Declaration, tenant: str) -> Incident:
    until = d.expires_at.astimezone()
    return Incident(
        title=f"IT: continuity for {d.service} until {until:%H:%M}",
        impact=Status.PARTIAL_OUTAGE,
        status=DECLARED_STATUS,
        started_at=d.created_at,
        latest_update=d.message or None,
        posted_by=d.created_by or None,
        ends_at=d.expires_at,
        ref=f"{tenant}/{d.id}",  # ids are the relay's: unique per tenant
    )


def _announced(d: Declaration, tenant: str) -> Incident:
    return Incident(
        title=f"IT: {d.message}",
        impact=Status.OPERATIONAL,
        status=ANNOUNCEMENT_STATUS,
        started_at=d.created_at,
        latest_update=d.message,
        posted_by=d.created_by or None,
        ends_at=d.expires_at,
        ref=f"{tenant}/{d.id}",  # ids are the relay's: unique per tenant
    )


def it_announcements(result: CheckResult) -> tuple[Incident, ...]:
    """IT's announcements in a result (only the relay kind has them: a vendor's incident
    whose own word happens to be "announcement" is the vendor's, not IT's)."""
    if result.kind != RelaySource.kind:
        return ()
    return tuple(i for i in result.incidents if i.status == ANNOUNCEMENT_STATUS)


def it_declared(result: CheckResult) -> bool:
    """Whether a result carries IT's signed continuity declaration (only the relay kind can:
    another kind's incident words are the vendor's, and a vendor must not switch mail)."""
    return result.kind == RelaySource.kind and any(
        i.status == DECLARED_STATUS for i in result.incidents
    )
