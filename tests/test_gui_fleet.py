"""The person's side of the fleet in the window: "It's not working for me" reaches Redis
(through the bridge, the engine and the real ingest), and the verdict in plain words."""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import fixture_bytes
from tests.fleet_helpers import RedisServer, ingest_server, redis_server
from tests.servers import LoopbackServer, Reply, wait_until
from traymon.config import ServiceConfig
from traymon.config.schema import FleetReportConfig
from traymon.gui.bridge import MonitorBridge
from traymon.gui.service_detail import ServiceDetail
from traymon.model import FleetSignal, Status, Triage, Where
from traymon.relay.fleet_config import FleetConfig
from traymon.relay.fleet_counts import FleetStore, minute_of
from traymon.viewmodel import ServiceView

pytestmark = pytest.mark.linux_only  # needs redis-server from Debian

TOKEN = secrets.token_urlsafe(18)


@pytest.fixture(scope="module")
def redis() -> Iterator[RedisServer]:
    with redis_server() as server:
        yield server


def view(where: Where | None = None) -> ServiceView:
    at = datetime(2027, 1, 15, 9, tzinfo=UTC)
    fleet = FleetSignal("berlin", "exo", 320, 0.6, True, at)
    return ServiceView("exo", "Exchange Online", Status.OPERATIONAL, Triage.SUSPECTED, "", at,
                       vendor="Microsoft", where=where, fleet=fleet)  # fmt: skip


def test_the_button_shows_only_when_reports_are_on_and_says_which_service(qtbot: QtBot) -> None:
    detail = ServiceDetail()
    qtbot.addWidget(detail)
    now = datetime(2027, 1, 15, 9, 5, tzinfo=UTC)
    detail.show_view(view(Where.COMPANY_PATH), now)
    assert detail.not_working_button.isHidden()  # policy has not turned reports on
    assert "It's not just you: many PCs here fail too" in detail.verdict.text()
    detail.set_reporting(True)
    detail.show_view(view(Where.COMPANY_PATH), now)
    assert not detail.not_working_button.isHidden()
    with qtbot.waitSignal(detail.not_working, timeout=2000) as told:
        detail.not_working_button.click()
    assert told.args == ["exo"]
    assert not detail.not_working_button.isEnabled()  # once per service shown


def test_not_working_for_me_is_counted_at_the_site(
    qtbot: QtBot, server: LoopbackServer, redis: RedisServer
) -> None:
    redis.client().flushall()
    os.environ["TRAYMON_TEST_GUI_FLEET_TOKEN"] = TOKEN
    cfg = FleetConfig(redis_url=redis.url, token_env="TRAYMON_TEST_GUI_FLEET_TOKEN")
    healthy = fixture_bytes("statuspage/github_summary_2026-08-22_latest.json")
    server.serve("/exo/api/v2/summary.json", Reply(body=healthy))
    service = ServiceConfig("exo", "Exchange Online", "statuspage", f"{server.base_url}/exo", 300)
    with ingest_server(cfg) as ingest:
        fleet = FleetReportConfig(report_url=ingest.url, site="berlin", token=TOKEN)
        bridge = MonitorBridge([service], fleet=fleet)
        with qtbot.waitSignal(bridge.result_ready, timeout=10_000):
            bridge.start()
        try:
            bridge.not_working("exo")
            store = FleetStore(redis.client())

            def counted() -> bool:
                minute = minute_of(time.time())
                counts = store.counts([minute, minute - 1], [("berlin", "exo")])
                return bool(counts) and counts[0].failing == 1

            assert wait_until(counted, 10), "the person's report did not reach Redis"
        finally:
            bridge.stop()
