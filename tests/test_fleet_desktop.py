"""The desktop's side of the fleet: its reports (real ingest, real Redis), the triage's
"our company's path" / "this PC", the words, and that the fleet never switches mail."""

from __future__ import annotations

import json
import os
import secrets
import socket
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import fixture_bytes
from tests.engine_harness import Harness, run
from tests.fleet_helpers import IngestServer, RedisServer, free_port, ingest_server, redis_server
from tests.servers import LoopbackServer, Reply
from tests.test_relay_source import KEY, TENANT, document, signed
from traymon.config import ServiceConfig
from traymon.config.schema import FleetReportConfig
from traymon.continuity.policy import Action, Mode, PolicySettings, PolicyState, decide
from traymon.engine.fleet_report import FleetReporter, failure_class
from traymon.engine.scheduler import CONFIRM_DELAY_S
from traymon.engine.triage import where
from traymon.model import FleetSignal, ProbeOutcome, Triage, Where
from traymon.probes import HttpProbe, TcpProbe
from traymon.reason_english import english
from traymon.reasons import Code, Reason
from traymon.relay.fleet_config import FleetConfig
from traymon.relay.fleet_counts import FleetStore, minute_of

pytestmark = pytest.mark.linux_only  # needs redis-server from Debian

HEALTHY = fixture_bytes("statuspage/github_summary_2026-08-22_latest.json")
TOKEN = secrets.token_urlsafe(18)


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture(scope="module")
def redis() -> Iterator[RedisServer]:
    with redis_server() as server:
        yield server


@pytest.fixture
def ingest(redis: RedisServer) -> Iterator[IngestServer]:
    redis.client().flushall()
    os.environ["TRAYMON_TEST_DESKTOP_TOKEN"] = TOKEN
    cfg = FleetConfig(redis_url=redis.url, token_env="TRAYMON_TEST_DESKTOP_TOKEN")
    with ingest_server(cfg) as server:
        yield server


def closed_port() -> int:
    return free_port()  # nothing listens there: the probe's connection is refused


def fleet_doc(site: str, outage: bool, vendor_admits: bool = False) -> bytes:
    entry = FleetSignal(site, "exchange-online", 320, 0.6 if outage else 0.01, outage,
                        datetime.now(UTC) - timedelta(minutes=3) if outage else None,
                        vendor_admits)  # fmt: skip
    doc = document()
    from dataclasses import replace

    return signed(replace(doc, site=site, fleet=(entry,)))


def services(server: LoopbackServer, site_doc: bytes) -> list[ServiceConfig]:
    server.serve("/exo/api/v2/summary.json", Reply(body=HEALTHY))  # the vendor: all is well
    relay_url = server.serve("/sites/berlin.jws", Reply(body=site_doc))
    probe = TcpProbe("127.0.0.1", closed_port())
    page = f"{server.base_url}/exo"
    exo = ServiceConfig("exchange-online", "Exchange Online", "statuspage", page, 300,
                        probes=(probe,), probe_interval=60)  # fmt: skip
    options = {"tenant_id": TENANT, "keys": (KEY.public.text,), "site": "berlin"}
    relay = ServiceConfig("berlin", "Berlin office", "relay", relay_url, 300, options=options)
    return [relay, exo]


def test_the_engine_reports_its_probes_and_shows_its_not_just_you(
    server: LoopbackServer, ingest: IngestServer, redis: RedisServer
) -> None:
    fleet = FleetReportConfig(report_url=ingest.url, site="berlin", token=TOKEN)

    async def scenario() -> None:
        async with Harness(services(server, fleet_doc("berlin", True)), fleet=fleet) as h:
            await h.advance(70)
            await h.advance(CONFIRM_DELAY_S * 1.1)
            shown = h.latest("exchange-online")
            assert shown.triage is Triage.SUSPECTED
            assert shown.where is Where.COMPANY_PATH
            assert shown.fleet is not None and shown.fleet.desktops == 320
            await h.until(lambda: h.monitor._fleet is not None and h.monitor._fleet.sent >= 1)

    run(scenario())
    store = FleetStore(redis.client())
    minute = minute_of(time.time())
    (count,) = store.counts([minute, minute - 1], [("berlin", "exchange-online")])
    assert (count.desktops, count.failing) == (1, 1)  # the relay service has no probes


