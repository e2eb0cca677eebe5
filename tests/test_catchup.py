"""The catch-up after a pause or quiet hours, as pure bookkeeping: times are handed in."""

from __future__ import annotations

import time as time_module
import tracemalloc
from datetime import UTC, datetime, time, timedelta

import pytest

from traymon.engine.catchup import MAX_HELD, CatchUpLedger, catch_up_notification
from traymon.engine.events import CatchUpKind, Silence, TransitionEvent
from traymon.engine.noise import AlertPolicy, Observed, pause_until_tomorrow
from traymon.gui.notify_gate import PauseChoice, pause_end
from traymon.model import Status, Triage

OK = Observed(Status.OPERATIONAL, Triage.OK)
DOWN = Observed(Status.MAJOR_OUTAGE, Triage.VENDOR)
PARTIAL = Observed(Status.PARTIAL_OUTAGE, Triage.VENDOR)
STALE = Observed(Status.UNKNOWN, Triage.STALE)
NOON = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _at(minutes: float) -> datetime:
    return NOON + timedelta(minutes=minutes)


def _event(sid: str, old: Observed, new: Observed, minutes: float) -> TransitionEvent:
    return TransitionEvent(sid, sid.title(), old.status, new.status, new.triage, _at(minutes),
                           old.triage)  # fmt: skip


def _now(**states: Observed) -> dict[str, tuple[Status, Triage]]:
    return {sid: (o.status, o.triage) for sid, o in states.items()}


def _paused_for_an_hour() -> AlertPolicy:
    policy = AlertPolicy()
    policy.pause(_at(60))
    return policy


def test_an_outage_during_a_pause_is_one_summary_when_the_pause_ends() -> None:
    policy = _paused_for_an_hour()
    assert not policy.deserves(_event("outlook", OK, DOWN, 2), _at(2))
    assert policy.catch_up(_at(59), _now(outlook=DOWN)) is None  # still paused
    assert policy.silence_ends(_at(59)) == _at(60)
    summary = policy.catch_up(_at(60), _now(outlook=DOWN))
    assert summary is not None
    assert (summary.reason, summary.began, summary.ended) == (Silence.PAUSED, _at(2), _at(60))
    (line,) = summary.lines
    assert (line.name, line.kind, line.status, line.triage) == (
        "Outlook", CatchUpKind.STILL, Status.MAJOR_OUTAGE, Triage.VENDOR
    )  # fmt: skip
    assert line.since == _at(2)
    assert policy.catch_up(_at(61), _now(outlook=DOWN)) is None  # once only
    assert policy.silence_ends(_at(61)) is None  # nothing held: no reason to wake
    # It was told now (as still down), so its recovery is worth a notification.
    assert policy.deserves(_event("outlook", DOWN, OK, 70), _at(70))


def test_broke_and_came_back_during_the_pause_is_one_line_with_both_times() -> None:
    policy = _paused_for_an_hour()
    policy.deserves(_event("teams", OK, DOWN, 2), _at(2))
    policy.deserves(_event("teams", DOWN, OK, 40), _at(40))
    summary = policy.catch_up(_at(60), _now(teams=OK))
    assert summary is not None
    (line,) = summary.lines
    assert line.kind is CatchUpKind.RECOVERED
    assert (line.first_since, line.back_at, line.spells) == (_at(2), _at(40), 1)
    note = catch_up_notification(summary)
    assert note.catch_up is summary and note.events == ()
    assert summary.reason is Silence.PAUSED


def test_flapping_all_pause_long_is_still_one_line_counting_its_spells() -> None:
    policy = _paused_for_an_hour()
    for minute in range(0, 50, 10):
        policy.deserves(_event("teams", OK, DOWN, minute + 1), _at(minute + 1))
        policy.deserves(_event("teams", DOWN, OK, minute + 5), _at(minute + 5))
    summary = policy.catch_up(_at(60), _now(teams=OK))
    assert summary is not None
    (line,) = summary.lines
    assert (line.kind, line.spells, line.first_since, line.back_at) == (
        CatchUpKind.RECOVERED, 5, _at(1), _at(45)
    )  # fmt: skip


def test_down_before_the_pause_and_back_during_it_says_it_works_again() -> None:
    policy = AlertPolicy()
    assert policy.deserves(_event("mail", OK, DOWN, -30), _at(-30))  # told before the pause
    policy.pause(_at(60))
    assert not policy.deserves(_event("mail", DOWN, OK, 20), _at(20))
    summary = policy.catch_up(_at(60), _now(mail=OK))
    assert summary is not None
    (line,) = summary.lines
    assert (line.kind, line.back_at, line.since) == (CatchUpKind.BACK, _at(20), None)
    assert not policy.deserves(_event("mail", OK, OK, 70), _at(70))


