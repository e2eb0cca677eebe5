"""Instatus pages (Railway, Sketch, Whereby, Perplexity…): two endpoints.

``{url}/summary.json`` gives the page status and the active incidents and
maintenances; ``{url}/v2/components.json`` gives the components. Both are read;
when the components cannot be had, the page status alone still counts (and the
summary says so). Enums: research/providers.md §6 (instatus.com/help/api/public-data).

With a ``components`` key (``traymon.sources.watch``) only the watched components count
(a parent's name takes its children); the page status speaks for the whole page and is
left out, and an incident counts unless it names only unwatched components.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from traymon.model import Component, Incident, ParseResult, Status, worst
from traymon.sources.base import Source
from traymon.sources.decode import JsonError, as_list, as_str, load_json, parse_time
from traymon.sources.limits import FetchError, FetchLimits
from traymon.sources.options import NO_OPTIONS, OptionValue, options_table
from traymon.sources.summary import sentence
from traymon.sources.watch import COMPONENTS, Node, Picked, counted, pick, shown, wanted

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
    options = options_table(COMPONENTS)

    @property
    def request_url(self) -> str:
        return f"{self.url}/summary.json"

    @property
    def components_url(self) -> str:
        return f"{self.url}/v2/components.json"

    def parse(self, body: bytes) -> ParseResult:
        return parse_instatus(body, options=self.settings)

    async def fetch_and_parse(self, client: httpx.AsyncClient, limits: FetchLimits) -> ParseResult:
        from traymon.sources.http import fetch  # only a fetch needs the HTTP client

        summary = await fetch(client, self.request_url, limits)
        try:
            components: bytes | None = await fetch(client, self.components_url, limits)
        except FetchError:
            components = None  # the page status still tells the truth, with less detail
        return parse_instatus(summary, components, self.settings)


def parse_instatus(
    summary: bytes,
    components: bytes | None = None,
    options: Mapping[str, OptionValue] = NO_OPTIONS,
) -> ParseResult:
    """The state of an Instatus page from its summary and (optionally) its components;
    ``options``: the service's (``components``: what to watch)."""
    try:
        data = load_json(summary)
    except JsonError as exc:
        return ParseResult.unknown(str(exc))
    page = data.get("page") if isinstance(data, dict) else None
    raw_status = as_str(page.get("status")) if isinstance(page, dict) else None
    if raw_status is None:
        return ParseResult.unknown("the answer is not an Instatus summary (no page status)")
    assert isinstance(data, dict)
    # Some collectors merge the two answers into one object; accept components either way.
    rows = as_list(data.get("components"))
    note = ""
    if components is not None:
        rows = _component_rows(components) or rows
    elif not rows:
        note = " (component details could not be read)"
    nodes = [_node(r, str(i)) for i, r in enumerate(x for x in rows if isinstance(x, dict))]
    picked = pick(wanted(options), nodes)
    signals: list[Status] = []
    if not picked.narrows:
        signals.append(PAGE_STATUS.get(raw_status.upper(), Status.UNKNOWN))
        shown_rows = [_rolled_up(n) for n in nodes]
        signals.extend(c.status for c in shown_rows)
    else:
        signals.extend(counted(nodes, picked))
        shown_rows = list(shown(nodes, picked))

    incidents = [
        _incident(i, None)
        for i in as_list(data.get("activeIncidents"))
        if isinstance(i, dict)
        and (as_str(i.get("status")) or "").upper() in _OPEN_INCIDENT
        and _counts(i, picked)
    ]
    incidents += [
        _incident(m, Status.MAINTENANCE)
        for m in as_list(data.get("activeMaintenances"))
        if isinstance(m, dict)
        and (as_str(m.get("status")) or "").upper() in _ACTIVE_MAINTENANCE
        and _counts(m, picked)
    ]
    signals.extend(i.impact for i in incidents)

    if picked.nothing:
        return ParseResult(
            Status.UNKNOWN,
            "none of the components to watch is on this page "
            f"({', '.join(map(repr, picked.unmatched))}){note}",
            components=tuple(shown_rows),
            unmatched=picked.unmatched,
        )
    status = worst(signals)
    if status is Status.UNKNOWN:
        return ParseResult.unknown(
            f"the page reports a status this app does not know ({raw_status!r})"
        )
    return ParseResult(
        status,
        sentence(status, incidents, components=shown_rows) + note,
        tuple(shown_rows),
        tuple(incidents),
        unmatched=picked.unmatched,
    )


def _component_rows(body: bytes) -> list[object]:
    try:
        data = load_json(body)
    except JsonError:
        return []
    if isinstance(data, list):
        return data
    return as_list(data.get("components")) if isinstance(data, dict) else []


def _status(row: Mapping[str, object]) -> Status:
    return COMPONENT_STATUS.get((as_str(row.get("status")) or "").upper(), Status.UNKNOWN)


def _node(row: dict[str, object], key: str, nested: bool = True) -> Node:
    """A component and its children: one level, as Instatus has them (a hostile answer
    nested a thousand deep is read no deeper)."""
    children = [c for c in as_list(row.get("children")) if isinstance(c, dict)] if nested else []
    row_id = as_str(row.get("id"))
    return Node(
        key=key,
        name=as_str(row.get("name")) or "(unnamed component)",
        status=_status(row),
        ids=(row_id,) if row_id else (),
        children=tuple(_node(c, f"{key}.{i}", nested=False) for i, c in enumerate(children)),
    )


def _rolled_up(node: Node) -> Component:
    """A parent shows (and counts) the worst of its own state and its children's."""
    children = tuple(_rolled_up(c) for c in node.children)
    return Component(node.name, worst([node.status, *(c.status for c in children)]), True, children)


def _counts(raw: dict[str, object], picked: Picked) -> bool:
    refs: list[str] = []
    for row in as_list(raw.get("components")):
        ref = (
            (as_str(row.get("id")) or as_str(row.get("name")))
            if isinstance(row, dict)
            else as_str(row)
        )
        if ref:
            refs.append(ref)
    return picked.counts(refs)


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
