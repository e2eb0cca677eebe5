"""The running engine's catch-up after a pause or quiet hours, on a fake clock.

Real Monitor, real loopback status page; time moves only when the test says so.
"""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import fixture_bytes
from tests.engine_harness import Harness, run
from tests.servers import LoopbackServer, Reply
from traymon.config import ServiceConfig
from traymon.engine.events import CatchUpKind, Silence
from traymon.engine.scheduler import CONFIRM_DELAY_S
from traymon.model import Status

HEALTHY = fixture_bytes("statuspage/github_summary_2026-08-22_latest.json")
OUTAGE = fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
SUMMARY = "/api/v2/summary.json"


def _service(server: LoopbackServer, sid: str) -> ServiceConfig:
    return ServiceConfig(sid, sid.title(), "statuspage", f"{server.base_url}/{sid}", 300)


async def _confirm(h: Harness) -> None:
    """One interval for the first bad (or good) check, then the quick confirming one."""
    await h.advance(331)
    await h.advance(CONFIRM_DELAY_S * 1.1)


def test_an_outage_during_a_pause_is_told_once_exactly_when_the_pause_ends(
    server: LoopbackServer,
) -> None:
    server.serve(f"/outlook{SUMMARY}", Reply(body=HEALTHY))

    async def scenario() -> None:
        async with Harness([_service(server, "outlook")]) as h:
            ends = h.clock.wall() + timedelta(hours=1)
            h.monitor.pause(ends)
            server.serve(f"/outlook{SUMMARY}", Reply(body=OUTAGE))
            await _confirm(h)
            (went_down,) = h.events
            assert h.latest("outlook").status is Status.MAJOR_OUTAGE
            await h.advance(600)
            assert h.notifications == []  # paused: the icon changed, nobody was disturbed
            await h.advance((ends - h.clock.wall()).total_seconds() - 1)
            requests = len(server.requests)
            assert h.notifications == []
            # The loop last looked a second ago; its 30 s watch is far off. Only the pause's
            # end wakes it now, and no check is due that could have woken it instead.
            await h.advance(1.5)
            assert len(server.requests) == requests
            (note,) = h.notifications
            assert note.catch_up is not None and note.catch_up.reason is Silence.PAUSED
            (line,) = note.catch_up.lines
            assert (line.service_id, line.kind, line.since) == (
                "outlook", CatchUpKind.STILL, went_down.at
            )  # fmt: skip
            for _ in range(6):
                await h.advance(300)
            assert len(h.notifications) == 1  # once

    run(scenario())


def test_resuming_catches_up_at_once_and_a_recovery_inside_is_one_line(
    server: LoopbackServer,
) -> None:
    for sid in ("teams", "outlook"):
        server.serve(f"/{sid}{SUMMARY}", Reply(body=HEALTHY))

    async def scenario() -> None:
        services = [_service(server, "teams"), _service(server, "outlook")]
        async with Harness(services) as h:
            h.monitor.pause(h.clock.wall() + timedelta(hours=4))
            server.serve(f"/teams{SUMMARY}", Reply(body=OUTAGE))
            await _confirm(h)
            server.serve(f"/teams{SUMMARY}", Reply(body=HEALTHY))
            await _confirm(h)
            assert h.latest("teams").status is Status.OPERATIONAL
            assert [e.service_id for e in h.events] == ["teams", "teams"]
            assert h.notifications == []
            h.monitor.pause(None)  # "Resume notifications", no time passes
            await h.advance(0)
            (note,) = h.notifications
            assert note.catch_up is not None
            (line,) = note.catch_up.lines
            assert (line.service_id, line.kind, line.spells) == ("teams", CatchUpKind.RECOVERED, 1)
            assert (line.first_since, line.back_at) == (h.events[0].at, h.events[1].at)

    run(scenario())


def test_quiet_hours_end_with_one_summary_and_muted_services_stay_out(
    server: LoopbackServer,
) -> None:
    for sid in ("crm", "chat"):
        server.serve(f"/{sid}{SUMMARY}", Reply(body=HEALTHY))

    async def scenario() -> None:
        async with Harness([_service(server, "crm"), _service(server, "chat")]) as h:
            local = h.clock.wall().astimezone()
            end = (local + timedelta(minutes=40)).replace(second=0, microsecond=0)
            h.monitor.alerts.quiet_hours = ((local - timedelta(hours=1)).time(), end.time())
            h.monitor.mute("chat")
            for sid in ("crm", "chat"):
                server.serve(f"/{sid}{SUMMARY}", Reply(body=OUTAGE))
            await _confirm(h)
            assert {e.service_id for e in h.events} == {"crm", "chat"}
            await h.advance((end - h.clock.wall()).total_seconds() - 1)
            assert h.notifications == []
            await h.advance(1.5)
            (note,) = h.notifications
            assert note.catch_up is not None and note.catch_up.reason is Silence.QUIET_HOURS
            assert [ln.service_id for ln in note.catch_up.lines] == ["crm"]

    run(scenario())


def test_nothing_is_caught_up_with_notifications_off_or_when_nothing_happened(
    server: LoopbackServer,
) -> None:
    server.serve(f"/mail{SUMMARY}", Reply(body=HEALTHY))

    async def scenario() -> None:
        async with Harness([_service(server, "mail")]) as h:
            h.monitor.pause(h.clock.wall() + timedelta(hours=1))
            await h.advance(3700)  # a quiet pause: nothing to tell
            assert h.notifications == []
            h.monitor.alerts.enabled = False
            h.monitor.pause(h.clock.wall() + timedelta(hours=1))
            server.serve(f"/mail{SUMMARY}", Reply(body=OUTAGE))
            await _confirm(h)
            assert h.latest("mail").status is Status.MAJOR_OUTAGE
            h.monitor.alerts.enabled = True
            h.monitor.alerts_changed()
            await h.advance(3600)
            assert h.notifications == []

    run(scenario())