def test_others_fine_at_the_site_means_this_pc(server: LoopbackServer) -> None:
    fleet = FleetReportConfig(site="berlin")  # reading the fleet needs no reporting

    async def scenario() -> None:
        async with Harness(services(server, fleet_doc("berlin", False)), fleet=fleet) as h:
            await h.advance(70)
            await h.advance(CONFIRM_DELAY_S * 1.1)
            assert h.latest("exchange-online").where is Where.THIS_PC

    run(scenario())


def test_what_a_report_holds_and_that_the_id_changes_every_day() -> None:
    day = [date(2027, 1, 15)]
    reporter = FleetReporter(FleetReportConfig("https://x.invalid/v1/report", "berlin", "t"),
                             lambda: day[0])  # fmt: skip
    secret_words = "outlook.office365.com 10.1.2.3 alice connection refused"
    refused = Reason(Code.REFUSED, host="outlook.office365.com")
    probe = ProbeOutcome("tcp outlook.office365.com:993", False, english(refused), reason=refused)
    reporter.observe("exchange-online", [probe])
    reporter.observe("teams", [ProbeOutcome("http https://teams.microsoft.com", True, "ok")])
    reporter.not_working("sharepoint")
    first = json.loads(reporter.build() or b"")
    assert first["services"] == {"exchange-online": "connect", "teams": "ok", "sharepoint": "user"}
    assert set(first) == {"v", "id", "site", "services"}
    for word in [*secret_words.split(), socket.gethostname()]:
        assert word not in json.dumps(first)
    again = json.loads(reporter.build() or b"")
    assert again["id"] == first["id"] and "sharepoint" not in again["services"]
    day[0] = date(2027, 1, 16)
    assert json.loads(reporter.build() or b"")["id"] != first["id"]


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (Reason(Code.DNS, host="mail.example"), "dns"),
        (Reason(Code.TLS_EXPIRED), "tls"),
        (Reason(Code.TLS_UNTRUSTED, issuer="Example Proxy"), "tls"),
        (Reason(Code.STARTTLS_TIMEOUT, seconds=10), "tls"),
        (Reason(Code.NOT_TLS), "tls"),
        (Reason(Code.HTTP_STATUS, status=503), "http"),
        (Reason(Code.HTTP_STATUS, status=404, expected=200), "http"),
        (Reason(Code.SLOW, seconds=4.2, limit=2000), "slow"),
        (Reason(Code.REFUSED), "connect"),
        (Reason(Code.TIMEOUT, seconds=10), "connect"),
        (Reason(Code.PROBE_INTERNAL, detail="KeyError"), "other"),
    ],
)
def test_failure_classes_from_the_probes_reasons(reason: Reason, expected: str) -> None:
    probe = ProbeOutcome("p", False, english(reason), reason=reason)
    assert failure_class(probe) == expected
    # The class comes from the code, not from the English (which may be reworded).
    assert failure_class(ProbeOutcome("p", False, "the name could not be resolved")) == "other"


def test_reports_never_block_when_the_ingest_is_unreachable() -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1/report"
    reporter = FleetReporter(FleetReportConfig(url, "berlin", "t"), date.today)
    reporter.observe("exchange-online", [ProbeOutcome("p", True, "ok")])

    async def scenario() -> None:
        async with httpx.AsyncClient() as client:
            started = time.monotonic()
            for i in range(10):
                await reporter.send(client, float(i))
            assert time.monotonic() - started < 2
        assert reporter.sent == 0 and reporter.dropped == 10 and not reporter.queue

    run(scenario())


def test_where_is_information_only() -> None:
    outage = FleetSignal("berlin", "exo", 300, 0.6, True)
    fine = FleetSignal("berlin", "exo", 300, 0.01, False)
    admitted = FleetSignal("berlin", "exo", 300, 0.6, True, vendor_admits=True)
    assert where(Triage.SUSPECTED, outage) is Where.COMPANY_PATH
    assert where(Triage.SUSPECTED, fine) is Where.THIS_PC
    assert where(Triage.SUSPECTED, admitted) is None
    assert where(Triage.SUSPECTED, None) is None
    assert where(Triage.OK, outage) is None  # this PC's probes pass: no claim at all


