"""What the tray and the window show about a service, as plain data (no Qt, no I/O).

The GUI draws only these dataclasses. ``view_from_result`` fills them from the
engine's ``CheckResult`` (its triage verdict), the engine's 90-day history and the
continuity layer's fallback help; the GUI draws and decides nothing itself.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

# Who reports a state: the result names it (the engine asks traymon.config.vendor); the
# kind's vendor is the fallback for results made without the engine. Re-exported.
from traymon.config.vendor import KIND_VENDORS as KIND_VENDORS
from traymon.continuity.instructions import Link
from traymon.engine.overall import icon_state
from traymon.model import CheckResult, Component, FleetSignal, Incident, Status, Triage, Where
from traymon.reasons import Reason
from traymon.sources.relay import it_announcements

__all__ = ["DayState", "IconState", "ServiceView", "Triage", "tray_state", "view_from_result"]


class IconState(enum.Enum):
    """What the one tray icon can show: the status scale plus ``offline``."""

    OPERATIONAL = "operational"
    MAINTENANCE = "maintenance"
    DEGRADED = "degraded"
    PARTIAL_OUTAGE = "partial_outage"
    MAJOR_OUTAGE = "major_outage"
    UNKNOWN = "unknown"
    OFFLINE = "offline"
    #: Fails from this PC while the vendor reports nothing: never green, never the vendor's.
    SUSPECTED = "suspected"

    @classmethod
    def of(cls, status: Status) -> IconState:
        return cls(status.value)


@dataclass(frozen=True, slots=True)
class DayState:
    """The worst state a service had on one day (for the 90-day bar)."""

    day: date
    worst: Status


@dataclass(frozen=True, slots=True)
class ServiceView:
    """Everything the GUI shows about one service."""

    service_id: str
    name: str
    status: Status
    triage: Triage
    summary: str
    checked_at: datetime | None
    components: tuple[Component, ...] = ()
    incidents: tuple[Incident, ...] = ()
    latency_ms: int | None = None
    page_url: str | None = None
    #: Oldest first, at most 90 entries; days without data are simply missing.
    history: tuple[DayState, ...] = ()
    #: Plain text from the continuity layer ("Copy" puts it on the clipboard); empty: none.
    fallback_instructions: str = ""
    #: The same instructions as a safe HTML subset (continuity.instructions.render).
    fallback_html: str = ""
    #: Link buttons for the instructions (https, mailto or tel only).
    fallback_links: tuple[Link, ...] = ()
    #: Who runs the status page ("Microsoft"), for sentences; empty when unknown.
    vendor: str = ""
    #: From an earlier run (the cache), not confirmed yet; the triage is kept as it was.
    from_last_run: bool = False
    #: IT's announcements in force (the relay kind only), for the window's banner.
    announcements: tuple[Incident, ...] = ()
    #: Where a ``suspected`` problem is, by the fleet: our company's path, or this PC.
    where: Where | None = None
    #: The fleet's picture of this service at this desktop's site (information only).
    fleet: FleetSignal | None = None
    #: Why the check failed (the GUI words it: ``gui/reason_words``); ``summary`` is not shown then.
    reason: Reason | None = None
    #: The ``components`` to watch that the page does not have (said in the detail).
    unmatched: tuple[str, ...] = ()
    #: IT's backup webmail among ``fallback_links`` (its button is "Open backup webmail").
    webmail_url: str = ""
    #: The engine's answer this view was made from (its typed reason and probes, for the
    #: words of what failed); ``None`` for a view not made from a result.
    result: CheckResult | None = None

    @property
    def has_problem(self) -> bool:
        """Anything a person may want to look at: not plainly fine."""
        return self.status is not Status.OPERATIONAL or self.triage not in (
            Triage.OK,
            Triage.VENDOR,
        )

    def age_s(self, now: datetime) -> float | None:
        """How old the answer is, in seconds; ``None`` when never checked."""
        if self.checked_at is None:
            return None
        return max(0.0, (now - self.checked_at).total_seconds())

    @property
    def shown_state(self) -> IconState:
        """The state as the person sees it: a failure seen only from this PC is never the
        vendor's green (the vendor's ``status`` is kept; this is how it is shown)."""
        if self.triage is Triage.SUSPECTED and not self.status.is_outage:
            return IconState.SUSPECTED
        return IconState.of(self.status)

    @property
    def shown_severity(self) -> float:
        """Worst first in lists: a failure from this PC just below an outage the vendor admits."""
        if self.shown_state is IconState.SUSPECTED:
            return Status.PARTIAL_OUTAGE.severity - 0.5
        return self.status.severity

    @property
    def is_stale(self) -> bool:
        """Not a fresh answer: from the last run, or the engine's ``stale`` verdict."""
        return self.from_last_run or self.triage is Triage.STALE

    def as_stale(self) -> ServiceView:
        return replace(self, from_last_run=True)


def view_from_result(result: CheckResult, history: Sequence[DayState] = ()) -> ServiceView:
    """The engine's verdict when it gave one; a result checked without triage (tests, the
    one-shot check) reads the vendor's word: a problem state means the vendor reports it."""
    triage = result.triage or (
        Triage.OK if result.status in (Status.OPERATIONAL, Status.UNKNOWN) else Triage.VENDOR
    )
    return ServiceView(
        service_id=result.service_id,
        name=result.name,
        status=result.status,
        triage=triage,
        summary=result.summary,
        checked_at=result.checked_at,
        components=result.components,
        incidents=result.incidents,
        latency_ms=result.latency_ms,
        page_url=result.page_url,
        history=tuple(history)[-90:],
        vendor=result.vendor or KIND_VENDORS.get(result.kind, ""),
        announcements=it_announcements(result),
        where=result.where,
        fleet=result.fleet,
        reason=result.reason,
        unmatched=result.unmatched,
        result=result,
    )


def not_checked_view(service_id: str, name: str, summary: str) -> ServiceView:
    return ServiceView(service_id, name, Status.UNKNOWN, Triage.OK, summary, None)


def tray_state(views: Iterable[ServiceView], offline: bool = False) -> IconState:
    """The icon for many services: ``offline`` when this PC reaches none of them
    (every verdict ``local``, or the engine's network check says so)."""
    views = list(views)
    if offline:
        return IconState.OFFLINE
    if not views:
        return IconState.UNKNOWN
    if all(v.triage is Triage.LOCAL for v in views):
        return IconState.OFFLINE
    state = icon_state(v.status for v in views if v.triage is not Triage.LOCAL)
    # A failure seen only from here is a problem for the person even when every vendor
    # says all is well; only an outage the vendor admits outranks it.
    if not state.is_outage and any(v.triage is Triage.SUSPECTED for v in views):
        return IconState.SUSPECTED
    return IconState.of(state)


def announcements_in_force(views: Iterable[ServiceView], now: datetime) -> list[Incident]:
    """IT's announcements across every service, each once (two services may read one
    document), oldest first; one past its end is gone even before the next check."""
    found: dict[str, Incident] = {}
    for view in views:
        for said in view.announcements:
            if said.ends_at is None or said.ends_at > now:
                found.setdefault(said.ref or said.title, said)
    epoch = datetime.min.replace(tzinfo=now.tzinfo)
    return sorted(found.values(), key=lambda i: i.started_at or epoch)


def affected_count(views: Iterable[ServiceView]) -> int:
    """How many services have a known problem (the optional number on the icon)."""
    return sum(
        1
        for v in views
        if v.status.severity > Status.MAINTENANCE.severity or v.triage is Triage.SUSPECTED
    )
