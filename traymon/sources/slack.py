"""Slack's own status API: ``https://slack-status.com/api/v2.0.0/current``.

What an active incident weighs depends on what Slack calls it and what it names
(research/providers.md §6: over 352 real incidents the types seen were incident, notice
and outage). Slack's ``outage`` is its word for a service that does not work: a major
outage when it names a service people work with (messaging, calls, signing in, the
connection) or names none, a partial outage when it names only the others (workflows,
search, files, administration…). Its ``incident`` is a part that works less well —
profile photos not showing, a close button missing, a billing page — and is degraded,
never an outage: over 20 real days of February 2024 those painted Slack orange a quarter
of the time while nobody's messages stopped. ``notice`` is degraded, and any other type
on an active incident is still shown, as degraded.

The ``components`` key (``traymon.sources.watch``) names the services to watch; an
incident counts when it names a watched one, or names none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from traymon.model import Incident, ParseResult, Status, worst
from traymon.sources.base import Source
from traymon.sources.decode import JsonError, as_list, as_str, load_json, parse_time
from traymon.sources.options import options_table
from traymon.sources.summary import sentence
from traymon.sources.watch import COMPONENTS, Node, pick, shown, wanted

#: The services slack-status.com lists; incidents name them in ``services``.
SERVICES: tuple[str, ...] = (
    "Login/SSO",
    "Messaging",
    "Connectivity",
    "Huddles",
    "Notifications",
    "Search",
    "Files",
    "Canvases",
    "Workflows",
    "Apps/Integrations/APIs",
    "Workspace/Org Administration",
)
#: Without these, people cannot work together in Slack at all (folded names).
CORE_SERVICES = frozenset({"login/sso", "messaging", "connectivity", "huddles"})
_MINOR_SERVICES = frozenset(s.casefold() for s in SERVICES) - CORE_SERVICES

INCIDENT_TYPE: Mapping[str, Status] = {
    "outage": Status.MAJOR_OUTAGE,
    "incident": Status.DEGRADED,
    "notice": Status.DEGRADED,
    "maintenance": Status.MAINTENANCE,
}


class SlackSource(Source):
    kind = "slack"
    default_url = "https://slack-status.com/api/v2.0.0/current"
    options = options_table(COMPONENTS)

    @property
    def request_url(self) -> str:
        return self.url

    @property
    def page_url(self) -> str:
        return "https://slack-status.com" if self.url == self.default_url else self.url

    def parse(self, body: bytes) -> ParseResult:
        return parse_slack(body, wanted(self.settings))


def parse_slack(body: bytes, watch: tuple[str, ...] = ()) -> ParseResult:
    """``watch``: the service's ``components`` (Slack's services; empty: all of them)."""
    try:
        data = load_json(body)
    except JsonError as exc:
        return ParseResult.unknown(str(exc))
    page_status = as_str(data.get("status")) if isinstance(data, dict) else None
    if page_status is None:
        return ParseResult.unknown("the answer is not a Slack status (no 'status' field)")
    assert isinstance(data, dict)
    if page_status.lower() not in ("ok", "active"):
        return ParseResult.unknown(
            f"the page reports a status this app does not know ({page_status!r})"
        )
    active = [
        raw
        for raw in as_list(data.get("active_incidents"))
        if isinstance(raw, dict) and (as_str(raw.get("status")) or "active").lower() == "active"
    ]
    named = [_services(raw) for raw in active]
    incidents = [_incident(raw, names) for raw, names in zip(active, named, strict=True)]

    # Each service's worst state in one pass over (incident, service), the incidents
    # from least to most severe so the worst is written last: asking every incident
    # about every service was services × incidents (60,000 services: 23 s).
    by_service: dict[str, Status] = dict.fromkeys(SERVICES, Status.OPERATIONAL)
    for names, incident in sorted(zip(named, incidents, strict=True), key=_severity):
        by_service.update(dict.fromkeys(names, incident.impact))
    nodes = [Node(key=name, name=name, status=state) for name, state in by_service.items()]
    picked = pick(watch, nodes)
    components = shown(nodes, picked)
    counted = [i for i, names in zip(incidents, named, strict=True) if picked.counts(names)]

    if picked.nothing:
        return ParseResult(
            Status.UNKNOWN,
            "none of the services to watch is one of Slack's "
            f"({', '.join(map(repr, picked.unmatched))})",
            components=components,
            unmatched=picked.unmatched,
        )
    if not counted:
        if page_status.lower() == "active" and not active:
            # "active" with an empty list: Slack says something is on, but not what.
            return ParseResult(
                Status.DEGRADED,
                "Slack reports an active incident without details",
                components,
                unmatched=picked.unmatched,
            )
        return ParseResult(
            Status.OPERATIONAL, "No active incidents", components, unmatched=picked.unmatched
        )
    status = worst(i.impact for i in counted)
    return ParseResult(
        status, sentence(status, counted), components, tuple(counted), unmatched=picked.unmatched
    )


def _services(raw: Mapping[str, object]) -> list[str]:
    return [n for n in as_list(raw.get("services")) if isinstance(n, str) and n.strip()]


def _severity(pair: tuple[object, Incident]) -> int:
    return pair[1].impact.severity


def _incident(raw: dict[str, object], services: Sequence[str]) -> Incident:
    kind = (as_str(raw.get("type")) or "").lower()
    impact = INCIDENT_TYPE.get(kind, Status.DEGRADED)
    if impact is Status.MAJOR_OUTAGE and services and _only_minor(services):
        impact = Status.PARTIAL_OUTAGE  # an outage of workflows or search only
    notes = [n for n in as_list(raw.get("notes")) if isinstance(n, dict)]
    return Incident(
        title=as_str(raw.get("title")) or "(untitled incident)",
        impact=impact,
        status=kind or "active",
        url=as_str(raw.get("url")),
        started_at=parse_time(raw.get("date_created")),
        latest_update=as_str(notes[0].get("body")) if notes else None,  # newest first
    )


def _only_minor(services: Sequence[str]) -> bool:
    """Every service named is one of Slack's known others (a name this app does not
    know might be a new core one: it is not made smaller)."""
    return all(" ".join(s.split()).casefold() in _MINOR_SERVICES for s in services)
