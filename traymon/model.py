"""The status scale and the plain data every layer passes around. No I/O here."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from traymon.links import safe_link
from traymon.reason_english import english
from traymon.reasons import Code, Reason


class Status(enum.Enum):
    """How a service is doing, from best to worst, plus ``unknown``.

    ``unknown`` means "no fresh, trustworthy answer". It is not part of the
    severity order: it never hides a known outage and is never shown as green.
    """

    OPERATIONAL = "operational"
    MAINTENANCE = "maintenance"
    DEGRADED = "degraded"
    PARTIAL_OUTAGE = "partial_outage"
    MAJOR_OUTAGE = "major_outage"
    UNKNOWN = "unknown"

    @property
    def severity(self) -> int:
        """Rank in the severity order; ``unknown`` ranks below every known state."""
        return _SEVERITY[self]

    @property
    def is_outage(self) -> bool:
        return self in (Status.PARTIAL_OUTAGE, Status.MAJOR_OUTAGE)

    @property
    def label(self) -> str:
        """Words for people (the tooltip, the table)."""
        return _LABELS[self]


_SEVERITY: dict[Status, int] = {
    Status.UNKNOWN: -1,
    Status.OPERATIONAL: 0,
    Status.MAINTENANCE: 1,
    Status.DEGRADED: 2,
    Status.PARTIAL_OUTAGE: 3,
    Status.MAJOR_OUTAGE: 4,
}

_LABELS: dict[Status, str] = {
    Status.OPERATIONAL: "Operational",
    Status.MAINTENANCE: "Maintenance",
    Status.DEGRADED: "Degraded",
    Status.PARTIAL_OUTAGE: "Partial outage",
    Status.MAJOR_OUTAGE: "Major outage",
    Status.UNKNOWN: "Unknown",
}


def worst(states: Iterable[Status]) -> Status:
    """The worst known state of ``states``; ``unknown`` only when nothing is known.

    An empty input is ``unknown`` too: no answer is not a good answer.
    """
    known = [s for s in states if s is not Status.UNKNOWN]
    if not known:
        return Status.UNKNOWN
    return max(known, key=lambda s: s.severity)


@dataclass(frozen=True, slots=True)
class Component:
    """One part of a service as its status source names it (``Git Operations``)."""

    name: str
    status: Status
    #: ``False``: on the page, but the service's ``components`` key leaves it out, so it
    #: is shown for what it is and never counted (a re-routed data centre nobody uses).
    watched: bool = True
    #: A group's own rows (Cloudflare's "Cloudflare Sites and Services" → "CDN/Cache"),
    #: so a person can choose one of them; the group's ``status`` is already their worst.
    children: tuple[Component, ...] = ()


@dataclass(frozen=True, slots=True)
class Incident:
    """An open incident or an in-progress maintenance."""

    title: str
    impact: Status
    status: str  # the vendor's own word: investigating, identified, in_progress, …
    url: str | None = None
    started_at: datetime | None = None
    latest_update: str | None = None
    #: IT's declarations (the relay kind) only: who posted it, when it ends, and its id
    #: (an announcement is told once per id, across restarts). Vendors' incidents: None.
    posted_by: str | None = None
    ends_at: datetime | None = None
    ref: str | None = None

    def __post_init__(self) -> None:
        # The vendor's link is checked here, where every parser's incident is made, so a
        # parser cannot forget it: only an absolute http(s) address is kept (links.py).
        object.__setattr__(self, "url", safe_link(self.url))


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What a parser made of one payload.

    ``summary`` is one human sentence; for ``unknown`` it is the reason in English (for
    the log and the command line), and ``reason`` is the same typed, for the GUI.
    """

    status: Status
    summary: str
    components: tuple[Component, ...] = ()
    incidents: tuple[Incident, ...] = ()
    #: What the company relay's document says about the fleet (the relay kind only).
    fleet: tuple[FleetSignal, ...] = ()
    #: Why there is no state (``unknown`` only).
    reason: Reason | None = None
    #: The service's ``components`` entries that name nothing on the page, as written:
    #: said where the result is shown, so a typo never silently watches nothing.
    unmatched: tuple[str, ...] = ()

    @classmethod
    def unknown(cls, words: str, reason: Reason | None = None) -> ParseResult:
        """No state: ``words`` say why in English; without a ``reason`` they are a parser's
        finding that the answer is not what the kind reads (``Code.UNREADABLE``)."""
        return cls(Status.UNKNOWN, words, reason=reason or Reason(Code.UNREADABLE, detail=words))

    @classmethod
    def failed(cls, reason: Reason) -> ParseResult:
        """No state, for a typed ``reason`` whose English is the one wording of it."""
        return cls(Status.UNKNOWN, english(reason), reason=reason)


