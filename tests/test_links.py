"""Vendor links: only absolute http(s) addresses are kept, from every kind that carries one."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from traymon.links import MAX_LINK_LENGTH, safe_link
from traymon.model import CheckResult, Incident, Status
from traymon.sources.feed import parse_recent_entries
from traymon.sources.google import parse_incidents
from traymon.sources.instatus import parse_instatus
from traymon.sources.slack import parse_slack
from traymon.sources.statuspage import parse_summary

HOSTILE = "javascript:alert(document.cookie)"


@pytest.mark.parametrize(
    "url",
    [
        "https://stspg.io/p1x2y3",
        "http://status.example.com/incidents/42",
        "HTTPS://Status.Example.com:8443/a?b=c#d",
        "https://[2001:db8::1]/incident",
        "https://grüne.example/störung",
    ],
)
def test_web_addresses_are_kept_as_they_are(url: str) -> None:
    assert safe_link(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://attacker.example/share/x.png",
        "smb://attacker.example/share/setup.exe",
        "ms-msdt:/id PCWDiagnostic /skip force",
        "ms-msdt:-id%20PCWDiagnostic",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "mailto:someone@example.com",
        "tel:+15555550100",
        "vbscript:msgbox(1)",
        "/incidents/42",
        "incidents/42",
        "//attacker.example/x",
        "https:attacker.example",
        "https:///no-host",
        "https://user:pw@attacker.example/",
        "https://user@attacker.example/",
        "https://status.example.com@attacker.example/",
        "https://status.example.com\\@attacker.example/",
        "https://status.example.com:99999/",
        "https://status.example.com:port/",
        "https://[::1",
        "https://status.example.com/a\r\nSet-Cookie: x=1",
        "https://status.example.com/a\nb",
        "https://status.example.com/a b",
        "https://status.example.com/\x00",
        "https://status.example.com/\x7f",
        "https://status.example.com/\u202etxt.exe",
        "https://status.example.com/" + "a" * MAX_LINK_LENGTH,
        "",
        "   ",
    ],
)
def test_everything_else_is_refused(url: str) -> None:
    assert safe_link(url) is None


@pytest.mark.parametrize("value", [None, 42, b"https://x.example/", ["https://x.example/"]])
def test_what_is_not_text_is_refused(value: object) -> None:
    assert safe_link(value) is None


def test_spaces_and_newlines_around_an_address_are_trimmed() -> None:
    # A feed's <link> is often written on a line of its own.
    assert safe_link("\n   https://status.example.com/i/1\n  ") == "https://status.example.com/i/1"


def test_the_model_keeps_no_hostile_link_whoever_builds_it() -> None:
    """The check is in the model's construction, so a parser written tomorrow cannot forget it."""
    assert Incident("Down", Status.MAJOR_OUTAGE, "investigating", url=HOSTILE).url is None
    assert Incident("Down", Status.MAJOR_OUTAGE, "x", url="https://stspg.io/a").url == (
        "https://stspg.io/a"
    )
    now = datetime(2026, 11, 27, tzinfo=UTC)
    result = CheckResult("s", "S", "json", Status.OPERATIONAL, "ok", now, page_url="file:///x")
    assert result.page_url is None


# -- every kind whose incidents carry a vendor's link -----------------------------------------


def test_statuspage_shortlink() -> None:
    incident = {
        "name": "Outage",
        "status": "investigating",
        "impact": "major",
        "shortlink": HOSTILE,
        "incident_updates": [{"body": "Looking"}],
    }
    maintenance = {"name": "Work", "status": "in_progress", "shortlink": "smb://h/x.exe"}
    body = {
        "status": {"indicator": "major", "description": "Outage"},
        "components": [],
        "incidents": [incident],
        "scheduled_maintenances": [maintenance],
    }
    result = parse_summary(json.dumps(body).encode())
    assert [i.title for i in result.incidents] == ["Outage", "Work"]
    assert [i.url for i in result.incidents] == [None, None]


def test_instatus_url() -> None:
    body = {
        "page": {"status": "HASISSUES"},
        "activeIncidents": [
            {"name": "Outage", "status": "INVESTIGATING", "impact": "MAJOROUTAGE", "url": HOSTILE}
        ],
        "activeMaintenances": [
            {"name": "Work", "status": "INPROGRESS", "url": "file:///etc/passwd"}
        ],
    }
    result = parse_instatus(json.dumps(body).encode())
    assert [i.title for i in result.incidents] == ["Outage", "Work"]
    assert [i.url for i in result.incidents] == [None, None]


def test_slack_url() -> None:
    body = {
        "status": "active",
        "active_incidents": [
            {"title": "Outage", "type": "outage", "status": "active", "url": HOSTILE}
        ],
    }
    result = parse_slack(json.dumps(body).encode())
    assert [(i.title, i.url) for i in result.incidents] == [("Outage", None)]


@pytest.mark.parametrize("flavour", ["rss", "atom"])
def test_feed_link(flavour: str) -> None:
    now = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    if flavour == "rss":
        body = (
            "<rss version='2.0'><channel><title>S</title><item><title>Outage</title>"
            f"<link>{HOSTILE}</link><pubDate>Fri, 27 Nov 2026 09:30:00 GMT</pubDate>"
            "</item></channel></rss>"
        )
    else:
        body = (
            "<feed xmlns='http://www.w3.org/2005/Atom'><title>S</title><entry>"
            f"<title>Outage</title><link href='{HOSTILE}'/>"
            "<updated>2026-11-27T09:30:00Z</updated></entry></feed>"
        )
    result = parse_recent_entries(body.encode(), now, timedelta(hours=24))
    assert [(i.title, i.url) for i in result.incidents] == [("Outage", None)]


def test_google_links_stay_on_the_status_page() -> None:
    """Google gives a path (``uri``) that is joined to its own page: it can only add a path."""
    page = "https://status.cloud.google.com/"
    rows = [
        {"begin": "2026-11-27T09:00:00+00:00", "external_desc": "A", "uri": HOSTILE},
        {"begin": "2026-11-27T09:00:00+00:00", "external_desc": "B", "uri": "@evil.example/x"},
    ]
    result = parse_incidents(json.dumps(rows).encode(), page=page)
    for incident in result.incidents:
        assert incident.url is None or incident.url.startswith(page)
