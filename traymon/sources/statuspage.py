"""Atlassian Statuspage (and pages that answer in its shape, such as incident.io).

Reads ``{url}/api/v2/summary.json``. The page's own ``indicator`` is not enough:
real pages show ``indicator: none`` beside an open critical incident, and
``maintenance`` hiding a major one. So the state is the worst of every signal:
leaf components, unresolved incidents by impact, the indicator, and in-progress
maintenances (research/providers.md §1.4–1.5).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from traymon.model import Component, Incident, ParseResult, Status, worst
from traymon.sources.base import Source
from traymon.sources.decode import JsonError, as_list, as_str, load_json, parse_time
from traymon.sources.summary import sentence

COMPONENT_STATUS: Mapping[str, Status] = {
    "operational": Status.OPERATIONAL,
    "degraded_performance": Status.DEGRADED,
    "partial_outage": Status.PARTIAL_OUTAGE,
    "major_outage": Status.MAJOR_OUTAGE,
    "under_maintenance": Status.MAINTENANCE,
}

INDICATOR_STATUS: Mapping[str, Status] = {
    "none": Status.OPERATIONAL,
    "minor": Status.DEGRADED,
    "major": Status.PARTIAL_OUTAGE,
    "critical": Status.MAJOR_OUTAGE,
    "maintenance": Status.MAINTENANCE,
}

INCIDENT_IMPACT: Mapping[str, Status] = {
    # An incident of impact "none" is a notice: shown, but it changes nothing.
    "none": Status.OPERATIONAL,
    "minor": Status.DEGRADED,
    "major": Status.PARTIAL_OUTAGE,
    "critical": Status.MAJOR_OUTAGE,
    "maintenance": Status.MAINTENANCE,
}

UNRESOLVED_INCIDENT = frozenset({"investigating", "identified", "monitoring"})
ACTIVE_MAINTENANCE = frozenset({"in_progress", "verifying"})

# GitHub lists a row that is only a pointer to its web page.
_PLACEHOLDER_PREFIX = "visit "


class StatuspageSource(Source):
    kind = "statuspage"
    own_page = True

    @property
    def request_url(self) -> str:
        return f"{self.url}/api/v2/summary.json"

    def parse(self, body: bytes) -> ParseResult:
        return parse_summary(body)


def parse_summary(body: bytes) -> ParseResult:
    """The state a Statuspage ``summary.json`` (or ``status.json``) body stands for."""
    try:
        data = load_json(body)
    except JsonError as exc:
        return ParseResult.unknown(str(exc))
    if not isinstance(data, dict):
        return ParseResult.unknown("the answer is not a Statuspage summary (not a JSON object)")

    status_block = data.get("status")
    indicator = as_str(status_block.get("indicator")) if isinstance(status_block, dict) else None
    description = (
        as_str(status_block.get("description")) if isinstance(status_block, dict) else None
    )
    raw_components = as_list(data.get("components"))
    if indicator is None and not raw_components:
        return ParseResult.unknown(
            "the answer is not a Statuspage summary (it has no status indicator and no components)"
        )

    signals: list[Status] = []
    if indicator is not None:
        signals.append(INDICATOR_STATUS.get(indicator.lower(), Status.UNKNOWN))

    leaves, shown = _components(raw_components)
    signals.extend(c.status for c in leaves)

    incidents = [_incident(i) for i in as_list(data.get("incidents")) if _is_unresolved(i)]
    maintenances = [
        _incident(m, impact=Status.MAINTENANCE)
        for m in as_list(data.get("scheduled_maintenances"))
        if _is_active_maintenance(m)
    ]
    open_items = [i for i in incidents if i is not None] + [m for m in maintenances if m]
    signals.extend(i.impact for i in open_items)

    status = worst(signals)
    if status is Status.UNKNOWN:
        return ParseResult.unknown(
            f"the page reports states this app does not know (indicator {indicator!r})"
        )
    return ParseResult(
        status=status,
        # A leaf names the cause better than its group ("Git Operations", not "Git").
        summary=sentence(status, open_items, description, leaves),
        components=tuple(shown),
        incidents=tuple(open_items),
    )


def _components(raw: Iterable[object]) -> tuple[list[Component], list[Component]]:
    """Leaves for the overall verdict, and the top-level rows to show.

    A group row shows the worst of its children; only leaves count towards the
    service state, so a broken child is counted once, not again via its group.
    """
    rows = [c for c in raw if isinstance(c, dict)]
    # Each row's state read once: groups may list every id, so the lookups are the cost.
    state_by_id = {as_str(c.get("id")): _component_status(c) for c in rows if as_str(c.get("id"))}
    leaves: list[Component] = []
    shown: list[Component] = []
    for row in rows:
        name = as_str(row.get("name")) or "(unnamed component)"
        own = _component_status(row)
        if row.get("group") is True:
            ids = [c for c in as_list(row.get("components")) if isinstance(c, str)]
            child_states = [s for s in map(state_by_id.get, ids) if s is not None]
            shown.append(Component(name, worst(child_states) if child_states else own))
            continue
        if name.lower().startswith(_PLACEHOLDER_PREFIX):
            continue
        leaves.append(Component(name, own))
        if not as_str(row.get("group_id")):
            shown.append(Component(name, own))
    return leaves, shown


def _component_status(row: Mapping[str, Any]) -> Status:
    raw = as_str(row.get("status"))
    return COMPONENT_STATUS.get(raw.lower(), Status.UNKNOWN) if raw else Status.UNKNOWN


def _is_unresolved(item: object) -> bool:
    return (
        isinstance(item, dict) and (as_str(item.get("status")) or "").lower() in UNRESOLVED_INCIDENT
    )


def _is_active_maintenance(item: object) -> bool:
    return (
        isinstance(item, dict) and (as_str(item.get("status")) or "").lower() in ACTIVE_MAINTENANCE
    )


def _incident(item: object, impact: Status | None = None) -> Incident | None:
    if not isinstance(item, dict):
        return None
    if impact is None:
        raw_impact = (as_str(item.get("impact")) or "").lower()
        # An unrecognised impact on an open incident is still a problem worth showing.
        impact = INCIDENT_IMPACT.get(raw_impact, Status.DEGRADED)
    updates = [u for u in as_list(item.get("incident_updates")) if isinstance(u, dict)]
    return Incident(
        title=as_str(item.get("name")) or "(untitled incident)",
        impact=impact,
        status=as_str(item.get("status")) or "",
        url=as_str(item.get("shortlink")),
        started_at=parse_time(item.get("started_at") or item.get("created_at")),
        latest_update=as_str(updates[0].get("body")) if updates else None,
    )
