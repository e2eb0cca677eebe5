"""Google, Azure and AWS parsers on their real payloads, with filters."""

from __future__ import annotations

import json

import pytest

from tests.conftest import fixture_bytes
from traymon.model import Status
from traymon.sources.aws import NO_REGION_NOTE, parse_currentevents
from traymon.sources.azure import CAVEAT, parse_azure
from traymon.sources.google import parse_incidents

GCP_2024 = "google/gcp_incidents_2024-11-15_TRIMMED_two_active.json"
GCP_2021 = "google/gcp_incidents_2021-02-13_TRIMMED_old_schema_active.json"
WORKSPACE = "google/workspace_incidents_2026-07-31_vendor-dashboard.json"

GOOGLE = [
    ("google/gcp_incidents_2026-08-20T19-42_latest_full.json", Status.OPERATIONAL, 0),
    ("google/gcp_incidents_2026-07-30_cyanheads.json", Status.OPERATIONAL, 0),
    (WORKSPACE, Status.OPERATIONAL, 0),
    # Two open (no "end"): a SERVICE_OUTAGE (Support, global) and a SERVICE_DISRUPTION.
    (GCP_2024, Status.MAJOR_OUTAGE, 2),
    # 2021 schema: "end": null on five, severity only; one of them "high".
    (GCP_2021, Status.MAJOR_OUTAGE, 5),
]


@pytest.mark.parametrize(("name", "expected", "open_incidents"), GOOGLE)
def test_google_incidents(name: str, expected: Status, open_incidents: int) -> None:
    result = parse_incidents(fixture_bytes(name))
    assert result.status is expected
    assert len(result.incidents) == open_incidents


def test_google_cloud_product_filter_by_id_and_by_title() -> None:
    body = fixture_bytes(GCP_2024)
    # Vertex Gemini API has only the SERVICE_DISRUPTION open.
    assert parse_incidents(body, products=["Z0FZJAMvEB4j3NbCJs6B"]).status is Status.PARTIAL_OUTAGE
    assert parse_incidents(body, products=["vertex gemini api"]).status is Status.PARTIAL_OUTAGE
    assert parse_incidents(body, products=["Google Cloud Support"]).status is Status.MAJOR_OUTAGE
    quiet = parse_incidents(body, products=["Google Compute Engine"])
    assert quiet.status is Status.OPERATIONAL
    assert quiet.summary == "No open incidents for Google Compute Engine"


def test_google_cloud_location_filter() -> None:
    body = fixture_bytes(GCP_2024)
    # The disruption lists asia-* locations; the outage is "global".
    assert parse_incidents(body, locations=["asia-east1"]).status is Status.PARTIAL_OUTAGE
    assert parse_incidents(body, locations=["global"]).status is Status.MAJOR_OUTAGE
    assert parse_incidents(body, locations=["us-west1"]).status is Status.PARTIAL_OUTAGE
    assert parse_incidents(body, locations=["europe-west1"]).status is Status.OPERATIONAL


def test_google_old_schema_product_filter_uses_service_name() -> None:
    body = fixture_bytes(GCP_2021)
    assert parse_incidents(body, products=["Google Cloud SQL"]).status is Status.MAJOR_OUTAGE
    assert parse_incidents(body, products=["Google App Engine"]).status is Status.PARTIAL_OUTAGE
    # Closed in that file (has an "end").
    assert parse_incidents(body, products=["Google Cloud Datastore"]).status is Status.OPERATIONAL


@pytest.mark.parametrize("end", [None, "", "MISSING"])
def test_workspace_open_incident_whatever_the_shape_of_no_end(end: str | None) -> None:
    # No open Workspace capture exists; reopen a real closed one (Gmail is not in it, Drive is not).
    data = json.loads(fixture_bytes(WORKSPACE))
    gemini = next(i for i in data if i["affected_products"][0]["title"] == "Gemini")
    if end == "MISSING":
        del gemini["end"]
    else:
        gemini["end"] = end
    gemini["most_recent_update"]["status"] = "SERVICE_DISRUPTION"
    body = json.dumps(data).encode()
    result = parse_incidents(body, products=["Gemini"])
    assert result.status is Status.PARTIAL_OUTAGE
    assert result.incidents[0].url is None  # no page given: no guessed link
    assert parse_incidents(body, products=["Gmail"]).status is Status.OPERATIONAL


def test_google_open_incident_whose_update_says_available_is_recovering() -> None:
    data = json.loads(fixture_bytes(GCP_2024))
    data[0]["most_recent_update"]["status"] = "AVAILABLE"
    data[1]["most_recent_update"]["status"] = "AVAILABLE"
    assert parse_incidents(json.dumps(data).encode()).status is Status.DEGRADED