class Triage(enum.Enum):
    """Whose problem it is: them (the vendor), us (the path to it), or me (this PC).

    ``ok``: nothing wrong seen. ``vendor``: the vendor reports a problem.
    ``suspected``: this desktop's probes fail while the vendor says all is well and
    the network works. ``local``: this PC is offline (reference checks fail too), so
    nothing is blamed on a vendor. ``stale``: no fresh answer could be had.
    """

    OK = "ok"
    VENDOR = "vendor"
    SUSPECTED = "suspected"
    LOCAL = "local"
    STALE = "stale"


class Where(enum.Enum):
    """A ``suspected`` problem, placed by the fleet (the company relay's counts).

    ``company_path``: many desktops at this site fail too and the vendor is silent, so
    it is our company's path (network, proxy, firewall). ``this_pc``: the others at
    this site are fine, so it is this computer (or its own connection).
    """

    COMPANY_PATH = "company_path"
    THIS_PC = "this_pc"


@dataclass(frozen=True, slots=True)
class FleetSignal:
    """The fleet's picture of one service at one site, from the relay's signed document.

    Published only when at least 5 distinct desktops reported; ``outage`` when the
    failing share is clearly above the site's usual for this hour. Information only:
    it never switches anyone's mail (only IT's declaration or the vendor's word does).
    """

    site: str
    service: str
    desktops: int
    failing_share: float
    outage: bool
    since: datetime | None = None
    vendor_admits: bool = False


@dataclass(frozen=True, slots=True)
class ProbeOutcome:
    """One probe from this desktop (``tcp outlook.office365.com:993``), run once."""

    name: str
    ok: bool
    detail: str  # "answered in 42 ms" or the reason it failed, in words
    latency_ms: int | None = None
    #: Something on the network answered (even with an error): evidence of being online.
    reached: bool = False
    #: Why it failed, typed (``None`` when it succeeded or no code is known yet).
    reason: Reason | None = None


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One service, checked once: the parse plus how the asking went."""

    service_id: str
    name: str
    kind: str
    status: Status
    summary: str
    checked_at: datetime
    components: tuple[Component, ...] = ()
    incidents: tuple[Incident, ...] = ()
    error: str | None = None
    latency_ms: int | None = None
    page_url: str | None = None
    #: Set by the engine's triage; ``None`` when a caller checked without it.
    triage: Triage | None = None
    probes: tuple[ProbeOutcome, ...] = ()
    #: When the state shown was last confirmed by a fresh answer (stale results keep it).
    fresh_at: datetime | None = None
    #: Who reports the state ("GitHub", "Microsoft"); ``""`` when no one can be named.
    vendor: str = ""
    #: A relay document's fleet entries (the relay kind), as the document carried them.
    fleet_document: tuple[FleetSignal, ...] = ()
    #: The fleet's word on this service at this desktop's site (set by the engine).
    fleet: FleetSignal | None = None
    #: Where a ``suspected`` problem is, by the fleet (``None``: the fleet does not say).
    where: Where | None = None
    #: Why the check failed, typed; ``error`` keeps the English words for logs and history.
    reason: Reason | None = None
    #: The service's ``components`` entries that name nothing on the page (ParseResult's).
    unmatched: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # "Open status page" opens this: an http(s) address or nothing (links.py).
        object.__setattr__(self, "page_url", safe_link(self.page_url))
