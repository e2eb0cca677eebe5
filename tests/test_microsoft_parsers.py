"""Microsoft's public status posts and Graph service health, read purely."""

from __future__ import annotations

import json

import pytest

from tests.conftest import fixture_bytes
from traymon.model import Status
from traymon.sources.m365_graph import health_status, parse_health
from traymon.sources.m365_public import parse_posts

CONSUMER = "microsoft365/status_cloud_microsoft_api_posts_m365Consumer_2026-08-01.json"
RESTORED = (
    "microsoft365/status_cloud_microsoft_api_posts_m365Consumer_2026-09-04_service_restored.json"
)


@pytest.mark.parametrize(
    "name",
    [
        "microsoft365/status_cloud_microsoft_api_posts_mac_2026-08-01.json",
        "microsoft365/status_cloud_microsoft_api_posts_azure_2026-08-01.json",
        CONSUMER,
        RESTORED,  # Copilot "Service restored": over, so operational
    ],
)
def test_public_posts_all_say_available(name: str) -> None:
    assert parse_posts(fixture_bytes(name)).status is Status.OPERATIONAL


def test_consumer_post_lists_each_workload_and_filters_by_name_or_workload() -> None:
    result = parse_posts(fixture_bytes(CONSUMER))
    assert len(result.components) == 10
    assert "Outlook.com" in [c.name for c in result.components]
    assert parse_posts(fixture_bytes(CONSUMER), ["OneDriveConsumer"]).status is Status.OPERATIONAL
    missing = parse_posts(fixture_bytes(CONSUMER), ["Exchange Online"])
    assert missing.status is Status.UNKNOWN
    assert "Exchange Online" in missing.summary


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Service degradation", Status.DEGRADED),
        ("Service interruption", Status.MAJOR_OUTAGE),
        ("Restoring service", Status.PARTIAL_OUTAGE),
        ("Something new", Status.UNKNOWN),
    ],
)
def test_a_workload_with_a_problem_word(word: str, expected: Status) -> None:
    data = json.loads(fixture_bytes(RESTORED))
    copilot = next(p for p in data if p["ServiceWorkloadName"] == "CopilotConsumer")
    copilot["Status"] = word
    result = parse_posts(json.dumps(data).encode(), ["CopilotConsumer"])
    assert result.status is expected
    if expected is not Status.UNKNOWN:
        assert result.incidents[0].title.startswith("Microsoft Copilot: Some users")


def test_an_unknown_word_on_one_workload_never_turns_the_rest_green_silently() -> None:
    data = json.loads(fixture_bytes(CONSUMER))
    data[0]["Status"] = "Something new"
    result = parse_posts(json.dumps(data).encode())
    assert result.status is Status.OPERATIONAL
    assert "not understood" in result.summary


def test_the_retired_portal_answer_is_not_read_as_a_post() -> None:
    body = fixture_bytes(
        "microsoft365/portal_office_com_api_servicestatus_index_2026-07-30_RETIRED.json"
    )
    assert parse_posts(body).status is Status.UNKNOWN


HEALTH = "microsoft365/graph_v1_healthOverviews_DOCS_EXAMPLE.json"
HEALTH_ISSUES = "microsoft365/graph_v1_healthOverviews_expand_issues_DOCS_EXAMPLE.json"


def test_graph_docs_examples_are_operational() -> None:
    # ServiceOperational and ServiceRestored (PascalCase in the docs, camelCase on the wire).
    result = parse_health([fixture_bytes(HEALTH)])
    assert result.status is Status.OPERATIONAL
    assert [c.name for c in result.components] == [
        "Exchange Online",
        "Identity Service",
        "Microsoft 365 suite",
    ]
    assert parse_health([fixture_bytes(HEALTH_ISSUES)]).status is Status.OPERATIONAL


@pytest.mark.parametrize(
    ("status", "classification", "expected"),
    [
        ("serviceOperational", "incident", Status.OPERATIONAL),
        ("ServiceRestored", "incident", Status.OPERATIONAL),
        ("investigating", "incident", Status.DEGRADED),
        ("serviceDegradation", "incident", Status.DEGRADED),
        ("restoringService", "incident", Status.PARTIAL_OUTAGE),
        ("restoringService", "advisory", Status.DEGRADED),
        ("extendedRecovery", "Incident", Status.PARTIAL_OUTAGE),
        ("SERVICEINTERRUPTION", "incident", Status.MAJOR_OUTAGE),
    ],
)
def test_graph_status_mapping_with_an_open_issue(
    status: str, classification: str, expected: Status
) -> None:
    data = json.loads(fixture_bytes(HEALTH_ISSUES))
    service = data["value"][0]
    service["status"] = status
    issue = service["issues"][0]
    issue["isResolved"], issue["status"], issue["classification"] = False, status, classification
    result = parse_health([json.dumps(data).encode()])
    assert result.status is expected
    assert result.incidents[0].title.startswith("EX226574: Admins are unable")


def test_graph_unknown_status_word_is_unknown() -> None:
    assert health_status("unknownFutureValue") is Status.UNKNOWN
    assert health_status("ServicaOperational") is Status.UNKNOWN  # the docs' typo stays unknown


def test_graph_pages_are_joined_and_filtered_by_service() -> None:
    first = json.loads(fixture_bytes(HEALTH))
    second = json.loads(fixture_bytes(HEALTH_ISSUES))
    second["value"][0]["service"], second["value"][0]["id"] = "Microsoft Teams", "MicrosoftTeams"
    second["value"][0]["status"] = "serviceInterruption"
    pages = [json.dumps(first).encode(), json.dumps(second).encode()]
    assert parse_health(pages).status is Status.MAJOR_OUTAGE
    assert parse_health(pages, ["exchange online"]).status is Status.OPERATIONAL
    assert parse_health(pages, ["MicrosoftTeams"]).status is Status.MAJOR_OUTAGE
    assert parse_health(pages, ["Nope"]).status is Status.UNKNOWN


def test_graph_single_issue_answer_is_not_a_health_list() -> None:
    body = fixture_bytes("microsoft365/graph_v1_issue_get_MO226784_DOCS_EXAMPLE.json")
    assert parse_health([body]).status is Status.UNKNOWN
