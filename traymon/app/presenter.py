"""What the window's first screen shows, decided once, as typed data (no Qt, no words).

The person's question is "is it me, and what do I do now?". ``present`` answers it from
the services' views (the engine's verdict, the vendor's incidents, IT's fallback help):
one headline situation for the worst thing going on, one card per affected service with
its cause and its actions, and how many other services work. Every sentence is made in
``traymon/gui`` (the answer's wording), so the words follow the desktop's language.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from traymon.continuity.instructions import Link
from traymon.model import CheckResult, Incident, ProbeOutcome, Status, Triage, Where
from traymon.reasons import Reason
from traymon.sources.relay import ANNOUNCEMENT_STATUS, DECLARED_STATUS
from traymon.viewmodel import ServiceView

#: The vendor's latest update is shown in one line: longer text is cut at a word.
UPDATE_CHARS = 160
#: Cards shown at most; more affected services are counted (the details list them all).
#: A person reads a few; fifty cards of "cannot check" would bury the headline.
MAX_CARDS = 8


class Situation(enum.Enum):
    """The headline: the worst thing going on, from the person's side."""

    CHECKING = "checking"  # no answer yet
    ALL_FINE = "all_fine"
    OFFLINE = "offline"  # this PC reaches nothing: nobody else is to blame
    DECLARED = "declared"  # IT declared continuity (the company relay)
    VENDOR = "vendor"  # the vendor admits a problem (the lead card's status says how bad)
    SUSPECTED = "suspected"  # fails from here while the vendor reports nothing
    STALE = "stale"  # no fresh answer: showing what was last known
    MAINTENANCE = "maintenance"  # planned work, nothing broken


class CardKind(enum.Enum):
    """Whose problem one affected service has."""

    DECLARED = "declared"
    VENDOR = "vendor"
    SUSPECTED = "suspected"
    LOCAL = "local"  # this service cannot be reached from here, as if offline
    STALE = "stale"  # last known, not confirmed
    UNKNOWN = "unknown"  # the status page could not be read
    MAINTENANCE = "maintenance"


class ActionKind(enum.Enum):
    """A button on a card or in the headline."""

    OPEN_WEBMAIL = "open_webmail"  # IT's backup webmail (``url``)
    SWITCH_MAIL = "switch_mail"  # the mail client to the backup account
    IT_LINK = "it_link"  # a link in IT's fallback instructions (``link``)
    STATUS_PAGE = "status_page"  # the vendor's page (``url``)
    DETAILS = "details"  # the service in the details view


@dataclass(frozen=True, slots=True)
class Action:
    kind: ActionKind
    service_id: str
    url: str = ""
    link: Link | None = None


#: What the person can do about the problem itself (the headline offers these).
HELPING = frozenset({ActionKind.OPEN_WEBMAIL, ActionKind.SWITCH_MAIL, ActionKind.IT_LINK})


@dataclass(frozen=True, slots=True)
class Failure:
    """What failed from this PC: the failed probe when one did, else the check itself.

    Typed (``reason``); the GUI words it in the desktop's language. Two failures are the
    same when their cause is: a new check with the same cause is not a new screen."""

    result: CheckResult | None = field(compare=False)
    probe: ProbeOutcome | None = None
    reason: Reason | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Card:
    """One affected service, as its card shows it."""

    service_id: str
    name: str
    kind: CardKind
    status: Status
    vendor: str = ""
    where: Where | None = None
    since: datetime | None = None
    #: The vendor's (or IT's) latest word, in one line; "" when there is none.
    latest_update: str = ""
    failure: Failure | None = None
    #: IT's fallback instructions (a safe HTML subset, and the same as plain text).
    instructions_html: str = ""
    instructions_text: str = ""
    #: IT's declaration: until when it holds (the message is ``latest_update``).
    declared_until: datetime | None = None
    actions: tuple[Action, ...] = ()

    @property
    def helping_actions(self) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.kind in HELPING)


@dataclass(frozen=True, slots=True)
class Screen:
    """The first screen: headline, cards (worst first), the count of the rest."""

    situation: Situation
    cards: tuple[Card, ...] = ()
    #: Services checked and fine (their names, in the configured order).
    working: tuple[str, ...] = ()
    #: Services with no answer yet.
    waiting: int = 0
    #: Affected services beyond ``MAX_CARDS``, not shown as cards.
    more_affected: int = 0

    @property
    def lead(self) -> Card | None:
        """The headline's service: the worst affected one."""
        return self.cards[0] if self.cards else None

    @property
    def headline_actions(self) -> tuple[Action, ...]:
        return self.lead.helping_actions if self.lead is not None else ()


# Worst first: IT's word, then what the vendor admits by severity, then what fails here.
_RANK = {
    CardKind.DECLARED: 0,
    CardKind.SUSPECTED: 3,
    CardKind.LOCAL: 5,
    CardKind.STALE: 6,
    CardKind.UNKNOWN: 7,
    CardKind.MAINTENANCE: 8,
}
_VENDOR_RANK = {Status.MAJOR_OUTAGE: 1, Status.PARTIAL_OUTAGE: 2, Status.DEGRADED: 4}
_SITUATION = {
    CardKind.DECLARED: Situation.DECLARED,
    CardKind.VENDOR: Situation.VENDOR,
    CardKind.SUSPECTED: Situation.SUSPECTED,
    CardKind.LOCAL: Situation.STALE,
    CardKind.STALE: Situation.STALE,
    CardKind.UNKNOWN: Situation.STALE,
    CardKind.MAINTENANCE: Situation.MAINTENANCE,
}


