"""Instatus pages (Railway, Sketch, Whereby, Perplexity…): two endpoints.

``{url}/summary.json`` gives the page status and the active incidents and
maintenances; ``{url}/v2/components.json`` gives the components. Both are read;
when the components cannot be had, the page status alone still counts (and the
summary says so). Enums: research/providers.md §6 (instatus.com/help/api/public-data).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from traymon.model import Component, Incident, ParseResult, Status, worst
from traymon.sources.base import Fetch, Source
from traymon.sources.decode import JsonError, as_list, as_str, load_json, parse_time
from traymon.sources.limits import FetchError, FetchLimits
from traymon.sources.summary import sentence

if TYPE_CHECKING:
    import httpx

PAGE_STATUS: Mapping[str, Status] = {
    "UP": Status.OPERATIONAL,
    "HASISSUES": Status.DEGRADED,
    "UNDERMAINTENANCE": Status.MAINTENANCE,
}

COMPONENT_STATUS: Mapping[str, Status] = {
    "OPERATIONAL": Status.OPERATIONAL,
    "UNDERMAINTENANCE": Status.MAINTENANCE,
    "DEGRADEDPERFORMANCE": Status.DEGRADED,
    "PARTIALOUTAGE": Status.PARTIAL_OUTAGE,
    "MINOROUTAGE": Status.PARTIAL_OUTAGE,
    "MAJOROUTAGE": Status.MAJOR_OUTAGE,
}

INCIDENT_IMPACT: Mapping[str, Status] = {**COMPONENT_STATUS, "OPERATIONAL": Status.DEGRADED}

_OPEN_INCIDENT = frozenset({"INVESTIGATING", "IDENTIFIED", "MONITORING"})
_ACTIVE_MAINTENANCE = frozenset({"INPROGRESS"})


class InstatusSource(Source):
    kind = "instatus"
    fetch = Fetch.OWN  # the summary and the components: two endpoints
    own_page = True

    @property
    def request_url(self) -> str:
        return f"{self.url}/summary.json"

    @property
    def components_url(self) -> str:
        return f"{self.url}/v2/components.json"

    def parse(self, body: bytes) -> ParseResult:
        return parse_instatus(body)

    async def fetch_and_parse(self, client: httpx.AsyncClient, limits: FetchLimits) -> ParseResult:
        from traymon.sources.http import fetch  # only a fetch needs the HTTP client

        summary = await fetch(client, self.request_url, limits)
        try:
            components: bytes | None = await fetch(client, self.components_url, limits)
        except FetchError:
            components = None  # the page status still tells the truth, with less detail
        return parse_instatus(summary, components)


def parse_instatus(summary: bytes, components: bytes | None = None) -> ParseResult:
    """The state of an Instatus page from its summary and (optionally) its components."""
    try:
        data = load_json(summary)
    except JsonError as exc:
        return ParseResult.unknown(str(exc))
    page = data.get("page") if isinstance(data, dict) else None
    raw_status = as_str(page.get("status")) if isinstance(page, dict) else None
    if raw_status is None:
        return ParseResult.unknown("the answer is not an Instatus summary (no page status)")
    assert isinstance(data, dict)
    signals = [PAGE_STATUS.get(raw_status.upper(), Status.UNKNOWN)]

    # Some collectors merge the two answers into one object; accept components either way.
    rows = as_list(data.get("components"))
    note = ""
    if components is not None:
        rows = _component_rows(components) or rows
    elif not rows:
        note = " (component details could not be read)"
    shown = [_component(r) for r in rows if isinstance(r, dict)]
    signals.extend(c.status for c in shown)

    incidents = [
        _incident(i, None)
        for i in as_list(data.get("activeIncidents"))
        if isinstance(i, dict) and (as_str(i.get("status")) or "").upper() in _OPEN_INCIDENT
    ]
    incidents += [
        _incident(m, Status.MAINTENANCE)
        for m in as_list(data.get("activeMaintenances"))
        if isinstance(m, dict) and (as_str(m.get("status")) or "").upper() in _ACTIVE_MAINTENANCE
    ]
    signals.extend(i.impact for i in incidents)

    status = worst(signals)
    if status is Status.UNKNOWN:
        return ParseResult.unknown(
            f"the page reports a status this app does not know ({raw_status!r})"
        )
    return ParseResult(
        status, sentence(status, incidents, components=shown) + note, tuple(shown), tuple(incidents)
    )


def _component_rows(body: bytes) -> list[object]:
    try:
        data = load_json(body)
    except JsonError:
        return []
    if isinstance(data, list):
        return data
    return as_list(data.get("components")) if isinstance(data, dict) else []


def _component(row: dict[str, object]) -> Component:
    name = as_str(row.get("name")) or "(unnamed component)"
    children = [c for c in as_list(row.get("children")) if isinstance(c, dict)]
    own = COMPONENT_STATUS.get((as_str(row.get("status")) or "").upper(), Status.UNKNOWN)
    if children:
        child_states = [
            COMPONENT_STATUS.get((as_str(c.get("status")) or "").upper(), Status.UNKNOWN)
            for c in children
        ]
        own = worst([own, *child_states])
    return Component(name, own)


def _incident(raw: dict[str, object], impact: Status | None) -> Incident:
    if impact is None:
        impact = INCIDENT_IMPACT.get((as_str(raw.get("impact")) or "").upper(), Status.DEGRADED)
    return Incident(
        title=as_str(raw.get("name")) or "(untitled incident)",
        impact=impact,
        status=(as_str(raw.get("status")) or "").lower(),
        url=as_str(raw.get("url")),
        started_at=parse_time(raw.get("started")),
    )
