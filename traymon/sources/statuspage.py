"""Atlassian Statuspage (and pages that answer in its shape, such as incident.io).

Reads ``{url}/api/v2/summary.json``. The page's own ``indicator`` is not enough:
real pages show ``indicator: none`` beside an open critical incident, and
``maintenance`` hiding a major one. So the state is the worst of every signal:
leaf components, unresolved incidents by impact, the indicator, and in-progress
maintenances (research/providers.md §1.4–1.5).

With a ``components`` key (``traymon.sources.watch``) only the watched leaves count, and
the incidents and maintenances that name a watched component or none; the page-wide
indicator then says nothing about them (Cloudflare's is "minor" for a re-routed data
centre), so it is left out. Only a page that is mostly at an outage (``watch.widespread``)
still makes a narrowed service a partial outage: that is the network, not one corner.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from traymon.model import Component, Incident, ParseResult, Status, worst
from traymon.sources.base import Source
from traymon.sources.decode import JsonError, as_list, as_str, load_json, parse_time
from traymon.sources.options import options_table
from traymon.sources.summary import sentence
from traymon.sources.watch import (
    COMPONENTS,
    Node,
    Picked,
    counted,
    pick,
    shown,
    wanted,
    widespread,
)

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
    options = options_table(COMPONENTS)

    @property
    def request_url(self) -> str:
        return f"{self.url}/api/v2/summary.json"

    def parse(self, body: bytes) -> ParseResult:
        return parse_summary(body, wanted(self.settings))


def parse_summary(body: bytes, watch: tuple[str, ...] = ()) -> ParseResult:
    """The state a Statuspage ``summary.json`` (or ``status.json``) body stands for.

    ``watch``: the service's ``components`` (empty: every component counts)."""
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

    nodes = _nodes(raw_components)
    picked = pick(watch, nodes)
    signals: list[Status] = []
    if indicator is not None and not picked.narrows:
        signals.append(INDICATOR_STATUS.get(indicator.lower(), Status.UNKNOWN))
    signals.extend(counted(nodes, picked))
    components = shown(nodes, picked)
    everywhere = widespread(nodes, picked)
    if everywhere is not None:
        signals.append(Status.PARTIAL_OUTAGE)

    incidents = [_incident(i) for i in as_list(data.get("incidents")) if _is_unresolved(i, picked)]
    maintenances = [
        _incident(m, impact=Status.MAINTENANCE)
        for m in as_list(data.get("scheduled_maintenances"))
        if _is_active_maintenance(m, picked)
    ]
    open_items = [i for i in incidents if i is not None] + [m for m in maintenances if m]
    signals.extend(i.impact for i in open_items)

    if picked.nothing:
        return ParseResult(
            Status.UNKNOWN,
            "none of the components to watch is on this page "
            f"({', '.join(map(repr, picked.unmatched))})",
            components=components,
            unmatched=picked.unmatched,
        )
    status = worst(signals)
    if status is Status.UNKNOWN:
        return ParseResult.unknown(
            f"the page reports states this app does not know (indicator {indicator!r})"
        )
    leaves = [
        Component(leaf.name, leaf.status)
        for node in nodes
        for leaf in node.leaves()
        if leaf.countable and picked.watches(leaf.key)
    ]
    summary = sentence(status, open_items, None if picked.narrows else description, leaves)
    if everywhere is not None and status is Status.PARTIAL_OUTAGE and summary == status.label:
        summary = _widespread_words(*everywhere)
    return ParseResult(
        status=status,
        # A leaf names the cause better than its group ("Git Operations", not "Git").
        # The page's own words speak for the whole page: not for a few watched parts.
        summary=summary,
        components=components,
        incidents=tuple(open_items),
        unmatched=picked.unmatched,
    )


def _widespread_words(down: int, of: int) -> str:
    return f"{down} of the page's {of} components report an outage, beyond the ones watched"


def _nodes(raw: Iterable[object]) -> list[Node]:
    """The page's rows as trees: groups with their children, and the ungrouped leaves.

    A group's children are the ids it lists and the rows naming it as ``group_id``; only
    leaves count towards the state, so a broken child is counted once, not again via its
    group. A group whose children are missing is shown with its own state, not counted.
    """
    rows = [c for c in raw if isinstance(c, dict)]
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row.get("group") is True and (group_id := as_str(row.get("id"))):
            groups[group_id] = row
    members: dict[str, list[dict[str, Any]]] = {g: [] for g in groups}
    listed = {
        child: group_id
        for group_id, group in groups.items()
        for child in as_list(group.get("components"))
        if isinstance(child, str)
    }
    top: list[dict[str, Any]] = []
    for row in rows:
        name = as_str(row.get("name")) or "(unnamed component)"
        if row.get("group") is True:
            top.append(row)
            continue
        if name.lower().startswith(_PLACEHOLDER_PREFIX):
            continue
        row_id = as_str(row.get("id")) or ""
        parent = as_str(row.get("group_id")) or listed.get(row_id)
        if parent in members:
            members[parent].append(row)
        else:  # ungrouped, or its group is not in the answer: counted, shown on its own
            top.append(row)
    nodes: list[Node] = []
    for index, row in enumerate(top):
        row_id = as_str(row.get("id")) or ""
        if row.get("group") is True:
            children = tuple(
                _leaf(c, f"{index}.{n}") for n, c in enumerate(members.get(row_id, []))
            )
            nodes.append(
                Node(
                    key=str(index),
                    name=as_str(row.get("name")) or "(unnamed component)",
                    status=_component_status(row),
                    ids=(row_id,) if row_id else (),
                    children=children,
                    countable=bool(children),
                )
            )
        else:
            nodes.append(_leaf(row, str(index)))
    return nodes


def _leaf(row: Mapping[str, Any], key: str) -> Node:
    row_id = as_str(row.get("id"))
    return Node(
        key=key,
        name=as_str(row.get("name")) or "(unnamed component)",
        status=_component_status(row),
        ids=(row_id,) if row_id else (),
    )


def _component_status(row: Mapping[str, Any]) -> Status:
    raw = as_str(row.get("status"))
    return COMPONENT_STATUS.get(raw.lower(), Status.UNKNOWN) if raw else Status.UNKNOWN


def _is_unresolved(item: object, picked: Picked) -> bool:
    return (
        isinstance(item, dict)
        and (as_str(item.get("status")) or "").lower() in UNRESOLVED_INCIDENT
        and picked.counts(_named_components(item))
    )


def _is_active_maintenance(item: object, picked: Picked) -> bool:
    return (
        isinstance(item, dict)
        and (as_str(item.get("status")) or "").lower() in ACTIVE_MAINTENANCE
        and picked.counts(_named_components(item))
    )


def _named_components(item: Mapping[str, Any]) -> list[str]:
    """The ids (else names) of the components an incident names: its ``components``, else
    its latest update's ``affected_components``."""
    refs: list[str] = []
    for row in as_list(item.get("components")):
        if isinstance(row, dict):
            ref = as_str(row.get("id")) or as_str(row.get("name"))
            if ref:
                refs.append(ref)
        elif isinstance(row, str) and row.strip():
            refs.append(row)
    if refs:
        return refs
    updates = [u for u in as_list(item.get("incident_updates")) if isinstance(u, dict)]
    affected = as_list(updates[0].get("affected_components")) if updates else []
    for row in affected:
        if isinstance(row, dict):
            ref = as_str(row.get("code")) or as_str(row.get("name"))
            if ref:
                refs.append(ref)
    return refs


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
