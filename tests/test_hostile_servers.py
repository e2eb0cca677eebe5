"""Servers that hang, flood or mislead: each ends as `unknown` with a reason, in bounded time."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import fixture_bytes, write_config
from tests.servers import LoopbackServer, Reply
from traymon.config import ServiceConfig
from traymon.engine.checker import check_all
from traymon.model import CheckResult, Status
from traymon.sources.http import FetchLimits, make_client

pytestmark = pytest.mark.linux_only  # needs memory read from /proc

FIFTY_MB = 50 * 1024 * 1024


def _service(service_id: str, url: str) -> ServiceConfig:
    return ServiceConfig(id=service_id, name=service_id, kind="statuspage", url=url)


def _check(
    services: list[ServiceConfig], limits: FetchLimits, concurrency: int = 16
) -> list[CheckResult]:
    async def go() -> list[CheckResult]:
        async with make_client(limits) as client:
            return await check_all(services, client, limits, concurrency)

    return asyncio.run(go())


def test_a_server_that_never_answers_times_out(server: LoopbackServer) -> None:
    server.serve("/hang/api/v2/summary.json", Reply(hang=True))
    started = time.monotonic()
    (result,) = _check([_service("hang", server.base_url + "/hang")], FetchLimits(timeout_s=1.0))
    elapsed = time.monotonic() - started
    assert result.status is Status.UNKNOWN
    assert result.error == "timed out after 1 s"
    assert elapsed < 1.0 + 1.0  # the deadline plus scheduling slack, not a hang


def test_a_trickling_server_cannot_dodge_the_deadline(server: LoopbackServer) -> None:
    # Headers at once, then the body slowly: every single read is "in time".
    server.serve("/slow/api/v2/summary.json", Reply(stream_bytes=FIFTY_MB, delay_s=0.0))
    limits = FetchLimits(timeout_s=1.0, max_body_bytes=FIFTY_MB * 2)
    (result,) = _check([_service("slow", server.base_url + "/slow")], limits)
    # Either the 50 MB arrive (fast machine) and are not JSON, or the deadline hits.
    assert result.status is Status.UNKNOWN


def test_a_declared_huge_body_is_refused_before_reading(server: LoopbackServer) -> None:
    server.serve("/huge/api/v2/summary.json", Reply(declared_bytes=FIFTY_MB))
    (result,) = _check([_service("huge", server.base_url + "/huge")], FetchLimits())
    assert result.status is Status.UNKNOWN
    assert result.error == "the answer is too large (50.0 MB, limit 2.0 MB)"


def test_a_50_mb_stream_is_cut_off_with_bounded_memory(
    server: LoopbackServer, tmp_path: Path
) -> None:
    server.serve("/flood/api/v2/summary.json", Reply(stream_bytes=FIFTY_MB))
    config = write_config(
        tmp_path / "t.toml",
        [{"id": "flood", "name": "Flood", "kind": "statuspage", "url": server.base_url + "/flood"}],
    )
    # Run the real command in a child that reports its own peak memory.
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
    probe = (
        "import sys\n"
        "from traymon.commands.cli import main\n"
        f"code = main(['check', '--json', '--config', {str(config)!r}])\n"
        "status = open('/proc/self/status').read()\n"
        "print(status.split('VmHWM:')[1].split()[0], file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    report = json.loads(done.stdout)
    assert done.returncode == 3
    assert report["services"][0]["error"] == "the answer is too large (more than 2.0 MB)"
    peak_kib = int(done.stderr.strip().splitlines()[-1])
    assert peak_kib < 80 * 1024, f"peak memory {peak_kib} KiB while refusing a 50 MB body"


def test_a_redirect_to_plain_http_elsewhere_is_refused(server: LoopbackServer) -> None:
    server.serve(
        "/moved/api/v2/summary.json",
        Reply(status=302, headers={"Location": "http://status.example.com/api/v2/summary.json"}),
    )
    (result,) = _check([_service("moved", server.base_url + "/moved")], FetchLimits())
    assert result.status is Status.UNKNOWN
    assert result.error is not None
    assert "refused to follow a redirect" in result.error


def test_a_refused_redirect_shows_no_token_it_quotes(server: LoopbackServer) -> None:
    # The refusal names the target, and a target's query can carry a token: what the
    # engine hands the GUI (tooltip, detail, About) must not show it.
    server.serve(
        "/leaky/api/v2/summary.json",
        Reply(
            status=302,
            headers={"Location": "http://status.example.com/sso?token=S3CRET-T0KEN&user=bob"},
        ),
    )
    (result,) = _check([_service("leaky", server.base_url + "/leaky")], FetchLimits())
    assert result.error is not None
    assert "refused to follow a redirect" in result.error
    assert "S3CRET-T0KEN" not in result.error
    assert "S3CRET-T0KEN" not in result.summary
    assert "status.example.com" in result.error


def test_a_redirect_loop_ends(server: LoopbackServer) -> None:
    path = "/loop/api/v2/summary.json"
    server.serve(path, Reply(status=302, headers={"Location": server.base_url + path}))
    (result,) = _check([_service("loop", server.base_url + "/loop")], FetchLimits())
    assert result.error == "too many redirects (more than 5)"


def test_checks_run_concurrently_up_to_the_limit(server: LoopbackServer) -> None:
    body = fixture_bytes("statuspage/github_summary_2026-08-22_latest.json")
    services = [
        _service(f"s{i}", server.serve_statuspage(f"/s{i}", body, delay_s=0.3)) for i in range(40)
    ]
    results = _check(services, FetchLimits(), concurrency=16)
    assert [r.status for r in results] == [Status.OPERATIONAL] * 40
    assert [r.service_id for r in results] == [f"s{i}" for i in range(40)]
    # The server saw exactly as many requests at once as the limit allows:
    # sequential checks would give 1, an unbounded fan-out 40.
    assert server.peak_in_flight == 16
