"""Structured fuzzing of every parser: bodies shaped like each format, built from its
real keys and enum words, with huge integers and floats, deep nesting, wrong types and
tag floods. Each example must give a ``ParseResult`` with a sentence, never raise, and
parse within the deadline.

Two profiles (tests/fuzz_profile.py): "ci", part of `make test` (250 examples per
parser, about 45 s of CPU for the file), and "fuzz" (`make fuzz`, or ``TRAYMON_FUZZ=1``
/ ``HYPOTHESIS_PROFILE=fuzz``): 80 times as many, for a long run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz_profile import fuzz_settings
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

# About 250 examples per parser here keep the file near 45 s of CPU on 2 cores.
FUZZ = fuzz_settings(250)

Parser = Callable[[bytes], ParseResult]
NOW = datetime(2026, 8, 1, 1, 0, tzinfo=UTC)

# Placeholders json.dumps can write, swapped for what it cannot: integers past Python's
# 4,300-digit limit and nesting deeper than the decoder's recursion limit.
_BIG = "@@big@@"
_DEEP = "@@deep@@"
_RAW = {
    f'"{_BIG}"': "9" * 4400,
    f'"-{_BIG}"': "-" + "1" * 5000,
    f'"{_DEEP}"': "[" * 3000 + "]" * 3000,
}

COMMON_WORDS = [
    "", " ", "none", "null", "true", "0", "1", "2", "3", "100", "200", "300", "400", "500",
    "2026-08-01T00:30:00Z", "2026-08-01T00:30:00+00:00", "not a date", "9999-12-31T23:59:59",
    "Sat, 01 Aug 2026 00:30:00 GMT", "²", "٣٠٠", "9" * 5000,
]  # fmt: skip

FORMATS: dict[str, tuple[Parser, list[str], list[str]]] = {
    "statuspage": (
        parse_summary,
        ["status", "indicator", "description", "components", "id", "name", "group",
         "group_id", "incidents", "scheduled_maintenances", "impact", "incident_updates",
         "body", "shortlink", "started_at", "created_at", "page"],
        ["none", "minor", "major", "critical", "maintenance", "operational",
         "degraded_performance", "partial_outage", "major_outage", "under_maintenance",
         "investigating", "identified", "monitoring", "in_progress", "verifying", "resolved",
         "Visit www.githubstatus.com"],
    ),
    "statusio": (
        parse_statusio,
        ["result", "status_overall", "status", "status_code", "name", "containers",
         "incidents", "maintenance", "active", "messages", "state", "datetime", "details",
         "datetime_open"],
        ["Operational", "Planned Maintenance"],
    ),
    "instatus": (
        lambda b: parse_instatus(b, b),
        ["page", "status", "components", "children", "name", "activeIncidents",
         "activeMaintenances", "impact", "url", "started"],
        ["UP", "HASISSUES", "UNDERMAINTENANCE", "OPERATIONAL", "DEGRADEDPERFORMANCE",
         "PARTIALOUTAGE", "MINOROUTAGE", "MAJOROUTAGE", "INVESTIGATING", "IDENTIFIED",
         "MONITORING", "INPROGRESS"],
    ),
    "slack": (
        parse_slack,
        ["status", "active_incidents", "type", "title", "services", "notes", "body", "url",
         "date_created"],
        ["ok", "active", "outage", "incident", "notice", "maintenance", "Login/SSO"],
    ),
    "google": (
        lambda b: parse_incidents(b, products=("Gmail", "p1"), locations=("global",)),
        ["begin", "end", "external_desc", "updates", "most_recent_update",
         "most-recent-update", "status_impact", "severity", "service_name", "service_key",
         "affected_products", "title", "id", "current_title", "uri",
         "currently_affected_locations", "status", "text", "when"],
        ["SERVICE_OUTAGE", "SERVICE_DISRUPTION", "SERVICE_INFORMATION", "AVAILABLE", "high",
         "medium", "low", "Gmail", "global", "p1"],
    ),
    "aws": (
        lambda b: parse_currentevents(b, regions=("us-east-1",), services=("ec2",)),
        ["arn", "service", "service_name", "status", "end_time", "region_name", "summary",
         "date", "impacted_services", "event_log", "timestamp", "message"],
        ["arn:aws:health:us-east-1::event/EC2/x", "ec2", "ec2-us-east-1", "us-east-1"],
    ),
    "m365-public": (
        lambda b: parse_posts(b, ("Outlook.com",)),
        ["Status", "Title", "Message", "ServiceDisplayName", "ServiceWorkloadName",
         "AuthoredDateTime"],
        ["Available", "Service restored", "Investigating", "Service degradation",
         "Restoring service", "Service interruption", "Outlook.com", "<p>"],
    ),
    "m365-graph": (
        lambda b: parse_health([b, b]),
        ["value", "service", "id", "status", "issues", "isResolved", "classification",
         "title", "posts", "createdDateTime", "description", "content", "startDateTime"],
        ["serviceOperational", "investigating", "serviceDegradation", "restoringService",
         "extendedRecovery", "serviceInterruption", "incident", "advisory"],
    ),
    "json": (
        lambda b: evaluate_conditions(_CONDITIONS, 200, b, 10),
        ["status", "health", "value", "checks"],
        ["healthy", "UP", "DOWN"],
    ),
}  # fmt: skip
_CONDITIONS = [
    parse_condition("[BODY].status.health == healthy"),
    parse_condition("[BODY].value < 10"),
    parse_condition("[BODY].checks[0].status != DOWN"),
]


def _floods() -> st.SearchStrategy[str]:
    unit = st.sampled_from(["<", "<a ", "<p>", "&lt;", ">", "_", "\n"])
    # Long floods are drawn on purpose: a quadratic tag strip takes seconds on 60,000.
    count = st.integers(min_value=1, max_value=200) | st.sampled_from([5_000, 60_000])
    return st.builds(lambda u, n: u * n, unit, count)


def _leaves(words: list[str]) -> st.SearchStrategy[object]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        # Integers beyond what a float holds (1.8e308), below Python's conversion limit.
        st.builds(
            lambda n, sign: sign * int("9" * n), st.integers(300, 640), st.sampled_from([1, -1])
        ),
        st.floats(allow_nan=False),
        st.sampled_from([1e308, -1e308, 5e-324]),
        st.sampled_from([_BIG, f"-{_BIG}", _DEEP]),
        st.sampled_from(words + COMMON_WORDS),
        st.text(max_size=20),
        _floods(),
    )


def _tree(keys: list[str], words: list[str]) -> st.SearchStrategy[object]:
    return st.recursive(
        _leaves(words),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.sampled_from(keys) | st.text(max_size=5), inner, max_size=5)
        ),
        max_leaves=15,
    )


def _encode(value: object) -> bytes:
    text = json.dumps(value)
    for placeholder, raw in _RAW.items():
        text = text.replace(placeholder, raw)
    return text.encode()


def _check(parse: Parser, body: bytes) -> None:
    result = parse(body)
    assert isinstance(result, ParseResult)
    assert result.summary


def _body(keys: list[str], words: list[str]) -> st.SearchStrategy[object]:
    tree = _tree(keys, words)
    return st.dictionaries(st.sampled_from(keys), tree, max_size=6) | tree


#: The `components` key on each kind that has it: the same shapes, watched in part
#: (fewer examples: the unwatched parse above already covers most of each parser).
WATCHED: dict[str, tuple[Parser, list[str], list[str]]] = {
    "statuspage-watched": (
        lambda b: parse_summary(b, ("name", "id", "Git - name", "none")),
        [
            "status",
            "indicator",
            "components",
            "id",
            "name",
            "group",
            "group_id",
            "incidents",
            "scheduled_maintenances",
            "impact",
            "incident_updates",
            "affected_components",
            "code",
        ],
        [
            "name",
            "id",
            "Git",
            "operational",
            "major_outage",
            "investigating",
            "in_progress",
            "critical",
        ],
    ),
    "statusio-watched": (
        lambda b: parse_statusio(b, ("name", "id")),
        [
            "result",
            "status_overall",
            "status",
            "status_code",
            "name",
            "id",
            "containers",
            "incidents",
            "maintenance",
            "active",
            "messages",
            "components_affected",
            "containers_affected",
            "_id",
        ],
        ["name", "id", "100", "500"],
    ),
    "instatus-watched": (
        lambda b: parse_instatus(b, b, {"components": ("name", "id")}),
        [
            "page",
            "status",
            "components",
            "children",
            "name",
            "id",
            "activeIncidents",
            "activeMaintenances",
            "impact",
        ],
        ["UP", "name", "id", "MAJOROUTAGE", "INVESTIGATING", "INPROGRESS"],
    ),
    "slack-watched": (
        lambda b: parse_slack(b, ("Messaging", "Workflows")),
        ["status", "active_incidents", "type", "title", "services", "notes"],
        ["ok", "active", "outage", "incident", "Messaging", "Workflows", "Login/SSO"],
    ),
}

# Built once: a recursive strategy built inside each example costs more than the parse.
_BODIES = {name: _body(keys, words) for name, (_, keys, words) in (FORMATS | WATCHED).items()}


@pytest.mark.parametrize("name", sorted(FORMATS))
@FUZZ
@given(data=st.data())
def test_json_shaped_like_the_format_never_raises(name: str, data: st.DataObject) -> None:
    _check(FORMATS[name][0], _encode(data.draw(_BODIES[name])))


@pytest.mark.parametrize("name", sorted(WATCHED))
@fuzz_settings(80)
@given(data=st.data())
def test_watching_some_components_never_raises(name: str, data: st.DataObject) -> None:
    _check(WATCHED[name][0], _encode(data.draw(_BODIES[name])))


# --- XML kinds ----------------------------------------------------------------------

_FEEDS: dict[str, Parser] = {
    "azure": lambda b: parse_azure(b, regions=("West US",)),
    "azure-all": parse_azure,
    "feed": lambda b: parse_recent_entries(b, NOW, timedelta(hours=6)),
}
_XML_TEXT = st.one_of(
    st.text(max_size=30),
    _floods(),
    st.sampled_from(
        [
            "Azure Status",
            "outage",
            "West US",
            "Sat, 01 Aug 2026 00:30:00 GMT",
            "Z",
            "PDT",
            *COMMON_WORDS,
        ]
    ),
)


_NOT_XML = re.compile("[^\t\n\r -\ud7ff]")


def _xml_safe(text: str) -> str:
    # XML 1.0 refuses most control characters; those make the feed unreadable, not a crash.
    return escape(_NOT_XML.sub("", text))


@st.composite
def _feed_bodies(draw: st.DrawFn) -> bytes:
    tag = draw(st.sampled_from(["title", "description", "category", "pubDate", "link", "x"]))
    items = draw(
        st.lists(
            st.lists(st.tuples(st.just(tag) | st.sampled_from(["title", "category"]), _XML_TEXT))
            | st.lists(
                st.tuples(
                    st.sampled_from(["title", "description", "category", "pubDate", "status"]),
                    _XML_TEXT,
                ),
                max_size=6,
            ),
            max_size=5,
        )
    )
    rendered = "".join(
        "<item>" + "".join(f"<{t}>{_xml_safe(v)}</{t}>" for t, v in item) + "</item>"
        for item in items
    )
    if draw(st.booleans()):
        entries = rendered.replace("<item>", "<entry>").replace("</item>", "</entry>")
        body = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Azure</title>{entries}</feed>'
    else:
        body = f"<rss><channel><title>Azure Status</title>{rendered}</channel></rss>"
    return body.encode()


@pytest.mark.parametrize("name", sorted(_FEEDS))
@FUZZ
@given(body=_feed_bodies())
def test_feeds_shaped_like_rss_or_atom_never_raise(name: str, body: bytes) -> None:
    _check(_FEEDS[name], body)
