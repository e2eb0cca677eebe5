"""The Statuspage parser on every real captured payload, and on garbage."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, fixture_bytes
from traymon.model import Status
from traymon.sources.statuspage import StatuspageSource, parse_summary

# (file, expected state, why) — the expectation is written by a person from the
# payload, not computed by the code under test.
EXPECTED = [
    ("github_summary_operational_2019-12-30.json", Status.OPERATIONAL, "all operational"),
    ("github_summary_2026-08-22_latest.json", Status.OPERATIONAL, "all operational"),
    (
        "github_summary_2025-05-29_upcoming_scheduled_maintenance.json",
        Status.OPERATIONAL,
        "a maintenance that is only scheduled changes nothing yet",
    ),
    (
        "github_summary_major_outage_2020-04-02.json",
        Status.MAJOR_OUTAGE,
        "five components in major_outage",
    ),
    (
        "github_summary_2026-08-17_major_outage.json",
        Status.MAJOR_OUTAGE,
        "Copilot major_outage and a critical incident, while the indicator says only 'major'",
    ),
    (
        "github_summary_2026-08-20_indicator_none_but_unresolved_critical_incident.json",
        Status.MAJOR_OUTAGE,
        "indicator none, but an investigating incident of impact critical",
    ),
    (
        "github_summary_2025-05-30_maintenance_in_progress_plus_incident.json",
        Status.PARTIAL_OUTAGE,
        "indicator maintenance hides an investigating incident of impact major",
    ),
    (
        "confluence_summary_2025-05-26_groups_major_incident_maintenance.json",
        Status.MAJOR_OUTAGE,
        "critical incident; a component group with a broken child",
    ),
    (
        "confluence_summary_2024-05-11_indicator_maintenance.json",
        Status.DEGRADED,
        "components under maintenance, plus an identified incident of impact minor",
    ),
    (
        "zoom_summary_vendor-dashboard_groups.json",
        Status.MAINTENANCE,
        "all components operational, one maintenance in progress",
    ),
    ("github_status_2026-08-22_none.json", Status.OPERATIONAL, "status.json, indicator none"),
    ("github_status_2026-08-17_major.json", Status.PARTIAL_OUTAGE, "status.json, indicator major"),
    (
        "github_status_2025-05-31_maintenance.json",
        Status.MAINTENANCE,
        "status.json, indicator maintenance",
    ),
    (
        "github_components_2024-09-17_trimmed.json",
        Status.OPERATIONAL,
        "components.json, both operational",
    ),
    (
        "github_incidents_2024-09-17_trimmed.json",
        Status.UNKNOWN,
        "incidents.json alone says nothing about the components",
    ),
]


def test_every_statuspage_fixture_has_an_expectation() -> None:
    on_disk = {p.name for p in (FIXTURES / "statuspage").glob("*.json")}
    assert on_disk == {name for name, _, _ in EXPECTED}


@pytest.mark.parametrize(("name", "expected", "why"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_real_payload(name: str, expected: Status, why: str) -> None:
    result = parse_summary(fixture_bytes(f"statuspage/{name}"))
    assert result.status is expected, why
    assert result.summary


def test_open_incident_is_reported_with_its_impact_and_link() -> None:
    body = fixture_bytes(
        "statuspage/github_summary_2026-08-20_indicator_none_but_unresolved_critical_incident.json"
    )
    result = parse_summary(body)
    (incident,) = result.incidents
    assert incident.title == "Intermittent failures creating agent tasks"
    assert incident.impact is Status.MAJOR_OUTAGE
    assert incident.status == "investigating"
    assert incident.url and incident.url.startswith("https://")
    assert incident.started_at is not None and incident.started_at.tzinfo is not None
    assert incident.latest_update
    assert "Intermittent failures" in result.summary


def test_group_shows_the_worst_of_its_children_and_is_counted_once() -> None:
    body = fixture_bytes(
        "statuspage/confluence_summary_2025-05-26_groups_major_incident_maintenance.json"
    )
    data = json.loads(body)
    group = next(c for c in data["components"] if c.get("group"))
    child_ids = set(group["components"])
    result = parse_summary(body)
    names = [c.name for c in result.components]
    assert group["name"] in names
    # Children are folded into their group, not listed again at the top level.
    child_names = {c["name"] for c in data["components"] if c["id"] in child_ids}
    assert not child_names & set(names) - {group["name"]}


def test_placeholder_row_is_not_a_component() -> None:
    result = parse_summary(fixture_bytes("statuspage/github_summary_2026-08-22_latest.json"))
    assert not any(c.name.lower().startswith("visit ") for c in result.components)
    assert len(result.components) == 11


def test_incident_io_page_without_incident_keys_has_none() -> None:
    body = json.dumps(
        {
            "page": {"id": "01H", "name": "OpenAI"},
            "status": {"indicator": "none", "description": "All Systems Operational"},
            "components": [{"id": "01J", "name": "API", "status": "operational"}],
        }
    ).encode()
    result = parse_summary(body)
    assert result.status is Status.OPERATIONAL
    assert result.incidents == ()


def test_incident_impact_none_is_a_notice_not_a_problem() -> None:
    body = _summary(incidents=[{"name": "FYI", "status": "monitoring", "impact": "none"}])
    result = parse_summary(body)
    assert result.status is Status.OPERATIONAL
    assert [i.title for i in result.incidents] == ["FYI"]


def test_enum_values_are_compared_case_insensitively() -> None:
    body = _summary(
        indicator="MINOR", components=[{"id": "a", "name": "A", "status": "Major_Outage"}]
    )
    assert parse_summary(body).status is Status.MAJOR_OUTAGE


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<html><body>Service Unavailable</body></html>", "not JSON"),
        (b"[1, 2, 3]", "not a Statuspage summary"),
        (b'{"page": {"name": "x"}}', "no status indicator"),
        (b'{"status": {"indicator": "purple"}}', "does not know"),
        (b"\xff\xfe\x00garbage", "not JSON"),
        (b"[" * 100_000, "not JSON"),
    ],
)
def test_bad_bodies_are_unknown_with_a_reason(body: bytes, reason: str) -> None:
    result = parse_summary(body)
    assert result.status is Status.UNKNOWN
    assert reason in result.summary


def test_source_reads_summary_json_under_the_base_url() -> None:
    assert (
        StatuspageSource("https://www.githubstatus.com/").request_url
        == "https://www.githubstatus.com/api/v2/summary.json"
    )


def _summary(
    indicator: str = "none",
    components: list[dict[str, Any]] | None = None,
    incidents: list[dict[str, Any]] | None = None,
) -> bytes:
    return json.dumps(
        {
            "status": {"indicator": indicator, "description": "x"},
            "components": components or [],
            "incidents": incidents or [],
        }
    ).encode()


# --- property-based: nothing a server sends can make the parser raise -------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=30,
)
statuspage_keys = st.sampled_from(
    ["status", "components", "incidents", "scheduled_maintenances", "page", "indicator", "group"]
)
shaped = st.dictionaries(statuspage_keys, json_values, max_size=5)


@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(body: bytes) -> None:
    result = parse_summary(body)
    assert isinstance(result.status, Status)


@given(json_values | shaped)
def test_random_json_never_raises(value: object) -> None:
    result = parse_summary(json.dumps(value).encode())
    if result.status is Status.UNKNOWN:
        assert result.summary


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mangled_real_payload_never_raises(data: st.DataObject) -> None:
    document = json.loads(fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json"))
    for _ in range(data.draw(st.integers(1, 6))):
        key = data.draw(st.sampled_from(sorted(document)))
        target = document[key]
        if isinstance(target, list) and target and data.draw(st.booleans()):
            index = data.draw(st.integers(0, len(target) - 1))
            if isinstance(target[index], dict) and target[index]:
                inner = data.draw(st.sampled_from(sorted(target[index])))
                target[index][inner] = data.draw(json_values)
                continue
        document[key] = data.draw(json_values)
    result = parse_summary(json.dumps(document).encode())
    assert isinstance(result.status, Status)
