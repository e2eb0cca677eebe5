"""The running engine on a fake clock: schedule, conditional requests, noise, staleness."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import fixture_bytes
from tests.engine_harness import Harness, run
from tests.servers import LoopbackServer, Reply
from traymon.config import NetworkConfig, NotificationConfig, ServiceConfig
from traymon.engine.history import History
from traymon.engine.scheduler import CONFIRM_DELAY_S, JITTER_FRACTION
from traymon.engine.triage import Network
from traymon.model import Status, Triage

HEALTHY = fixture_bytes("statuspage/github_summary_2026-08-22_latest.json")
OUTAGE = fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
SUMMARY = "/api/v2/summary.json"


def _service(server: LoopbackServer, sid: str, interval: int = 300) -> ServiceConfig:
    return ServiceConfig(sid, sid.title(), "statuspage", f"{server.base_url}/{sid}", interval)


def _hits(server: LoopbackServer, sid: str) -> int:
    return sum(1 for path in server.requests if path.startswith(f"/{sid}/"))


def test_checks_at_start_then_on_the_interval_with_jitter(server: LoopbackServer) -> None:
    server.serve(f"/a{SUMMARY}", Reply(body=HEALTHY))

    async def scenario() -> None:
        async with Harness([_service(server, "a")]) as h:
            assert _hits(server, "a") == 1
            assert h.latest("a").status is Status.OPERATIONAL
            await h.advance(299)
            assert _hits(server, "a") == 1
            await h.advance(300 * JITTER_FRACTION + 1)
            assert _hits(server, "a") == 2

    run(scenario())


def test_a_304_reuses_the_last_parse(server: LoopbackServer) -> None:
    server.serve(f"/a{SUMMARY}", Reply(body=OUTAGE, etag='"v1"', last_modified="Sat, 22 Aug"))

    async def scenario() -> None:
        async with Harness([_service(server, "a")]) as h:
            await h.advance(CONFIRM_DELAY_S * 1.2)  # confirm the outage (down after 2)
            await h.advance(400)
            assert server.request_headers[0].get("If-None-Match") is None
            assert server.request_headers[-1]["If-None-Match"] == '"v1"'
            assert server.request_headers[-1]["If-Modified-Since"] == "Sat, 22 Aug"
            assert h.latest("a").status is Status.MAJOR_OUTAGE
            assert h.latest("a").incidents  # the reused parse keeps the details

    run(scenario())


def test_retry_after_is_honoured(server: LoopbackServer) -> None:
    server.serve(f"/a{SUMMARY}", Reply(status=429, headers={"Retry-After": "900"}))

    async def scenario() -> None:
        async with Harness([_service(server, "a", interval=60)]) as h:
            assert h.latest("a").error == "the server answered HTTP 429 Too Many Requests"
            await h.advance(899)
            assert _hits(server, "a") == 1
            await h.advance(60 * JITTER_FRACTION + 2)
            assert _hits(server, "a") == 2

    run(scenario())


def test_errors_back_off_and_success_resets(server: LoopbackServer) -> None:
    server.serve(f"/a{SUMMARY}", Reply(status=500))

    async def scenario() -> None:
        async with Harness([_service(server, "a", interval=60)]) as h:
            gaps = []
            for _ in range(3):
                before = h.clock.monotonic()
                hits = _hits(server, "a")
                while _hits(server, "a") == hits:
                    await h.advance(10)
                gaps.append(h.clock.monotonic() - before)
            # 60, then 120, then 240 s (plus up to 10 % jitter, in 10 s steps).
            assert 60 <= gaps[0] <= 80
            assert 120 <= gaps[1] <= 140
            assert 240 <= gaps[2] <= 270

    run(scenario())


def test_waking_from_sleep_checks_everything_at_once(server: LoopbackServer) -> None:
    server.serve(f"/a{SUMMARY}", Reply(body=HEALTHY))
    server.serve(f"/b{SUMMARY}", Reply(body=HEALTHY))

    async def scenario() -> None:
        async with Harness([_service(server, "a"), _service(server, "b", 3600)]) as h:
            await h.advance(100)
            h.clock.suspend(8 * 3600)  # the lid was closed overnight
            await h.advance(31)  # the loop looks at the clocks at least every 30 s
            assert (_hits(server, "a"), _hits(server, "b")) == (2, 2)

    run(scenario())


def test_an_outage_needs_two_bad_checks_and_five_become_one_notification(
    server: LoopbackServer,
) -> None:
    ids = ["a", "b", "c", "d", "e"]
    for sid in ids:
        server.serve(f"/{sid}{SUMMARY}", Reply(body=HEALTHY))

    async def scenario() -> None:
        async with Harness([_service(server, sid) for sid in ids]) as h:
            assert h.events == []  # the first answer is news, not a transition
            for sid in ids:
                server.serve(f"/{sid}{SUMMARY}", Reply(body=OUTAGE))
            await h.advance(331)
            assert h.latest("a").status is Status.OPERATIONAL  # one bad check: not yet
            assert h.events == []
            await h.advance(CONFIRM_DELAY_S * 1.1)  # a pending change is confirmed soon
            assert {e.service_id for e in h.events} == set(ids)
            assert all(e.new is Status.MAJOR_OUTAGE and e.triage is Triage.VENDOR for e in h.events)
            assert h.latest("a").status is Status.MAJOR_OUTAGE
            await h.advance(31)
            (note,) = h.notifications
            assert len(note.events) == 5 and all(e.is_problem for e in note.events)

            for sid in ids:
                server.serve(f"/{sid}{SUMMARY}", Reply(body=HEALTHY))
            await h.advance(331)
            assert h.latest("a").status is Status.MAJOR_OUTAGE  # one good check: not yet
            await h.advance(CONFIRM_DELAY_S * 1.1)
            await h.advance(31)
            assert h.latest("a").status is Status.OPERATIONAL
            back = h.notifications[-1].events
            assert len(back) == 5 and all(e.is_recovery for e in back)

    run(scenario())


def test_failed_fetches_keep_the_last_state_then_go_stale(server: LoopbackServer) -> None:
    server.serve(f"/a{SUMMARY}", Reply(body=HEALTHY))

    async def scenario() -> None:
        async with Harness([_service(server, "a", interval=60)]) as h:
            server.serve(f"/a{SUMMARY}", Reply(status=500))
            await h.advance(70)
            shown = h.latest("a")
            assert (shown.status, shown.triage) == (Status.OPERATIONAL, Triage.OK)
            assert shown.error == "the server answered HTTP 500 Internal Server Error"
            for _ in range(30):
                await h.advance(30)
            shown = h.latest("a")
            assert (shown.status, shown.triage) == (Status.UNKNOWN, Triage.STALE)
            assert "last known: Operational" in shown.summary
            assert shown.fresh_at is not None
            assert h.notifications == []  # going stale is not an outage

    run(scenario())


def test_offline_makes_every_service_local_and_nothing_alarms() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dead = f"http://127.0.0.1:{port}"
    services = [ServiceConfig(s, s, "statuspage", f"{dead}/{s}", 60) for s in ("a", "b")]

    async def scenario() -> None:
        net = NetworkConfig(reference_urls=(f"{dead}/ref",), timeout_s=1)
        async with Harness(services, network=net) as h:
            await h.advance(20)  # a request reached nobody: the references are asked
            assert h.networks == [Network.OFFLINE]
            for sid in ("a", "b"):
                assert h.latest(sid).triage is Triage.LOCAL
            await h.advance(600)
            assert h.notifications == []

    run(scenario())


def test_suspected_when_probes_fail_under_a_green_page(server: LoopbackServer) -> None:
    from traymon.probes import TcpProbe

    server.serve(f"/a{SUMMARY}", Reply(body=HEALTHY))
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    service = ServiceConfig(
        "a", "Mail", "statuspage", f"{server.base_url}/a", 300,
        probes=(TcpProbe("127.0.0.1", port),), probe_interval=60,
    )  # fmt: skip

    async def scenario() -> None:
        async with Harness([service]) as h:
            await h.advance(70)
            await h.advance(CONFIRM_DELAY_S * 1.1)
            assert h.latest("a").triage is Triage.SUSPECTED
            assert h.latest("a").status is Status.OPERATIONAL
            await h.advance(31)
            (told,) = h.notifications[-1].events
            assert (told.name, told.triage) == ("Mail", Triage.SUSPECTED)

    run(scenario())


def test_history_shows_last_known_states_at_start(server: LoopbackServer, tmp_path: Path) -> None:
    server.serve(f"/a{SUMMARY}", Reply(body=HEALTHY))
    history = History(tmp_path / "history.sqlite3")

    async def first_run() -> None:
        async with Harness([_service(server, "a")], history=history):
            pass

    run(first_run())
    server.serve(f"/a{SUMMARY}", Reply(hang=True))

    async def second_run() -> None:
        h = Harness([_service(server, "a")], history=history)
        task = __import__("asyncio").create_task(h.monitor.run())
        await h.until(lambda: bool(h.results))
        first = h.results[0]
        assert (first.status, first.triage) == (Status.OPERATIONAL, Triage.STALE)
        # The vendor's words as history kept them; "last known" is the verdict's to say.
        assert first.summary == "All Systems Operational" and first.reason is None
        h.monitor.stop()
        await task

    run(second_run())
    assert history.sample_count() == 1
    history.close()


def test_quiet_hours_and_mute_silence_notifications(server: LoopbackServer) -> None:
    server.serve(f"/a{SUMMARY}", Reply(body=OUTAGE))
    server.serve(f"/b{SUMMARY}", Reply(body=HEALTHY))

    async def scenario() -> None:
        notes = NotificationConfig(down_after=1, up_after=1)
        async with Harness(
            [_service(server, "a"), _service(server, "b")], notifications=notes
        ) as h:
            h.monitor.mute("b")
            server.serve(f"/b{SUMMARY}", Reply(body=OUTAGE))
            await h.advance(400)
            assert any(e.service_id == "b" for e in h.events)
            assert all(e.service_id != "b" for n in h.notifications for e in n.events)

    run(scenario())


def test_coming_back_online_checks_everything_at_once(server: LoopbackServer) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server.serve(f"/a{SUMMARY}", Reply(reset=True))  # nothing gets through: like no network
    server.serve(f"/b{SUMMARY}", Reply(reset=True))
    services = [_service(server, "a", interval=60), _service(server, "b", interval=3600)]

    async def scenario() -> None:
        net = NetworkConfig(reference_urls=(f"http://127.0.0.1:{port}/",), timeout_s=1)
        async with Harness(services, network=net) as h:
            await h.advance(20)
            assert h.monitor.network is Network.OFFLINE
            assert h.latest("b").triage is Triage.LOCAL
            server.serve(f"/a{SUMMARY}", Reply(body=HEALTHY))
            server.serve(f"/b{SUMMARY}", Reply(body=HEALTHY))
            b_before = _hits(server, "b")
            while h.monitor.network is Network.OFFLINE:
                await h.advance(10)  # a's backoff is minutes, b's an hour
            assert h.networks == [Network.OFFLINE, Network.ONLINE]
            await h.idle()
            assert _hits(server, "b") == b_before + 1  # at once, not in an hour
            assert h.latest("b").status is Status.OPERATIONAL
            assert h.latest("b").triage is Triage.OK

    run(scenario())


def test_the_first_answer_after_a_restart_is_compared_with_history(
    server: LoopbackServer, tmp_path: Path
) -> None:
    server.serve(f"/a{SUMMARY}", Reply(body=HEALTHY))
    history = History(tmp_path / "history.sqlite3")

    async def first_run() -> None:
        async with Harness([_service(server, "a")], history=history):
            pass

    async def second_run() -> None:
        async with Harness([_service(server, "a")], history=history) as h:
            (event,) = h.events
            assert (event.old, event.new, event.triage) == (
                Status.OPERATIONAL,
                Status.MAJOR_OUTAGE,
                Triage.VENDOR,
            )
            assert h.results[0].triage is Triage.STALE  # history's word first, marked stale
            assert h.latest("a").status is Status.MAJOR_OUTAGE

    run(first_run())
    server.serve(f"/a{SUMMARY}", Reply(body=OUTAGE))
    run(second_run())
    (stored,) = history.transitions_since(datetime(2000, 1, 1, tzinfo=UTC))
    assert stored.new is Status.MAJOR_OUTAGE
    history.close()
