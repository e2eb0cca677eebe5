"""Status.io, Instatus and Slack parsers on their real payloads; the expected state of
each is written here by a person who read the payload."""

from __future__ import annotations

import json

import pytest

from tests.conftest import fixture_bytes
from traymon.model import Status
from traymon.sources.instatus import parse_instatus
from traymon.sources.slack import parse_slack
from traymon.sources.statusio import parse_statusio


def test_statusio_doc_payload_is_degraded_by_its_open_incident() -> None:
    # Overall 200 (planned maintenance), but the open incident's latest message says 300.
    result = parse_statusio(fixture_bytes("other/statusio_incident_DOC_DERIVED.json"))
    assert result.status is Status.DEGRADED
    assert [c.name for c in result.components] == ["Website", "Mobile App"]
    assert {c.status for c in result.components} == {Status.MAINTENANCE}
    assert [(i.title, i.impact) for i in result.incidents] == [
        ("Authentication Issues", Status.DEGRADED),
        ("Network Upgrade", Status.MAINTENANCE),
    ]
    assert result.incidents[0].status == "identified"
    assert result.summary == "Authentication Issues — identified (+1 more)"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (100, Status.OPERATIONAL),
        (200, Status.MAINTENANCE),
        (300, Status.DEGRADED),
        (400, Status.PARTIAL_OUTAGE),
        (500, Status.MAJOR_OUTAGE),
        (600, Status.MAJOR_OUTAGE),
    ],
)
def test_statusio_codes_of_a_container_set_the_state(code: int, expected: Status) -> None:
    # The real payload with its incidents and maintenance removed and one container changed.
    data = json.loads(fixture_bytes("other/statusio_incident_DOC_DERIVED.json"))
    result = data["result"]
    result["incidents"], result["maintenance"] = [], {"active": [], "upcoming": []}
    result["status_overall"]["status_code"] = 100
    for row in result["status"]:
        row["status_code"] = 100
        for container in row["containers"]:
            container["status_code"] = 100
    result["status"][1]["containers"][1]["status_code"] = code
    parsed = parse_statusio(json.dumps(data).encode())
    assert parsed.status is expected
    assert parsed.components[1].status is expected


def test_statusio_unknown_code_alone_is_unknown() -> None:
    body = b'{"result": {"status_overall": {"status_code": 999}, "status": []}}'
    assert parse_statusio(body).status is Status.UNKNOWN


@pytest.mark.parametrize(
    "name",
    [
        "instatus_coalition_page_plus_components_MAYBE_MERGED.json",
        "instatus_perplexity_page_plus_components_MAYBE_MERGED.json",
    ],
)
def test_instatus_merged_capture_is_operational(name: str) -> None:
    result = parse_instatus(fixture_bytes(f"other/{name}"))
    assert result.status is Status.OPERATIONAL
    assert result.components and all(c.status is Status.OPERATIONAL for c in result.components)


def _instatus_split(name: str) -> tuple[dict[str, object], dict[str, object]]:
    data = json.loads(fixture_bytes(f"other/{name}"))
    return {"page": data["page"]}, {"components": data["components"]}


def test_instatus_reads_components_from_their_own_endpoint() -> None:
    summary, components = _instatus_split(
        "instatus_perplexity_page_plus_components_MAYBE_MERGED.json"
    )
    components["components"][1]["status"] = "MAJOROUTAGE"  # type: ignore[index]
    result = parse_instatus(json.dumps(summary).encode(), json.dumps(components).encode())
    assert result.status is Status.MAJOR_OUTAGE
    assert [(c.name, c.status) for c in result.components] == [
        ("Website", Status.OPERATIONAL),
        ("API", Status.MAJOR_OUTAGE),
        ("Computer", Status.OPERATIONAL),
    ]


@pytest.mark.parametrize(
    ("page_status", "expected"),
    [
        ("UP", Status.OPERATIONAL),
        ("HASISSUES", Status.DEGRADED),
        ("UNDERMAINTENANCE", Status.MAINTENANCE),
    ],
)
def test_instatus_page_status_alone(page_status: str, expected: Status) -> None:
    body = json.dumps({"page": {"name": "X", "url": "https://x", "status": page_status}}).encode()
    result = parse_instatus(body)
    assert result.status is expected
    assert result.summary.endswith("(component details could not be read)")


def test_instatus_active_incident_and_maintenance() -> None:
    summary, components = _instatus_split(
        "instatus_coalition_page_plus_components_MAYBE_MERGED.json"
    )
    summary["page"]["status"] = "HASISSUES"  # type: ignore[index]
    summary["activeIncidents"] = [
        {
            "name": "API errors",
            "status": "INVESTIGATING",
            "impact": "PARTIALOUTAGE",
            "url": "https://x/i",
        }
    ]
    summary["activeMaintenances"] = [{"name": "DB upgrade", "status": "INPROGRESS"}]
    result = parse_instatus(json.dumps(summary).encode(), json.dumps(components).encode())
    assert result.status is Status.PARTIAL_OUTAGE
    assert [(i.title, i.impact) for i in result.incidents] == [
        ("API errors", Status.PARTIAL_OUTAGE),
        ("DB upgrade", Status.MAINTENANCE),
    ]


SLACK = [
    ("slack_current_2024-02-27_ok.json", Status.OPERATIONAL, 0),
    ("slack_current_2026-07-02_ok.json", Status.OPERATIONAL, 0),
    ("slack_current_2022-02-17_notice.json", Status.DEGRADED, 1),  # type notice
    # Slack's "incident" is a part working less well (a close button), its "outage" the
    # word for not working: degraded (tests/test_components_filter.py weighs the rest).
    ("slack_current_2024-02-27_incident.json", Status.DEGRADED, 1),
    ("slack_current_2024-02-22_two_incidents.json", Status.DEGRADED, 2),
]


@pytest.mark.parametrize(("name", "expected", "open_incidents"), SLACK)
def test_slack_current(name: str, expected: Status, open_incidents: int) -> None:
    result = parse_slack(fixture_bytes(f"other/{name}"))
    assert result.status is expected
    assert len(result.incidents) == open_incidents


def test_slack_outage_type_is_a_major_outage() -> None:
    data = json.loads(fixture_bytes("other/slack_current_2024-02-27_incident.json"))
    data["active_incidents"][0]["type"] = "outage"
    result = parse_slack(json.dumps(data).encode())
    assert result.status is Status.MAJOR_OUTAGE
    states = {c.name: c.status for c in result.components}
    assert states["Messaging"] is Status.MAJOR_OUTAGE


def test_slack_incident_carries_its_newest_note_and_services() -> None:
    result = parse_slack(fixture_bytes("other/slack_current_2024-02-22_two_incidents.json"))
    assert result.incidents[0].title == "Trouble with password resets"
    assert result.incidents[0].latest_update is not None
    assert result.incidents[0].latest_update.startswith("Some users may be experiencing")
    assert "Login/SSO" in [c.name for c in result.components]


def test_slack_history_is_not_the_current_status() -> None:
    result = parse_slack(fixture_bytes("other/slack_history_2026-07-02_trimmed3.json"))
    assert result.status is Status.UNKNOWN
    assert "not a Slack status" in result.summary