def test_ending_as_it_began_within_its_trouble_is_no_news() -> None:
    policy = AlertPolicy()
    policy.deserves(_event("mail", OK, DOWN, -30), _at(-30))
    policy.pause(_at(60))
    policy.deserves(_event("mail", DOWN, PARTIAL, 10), _at(10))
    policy.deserves(_event("mail", PARTIAL, DOWN, 20), _at(20))
    assert policy.catch_up(_at(60), _now(mail=DOWN)) is None
    # A change within its trouble that lasts is news, without a "since" (before the pause).
    policy.pause(_at(120))
    policy.deserves(_event("mail", DOWN, PARTIAL, 70), _at(70))
    summary = policy.catch_up(_at(120), _now(mail=PARTIAL))
    assert summary is not None
    (line,) = summary.lines
    assert (line.kind, line.status, line.since) == (CatchUpKind.STILL, Status.PARTIAL_OUTAGE, None)


def test_nothing_happening_during_a_pause_sends_nothing() -> None:
    policy = _paused_for_an_hour()
    maintenance = Observed(Status.MAINTENANCE, Triage.VENDOR)
    policy.deserves(_event("wiki", OK, maintenance, 5), _at(5))  # never alarming
    assert policy.catch_up(_at(60), _now(wiki=maintenance)) is None
    assert policy.catch_up(_at(61), {}) is None


def test_no_fresh_answer_at_the_end_is_said_as_unknown_not_as_still_down() -> None:
    policy = _paused_for_an_hour()
    policy.deserves(_event("vpn", OK, DOWN, 5), _at(5))
    policy.deserves(_event("vpn", DOWN, STALE, 30), _at(30))
    summary = policy.catch_up(_at(60), _now(vpn=STALE))
    assert summary is not None
    assert [line.kind for line in summary.lines] == [CatchUpKind.UNKNOWN]


def test_quiet_hours_end_with_a_summary_at_their_end() -> None:
    night = datetime(2026, 6, 1, 23, 0).astimezone()
    policy = AlertPolicy(quiet_hours=(time(22, 0), time(7, 0)))
    event = TransitionEvent("crm", "CRM", Status.OPERATIONAL, Status.DEGRADED, Triage.VENDOR,
                            night, Triage.OK)  # fmt: skip
    assert not policy.deserves(event, night)
    morning = datetime(2026, 6, 2, 7, 0).astimezone()
    assert policy.silence_ends(night) == morning
    assert (
        policy.catch_up(morning - timedelta(seconds=1), {"crm": (Status.DEGRADED, Triage.VENDOR)})
        is None
    )
    summary = policy.catch_up(morning, {"crm": (Status.DEGRADED, Triage.VENDOR)})
    assert summary is not None and summary.reason is Silence.QUIET_HOURS
    assert [(ln.service_id, ln.kind) for ln in summary.lines] == [("crm", CatchUpKind.STILL)]
    assert catch_up_notification(summary).catch_up is summary


def test_a_muted_service_is_not_mentioned() -> None:
    policy = AlertPolicy(muted={"chat"})
    policy.pause(_at(60))
    policy.deserves(_event("chat", OK, DOWN, 1), _at(1))
    policy.deserves(_event("mail", OK, DOWN, 2), _at(2))
    policy.deserves(_event("crm", OK, DOWN, 3), _at(3))
    policy.muted.add("crm")  # muted during the pause: not mentioned either
    summary = policy.catch_up(_at(60), _now(chat=DOWN, mail=DOWN, crm=DOWN))
    assert summary is not None
    assert [line.service_id for line in summary.lines] == ["mail"]


def test_notifications_switched_off_never_catch_up() -> None:
    policy = AlertPolicy(enabled=False)
    policy.pause(_at(60))
    policy.deserves(_event("mail", OK, DOWN, 1), _at(1))
    policy.enabled = True
    assert policy.catch_up(_at(60), _now(mail=DOWN)) is None
    # Switched off during a pause: what was held is dropped, and stays dropped.
    policy.pause(_at(120))
    policy.deserves(_event("crm", OK, DOWN, 70), _at(70))
    policy.enabled = False
    assert policy.catch_up(_at(80), _now(crm=DOWN)) is None
    policy.enabled = True
    assert policy.catch_up(_at(120), _now(crm=DOWN)) is None


