"""Every parser, on random and mangled bodies: a ``ParseResult`` every time, ``unknown``
with a reason for anything that is not a readable answer, never an exception or a hang."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import fixture_bytes
from tests.fuzz_profile import fuzz_settings
from traymon.model import ParseResult, Status
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

Parser = Callable[[bytes], ParseResult]
NOW = datetime(2026, 8, 1, 1, 0, tzinfo=UTC)
_BODY_CONDITION = [parse_condition("[BODY].status.health == healthy")]

# (name, parser, a real payload to mangle, whether the format is JSON)
PARSERS: list[tuple[str, Parser, str, bool]] = [
    ("statusio", parse_statusio, "other/statusio_incident_DOC_DERIVED.json", True),
    (
        "instatus",
        parse_instatus,
        "other/instatus_perplexity_page_plus_components_MAYBE_MERGED.json",
        True,
    ),
    ("slack", parse_slack, "other/slack_current_2024-02-22_two_incidents.json", True),
    ("google", parse_incidents, "google/gcp_incidents_2024-11-15_TRIMMED_two_active.json", True),
    ("azure", parse_azure, "azure/azure_status_feed_2025-10-29_front_door_global.xml", False),
    ("aws", parse_currentevents, "aws/currentevents_2026-08-01_eventlog_trimmed.json", True),
    (
        "m365-public",
        parse_posts,
        "microsoft365/status_cloud_microsoft_api_posts_m365Consumer_2026-08-01.json",
        True,
    ),
    (
        "m365-graph",
        lambda b: parse_health([b]),
        "microsoft365/graph_v1_healthOverviews_expand_issues_DOCS_EXAMPLE.json",
        True,
    ),
    (
        "feed",
        lambda b: parse_recent_entries(b, NOW, timedelta(hours=6)),
        "aws/aws_rss_ec2-ap-northeast-1_2019-09-07.rss",
        False,
    ),
    (
        "json",
        lambda b: evaluate_conditions(_BODY_CONDITION, 200, b, 10),
        "azure/azure_devops_status_health.json",
        True,
    ),
]
IDS = [p[0] for p in PARSERS]

FUZZ = fuzz_settings(60, deadline_ms=2000)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=30,
)


def _is_json(body: bytes) -> bool:
    try:
        json.loads(body.removeprefix(b"\xef\xbb\xbf"))
    except (ValueError, RecursionError):
        return False
    return True


@pytest.mark.parametrize(("name", "parse", "fixture", "is_json"), PARSERS, ids=IDS)
@FUZZ
@given(body=st.binary(max_size=400))
def test_random_bytes_never_raise_and_garbage_is_unknown(
    name: str, parse: Parser, fixture: str, is_json: bool, body: bytes
) -> None:
    result = parse(body)
    assert isinstance(result, ParseResult)
    assert result.summary
    if is_json and not _is_json(body):
        assert result.status is Status.UNKNOWN


@pytest.mark.parametrize(("name", "parse", "fixture", "is_json"), PARSERS, ids=IDS)
@FUZZ
@given(data=st.data())
def test_a_truncated_real_payload_is_unknown_with_a_reason(
    name: str, parse: Parser, fixture: str, is_json: bool, data: st.DataObject
) -> None:
    body = fixture_bytes(fixture).rstrip()
    cut = data.draw(st.integers(min_value=0, max_value=len(body) - 2))
    result = parse(body[:cut])
    assert result.status is Status.UNKNOWN
    assert result.summary


@pytest.mark.parametrize(("name", "parse", "fixture", "is_json"), PARSERS, ids=IDS)
@FUZZ
@given(data=st.data())
def test_flipped_bytes_in_a_real_payload_never_raise(
    name: str, parse: Parser, fixture: str, is_json: bool, data: st.DataObject
) -> None:
    body = bytearray(fixture_bytes(fixture))
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        at = data.draw(st.integers(min_value=0, max_value=len(body) - 1))
        body[at] = data.draw(st.integers(min_value=0, max_value=255))
    result = parse(bytes(body))
    assert isinstance(result, ParseResult)
    assert result.summary


@pytest.mark.parametrize(
    ("name", "parse", "fixture", "is_json"),
    [p for p in PARSERS if p[3]],
    ids=[p[0] for p in PARSERS if p[3]],
)
@FUZZ
@given(value=json_values)
def test_any_json_shape_never_raises(
    name: str, parse: Parser, fixture: str, is_json: bool, value: object
) -> None:
    result = parse(json.dumps(value).encode())
    assert isinstance(result, ParseResult)
    assert result.summary


@pytest.mark.parametrize(
    ("name", "parse", "fixture", "is_json"),
    [p for p in PARSERS if p[3]],
    ids=[p[0] for p in PARSERS if p[3]],
)
def test_deeply_nested_json_is_unknown(
    name: str, parse: Parser, fixture: str, is_json: bool
) -> None:
    result = parse(b"[" * 100_000 + b"]" * 100_000)
    assert result.status is Status.UNKNOWN
