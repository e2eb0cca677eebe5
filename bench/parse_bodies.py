"""Hostile bodies of a chosen size for every parser, and the parsers they are fed to.

Shared by ``python -m bench.parse_worst`` (which measures the slowest parse) and by
tests/test_parser_limits.py (which bounds it). Each builder aims at one way a parser
could do more than linear work: tag floods, a list crossed with another list, many
rows, huge numbers. Sizes are approximate: the builders repeat a unit until the
body reaches ``size`` bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from traymon.model import ParseResult
from traymon.sources.aws import parse_currentevents
from traymon.sources.azure import parse_azure
from traymon.sources.conditions import parse_condition
from traymon.sources.feed import parse_recent_entries
from traymon.sources.google import parse_incidents
from traymon.sources.instatus import parse_instatus
from traymon.sources.json_endpoint import evaluate_conditions
from traymon.sources.m365_graph import parse_health
from traymon.sources.m365_public import parse_posts
from traymon.sources.slack import parse_slack
from traymon.sources.statusio import parse_statusio
from traymon.sources.statuspage import parse_summary

Parser = Callable[[bytes], ParseResult]
Builder = Callable[[int], bytes]

NOW = datetime(2026, 8, 1, 1, 0, tzinfo=UTC)
_CONDITIONS = [
    parse_condition("[BODY].status.health == healthy"),
    parse_condition("[BODY].value < 10"),
]

PARSERS: dict[str, Parser] = {
    "statuspage": parse_summary,
    "statusio": parse_statusio,
    "instatus": lambda b: parse_instatus(b, b),
    "slack": parse_slack,
    "google": lambda b: parse_incidents(b, products=("p1", "x"), locations=("l1", "y")),
    "google-all": parse_incidents,
    "azure": lambda b: parse_azure(b, regions=("r1",)),
    "azure-all": parse_azure,
    "aws": lambda b: parse_currentevents(b, regions=("us-east-1",), services=("ec2",)),
    "aws-all": parse_currentevents,
    "m365-public": parse_posts,
    "m365-public-filtered": lambda b: parse_posts(b, ("s1", "Outlook.com")),
    "m365-graph": lambda b: parse_health([b]),
    "feed": lambda b: parse_recent_entries(b, NOW, timedelta(hours=6)),
    "json": lambda b: evaluate_conditions(_CONDITIONS, 200, b, 10),
}


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // max(1, len(unit)))


def _json_list(unit: object, size: int) -> list[object]:
    return [unit] * max(1, size // max(1, len(json.dumps(unit)) + 2))


def _dumps(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def tag_flood(size: int) -> str:
    """``<`` with no ``>``: a tag regex that can backtrack rescans the rest for each one."""
    return "<" * size


def open_tags(size: int) -> str:
    """Tags that never close, each followed by text: ``<a b<a b<a b``."""
    return _repeat("<a b", size)


def huge_int(size: int) -> str:
    """A JSON integer longer than Python's int-to-str limit (4,300 digits)."""
    return "9" * max(4301, min(size, 50_000))


def _rss(items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Azure Status</title>'
        f"{items}</channel></rss>"
    ).encode()


