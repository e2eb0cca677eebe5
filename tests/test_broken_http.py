"""Answers that are not HTTP, and names that only pretend to be this machine.

Garbage from a server still proves the network works (the desktop is online, the
vendor is broken); a connection closed before any byte proves nothing.
"""

from __future__ import annotations

import asyncio
import json
import socket
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import fixture_bytes, run_traymon
from tests.raw_servers import RawServer, http_answer, raw_server
from tests.servers import LoopbackServer, Reply
from traymon.model import ProbeOutcome
from traymon.probes import HttpProbe
from traymon.probes.run import run_probe
from traymon.sources.http import FetchLimits, make_client
from traymon.sources.urls import is_loopback_host, url_problem

GARBAGE = "the server answered, but not in valid HTTP (a broken status line, headers or length)"
#: HTTP/0.9: no status line, no headers, just the body (here an HTML page).
HTTP_09 = b"<html>\r\n<head><title>Status</title></head>\r\n\r\n<body>All good</body></html>\r\n"
BROKEN = {
    "huge-headers": b"HTTP/1.1 200 OK\r\nX-Padding: " + b"a" * (1024 * 1024) + b"\r\n\r\n{}",
    "bad-status-line": b"HTTP/1.1 2OO OK\r\nContent-Length: 2\r\n\r\n{}",
    "http-0-9": HTTP_09,
    "bad-content-length": b"HTTP/1.1 200 OK\r\nContent-Length: banana\r\n\r\n{}",
}


@pytest.fixture
def raw() -> Iterator[RawServer]:
    with raw_server() as server:
        yield server


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _config(path: Path, services: dict[str, str]) -> Path:
    # The reference URL goes nowhere: if no service counted as an answer, this PC is offline.
    lines = [f'[network]\nreference_urls = ["http://127.0.0.1:{_closed_port()}/"]\ntimeout = 2\n']
    for sid, url in services.items():
        lines.append(
            f'[[services]]\nid = "{sid}"\nname = "{sid}"\nkind = "statuspage"\nurl = "{url}"\n'
        )
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _check(config: Path, env: dict[str, str]) -> dict[str, object]:
    done = run_traymon("check", "--json", "--timeout", "5", "--config", str(config), env=env)
    assert done.stdout, done.stderr
    report: dict[str, object] = json.loads(done.stdout)
    return report


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_an_answer_that_is_not_http_proves_this_pc_is_online(
    case: str, raw: RawServer, tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    raw.serve("/broken/api/v2/summary.json", BROKEN[case])
    report = _check(_config(tmp_path / "t.toml", {case: raw.base_url + "/broken"}), isolated_env)
    (service,) = report["services"]  # type: ignore[misc]
    assert service["status"] == "unknown"
    assert service["error"] == GARBAGE
    assert report["network"] == "online"
    assert service["triage"] == "stale"  # not "local": the vendor's page is broken, not us


def test_a_connection_closed_before_any_byte_proves_nothing(
    raw: RawServer, tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    raw.serve("/silent/api/v2/summary.json", b"")
    report = _check(
        _config(tmp_path / "t.toml", {"silent": raw.base_url + "/silent"}), isolated_env
    )
    (service,) = report["services"]  # type: ignore[misc]
    assert service["status"] == "unknown"
    assert report["network"] == "offline"
    assert service["triage"] == "local"


def test_a_body_cut_short_is_an_answer_too(
    raw: RawServer, tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    short = http_answer(b"{}", {})[: -len(b"{}")].replace(b"Length: 2", b"Length: 99") + b"{}"
    raw.serve("/short/api/v2/summary.json", short)
    report = _check(_config(tmp_path / "t.toml", {"short": raw.base_url + "/short"}), isolated_env)
    assert report["network"] == "online"


# -- loopback means a loopback address ---------------------------------------------


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("LOCALHOST", True),
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("[::1]", True),
        ("status.localhost", False),  # goes to DNS, and DNS can say anything
        ("localhost.example.com", False),
        ("evil.localhost", False),
        ("10.0.0.1", False),
    ],
)
def test_only_loopback_addresses_and_localhost_itself_are_loopback(
    host: str, loopback: bool
) -> None:
    assert is_loopback_host(host) is loopback


def test_plain_http_to_a_name_under_localhost_is_refused_in_the_config(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    config = tmp_path / "t.toml"
    config.write_text(
        '[[services]]\nid = "x"\nname = "X"\nkind = "statuspage"\n'
        'url = "http://status.localhost:8080"\n',
        encoding="utf-8",
    )
    done = run_traymon("check", "--json", "--config", str(config), env=isolated_env)
    assert done.returncode != 0
    assert "must use https://" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert url_problem("http://status.localhost/") is not None
    assert url_problem("http://localhost:8080/") is None


def test_a_redirect_to_a_name_under_localhost_is_refused(
    server: LoopbackServer, tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    port = server.base_url.rsplit(":", 1)[1]
    body = fixture_bytes("statuspage/github_summary_2026-08-22_latest.json")
    server.serve("/real/api/v2/summary.json", Reply(body=body))
    target = f"http://evil.localhost:{port}/real/api/v2/summary.json"
    server.serve("/moved/api/v2/summary.json", Reply(status=302, headers={"Location": target}))
    config = tmp_path / "t.toml"
    config.write_text(
        '[[services]]\nid = "m"\nname = "M"\nkind = "statuspage"\n'
        f'url = "{server.base_url}/moved"\n',
        encoding="utf-8",
    )
    report = _check(config, isolated_env)
    (service,) = report["services"]  # type: ignore[misc]
    assert "refused to follow a redirect" in str(service["error"])
    assert "/real/api/v2/summary.json" not in server.requests


# -- probes: the same rules, and they never raise ------------------------------------


def _probe(spec: HttpProbe) -> ProbeOutcome:
    async def go() -> ProbeOutcome:
        async with make_client(FetchLimits()) as client:
            return await run_probe(spec, client, 5.0)

    return asyncio.run(go())


def test_an_http_probe_answered_with_garbage_counts_as_reached(raw: RawServer) -> None:
    outcome = _probe(HttpProbe(raw.serve("/bad", BROKEN["bad-status-line"])))
    assert not outcome.ok
    assert outcome.detail == GARBAGE
    assert outcome.reached


def test_an_http_probe_reads_a_compressed_body_within_the_cap(raw: RawServer) -> None:
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = b"".join(bomb.compress(b"\0" * 2**20) for _ in range(64)) + bomb.flush()
    url = raw.serve("/bomb", http_answer(body, {"Content-Encoding": "gzip"}))
    outcome = _probe(HttpProbe(url, body_contains="ok"))
    assert outcome.detail == "the answer is too large (more than 2.0 MB)"
    assert outcome.reached


def test_an_http_probe_with_a_url_httpx_rejects_does_not_raise() -> None:
    outcome = _probe(HttpProbe("http://[::1"))
    assert not outcome.ok
