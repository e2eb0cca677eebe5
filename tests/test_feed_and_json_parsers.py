"""Generic sources: RSS/Atom feeds (recent entries) and JSON endpoints (conditions)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import fixture_bytes
from traymon.model import Status
from traymon.sources.conditions import parse_condition
from traymon.sources.feed import parse_recent_entries
from traymon.sources.json_endpoint import evaluate_conditions
from traymon.sources.xmlfeed import FeedError, parse_feed

AWS_RSS = "aws/aws_rss_ec2-ap-northeast-1_2019-09-07.rss"
SIX_HOURS = timedelta(hours=6)


def test_rss_entries_inside_the_window_are_incidents() -> None:
    # Items at 04:18, 02:39, 01:54 PDT on the 23rd and 23:40 PDT on the 22nd are within
    # 06:00-12:00 UTC (23:00-05:00 PDT); the next, 22:27 PDT, is not.
    now = datetime(2019, 8, 23, 12, 0, tzinfo=UTC)
    result = parse_recent_entries(fixture_bytes(AWS_RSS), now, SIX_HOURS)
    assert result.status is Status.DEGRADED
    assert result.incidents[0].started_at == datetime(2019, 8, 23, 11, 18, 35, tzinfo=UTC)
    assert len(result.incidents) == 4


def test_rss_entries_older_than_the_window_are_quiet() -> None:
    now = datetime(2019, 9, 7, 12, 0, tzinfo=UTC)
    result = parse_recent_entries(fixture_bytes(AWS_RSS), now, SIX_HOURS)
    assert result.status is Status.OPERATIONAL
    assert result.summary == "No entries in the last 6 h"


def test_a_wider_window_reaches_older_entries() -> None:
    now = datetime(2019, 8, 24, 12, 0, tzinfo=UTC)
    assert parse_recent_entries(fixture_bytes(AWS_RSS), now, SIX_HOURS).status is Status.OPERATIONAL
    wide = parse_recent_entries(fixture_bytes(AWS_RSS), now, timedelta(hours=48))
    assert wide.status is Status.DEGRADED


def test_the_microsoft_admin_feed_parses_with_its_custom_status() -> None:
    feed = parse_feed(
        fixture_bytes("microsoft365/status_cloud_microsoft_api_feed_mac_2026-08-01.xml")
    )
    assert feed.title == "Microsoft Admin Center Status"
    assert feed.entries[0].status == "Available"
    assert feed.entries[0].published == datetime(2026, 8, 1, 0, 5, tzinfo=UTC)


def test_atom_feeds_are_read_too() -> None:
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>X</title>
    <entry><title>Elevated errors</title><link href="https://x.example/1"/>
    <updated>2026-11-27T09:00:00Z</updated><summary>We are looking.</summary></entry></feed>"""
    result = parse_recent_entries(atom, datetime(2026, 11, 27, 10, 0, tzinfo=UTC), SIX_HOURS)
    assert result.status is Status.DEGRADED
    assert result.incidents[0].url == "https://x.example/1"


@pytest.mark.parametrize(
    "body",
    [
        # billion laughs
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<rss><channel><title>&lol2;</title></channel></rss>",
        # external entity reading a local file
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><title>&xxe;</title></channel></rss>",
    ],
)
def test_hostile_xml_is_refused(body: bytes) -> None:
    with pytest.raises(FeedError, match="refused for safety"):
        parse_feed(body)
    result = parse_recent_entries(body, datetime.now(UTC), SIX_HOURS)
    assert result.status is Status.UNKNOWN


def test_html_is_not_a_feed() -> None:
    result = parse_recent_entries(b"<html><body>Hi</body></html>", datetime.now(UTC), SIX_HOURS)
    assert result.status is Status.UNKNOWN
    assert "not an RSS or Atom feed" in result.summary


AZURE_DEVOPS = "azure/azure_devops_status_health.json"
HEALTHY = ["[STATUS] == 200", "[BODY].status.health == healthy"]


def _conditions(*texts: str) -> list:  # type: ignore[type-arg]
    return [parse_condition(t) for t in texts]


def test_json_conditions_on_the_real_azure_devops_answer() -> None:
    body = fixture_bytes(AZURE_DEVOPS)
    assert evaluate_conditions(_conditions(*HEALTHY), 200, body, 120).status is Status.OPERATIONAL
    path = _conditions("[BODY].services[0].geographies[1].name == Canada")
    assert evaluate_conditions(path, 200, body, 120).status is Status.OPERATIONAL


def test_json_a_failed_condition_gives_the_failure_state() -> None:
    body = fixture_bytes(AZURE_DEVOPS).replace(
        b'"health":"healthy","message"', b'"health":"degraded","message"'
    )
    result = evaluate_conditions(_conditions(*HEALTHY), 200, body, 120, Status.PARTIAL_OUTAGE)
    assert result.status is Status.PARTIAL_OUTAGE
    assert result.summary == "Condition not met: [BODY].status.health == healthy"


def test_json_status_and_response_time() -> None:
    slow = _conditions("[STATUS] == 200", "[RESPONSE_TIME] < 500")
    assert evaluate_conditions(slow, 200, b"", 499).status is Status.OPERATIONAL
    assert evaluate_conditions(slow, 200, b"", 500).status is Status.MAJOR_OUTAGE
    assert evaluate_conditions(slow, 503, b"", 10).status is Status.MAJOR_OUTAGE
    # Without a [STATUS] condition an HTTP error still fails.
    body_only = _conditions("[BODY].ok == true")
    failed = evaluate_conditions(body_only, 500, b'{"ok": true}', 10)
    assert failed.status is Status.MAJOR_OUTAGE
    assert failed.summary == "The endpoint answered HTTP 500"
    assert evaluate_conditions(body_only, 200, b'{"ok": true}', 10).status is Status.OPERATIONAL


def test_json_unreadable_body_is_unknown_not_an_outage() -> None:
    result = evaluate_conditions(_conditions(*HEALTHY), 200, b"<html>", 10)
    assert result.status is Status.UNKNOWN


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("status is 200", "is not a condition"),
        ("[HEADERS].x == 1", "unknown placeholder"),
        ("[STATUS] == ok", "compares with a number"),
        ("[BODY]..x == 1", "cannot read the path"),
    ],
)
def test_bad_conditions_are_explained(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_condition(text)