def test_a_requested_recovery_is_told_at_once_and_not_again_in_the_summary() -> None:
    policy = _paused_for_an_hour()
    policy.deserves(_event("mail", OK, DOWN, 1), _at(1))
    policy.back_watch.add("mail")
    assert policy.deserves(_event("mail", DOWN, OK, 5), _at(5))
    assert policy.catch_up(_at(60), _now(mail=OK)) is None


def test_several_services_are_ordered_what_needs_attention_first() -> None:
    policy = _paused_for_an_hour()
    policy.deserves(_event("teams", OK, DOWN, 1), _at(1))
    policy.deserves(_event("teams", DOWN, OK, 9), _at(9))
    policy.deserves(_event("crm", OK, PARTIAL, 2), _at(2))
    policy.deserves(_event("outlook", OK, DOWN, 3), _at(3))
    summary = policy.catch_up(_at(60), _now(teams=OK, crm=PARTIAL, outlook=DOWN))
    assert summary is not None
    assert [ln.service_id for ln in summary.lines] == ["outlook", "crm", "teams"]


def test_memory_is_one_record_per_service_and_bounded() -> None:
    ledger = CatchUpLedger()
    tracemalloc.start()
    try:
        ledger.hold(_event("a", OK, DOWN, 0), Silence.PAUSED)
        before, _ = tracemalloc.get_traced_memory()
        for i in range(10_000):  # a night of flapping
            ledger.hold(_event("a", OK, DOWN, i), Silence.PAUSED)
            ledger.hold(_event("a", DOWN, OK, i + 0.5), Silence.PAUSED)
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(ledger) == 1
    assert after - before < 2_000  # bytes: a record, not a list of events
    for i in range(MAX_HELD + 50):
        ledger.hold(_event(f"s{i}", OK, DOWN, 1), Silence.PAUSED)
    assert len(ledger) == 1 + MAX_HELD + 50  # the ones past the limit are counted, not kept
    current = {f"s{i}": (Status.MAJOR_OUTAGE, Triage.VENDOR) for i in range(MAX_HELD + 50)}
    current["a"] = (Status.OPERATIONAL, Triage.OK)
    summary = ledger.summarise(_at(60), current)
    assert summary is not None
    assert len(summary.lines) == MAX_HELD
    assert summary.more == 51
    assert catch_up_notification(summary).catch_up is summary


def test_services_no_longer_watched_are_dropped_when_the_engine_restarts() -> None:
    ledger = CatchUpLedger(limit=1)
    ledger.hold(_event("mail", OK, DOWN, 1), Silence.PAUSED)
    ledger.hold(_event("crm", OK, DOWN, 2), Silence.PAUSED)  # past the limit: counted
    ledger.keep_only({"mail", "wiki"})
    summary = ledger.summarise(_at(60), _now(mail=DOWN))
    assert summary is not None
    assert ([ln.service_id for ln in summary.lines], summary.more) == (["mail"], 0)
    ledger.keep_only({"wiki"})
    assert len(ledger) == 0 and ledger.summarise(_at(60), {}) is None


def test_quiet_hours_across_a_daylight_saving_change_end_at_their_own_seven(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Berlin, 29 March 2026: at 00:30 winter time, the 07:00 end is already summer time."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time_module.tzset()
    try:
        night = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)  # 00:30 CET
        policy = AlertPolicy(quiet_hours=(time(22, 0), time(7, 0)))
        event = TransitionEvent("crm", "CRM", Status.OPERATIONAL, Status.DEGRADED, Triage.VENDOR,
                                night, Triage.OK)  # fmt: skip
        assert not policy.deserves(event, night)
        assert policy.silence_ends(night) == datetime(2026, 3, 29, 5, 0, tzinfo=UTC)  # 07:00 CEST
        # "Until tomorrow" over the night clocks go back: 08:00 with that morning's offset.
        evening = datetime(2026, 10, 24, 18, 0, tzinfo=UTC).astimezone()  # 20:00 CEST
        assert pause_until_tomorrow(evening) == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)
        # The menu's choice, from a local time with the evening's offset, is the same.
        ends = pause_end(PauseChoice.UNTIL_TOMORROW, evening)
        assert ends == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)  # 08:00 CET
    finally:
        monkeypatch.undo()
        time_module.tzset()
