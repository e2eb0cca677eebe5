"""Whatever raises below the engine costs one service's answer, never the others'.

Parsers promise never to raise and to be quick; these tests break the promise on
purpose (a test-only kind whose parse raises or sleeps, and a real payload that
made the Statuspage parser raise) and check that the engine holds: that service is
``unknown`` with a sentence, every other service is checked as usual.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, fixture_bytes, run_traymon
from tests.engine_harness import Harness, run
from tests.misbehaving_sources import MISBEHAVING
from tests.servers import LoopbackServer
from traymon.config import ServiceConfig
from traymon.model import Status
from traymon.sources import SOURCES

OUTAGE = fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
INTERNAL = "Traymon could not read this answer (internal error: ValueError)"


def _config(path: Path, services: dict[str, tuple[str, str]]) -> Path:
    tables = [
        f'[[services]]\nid = "{sid}"\nname = "{sid}"\nkind = "{kind}"\nurl = "{url}"\n'
        for sid, (kind, url) in services.items()
    ]
    path.write_text("[network]\nreference_urls = []\n\n" + "\n".join(tables), encoding="utf-8")
    return path


def _check_with_test_kinds(config: Path, timeout_s: float) -> subprocess.CompletedProcess[str]:
    """The real `check` command, in a child that first registers the test-only kinds."""
    probe = (
        "import sys\n"
        "from tests.misbehaving_sources import register\n"
        "register()\n"
        "from traymon.commands.cli import main\n"
        f"sys.exit(main(['check', '--json', '--timeout', '{timeout_s:g}', "
        f"'--config', {str(config)!r}]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )


def _by_id(stdout: str) -> dict[str, dict[str, object]]:
    return {s["id"]: s for s in json.loads(stdout)["services"]}


def test_a_parser_that_raises_costs_only_its_own_service(
    server: LoopbackServer, tmp_path: Path
) -> None:
    url = server.serve_statuspage("/s", OUTAGE)
    config = _config(
        tmp_path / "t.toml", {"bad": ("test-raising", url), "good": ("statuspage", url)}
    )
    done = _check_with_test_kinds(config, 5)
    assert "Traceback" not in done.stderr
    services = _by_id(done.stdout)
    assert services["bad"]["status"] == "unknown"
    assert services["bad"]["error"] == INTERNAL
    assert services["good"]["status"] == "major_outage"
    assert done.returncode == 2  # Nagios: the outage is critical; not 3, "it crashed"


def test_a_parser_that_takes_too_long_ends_unknown_and_holds_up_nobody(
    server: LoopbackServer, tmp_path: Path
) -> None:
    url = server.serve_statuspage("/s", OUTAGE)
    config = _config(
        tmp_path / "t.toml", {"slow": ("test-sleeping", url), "good": ("statuspage", url)}
    )
    started = time.monotonic()
    done = _check_with_test_kinds(config, 2)
    elapsed = time.monotonic() - started
    services = _by_id(done.stdout)
    assert services["slow"]["status"] == "unknown"
    assert services["slow"]["error"] == "reading the answer took too long (more than 2 s)"
    assert services["good"]["status"] == "major_outage"
    assert elapsed < 15, f"the command waited {elapsed:.1f} s for a parse that never ends"


def test_a_5000_digit_integer_costs_only_its_own_service(
    server: LoopbackServer, tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    # Python refuses to turn more than 4300 digits into an int (ValueError): a real
    # payload that made the Statuspage parser raise.
    page = json.loads(fixture_bytes("statuspage/github_summary_2026-08-22_latest.json"))
    page["page"]["id"] = 0
    body = json.dumps(page).replace('"id": 0', '"id": ' + "9" * 5000, 1).encode()
    hostile = server.serve_statuspage("/hostile", body)
    good = server.serve_statuspage("/good", OUTAGE)
    config = _config(
        tmp_path / "t.toml", {"hostile": ("statuspage", hostile), "good": ("statuspage", good)}
    )
    done = run_traymon("check", "--json", "--config", str(config), env=isolated_env)
    assert "unexpected problem" not in done.stderr, done.stderr
    services = _by_id(done.stdout)
    # Unknown with a sentence (the safety net's; once the parser reads such numbers
    # itself, its own word, which may well be a state).
    hostile = services["hostile"]
    assert hostile["status"] == "operational" or (
        hostile["status"] == "unknown" and hostile["error"]
    )
    assert services["good"]["status"] == "major_outage"
    assert done.returncode == 2


def test_the_monitor_shows_a_raising_service_as_unknown_every_round(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    for kind, source in MISBEHAVING.items():
        monkeypatch.setitem(SOURCES, kind, source)
    url = server.serve_statuspage("/s", OUTAGE)
    services = [
        ServiceConfig(id="bad", name="Bad", kind="test-raising", url=url, interval=60),
        ServiceConfig(id="good", name="Good", kind="statuspage", url=url, interval=60),
    ]

    async def go() -> None:
        async with Harness(services) as h:
            for _ in range(3):  # every round ends in a result, not a silently stale one
                before = len([r for r in h.results if r.service_id == "bad"])
                h.monitor.check_now()
                await h.advance(1)
                bad = [r for r in h.results if r.service_id == "bad"]
                assert len(bad) > before
                assert bad[-1].status is Status.UNKNOWN
                assert bad[-1].error == INTERNAL
            assert h.latest("good").status is Status.MAJOR_OUTAGE

    with caplog.at_level(logging.ERROR):
        run(go())
    assert any(r.exc_info for r in caplog.records), "the traceback belongs in the log"
