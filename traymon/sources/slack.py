"""Slack's own status API: ``https://slack-status.com/api/v2.0.0/current``.

An active incident counts by its type: ``outage`` → major outage, ``incident`` →
partial outage, ``notice`` → degraded (research/providers.md §6; over 352 real
incidents the types seen were incident, notice and outage). Any other type on an
active incident is still shown, as degraded.
"""

from __future__ import annotations

from collections.abc import Mapping

from traymon.model import Component, Incident, ParseResult, Status, worst
from traymon.sources.base import Source
from traymon.sources.decode import JsonError, as_list, as_str, load_json, parse_time
from traymon.sources.summary import sentence

INCIDENT_TYPE: Mapping[str, Status] = {
    "outage": Status.MAJOR_OUTAGE,
    "incident": Status.PARTIAL_OUTAGE,
    "notice": Status.DEGRADED,
    "maintenance": Status.MAINTENANCE,
}


class SlackSource(Source):
    kind = "slack"
    vendor = "Slack"
    default_url = "https://slack-status.com/api/v2.0.0/current"

    @property
    def request_url(self) -> str:
        return self.url

    @property
    def page_url(self) -> str:
        return "https://slack-status.com" if self.url == self.default_url else self.url

    def parse(self, body: bytes) -> ParseResult:
        return parse_slack(body)


def parse_slack(body: bytes) -> ParseResult:
    try:
        data = load_json(body)
    except JsonError as exc:
        return ParseResult.unknown(str(exc))
    page_status = as_str(data.get("status")) if isinstance(data, dict) else None
    if page_status is None:
        return ParseResult.unknown("the answer is not a Slack status (no 'status' field)")
    assert isinstance(data, dict)
    active = [
        raw
        for raw in as_list(data.get("active_incidents"))
        if isinstance(raw, dict) and (as_str(raw.get("status")) or "active").lower() == "active"
    ]
    incidents = [_incident(raw) for raw in active]
    if page_status.lower() == "ok" and not incidents:
        return ParseResult(Status.OPERATIONAL, "No active incidents")
    if page_status.lower() not in ("ok", "active"):
        return ParseResult.unknown(
            f"the page reports a status this app does not know ({page_status!r})"
        )
    if not incidents:
        # "active" with an empty list: Slack says something is on, but not what.
        return ParseResult(Status.DEGRADED, "Slack reports an active incident without details")
    status = worst(i.impact for i in incidents)
    # Each service's worst state in one pass over (incident, service), the incidents
    # from least to most severe so the worst is written last: asking every incident
    # about every service was services × incidents (60,000 services: 23 s).
    by_service: dict[str, Status] = {}
    for raw, incident in sorted(zip(active, incidents, strict=True), key=_severity):
        names = [n for n in as_list(raw.get("services")) if isinstance(n, str)]
        by_service.update(dict.fromkeys(names, incident.impact))
    components = tuple(Component(name, by_service[name]) for name in sorted(by_service))
    return ParseResult(status, sentence(status, incidents), components, tuple(incidents))


def _severity(pair: tuple[object, Incident]) -> int:
    return pair[1].impact.severity


def _incident(raw: dict[str, object]) -> Incident:
    kind = (as_str(raw.get("type")) or "").lower()
    notes = [n for n in as_list(raw.get("notes")) if isinstance(n, dict)]
    return Incident(
        title=as_str(raw.get("title")) or "(untitled incident)",
        impact=INCIDENT_TYPE.get(kind, Status.DEGRADED),
        status=kind or "active",
        url=as_str(raw.get("url")),
        started_at=parse_time(raw.get("date_created")),
        latest_update=as_str(notes[0].get("body")) if notes else None,  # newest first
    )
