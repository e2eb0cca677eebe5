"""IT's side of the fleet as commands: `relay ingest` in a subprocess, `relay --once`,
`relay status`, and the webhook that tells the helpdesk once per verdict change."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.fleet_helpers import RedisServer, free_port, redis_server
from tests.relay_helpers import TENANT, relay_folder
from tests.servers import LoopbackServer, Reply, running_server, wait_until
from traymon.model import FleetSignal
from traymon.relay.verify import Refusal, verify
from traymon.relay.webhook import Webhook

pytestmark = pytest.mark.linux_only  # needs redis-server from Debian

TOKEN = secrets.token_urlsafe(18)


@pytest.fixture(scope="module")
def redis() -> Iterator[RedisServer]:
    with redis_server() as server:
        yield server


def traymon(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "traymon", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )


def test_ingest_publisher_and_status_from_the_command_line(
    tmp_path: Path, redis: RedisServer
) -> None:
    redis.client().flushall()
    cfg, key = relay_folder(
        tmp_path, extra=f'[fleet]\nredis_url = "{redis.url}"\ntoken_env = "TEST_FLEET_TOKEN"'
    )
    env = {"TEST_FLEET_TOKEN": TOKEN, "TRAYMON_RELAY_CONFIG": str(cfg.path)}
    port = free_port()
    ingest = subprocess.Popen(
        [sys.executable, "-m", "traymon", "relay", "ingest", "--port", str(port)],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        assert wait_until(lambda: _up(url), 20), "the ingest did not start"
        for _ in range(6):
            body = {"v": 1, "id": secrets.token_urlsafe(16), "site": "berlin",
                    "services": {"exchange-online": "tls"}}  # fmt: skip
            answer = httpx.post(
                url + "/v1/report", json=body, headers={"authorization": f"Bearer {TOKEN}"}
            )
            assert answer.status_code == 204
        refused = httpx.post(url + "/v1/report", json={}, headers={"authorization": "Bearer x"})
        assert refused.status_code == 401
    finally:
        ingest.terminate()
        out, _ = ingest.communicate(timeout=20)
    assert b"127.0.0.1" not in out.replace(f"127.0.0.1:{port}".encode(), b"")  # no access log
    done = traymon("relay", "--once", env=env)
    assert done.returncode == 0, done.stderr
    doc = verify((cfg.output / "tenant.jws").read_bytes(), [key.public], tenant=TENANT,
                 now=_now())  # fmt: skip
    assert not isinstance(doc, Refusal)
    (entry,) = doc.fleet
    assert (entry.site, entry.service, entry.desktops, entry.outage) == (
        "berlin", "exchange-online", 6, True)  # fmt: skip
    site_doc = verify((cfg.output / "sites" / "berlin.jws").read_bytes(), [key.public],
                      tenant=TENANT, now=_now(), site="berlin")  # fmt: skip
    assert not isinstance(site_doc, Refusal) and site_doc.fleet == doc.fleet
    shown = traymon("relay", "status", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "berlin" in shown.stdout and "OUTAGE" in shown.stdout and "100%" in shown.stdout
    as_json = json.loads(traymon("relay", "status", "--json", env=env).stdout)
    assert as_json["fleet"][0]["outage"] is True
    assert as_json["refused"] == {"token": 1}  # flushed when the ingest stopped


def test_status_without_a_fleet_table_is_a_sentence(tmp_path: Path) -> None:
    cfg, _ = relay_folder(tmp_path)
    done = traymon("relay", "status", env={"TRAYMON_RELAY_CONFIG": str(cfg.path)})
    assert done.returncode == 3 and "has no [fleet] table" in done.stderr


def _up(url: str) -> bool:
    try:
        return httpx.get(url + "/healthz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def _now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.now(UTC)


def entry(site: str, outage: bool = True) -> FleetSignal:
    return FleetSignal(site, "exchange-online", 300, 0.6, outage)


@pytest.fixture
def hook_server() -> Iterator[LoopbackServer]:
    with running_server() as server:
        yield server


def test_the_webhook_posts_once_per_verdict_change(hook_server: LoopbackServer) -> None:
    url = hook_server.serve("/hook/T0K3N-SECRET", Reply(body=b"ok"))
    hook = Webhook(url)
    hook.changed([entry("berlin")])
    hook.changed([entry("berlin")])  # the same verdict again: nothing
    hook.changed([entry("berlin"), entry("paris", outage=False)])  # not a verdict: nothing
    hook.changed([])  # ended
    hook.close()
    posts = [json.loads(body)["text"] for _, _, _, body in hook_server.seen]
    assert len(posts) == 2
    assert "exchange-online is failing for 60% of 300 desktops at site berlin" in posts[0]
    assert "back to usual" in posts[1]


def test_an_unreachable_webhook_never_blocks_the_relay(caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()  # nothing listens there
    hook = Webhook(f"http://127.0.0.1:{port}/hook/SECRET-PATH")
    started = time.monotonic()
    for i in range(50):  # far more changes than the queue holds
        hook.changed([entry(f"s{i}")])
    assert time.monotonic() - started < 0.5
    hook.close()
    assert hook.failed >= 1
    assert "SECRET-PATH" not in caplog.text  # the address is a secret: only its host