AZURE = [
    ("azure/azure_status_feed_2026-08-01_empty_healthy.xml", Status.OPERATIONAL),
    ("azure/azure_status_feed_2026-09-25_empty.xml", Status.OPERATIONAL),
    # Items carry no severity; these two speak of connectivity, latencies and timeouts.
    ("azure/azure_status_feed_2026-07-23_west_us_item.xml", Status.DEGRADED),
    ("azure/azure_status_feed_2025-10-29_front_door_global.xml", Status.DEGRADED),
]


@pytest.mark.parametrize(("name", "expected"), AZURE)
def test_azure_feed(name: str, expected: Status) -> None:
    result = parse_azure(fixture_bytes(name))
    assert result.status is expected


def test_azure_quiet_summary_keeps_the_caveat() -> None:
    result = parse_azure(fixture_bytes("azure/azure_status_feed_2026-09-25_empty.xml"))
    assert CAVEAT in result.summary


def test_azure_filters_match_categories_and_title_words() -> None:
    body = fixture_bytes("azure/azure_status_feed_2026-07-23_west_us_item.xml")
    assert parse_azure(body, regions=["West US"]).status is Status.DEGRADED
    assert parse_azure(body, regions=["east us"]).status is Status.OPERATIONAL
    assert parse_azure(body, services=["VPN Gateway"]).status is Status.DEGRADED
    assert parse_azure(body, regions=["West US"], services=["Virtual Machines"]).status is (
        Status.OPERATIONAL
    )


def test_azure_words_that_say_outage_raise_the_state() -> None:
    body = fixture_bytes("azure/azure_status_feed_2026-07-23_west_us_item.xml").replace(
        b"Issues connecting to resources", b"Outage affecting resources"
    )
    assert parse_azure(body).status is Status.PARTIAL_OUTAGE


def test_azure_item_link_to_an_internal_host_is_not_shown() -> None:
    result = parse_azure(fixture_bytes("azure/azure_status_feed_2026-07-23_west_us_item.xml"))
    assert result.incidents[0].url is None
    assert result.incidents[0].latest_update is not None
    assert "<p>" not in result.incidents[0].latest_update


AWS_RAW = "aws/currentevents_raw_utf16be_2026-07-02.bin"
AWS_UTF8 = "aws/currentevents_2026-08-01_eventlog_trimmed.json"


def test_aws_raw_utf16_capture_is_read() -> None:
    raw = fixture_bytes(AWS_RAW)
    assert raw[:2] == b"\xfe\xff"  # the test is only worth something on the real bytes
    result = parse_currentevents(raw)
    # Two open status "3" events (UAE, Bahrain).
    assert result.status is Status.MAJOR_OUTAGE
    assert [c.name for c in result.components] == ["UAE", "Bahrain"]
    assert NO_REGION_NOTE in result.summary


def test_aws_utf8_capture_skips_the_resolved_event() -> None:
    result = parse_currentevents(fixture_bytes(AWS_UTF8))
    assert result.status is Status.MAJOR_OUTAGE
    assert all("RESOLVED" not in i.title for i in result.incidents)
    assert len(result.incidents) == 2


def test_aws_region_and_service_filters() -> None:
    raw = fixture_bytes(AWS_RAW)
    quiet = parse_currentevents(raw, regions=["us-east-1"])
    assert quiet.status is Status.OPERATIONAL
    assert quiet.summary == "No open events for us-east-1"
    assert parse_currentevents(raw, regions=["me-central-1"]).status is Status.MAJOR_OUTAGE
    # The UAE event impacts over 140 services; is EC2 one of them there?
    ec2 = parse_currentevents(raw, regions=["me-central-1"], services=["ec2"])
    assert ec2.status is Status.MAJOR_OUTAGE
    assert parse_currentevents(raw, services=["no-such-service"]).status is Status.OPERATIONAL


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("1", Status.DEGRADED),
        ("2", Status.PARTIAL_OUTAGE),
        ("3", Status.MAJOR_OUTAGE),
        ("0", Status.OPERATIONAL),
    ],
)
def test_aws_status_codes(code: str, expected: Status) -> None:
    data = json.loads(fixture_bytes(AWS_UTF8))
    for event in data:
        event["status"] = code
    data = [e for e in data if "end_time" not in e]
    assert parse_currentevents(json.dumps(data).encode("utf-8")).status is expected


def test_aws_empty_list_is_operational_and_the_retired_feed_is_not() -> None:
    assert parse_currentevents(b"[]").status is Status.OPERATIONAL
    assert parse_currentevents("[]".encode("utf-16")).status is Status.OPERATIONAL
    retired = parse_currentevents(
        fixture_bytes("aws/legacy_status_aws_data_json_2023-04-16_current_status3.json")
    )
    assert retired.status is Status.UNKNOWN