def present(
    views: Iterable[ServiceView],
    *,
    offline: bool = False,
    switchable: frozenset[str] = frozenset(),
    changed_at: Mapping[str, datetime] | None = None,
) -> Screen:
    """The first screen for ``views``.

    ``offline``: the engine's network verdict. ``switchable``: the services whose card may
    offer the mail switch now (a client was found and is not switched yet). ``changed_at``:
    when each service's current state began (the engine's last transition), for "since"
    where the vendor gives no incident start.
    """
    views = list(views)
    checked = [v for v in views if v.checked_at is not None]
    if offline or (checked and all(v.triage is Triage.LOCAL for v in checked)):
        return Screen(Situation.OFFLINE, waiting=len(views) - len(checked))
    since = changed_at or {}
    cards = [c for v in checked if (c := _card(v, switchable, since.get(v.service_id)))]
    cards.sort(key=lambda c: (_rank(c), c.name.casefold()))
    affected = {c.service_id for c in cards}
    working = tuple(v.name for v in checked if v.service_id not in affected)
    waiting = len(views) - len(checked)
    if cards:
        shown = tuple(cards[:MAX_CARDS])
        more = len(cards) - len(shown)
        return Screen(_SITUATION[cards[0].kind], shown, working, waiting, more)
    if not checked:
        return Screen(Situation.CHECKING, waiting=waiting)
    return Screen(Situation.ALL_FINE, (), working, waiting)


def _rank(card: Card) -> int:
    if card.kind is CardKind.VENDOR:
        return _VENDOR_RANK.get(card.status, 4)
    return _RANK[card.kind]


def _kind(view: ServiceView) -> CardKind | None:
    """Whose problem this view shows; ``None``: nothing the person needs to see."""
    if declaration(view) is not None:
        return CardKind.DECLARED
    if view.triage is Triage.LOCAL:
        return CardKind.LOCAL
    if view.is_stale:
        # Last known and fine is not a problem to show; last known and broken is.
        return CardKind.STALE if view.status is not Status.OPERATIONAL else None
    if view.triage is Triage.SUSPECTED:
        return CardKind.SUSPECTED  # never fine, whatever the vendor's page says
    if view.status is Status.UNKNOWN:
        return CardKind.UNKNOWN
    if view.status is Status.MAINTENANCE:
        return CardKind.MAINTENANCE
    if view.status.severity > Status.MAINTENANCE.severity:
        return CardKind.VENDOR
    return None


def _card(view: ServiceView, switchable: frozenset[str], changed: datetime | None) -> Card | None:
    kind = _kind(view)
    if kind is None:
        return None
    declared = declaration(view) if kind is CardKind.DECLARED else None
    incidents = [declared] if declared else _vendor_incidents(view)
    started = [i.started_at for i in incidents if i.started_at is not None]
    update = next((i.latest_update or i.title for i in incidents if i.latest_update or i.title), "")
    return Card(
        service_id=view.service_id,
        name=view.name,
        kind=kind,
        status=view.status,
        vendor=view.vendor,
        where=view.where if kind is CardKind.SUSPECTED else None,
        since=min(started) if started else changed,
        latest_update=one_line(update),
        failure=_failure(view) if kind in (CardKind.SUSPECTED, CardKind.LOCAL) else None,
        instructions_html=view.fallback_html,
        instructions_text=view.fallback_instructions,
        declared_until=declared.ends_at if declared else None,
        actions=_actions(view, kind, switchable),
    )


def _from_relay(view: ServiceView) -> bool:
    return view.result is not None and view.result.kind == "relay"


def declaration(view: ServiceView) -> Incident | None:
    """IT's continuity declaration on this service (only the relay kind carries one)."""
    if not _from_relay(view):
        return None
    return next((i for i in view.incidents if i.status == DECLARED_STATUS), None)


def _vendor_incidents(view: ServiceView) -> list[Incident]:
    return [i for i in view.incidents if i.status not in (ANNOUNCEMENT_STATUS, DECLARED_STATUS)]


def _failure(view: ServiceView) -> Failure:
    result = view.result
    if result is None:
        return Failure(None)
    probe = next((p for p in result.probes if not p.ok), None)
    if probe is not None:
        probe = replace(probe, latency_ms=None)  # how long a failure took is no news
    return Failure(result, probe, result.reason, result.error)


def _actions(view: ServiceView, kind: CardKind, switchable: frozenset[str]) -> tuple[Action, ...]:
    sid = view.service_id
    actions: list[Action] = []
    for link in view.fallback_links:
        if view.webmail_url and link.url == view.webmail_url:
            actions.append(Action(ActionKind.OPEN_WEBMAIL, sid, url=link.url))
        else:
            actions.append(Action(ActionKind.IT_LINK, sid, url=link.url, link=link))
    broken = kind in (CardKind.DECLARED, CardKind.SUSPECTED) or view.status.is_outage
    if sid in switchable and broken and kind is not CardKind.STALE:
        actions.append(Action(ActionKind.SWITCH_MAIL, sid))
    # The webmail first: it is what the headline's sentence says to use.
    actions.sort(key=lambda a: a.kind is not ActionKind.OPEN_WEBMAIL)
    # The company relay's address is a signed document, not a page for people.
    if view.page_url and not _from_relay(view):
        actions.append(Action(ActionKind.STATUS_PAGE, sid, url=view.page_url))
    actions.append(Action(ActionKind.DETAILS, sid))
    return tuple(actions)


def one_line(text: str, limit: int = UPDATE_CHARS) -> str:
    """``text`` on one line, cut at a word with an ellipsis when longer than ``limit``."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut.rstrip(" ,;:.") + "…"
