"""Status.io public status API (GitLab, Docker, ClickUp, Let's Encrypt…).

``url`` is the full API URL, ``https://api.status.io/1.0/status/<page id>``.
Each status is a number (research/providers.md §6, from inket/stts): containers
(data centres) become the components, and open incidents and active maintenances
count by the status of their latest message.

With a ``components`` key (``traymon.sources.watch``) a component's name or id takes all
its containers, ``"Component - Container"`` one of them; the overall status then speaks
for the whole page, not for the watched parts, and is left out, and an incident counts
when it names a watched component or none.
"""

from __future__ import annotations

from collections.abc import Mapping

from traymon.model import Component, Incident, ParseResult, Status, worst
from traymon.sources.base import Source
from traymon.sources.decode import JsonError, as_list, as_str, load_json, parse_time
from traymon.sources.options import options_table
from traymon.sources.summary import sentence
from traymon.sources.watch import COMPONENTS, Node, Picked, counted, pick, shown, wanted

STATUS_CODE: Mapping[int, Status] = {
    100: Status.OPERATIONAL,
    200: Status.MAINTENANCE,
    300: Status.DEGRADED,
    400: Status.PARTIAL_OUTAGE,
    500: Status.MAJOR_OUTAGE,
    600: Status.MAJOR_OUTAGE,  # "security event": treated as the worst
}

# Message ``state``: 100 investigating, 200 identified, 300 monitoring (status.io docs).
_STATE_WORDS: Mapping[int, str] = {100: "investigating", 200: "identified", 300: "monitoring"}


class StatusioSource(Source):
    kind = "statusio"
    options = options_table(COMPONENTS)

    @property
    def request_url(self) -> str:
        return self.url

    @property
    def page_url(self) -> str:
        return self.url

    def parse(self, body: bytes) -> ParseResult:
        return parse_statusio(body, wanted(self.settings))


def parse_statusio(body: bytes, watch: tuple[str, ...] = ()) -> ParseResult:
    try:
        data = load_json(body)
    except JsonError as exc:
        return ParseResult.unknown(str(exc))
    result = data.get("result") if isinstance(data, dict) else None
    if not isinstance(result, dict):
        return ParseResult.unknown("the answer is not a Status.io status (no 'result' object)")
    overall = result.get("status_overall")
    overall_code = _code(overall.get("status_code")) if isinstance(overall, dict) else None
    rows = [r for r in as_list(result.get("status")) if isinstance(r, dict)]
    if overall_code is None and not rows:
        return ParseResult.unknown("the answer is not a Status.io status (no overall status)")

    nodes = [_node(row, str(index)) for index, row in enumerate(rows)]
    picked = pick(watch, nodes)
    signals: list[Status] = []
    if overall_code is not None and not picked.narrows:
        signals.append(STATUS_CODE.get(overall_code, Status.UNKNOWN))
    if picked.narrows:
        signals.extend(counted(nodes, picked))
        components = list(shown(nodes, picked))
    else:
        # A component shows (and counts) the worst of its own state and its containers'.
        components = [_rolled_up(node) for node in nodes]
        signals.extend(c.status for c in components)

    maintenance = result.get("maintenance")
    active = as_list(maintenance.get("active")) if isinstance(maintenance, dict) else []
    items = [_item(i) for i in as_list(result.get("incidents")) if _counts(i, picked)]
    items += [_item(m, Status.MAINTENANCE) for m in active if _counts(m, picked)]
    incidents = [i for i in items if i is not None]
    signals.extend(i.impact for i in incidents)

    if picked.nothing:
        return ParseResult(
            Status.UNKNOWN,
            "none of the components to watch is on this page "
            f"({', '.join(map(repr, picked.unmatched))})",
            components=tuple(components),
            unmatched=picked.unmatched,
        )
    status = worst(signals)
    if status is Status.UNKNOWN:
        return ParseResult.unknown(
            f"the page reports a status code this app does not know ({overall_code})"
        )
    quiet = as_str(overall.get("status")) if isinstance(overall, dict) else None
    return ParseResult(
        status,
        sentence(status, incidents, None if picked.narrows else quiet, components),
        tuple(components),
        tuple(incidents),
        unmatched=picked.unmatched,
    )


def _node(row: dict[str, object], key: str) -> Node:
    containers = [c for c in as_list(row.get("containers")) if isinstance(c, dict)]
    row_id = as_str(row.get("id"))
    return Node(
        key=key,
        name=as_str(row.get("name")) or "(unnamed component)",
        status=STATUS_CODE.get(_code(row.get("status_code")) or 0, Status.UNKNOWN),
        ids=(row_id,) if row_id else (),
        children=tuple(
            Node(
                key=f"{key}.{index}",
                name=as_str(c.get("name")) or "(unnamed container)",
                status=STATUS_CODE.get(_code(c.get("status_code")) or 0, Status.UNKNOWN),
                ids=(cid,) if (cid := as_str(c.get("id"))) else (),
            )
            for index, c in enumerate(containers)
        ),
    )


def _rolled_up(node: Node) -> Component:
    children = tuple(Component(c.name, c.status) for c in node.children)
    return Component(node.name, worst([node.status, *(c.status for c in children)]), True, children)


def _counts(raw: object, picked: Picked) -> bool:
    """An incident or maintenance counts unless it names only unwatched components."""
    if not isinstance(raw, dict):
        return True  # _item drops it
    refs: list[str] = []
    for key in ("components_affected", "containers_affected"):
        for row in as_list(raw.get(key)):
            if isinstance(row, dict) and (ref := as_str(row.get("_id")) or as_str(row.get("name"))):
                refs.append(ref)
        if refs:  # components when it names them: container ids repeat across components
            break
    return picked.counts(refs)


def _code(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    # ASCII digits only, and few: "²".isdigit() is true but int() refuses it, and a
    # string of thousands of digits is past Python's int conversion limit.
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return None


def _item(raw: object, impact: Status | None = None) -> Incident | None:
    if not isinstance(raw, dict):
        return None
    messages = [m for m in as_list(raw.get("messages")) if isinstance(m, dict)]
    latest = max(messages, key=lambda m: str(m.get("datetime") or ""), default=None)
    if impact is None:
        code = _code(latest.get("status")) if latest else None
        # An open incident whose status cannot be read is still a problem worth showing.
        impact = STATUS_CODE.get(code or 0, Status.DEGRADED)
    state = _STATE_WORDS.get(_code(latest.get("state")) or 0, "") if latest else ""
    if impact is Status.MAINTENANCE:
        state = "in progress"
    return Incident(
        title=as_str(raw.get("name")) or "(untitled incident)",
        impact=impact,
        status=state,
        started_at=parse_time(raw.get("datetime_open")),
        latest_update=as_str(latest.get("details")) if latest else None,
    )
