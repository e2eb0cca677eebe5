"""The catch-up outlives a restart: two Monitors, one history file, a fake clock each.

The first engine sees the outage during a pause or quiet hours and is stopped (a logout,
a reboot, a crash); the second starts with the same pause and the same history file, and
nothing else of the first. Real loopback status pages, real SQLite.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from tests.conftest import fixture_bytes
from tests.engine_harness import Harness, run
from tests.servers import LoopbackServer, Reply
from traymon.clock import FakeClock
from traymon.config import NotificationConfig, ServiceConfig
from traymon.engine.events import CatchUpKind, Silence, TransitionEvent
from traymon.engine.history import History
from traymon.engine.scheduler import CONFIRM_DELAY_S
from traymon.model import Status

HEALTHY = fixture_bytes("statuspage/github_summary_2026-08-22_latest.json")
OUTAGE = fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
SUMMARY = "/api/v2/summary.json"
AFTERNOON = datetime(2026, 6, 1, 14, 0).astimezone()  # local, as a person's day is


def _service(server: LoopbackServer, sid: str, muted: bool = False) -> ServiceConfig:
    url = f"{server.base_url}/{sid}"
    return ServiceConfig(sid, sid.title(), "statuspage", url, 300, muted=muted)


async def _confirm(h: Harness) -> None:
    await h.advance(331)
    await h.advance(CONFIRM_DELAY_S * 1.1)


async def _advance_to(h: Harness, moment: datetime) -> None:
    await h.advance((moment - h.clock.wall()).total_seconds())


@pytest.fixture
def history_file(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


class _Run:
    """One run of Traymon: its own History connection on the shared file, closed at the end."""

    def __init__(
        self,
        path: Path,
        start: datetime,
        services: list[ServiceConfig],
        notifications: NotificationConfig | None = None,
    ) -> None:
        self.history = History(path)
        self.harness = Harness(
            services, history=self.history, clock=FakeClock(start), notifications=notifications
        )

    async def __aenter__(self) -> Harness:
        return await self.harness.__aenter__()

    async def __aexit__(self, *exc: object) -> None:
        await self.harness.__aexit__(*exc)
        self.history.close()


def _close_enough(a: datetime | None, b: datetime) -> bool:
    """History keeps times as float seconds: equal to the microsecond or so."""
    return a is not None and abs((a - b).total_seconds()) < 0.001


def test_an_outage_before_a_restart_in_a_pause_is_told_when_the_pause_ends(
    server: LoopbackServer, history_file: Path
) -> None:
    server.serve(f"/outlook{SUMMARY}", Reply(body=HEALTHY))
    since, until = AFTERNOON, AFTERNOON + timedelta(hours=4)
    down: list[TransitionEvent] = []

    async def scenario() -> None:
        first = _Run(history_file, since, [_service(server, "outlook")])
        first.harness.monitor.pause(until)  # "Pause for 4 hours" at 14:00
        async with first as h:
            server.serve(f"/outlook{SUMMARY}", Reply(body=OUTAGE))
            await _confirm(h)
            down.extend(h.events)
            assert [e.new for e in down] == [Status.MAJOR_OUTAGE]
            await h.advance(1200)
            assert h.notifications == []
        # Logged out; back at 16:00 with the same pause (the GUI keeps its start and end).
        second = _Run(history_file, since + timedelta(hours=2), [_service(server, "outlook")])
        second.harness.monitor.pause(until, since)
        async with second as h:
            await h.advance(331)  # its first answer: still down, as history last knew it
            assert h.events == [] and h.latest("outlook").status is Status.MAJOR_OUTAGE
            await _advance_to(h, until - timedelta(seconds=1))
            assert h.notifications == []  # still paused
            await h.advance(1.5)
            (note,) = h.notifications
            catch_up = note.catch_up
            assert catch_up is not None and catch_up.reason is Silence.PAUSED
            (line,) = catch_up.lines
            assert (line.service_id, line.name) == ("outlook", "Outlook")  # the configured name
            assert line.kind is CatchUpKind.STILL
            assert _close_enough(line.since, down[0].at)  # when it went down, before the restart
            assert _close_enough(catch_up.began, down[0].at)
            for _ in range(4):
                await h.advance(300)
            assert len(h.notifications) == 1  # once

    run(scenario())


def test_a_reboot_in_quiet_hours_keeps_the_nights_catch_up_and_muted_services_out(
    server: LoopbackServer, history_file: Path
) -> None:
    for sid in ("crm", "chat"):
        server.serve(f"/{sid}{SUMMARY}", Reply(body=HEALTHY))
    night = NotificationConfig(quiet_hours=(time(22, 0), time(7, 0)))
    evening = datetime(2026, 6, 1, 22, 30).astimezone()
    morning = datetime(2026, 6, 2, 7, 0).astimezone()

    def services() -> list[ServiceConfig]:
        return [_service(server, "crm"), _service(server, "chat", muted=True)]

    async def scenario() -> None:
        async with _Run(history_file, evening, services(), notifications=night) as h:
            for sid in ("crm", "chat"):
                server.serve(f"/{sid}{SUMMARY}", Reply(body=OUTAGE))
            await _confirm(h)
            went_down = {e.service_id: e.at for e in h.events}
            assert set(went_down) == {"crm", "chat"}
            assert h.notifications == []
        # The laptop is rebooted at 03:00; the CRM comes back at about 04:00.
        rebooted = datetime(2026, 6, 2, 3, 0).astimezone()
        async with _Run(history_file, rebooted, services(), notifications=night) as h:
            await h.advance(331)
            assert h.events == []
            server.serve(f"/crm{SUMMARY}", Reply(body=HEALTHY))
            await _advance_to(h, rebooted + timedelta(hours=1))
            await _confirm(h)
            (back,) = [e for e in h.events if e.service_id == "crm"]
            await _advance_to(h, morning - timedelta(seconds=1))
            assert h.notifications == []
            await h.advance(1.5)
            (note,) = h.notifications
            catch_up = note.catch_up
            assert catch_up is not None and catch_up.reason is Silence.QUIET_HOURS
            (line,) = catch_up.lines  # the muted chat stays out
            assert (line.service_id, line.kind, line.spells) == ("crm", CatchUpKind.RECOVERED, 1)
            assert _close_enough(line.first_since, went_down["crm"])
            assert line.back_at == back.at

    run(scenario())


def test_with_notifications_off_a_restart_rebuilds_nothing(
    server: LoopbackServer, history_file: Path
) -> None:
    server.serve(f"/mail{SUMMARY}", Reply(body=HEALTHY))
    since, until = AFTERNOON, AFTERNOON + timedelta(hours=1)

    async def scenario() -> None:
        first = _Run(history_file, since, [_service(server, "mail")])
        first.harness.monitor.pause(until)
        async with first as h:
            server.serve(f"/mail{SUMMARY}", Reply(body=OUTAGE))
            await _confirm(h)
            assert len(h.events) == 1
        second = _Run(history_file, since + timedelta(minutes=30), [_service(server, "mail")])
        second.harness.monitor.pause(until, since)
        second.harness.monitor.alerts.enabled = False
        async with second as h:
            assert not len(h.monitor.alerts.held)
            await _advance_to(h, until + timedelta(minutes=30))
            h.monitor.alerts.enabled = True  # switched on again after the pause: still nothing
            h.monitor.alerts_changed()
            await h.advance(600)
            assert h.notifications == []

    run(scenario())


def test_starting_after_the_pause_ended_tells_its_catch_up_once_with_the_first_answers(
    server: LoopbackServer, history_file: Path
) -> None:
    """Paused until 15:00, the laptop off from 14:30 to 16:00: the pause's catch-up is owed.
    It comes once the services it names have answered, and it, not a pop-up of its own, tells
    what they are now; what broke while the laptop was off is the start's own news."""
    for sid in ("outlook", "wiki", "teams"):
        server.serve(f"/{sid}{SUMMARY}", Reply(body=HEALTHY))
    since, until = AFTERNOON, AFTERNOON + timedelta(hours=1)

    def services() -> list[ServiceConfig]:
        return [_service(server, sid) for sid in ("outlook", "wiki", "teams")]

    async def scenario() -> None:
        first = _Run(history_file, since, services())
        first.harness.monitor.pause(until)
        async with first as h:
            for sid in ("outlook", "wiki"):
                server.serve(f"/{sid}{SUMMARY}", Reply(body=OUTAGE))
            await _confirm(h)
            went_down = {e.service_id: e.at for e in h.events}
            assert set(went_down) == {"outlook", "wiki"}
            server.serve(f"/wiki{SUMMARY}", Reply(body=HEALTHY))
            await _confirm(h)
            assert h.latest("wiki").status is Status.OPERATIONAL
        # While the laptop is off: the wiki breaks again, and Teams breaks.
        for sid in ("wiki", "teams"):
            server.serve(f"/{sid}{SUMMARY}", Reply(body=OUTAGE))
        second = _Run(history_file, until + timedelta(hours=1), services())
        second.harness.monitor.pause(until, since)  # the ended pause, as the session hands it
        async with second as h:
            await h.advance(331)
            await h.advance(60)  # the batch window
            assert {e.service_id for e in h.events} == {"wiki", "teams"}  # changed since
            catch_ups = [n.catch_up for n in h.notifications if n.catch_up is not None]
            (catch_up,) = catch_ups
            assert catch_up.reason is Silence.PAUSED
            kinds = {ln.service_id: (ln.kind, ln.spells) for ln in catch_up.lines}
            assert kinds == {"outlook": (CatchUpKind.STILL, 1), "wiki": (CatchUpKind.STILL, 2)}
            (outlook,) = [ln for ln in catch_up.lines if ln.service_id == "outlook"]
            assert _close_enough(outlook.since, went_down["outlook"])
            (news,) = [n for n in h.notifications if n.catch_up is None]
            assert [e.service_id for e in news.events] == ["teams"]  # not held: its own pop-up
            for _ in range(4):
                await h.advance(300)
            assert len(h.notifications) == 2
        # Started again later: that catch-up was told, history marks it; nothing again.
        third = _Run(history_file, until + timedelta(hours=3), services())
        third.harness.monitor.pause(until, since)
        async with third as h:
            assert not len(h.monitor.alerts.held)
            await h.advance(331)
            assert all(n.catch_up is None for n in h.notifications)

    run(scenario())


