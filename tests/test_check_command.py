"""`traymon check` end to end: the real command against real servers on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import fixture_bytes, run_traymon, write_config
from tests.servers import LoopbackServer, Reply

OUTAGE = "statuspage/github_summary_2026-08-17_major_outage.json"
HEALTHY = "statuspage/github_summary_2026-08-22_latest.json"
PARTIAL = "statuspage/github_summary_2025-05-30_maintenance_in_progress_plus_incident.json"
DEGRADED = "statuspage/confluence_summary_2024-05-11_indicator_maintenance.json"
MAINTENANCE = "statuspage/zoom_summary_vendor-dashboard_groups.json"


def _config(tmp_path: Path, server: LoopbackServer, pages: dict[str, str]) -> Path:
    services = []
    for service_id, fixture in pages.items():
        url = server.serve_statuspage(f"/{service_id}", fixture_bytes(fixture))
        services.append(
            {"id": service_id, "name": service_id.title(), "kind": "statuspage", "url": url}
        )
    return write_config(tmp_path / "traymon.toml", services)


def _check_json(config: Path, env: dict[str, str], *extra: str) -> tuple[int, dict[str, object]]:
    result = run_traymon("check", "--config", str(config), "--json", *extra, env=env)
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


def test_json_report_has_the_documented_shape(
    tmp_path: Path, server: LoopbackServer, isolated_env: dict[str, str]
) -> None:
    config = _config(tmp_path, server, {"github": OUTAGE, "zoom": MAINTENANCE})
    code, report = _check_json(config, isolated_env)
    assert code == 2
    assert report["overall"] == "major_outage"
    assert str(report["checked_at"]).endswith("Z")
    services = {s["id"]: s for s in report["services"]}  # type: ignore[attr-defined]
    github = services["github"]
    assert github["kind"] == "statuspage"
    assert github["status"] == "major_outage"
    assert github["error"] is None
    assert isinstance(github["latency_ms"], int)
    assert {"name": "Copilot", "status": "major_outage"} in github["components"]
    (incident,) = github["incidents"]
    assert incident["title"] == "Incident with GitHub.com"
    assert incident["impact"] == "major_outage"
    assert incident["status"] == "investigating"
    assert incident["url"].startswith("https://")
    assert incident["started_at"]
    assert services["zoom"]["status"] == "maintenance"


@pytest.mark.parametrize(
    ("pages", "overall", "code"),
    [
        ({"a": HEALTHY, "b": HEALTHY}, "operational", 0),
        ({"a": HEALTHY, "b": MAINTENANCE}, "maintenance", 0),
        ({"a": HEALTHY, "b": DEGRADED}, "degraded", 1),
        ({"a": DEGRADED, "b": PARTIAL}, "partial_outage", 2),
        ({"a": OUTAGE, "b": DEGRADED}, "major_outage", 2),
    ],
)
def test_exit_status_follows_the_nagios_convention(
    tmp_path: Path,
    server: LoopbackServer,
    isolated_env: dict[str, str],
    pages: dict[str, str],
    overall: str,
    code: int,
) -> None:
    config = _config(tmp_path, server, pages)
    got_code, report = _check_json(config, isolated_env)
    assert (got_code, report["overall"]) == (code, overall)


def test_unknown_service_gives_3_but_a_known_outage_still_wins(
    tmp_path: Path, server: LoopbackServer, isolated_env: dict[str, str]
) -> None:
    config = _config(tmp_path, server, {"good": HEALTHY})
    broken = server.serve_statuspage("/broken", b"<html>oops</html>")
    services = [
        {"id": "good", "name": "Good", "kind": "statuspage", "url": server.base_url + "/good"},
        {"id": "broken", "name": "Broken", "kind": "statuspage", "url": broken},
    ]
    write_config(config, services)
    code, report = _check_json(config, isolated_env)
    assert code == 3
    assert report["overall"] == "operational"  # the worst *known* state
    broken_report = report["services"][1]  # type: ignore[index]
    assert broken_report["status"] == "unknown"
    assert "not JSON" in broken_report["error"]

    outage = server.serve_statuspage("/outage", fixture_bytes(OUTAGE))
    services.append({"id": "out", "name": "Out", "kind": "statuspage", "url": outage})
    write_config(config, services)
    code, report = _check_json(config, isolated_env)
    assert (code, report["overall"]) == (2, "major_outage")


def test_nothing_known_is_unknown(
    tmp_path: Path, server: LoopbackServer, isolated_env: dict[str, str]
) -> None:
    config = write_config(
        tmp_path / "t.toml",
        [{"id": "gone", "name": "Gone", "kind": "statuspage", "url": server.base_url + "/gone"}],
    )
    code, report = _check_json(config, isolated_env)
    assert (code, report["overall"]) == (3, "unknown")
    assert report["services"][0]["error"] == "the server answered HTTP 404 Not Found"  # type: ignore[index]


def test_service_filter_and_unknown_id(
    tmp_path: Path, server: LoopbackServer, isolated_env: dict[str, str]
) -> None:
    config = _config(tmp_path, server, {"a": HEALTHY, "b": OUTAGE})
    code, report = _check_json(config, isolated_env, "--service", "a")
    assert code == 0
    assert [s["id"] for s in report["services"]] == ["a"]  # type: ignore[attr-defined]
    result = run_traymon("check", "--config", str(config), "--service", "zz", env=isolated_env)
    assert result.returncode == 3
    assert "No service with id 'zz'" in result.stderr


def test_table_output_for_people(
    tmp_path: Path, server: LoopbackServer, isolated_env: dict[str, str]
) -> None:
    config = _config(tmp_path, server, {"github": OUTAGE})
    result = run_traymon("check", "--config", str(config), env=isolated_env)
    assert result.returncode == 2
    assert "Github" in result.stdout
    assert "Major outage" in result.stdout
    assert "Incident with GitHub.com" in result.stdout
    assert result.stdout.rstrip().endswith("Overall: Major outage")


def test_server_errors_are_classified(
    tmp_path: Path, server: LoopbackServer, isolated_env: dict[str, str]
) -> None:
    server.serve("/down/api/v2/summary.json", Reply(status=503, body=b"busy"))
    config = write_config(
        tmp_path / "t.toml",
        [
            {"id": "down", "name": "Down", "kind": "statuspage", "url": server.base_url + "/down"},
            {"id": "refused", "name": "Refused", "kind": "statuspage", "url": "http://127.0.0.1:9"},
        ],
    )
    _, report = _check_json(config, isolated_env)
    errors = {s["id"]: s["error"] for s in report["services"]}  # type: ignore[attr-defined]
    assert errors["down"] == "the server answered HTTP 503 Service Unavailable"
    assert errors["refused"] == "the connection was refused"
    # Scripts match the failure's stable code, not its words.
    reasons = {s["id"]: s["reason"] for s in report["services"]}  # type: ignore[attr-defined]
    assert reasons == {"down": "http_status", "refused": "refused"}
