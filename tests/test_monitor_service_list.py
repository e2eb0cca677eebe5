"""A new service list reaches the running engine: nothing it knows is lost.

The person adds and removes services in the dialog; the engine keeps each kept
service's last result, its noise-control streak and its place in a catch-up,
checks an added one at once and forgets a removed one (real loopback servers,
fake clock).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from tests.conftest import fixture_bytes
from tests.engine_harness import Harness, run
from tests.servers import LoopbackServer, Reply
from traymon.config import ServiceConfig
from traymon.engine.scheduler import CONFIRM_DELAY_S, JITTER_FRACTION
from traymon.model import Status

HEALTHY = fixture_bytes("statuspage/github_summary_2026-08-22_latest.json")
OUTAGE = fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
SUMMARY = "/api/v2/summary.json"


def _service(server: LoopbackServer, sid: str, interval: int = 300) -> ServiceConfig:
    return ServiceConfig(sid, sid.title(), "statuspage", f"{server.base_url}/{sid}", interval)


def _hits(server: LoopbackServer, sid: str) -> int:
    return sum(1 for path in server.requests if path.startswith(f"/{sid}/"))


def test_a_new_list_keeps_what_the_engine_knows_adds_at_once_and_forgets_the_removed(
    server: LoopbackServer,
) -> None:
    for sid in "abc":
        server.serve(f"/{sid}{SUMMARY}", Reply(body=HEALTHY))
    a, b, c = (_service(server, sid) for sid in "abc")

    async def scenario() -> None:
        async with Harness([a, b]) as h:
            engine = h.monitor
            server.serve(f"/a{SUMMARY}", Reply(body=OUTAGE))
            await h.advance(300 * (1 + JITTER_FRACTION) + 1)
            assert h.latest("a").status is Status.OPERATIONAL  # one bad check: pending
            h.monitor.set_services([replace(a, interval=900), c])
            await h.idle()
            assert h.monitor is engine and _hits(server, "c") == 1  # checked at once
            assert set(h.monitor.latest()) == {"a", "c"}
            # a's streak survived: one more bad check confirms (a new engine would
            # take its first answer as news, with no transition at all).
            await h.advance(CONFIRM_DELAY_S * 1.1)
            assert [(e.service_id, e.new) for e in h.events] == [("a", Status.MAJOR_OUTAGE)]
            # a now every 900 s; b is never asked again.
            asked, b_asked = _hits(server, "a"), _hits(server, "b")
            await h.advance(600)
            assert (_hits(server, "a"), _hits(server, "b")) == (asked, b_asked)
            await h.advance(900 * JITTER_FRACTION + 301)
            assert _hits(server, "a") == asked + 1 and _hits(server, "b") == b_asked
            assert [s.id for s in h.monitor.services] == ["a", "c"]

    run(scenario())


def test_what_a_pause_holds_of_a_kept_service_stays_and_a_removed_ones_goes(
    server: LoopbackServer,
) -> None:
    for sid in "ab":
        server.serve(f"/{sid}{SUMMARY}", Reply(body=HEALTHY))
    a, b = (_service(server, sid) for sid in "ab")

    async def scenario() -> None:
        async with Harness([a, b]) as h:
            h.monitor.pause(h.clock.wall() + timedelta(hours=4))
            for sid in "ab":
                server.serve(f"/{sid}{SUMMARY}", Reply(body=OUTAGE))
            await h.advance(300 * (1 + JITTER_FRACTION) + 1)
            await h.advance(CONFIRM_DELAY_S * 1.1)
            assert {e.service_id for e in h.events} == {"a", "b"}
            held = h.monitor.alerts.held
            assert "a" in held and "b" in held  # held for the catch-up
            h.monitor.set_services([a])
            await h.idle()
            assert "a" in held and "b" not in held and len(held) == 1
            assert h.notifications == []  # still paused

    run(scenario())


def test_a_service_asked_differently_is_asked_now_and_its_answer_shows_at_once(
    server: LoopbackServer,
) -> None:
    """Another URL or other options ("Watch only these…"): the old confirmed state and a
    cached parse answered another question."""
    server.serve(f"/a{SUMMARY}", Reply(body=HEALTHY, etag='"v1"'))
    server.serve(f"/mirror{SUMMARY}", Reply(body=OUTAGE))
    a = _service(server, "a")

    async def scenario() -> None:
        async with Harness([a]) as h:
            assert h.latest("a").status is Status.OPERATIONAL
            h.monitor.set_services([replace(a, url=f"{server.base_url}/mirror")])
            await h.idle()
            assert _hits(server, "mirror") == 1  # at once, not after the interval
            assert h.latest("a").status is Status.MAJOR_OUTAGE  # no second bad check needed

    run(scenario())