def test_a_catch_up_told_just_before_traymon_stopped_is_not_told_again(
    server: LoopbackServer, history_file: Path
) -> None:
    """The pause ends at 15:00 and its catch-up pops up; Traymon crashes moments later, its
    last "running" mark from before 15:00. The next start must not take the pause for
    unfinished."""
    server.serve(f"/outlook{SUMMARY}", Reply(body=HEALTHY))
    since, until = AFTERNOON, AFTERNOON + timedelta(hours=1)

    async def scenario() -> None:
        first = _Run(history_file, since, [_service(server, "outlook")])
        first.harness.monitor.pause(until)
        async with first as h:
            server.serve(f"/outlook{SUMMARY}", Reply(body=OUTAGE))
            await _confirm(h)
            await _advance_to(h, until + timedelta(seconds=1))
            assert [n.catch_up is not None for n in h.notifications] == [True]
        crashed = History(history_file)
        crashed.mark("ran", until - timedelta(seconds=30))  # the trap: it looks unfinished
        crashed.close()
        second = _Run(history_file, until + timedelta(hours=1), [_service(server, "outlook")])
        second.harness.monitor.pause(until, since)
        async with second as h:
            assert not len(h.monitor.alerts.held)
            await h.advance(331)
            await h.advance(60)
            assert h.notifications == []  # down as history last knew it, and told already

    run(scenario())