def test_the_fleet_verdict_never_switches_mail_by_itself() -> None:
    """A fleet outage at this site with this desktop's probes fine is still ``ok``: the
    switch policy, fed an hour of it, never offers or makes a switch."""
    outage = FleetSignal("berlin", "exchange-online", 300, 0.6, True)
    settings = PolicySettings(Mode.ASK, switch_after=timedelta(minutes=10))
    state = PolicyState()
    start = datetime(2027, 1, 15, 9, tzinfo=UTC)
    for minute in range(60):
        verdict = Triage.OK  # the engine's triage: the fleet does not change it
        assert where(Triage.OK, outage) is None
        decision = decide(state, {"exchange-online": verdict}, start + timedelta(minutes=minute),
                          settings)  # fmt: skip
        assert decision.action is Action.NONE
        state = decision.state


def test_http_probe_words_classify_as_http(server: LoopbackServer) -> None:
    """The classes come from the probes' real words (a real 503 here)."""
    from traymon.probes.run import run_probe

    url = server.serve("/down", Reply(body=b"down", status=503))

    async def probe() -> ProbeOutcome:
        async with httpx.AsyncClient() as client:
            return await run_probe(HttpProbe(url), client, 5)

    outcome = run(probe())
    assert not outcome.ok and failure_class(outcome) == "http"


def test_notifications_and_the_window_say_it_in_plain_words() -> None:
    from traymon.engine.events import Notification, TransitionEvent
    from traymon.gui.notices import message_for
    from traymon.gui.wording import triage_label, triage_sentence
    from traymon.model import Status
    from traymon.viewmodel import ServiceView

    at = datetime(2027, 1, 15, 9, tzinfo=UTC)
    event = TransitionEvent("exo", "Exchange Online", Status.OPERATIONAL, Status.OPERATIONAL,
                            Triage.SUSPECTED, at, Triage.OK, "Microsoft",
                            where=Where.COMPANY_PATH)  # fmt: skip
    body = message_for(Notification((event,))).body
    assert body.startswith("Exchange Online: it's not just you; many PCs at your site fail too")
    view = ServiceView("exo", "Exchange Online", Status.OPERATIONAL, Triage.SUSPECTED, "", at,
                       vendor="Microsoft", where=Where.THIS_PC)  # fmt: skip
    assert triage_sentence(view) == (
        "Exchange Online: fails from this PC only; other PCs at your site are fine"
    )
    assert triage_label(Triage.SUSPECTED, "Microsoft", Where.COMPANY_PATH) == (
        "It's not just you: many PCs here fail too"
    )


def test_traymon_check_says_it_too(server: LoopbackServer) -> None:
    from traymon.commands.report import to_json, to_table
    from traymon.config import NetworkConfig
    from traymon.engine.oneshot import check_round
    from traymon.sources.http import FetchLimits

    checked = run(check_round(services(server, fleet_doc("berlin", True)),
                              NetworkConfig(reference_urls=()), FetchLimits(timeout_s=2),
                              site="berlin"))  # fmt: skip
    exo = next(r for r in checked.results if r.service_id == "exchange-online")
    assert exo.triage is Triage.SUSPECTED and exo.where is Where.COMPANY_PATH
    assert "not just you: many PCs at this site fail too" in to_table(checked.results)
    rows = json.loads(to_json(checked.results, datetime.now(UTC), "online"))["services"]
    assert next(r for r in rows if r["id"] == "exchange-online")["where"] == "company_path"


def test_the_fleets_picture_is_shown_not_observed(server: LoopbackServer) -> None:
    """A new fleet picture re-shows a service with its ``where``; it is no observation of
    this desktop's, so noise control (which counts observations) never hears of it."""
    fleet = FleetReportConfig(site="berlin")

    async def scenario() -> None:
        async with Harness(services(server, fleet_doc("berlin", False)), fleet=fleet) as h:
            await h.advance(70)
            await h.advance(CONFIRM_DELAY_S * 1.1)
            assert h.latest("exchange-online").where is Where.THIS_PC
            monitor: Any = h.monitor
            state = monitor._states["exchange-online"]

            def no_observation(*_: object) -> None:
                raise AssertionError("the fleet's picture was fed to noise control")

            state.debouncer.observe = no_observation
            outage = FleetSignal("berlin", "exchange-online", 320, 0.6, True)
            before = len(h.results)
            monitor._take_fleet([outage])
            assert len(h.results) == before + 1
            assert h.results[-1].where is Where.COMPANY_PATH

    run(scenario())