def _rss_item(description: str, categories: str = "", date: str = "") -> str:
    pub = f"<pubDate>{date}</pubDate>" if date else ""
    return (
        f"<item><title>Outage r1</title>{categories}{pub}"
        f"<description>{description}</description></item>"
    )


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _many_categories(size: int) -> bytes:
    # Each item names its own category: categories × items if names are matched per item.
    count = max(1, size // 90)
    items = "".join(
        _rss_item("d", f"<category>c{n}</category><category>r1</category>") for n in range(count)
    )
    return _rss(items)


def _feed_items(size: int) -> bytes:
    item = _rss_item("text", date="Sat, 01 Aug 2026 00:30:00 GMT")
    return _rss(_repeat(item, size))


def _slack_services(size: int) -> bytes:
    services = [f"s{n}" for n in range(max(1, size // 8))]
    incident = {"title": "t", "type": "outage", "status": "active", "services": services}
    return _dumps({"status": "active", "active_incidents": [incident, dict(incident)]})


def _slack_incidents(size: int) -> bytes:
    incident = {"title": "t", "type": "incident", "status": "active", "services": ["a", "b"]}
    return _dumps({"status": "active", "active_incidents": _json_list(incident, size)})


def _statuspage_groups(size: int) -> bytes:
    count = max(2, int((size / 6) ** 0.5))
    ids = [f"{n}" for n in range(count)]
    rows = [{"id": i, "name": "c", "status": "major_outage", "group_id": "g"} for i in ids]
    groups = [
        {"id": f"g{n}", "name": "g", "status": "operational", "group": True, "components": ids}
        for n in range(count)
    ]
    return _dumps({"status": {"indicator": "major"}, "components": rows + groups})


def _statuspage_incidents(size: int) -> bytes:
    update = {"status": "investigating", "body": tag_flood(50)}
    incident = {
        "name": "i",
        "status": "investigating",
        "impact": "major",
        "incident_updates": [update] * 20,
    }
    return _dumps({"status": {"indicator": "major"}, "incidents": _json_list(incident, size)})


def _statusio(size: int) -> bytes:
    message = {"state": 100, "status": 400, "datetime": "2026-08-01T00:00:00Z", "details": "d"}
    incident = {"name": "i", "messages": [message] * 50}
    container = {"status_code": 400}
    row = {"name": "r", "status_code": 300, "containers": [container] * 50}
    half = size // 2
    return _dumps(
        {
            "result": {
                "status_overall": {"status_code": 400},
                "status": _json_list(row, half),
                "incidents": _json_list(incident, half),
            }
        }
    )


def _instatus(size: int) -> bytes:
    child = {"name": "c", "status": "MAJOROUTAGE"}
    row = {"name": "r", "status": "OPERATIONAL", "children": [child] * 50}
    incident = {"name": "i", "status": "INVESTIGATING", "impact": "MAJOROUTAGE"}
    half = size // 2
    return _dumps(
        {
            "page": {"status": "HASISSUES"},
            "components": _json_list(row, half),
            "activeIncidents": _json_list(incident, half),
        }
    )


def _google(size: int) -> bytes:
    update = {"status": "SERVICE_DISRUPTION", "when": "2026-08-01T00:00:00+00:00", "text": "t"}
    row = {
        "begin": "2026-08-01T00:00:00+00:00",
        "external_desc": "d\n" * 20,
        "status_impact": "SERVICE_OUTAGE",
        "updates": [update] * 20,
        "most_recent_update": update,
        "affected_products": [{"title": f"p{n}", "id": f"p{n}"} for n in range(20)],
        "currently_affected_locations": [{"id": f"l{n}", "title": f"l{n}"} for n in range(20)],
    }
    return _dumps(_json_list(row, size))


def _aws(size: int) -> bytes:
    log = {"timestamp": 1785500000, "message": "m"}
    row = {
        "arn": "arn:aws:health:us-east-1::event/EC2/x",
        "service": "ec2",
        "status": "2",
        "summary": "s",
        "date": "1785500000",
        "impacted_services": {f"svc{n}-us-east-1": {} for n in range(20)},
        "event_log": [log] * 20,
    }
    return _dumps(_json_list(row, size))


def _m365_posts(size: int) -> bytes:
    post = {
        "Status": "Service degradation",
        "Title": "t",
        "ServiceDisplayName": "s1",
        "Message": "<p>" * 20,
    }
    return _dumps(_json_list(post, size))


def _m365_graph(size: int) -> bytes:
    post = {"createdDateTime": "2026-08-01T00:00:00Z", "description": {"content": "c"}}
    issue = {"status": "serviceDegradation", "classification": "incident", "posts": [post] * 20}
    row = {"service": "s", "status": "restoringService", "issues": [issue] * 20}
    return _dumps({"value": _json_list(row, size)})


def _json_body(size: int) -> bytes:
    return _dumps({"status": {"health": "x" * size}, "value": 1})


def _huge_numbers(size: int) -> bytes:
    """Huge integers and floats where each format keeps its numbers (and elsewhere)."""
    big = huge_int(size)
    return (
        f'{{"status": {{"indicator": {big}, "health": {big}}}, "value": {big}, '
        f'"result": {{"status_overall": {{"status_code": {big}}}}}, "page": {{"status": 1e999}}, '
        f'"components": [{{"status": {big}}}], "big": [{big}, -{big}, 1e400, -1e400]}}'
    ).encode()


def _huge_rows(size: int) -> bytes:
    big = huge_int(size)
    return (
        f'[{{"begin": {big}, "status": {big}, "date": {big}, "arn": {big}, "end": null, '
        f'"external_desc": "x", "service": "ec2", "event_log": [{{"timestamp": {big}}}], '
        f'"Status": "Available", "AuthoredDateTime": {big}}}]'
    ).encode()


def _text_fields(size: int) -> bytes:
    """One string field of every format filled with a tag flood."""
    flood = tag_flood(size)
    return _dumps(
        {
            "Status": "Service degradation",
            "Title": flood,
            "Message": flood,
            "status": "active",
        }
    )


def _azure_flood(size: int) -> bytes:
    return _rss(_rss_item(_escaped(tag_flood(size))))


def _azure_open_tags(size: int) -> bytes:
    return _rss(_rss_item(_escaped(open_tags(size))))


#: Builders for every parser name; each parser also gets the COMMON ones.
COMMON: dict[str, Builder] = {
    "huge numbers": _huge_numbers,
    "huge numbers in rows": _huge_rows,
    "tag flood in text fields": _text_fields,
}

HOSTILE: dict[str, dict[str, Builder]] = {
    "statuspage": {"groups": _statuspage_groups, "incidents": _statuspage_incidents},
    "statusio": {"rows and messages": _statusio},
    "instatus": {"components and incidents": _instatus},
    "slack": {"many services": _slack_services, "many incidents": _slack_incidents},
    "google": {"many incidents": _google},
    "google-all": {"many incidents": _google},
    "azure": {"tag flood": _azure_flood, "open tags": _azure_open_tags},
    "azure-all": {"tag flood": _azure_flood, "many categories": _many_categories},
    "aws": {"many events": _aws},
    "aws-all": {"many events": _aws},
    "m365-public": {"many posts": _m365_posts},
    "m365-public-filtered": {"many posts": _m365_posts},
    "m365-graph": {"many issues": _m365_graph},
    "feed": {"many items": _feed_items, "tag flood": _azure_flood},
    "json": {"long text": _json_body},
}


def cases(name: str) -> dict[str, Builder]:
    return {case: _sized(build) for case, build in {**COMMON, **HOSTILE[name]}.items()}


def _sized(build: Builder) -> Builder:
    """``build``, scaled so the body is at most ``size`` bytes (escaping and repeated
    fields make some builders overshoot)."""

    def sized(size: int) -> bytes:
        body = build(size)
        for _ in range(4):
            if len(body) <= size:
                break
            body = build(int(size * size / len(body) * 0.98))
        return body

    return sized
