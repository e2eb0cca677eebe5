"""Parsers on hostile and awkward payloads: linear time, huge numbers, bounded options,
the latest update's state, and summaries in words that name what set the state."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.parse_bodies import HOSTILE, PARSERS, huge_int
from tests.conftest import ROOT, fixture_bytes
from traymon.config import ConfigError, parse_config
from traymon.model import ParseResult, Status
from traymon.sources import summary
from traymon.sources.conditions import parse_condition
from traymon.sources.feed import FeedSource
from traymon.sources.google import parse_incidents
from traymon.sources.json_endpoint import evaluate_conditions
from traymon.sources.m365_graph import parse_health
from traymon.sources.slack import parse_slack
from traymon.sources.statusio import parse_statusio
from traymon.sources.statuspage import parse_summary
from traymon.sources.tokens import reuse_for

# The quadratic versions took minutes on these; linear ones take well under a second.
BOUND_S = 2.0
KILL_AFTER_S = 45.0


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_every_hostile_megabyte_parses_in_bounded_time(name: str) -> None:
    # A subprocess, so a parser stuck in a regex for minutes is killed and the test fails fast.
    command = [sys.executable, "-m", "bench.parse_worst", "--size", "1000000", "--json"]
    try:
        run = subprocess.run(
            [*command, "--only", name],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=KILL_AFTER_S,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: a 1 MB hostile body did not parse within {KILL_AFTER_S:g} s")
    assert run.returncode == 0, run.stderr
    for case, seen in json.loads(run.stdout)[name].items():
        assert seen["raised"] == "", f"{name} / {case} raised {seen['raised']}"
        assert seen["seconds"] < BOUND_S, f"{name} / {case}: {seen['seconds']:.2f} s"


# --- huge numbers -------------------------------------------------------------------

BIG = huge_int(5000)


@pytest.mark.parametrize("name", sorted(PARSERS))
@pytest.mark.parametrize(
    "body",
    [
        f"{BIG}",
        f"[{BIG}]",
        f'{{"status": {BIG}, "value": [{BIG}], "page": {{"status": {BIG}}}}}',
        '{"status": {"indicator": 1e999}, "value": [-1e400, 1e400]}',
    ],
    ids=["bare", "list", "fields", "floats"],
)
def test_a_huge_number_is_a_parse_result_not_an_exception(name: str, body: str) -> None:
    result = PARSERS[name](body.encode())
    assert isinstance(result, ParseResult)
    assert result.summary


def test_a_huge_integer_where_a_status_is_expected_is_unknown_with_a_reason() -> None:
    body = f'{{"status": {{"indicator": {BIG}}}, "components": [{{"status": {BIG}}}]}}'
    result = parse_summary(body.encode())
    assert result.status is Status.UNKNOWN
    assert "does not know" in result.summary


@pytest.mark.parametrize(
    ("value", "condition", "holds"),
    [
        ("9" * 400, "[BODY].value < 10", False),
        ("9" * 400, "[BODY].value > 10", True),
        ("-" + "9" * 400, "[BODY].value < 10", True),
        ("1e400", "[BODY].value > 1e308", True),
        ("9" * 400, "[BODY].value == 1e999", False),
        (BIG, "[BODY].value > 10", True),
    ],
)
def test_a_number_beyond_floats_is_compared_without_overflow(
    value: str, condition: str, holds: bool
) -> None:
    body = f'{{"value": {value}}}'.encode()
    result = evaluate_conditions([parse_condition(condition)], 200, body, 5)
    assert result.status is (Status.OPERATIONAL if holds else Status.MAJOR_OUTAGE)


def _feed_problem(value: str) -> str:
    text = (
        '[[services]]\nid = "f"\nname = "F"\nkind = "feed"\n'
        f'url = "https://x.example/f.rss"\nwindow_hours = {value}\n'
    )
    with pytest.raises(ConfigError) as caught:
        parse_config(text, Path("t.toml"))
    (problem,) = caught.value.problems
    return str(problem)


@pytest.mark.parametrize("value", ["1e300", "721", "inf", "nan", "-inf"])
def test_an_absurd_window_is_refused_with_the_key(value: str) -> None:
    problem = _feed_problem(value)
    assert problem.startswith("t.toml:6: services[0].window_hours: must be ")
    assert "720 hours" in problem or "above 0" in problem


def test_the_largest_window_is_30_days() -> None:
    assert "at most 720 hours (30 days" in _feed_problem("1e300")
    config = parse_config(
        '[[services]]\nid = "f"\nname = "F"\nkind = "feed"\n'
        'url = "https://x.example/f.rss"\nwindow_hours = 720\n',
        Path("t.toml"),
    )
    assert config.services[0].options["window_hours"] == 720.0


@pytest.mark.parametrize("hours", [1e300, float("inf"), float("nan"), -1.0])
def test_a_feed_source_built_with_an_absurd_window_still_parses(hours: float) -> None:
    now = datetime(2026, 8, 1, 1, 0, tzinfo=UTC)
    source = FeedSource("https://x.example/f.rss", {"window_hours": hours}, clock=lambda: now)
    result = source.parse(fixture_bytes("aws/aws_rss_ec2-ap-northeast-1_2019-09-07.rss"))
    assert result.status is Status.OPERATIONAL


# --- the latest update's state ------------------------------------------------------


def _gcp_outage_downgraded(keep_most_recent: bool) -> bytes:
    """The real 2024-11-15 feed; its open outage gets a newer update saying disruption."""
    rows = json.loads(fixture_bytes("google/gcp_incidents_2024-11-15_TRIMMED_two_active.json"))
    outage = rows[0]
    assert outage["status_impact"] == "SERVICE_OUTAGE"
    newer = dict(outage["updates"][0])
    newer.update(
        status="SERVICE_DISRUPTION",
        when="2024-11-16T10:00:00+00:00",
        text="Mitigation is working; some requests still fail.",
    )
    outage["updates"].insert(0, newer)
    if keep_most_recent:
        outage["most_recent_update"] = newer
    else:
        del outage["most_recent_update"]
    return json.dumps([outage]).encode()


@pytest.mark.parametrize("keep_most_recent", [True, False], ids=["most_recent", "updates"])
def test_an_outage_downgraded_by_its_latest_update_is_a_disruption(keep_most_recent: bool) -> None:
    result = parse_incidents(_gcp_outage_downgraded(keep_most_recent))
    assert result.status is Status.PARTIAL_OUTAGE
    (incident,) = result.incidents
    assert incident.impact is Status.PARTIAL_OUTAGE
    assert incident.latest_update == "Mitigation is working; some requests still fail."
    assert "SERVICE_" not in result.summary
    assert result.summary.endswith("— disruption")


def test_the_real_open_outage_is_still_an_outage() -> None:
    result = parse_incidents(
        fixture_bytes("google/gcp_incidents_2024-11-15_TRIMMED_two_active.json")
    )
    assert result.status is Status.MAJOR_OUTAGE
    assert result.summary.endswith("— outage (+1 more)")


# --- summaries in words, naming the cause -------------------------------------------


def test_a_maintenance_in_progress_is_said_in_words() -> None:
    result = parse_summary(fixture_bytes("statuspage/zoom_summary_vendor-dashboard_groups.json"))
    assert result.status is Status.MAINTENANCE
    assert result.summary.endswith("— in progress")


def test_the_component_that_set_the_outage_is_named_not_a_lesser_incident() -> None:
    # GitHub, 2 April 2020: five components in major outage, one "major" incident (partial).
    result = parse_summary(fixture_bytes("statuspage/github_summary_major_outage_2020-04-02.json"))
    assert result.status is Status.MAJOR_OUTAGE
    assert result.summary == "Git Operations: major outage (+5 more)"


def test_slack_names_the_outage_not_the_notice_listed_first() -> None:
    notice = {"title": "FYI: new icons", "type": "notice", "status": "active", "services": ["a"]}
    outage = {"title": "Messages fail", "type": "outage", "status": "active", "services": ["a"]}
    body = json.dumps({"status": "active", "active_incidents": [notice, outage]}).encode()
    result = parse_slack(body)
    assert result.status is Status.MAJOR_OUTAGE
    assert result.summary == "Messages fail — outage (+1 more)"


def test_a_graph_issue_status_is_said_in_words() -> None:
    issue = {"id": "EX1", "title": "Mail delayed", "status": "serviceDegradation"}
    body = json.dumps(
        {
            "value": [
                {"service": "Exchange Online", "status": "serviceDegradation", "issues": [issue]}
            ]
        }
    ).encode()
    assert parse_health([body]).summary == "EX1: Mail delayed — service degradation"


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        ("in_progress", "in progress"),
        ("INPROGRESS", "in progress"),
        ("investigating", "investigating"),
        ("SERVICE_DISRUPTION", "disruption"),
        ("serviceDegradation", "service degradation"),
        ("extendedRecovery", "extended recovery"),
        ("SOME_NEW_STATE", "some new state"),
        ("Service restored", "Service restored"),  # prose stays as the vendor wrote it
    ],
)
def test_vendor_enums_become_words(raw: str, said: str) -> None:
    assert summary.words(raw) == said


@given(raw=st.text(alphabet=st.sampled_from("abcXYZ_-09"), max_size=30))
def test_words_never_keep_an_underscore_or_capitals(raw: str) -> None:
    # An enum-like word (no spaces); prose is kept as written (see above).
    said = summary.words(raw)
    assert "_" not in said
    assert said == said.lower()


@pytest.mark.parametrize("code", ["²", "٣٠٠", "9" * 5000])
def test_a_status_code_written_oddly_is_unknown_not_an_exception(code: str) -> None:
    body = json.dumps({"result": {"status_overall": {"status_code": code}}}).encode()
    result = parse_statusio(body)
    assert result.status is Status.UNKNOWN
    assert result.summary


def test_a_token_lifetime_beyond_floats_gets_the_short_reuse() -> None:
    assert reuse_for(10**400) == reuse_for(None)
    assert reuse_for(-(10**400)) == reuse_for(None)


def test_a_path_index_of_thousands_of_digits_is_a_sentence() -> None:
    with pytest.raises(ValueError, match="cannot read the path"):
        parse_condition("[BODY].checks[" + "9" * 5000 + "] == 1")