def test_an_owed_catch_up_waits_for_a_known_answer_but_not_for_ever(
    server: LoopbackServer, history_file: Path
) -> None:
    """The status page fails at start (Wi-Fi not up yet): "state unknown" is no catch-up, so
    it waits for a real answer; a page that never answers gets one after ten minutes."""
    for sid in ("outlook", "crm"):
        server.serve(f"/{sid}{SUMMARY}", Reply(body=HEALTHY))
    since, until = AFTERNOON, AFTERNOON + timedelta(hours=1)

    def services() -> list[ServiceConfig]:
        return [_service(server, "outlook"), _service(server, "crm")]

    async def scenario() -> None:
        first = _Run(history_file, since, services())
        first.harness.monitor.pause(until)
        async with first as h:
            for sid in ("outlook", "crm"):
                server.serve(f"/{sid}{SUMMARY}", Reply(body=OUTAGE))
            await _confirm(h)
        for sid in ("outlook", "crm"):
            server.serve(f"/{sid}{SUMMARY}", Reply(status=503))
        second = _Run(history_file, until + timedelta(hours=1), services())
        second.harness.monitor.pause(until, since)
        async with second as h:
            assert h.notifications == [] and h.monitor.alerts.overdue
            server.serve(f"/outlook{SUMMARY}", Reply(body=OUTAGE))
            await h.advance(331)
            assert h.notifications == []  # the CRM has not answered yet
            await h.advance(300)  # ten minutes since start
            (note,) = h.notifications
            assert note.catch_up is not None
            kinds = {ln.service_id: ln.kind for ln in note.catch_up.lines}
            assert kinds == {"outlook": CatchUpKind.STILL, "crm": CatchUpKind.UNKNOWN}

    run(scenario())
