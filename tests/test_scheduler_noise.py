"""Scheduling and noise control as pure bookkeeping: times are handed in, nothing sleeps."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from traymon.engine.events import TransitionEvent
from traymon.engine.noise import AlertPolicy, Debouncer, Observed, pause_until_tomorrow, summarise
from traymon.engine.scheduler import (
    JITTER_FRACTION,
    MAX_BACKOFF_S,
    Outcome,
    Scheduler,
    SleepDetector,
    backoff_delay,
)
from traymon.gui.notify_gate import PauseChoice, pause_end
from traymon.model import Status, Triage

OK = Observed(Status.OPERATIONAL, Triage.OK)
DOWN = Observed(Status.MAJOR_OUTAGE, Triage.VENDOR)
PARTIAL = Observed(Status.PARTIAL_OUTAGE, Triage.VENDOR)
SUSPECT = Observed(Status.OPERATIONAL, Triage.SUSPECTED)
LOCAL = Observed(Status.UNKNOWN, Triage.LOCAL)
NOON = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_every_job_is_due_at_start_and_not_handed_out_twice() -> None:
    scheduler = Scheduler(random.Random(1))
    scheduler.add("a", 300, now=0)
    scheduler.add("b", 60, now=0)
    assert sorted(scheduler.take_due(0)) == ["a", "b"]  # type: ignore[type-var]
    assert scheduler.take_due(0) == []
    assert scheduler.next_due() is None  # both are running


def test_the_next_check_is_the_interval_plus_at_most_ten_percent_jitter() -> None:
    delays = set()
    for seed in range(50):
        scheduler = Scheduler(random.Random(seed))
        scheduler.add("a", 300, now=0)
        scheduler.take_due(0)
        delays.add(round(scheduler.finished("a", 0, Outcome(ok=True)), 3))
    assert all(300 <= d <= 300 * (1 + JITTER_FRACTION) for d in delays)
    assert len(delays) > 40  # desktops do not all ask in the same second


@pytest.mark.parametrize(
    ("interval", "failures", "delay"),
    [(300, 0, 300), (300, 1, 300), (300, 2, 600), (300, 3, 1200), (300, 4, MAX_BACKOFF_S),
     (300, 40, MAX_BACKOFF_S), (60, 3, 240), (7200, 5, 7200)],
)  # fmt: skip
def test_errors_back_off_exponentially_capped(interval: int, failures: int, delay: float) -> None:
    assert backoff_delay(interval, failures) == delay


def test_retry_after_wins_over_a_shorter_delay_and_success_resets_backoff() -> None:
    scheduler = Scheduler(random.Random(2))
    scheduler.add("a", 60, now=0)
    scheduler.take_due(0)
    assert scheduler.finished("a", 0, Outcome(ok=False, retry_after_s=900)) >= 900
    assert scheduler.failures("a") == 1
    scheduler.take_due(2000)
    assert scheduler.finished("a", 2000, Outcome(ok=True)) <= 66
    assert scheduler.failures("a") == 0


def test_a_pending_change_is_confirmed_sooner_than_the_interval() -> None:
    scheduler = Scheduler(random.Random(3))
    scheduler.add("a", 300, now=0)
    scheduler.take_due(0)
    assert scheduler.finished("a", 0, Outcome(ok=True, confirm_soon=True)) <= 66


def test_wake_all_makes_everything_due_now() -> None:
    scheduler = Scheduler(random.Random(4))
    scheduler.add("a", 300, now=0)
    scheduler.take_due(0)
    scheduler.finished("a", 0, Outcome(ok=True))
    assert scheduler.take_due(10) == []
    scheduler.wake_all(10)
    assert scheduler.take_due(10) == ["a"]


def test_sleep_is_a_jump_of_the_wall_clock_against_the_monotonic_clock() -> None:
    detector = SleepDetector(wall=1_000_000.0, monotonic=50.0)
    assert not detector.woke_up(wall=1_000_030.0, monotonic=80.0)  # both moved 30 s
    assert detector.woke_up(wall=1_004_000.0, monotonic=110.0)  # an hour passed in 30 s
    assert not detector.woke_up(wall=1_004_030.0, monotonic=140.0)  # reported once


def test_going_down_and_coming_back_each_need_two_observations() -> None:
    debouncer = Debouncer(down_after=2, up_after=2)
    assert debouncer.observe(OK) == OK  # the first answer shows at once
    assert debouncer.observe(DOWN) is None
    assert debouncer.pending
    assert debouncer.observe(OK) is None  # a blip is forgotten
    assert not debouncer.pending
    assert debouncer.observe(DOWN) is None
    assert debouncer.observe(DOWN) == DOWN
    assert debouncer.observe(PARTIAL) == PARTIAL  # within the same side: at once
    assert debouncer.observe(OK) is None
    assert debouncer.observe(OK) == OK


def test_suspected_is_debounced_and_offline_shows_at_once() -> None:
    debouncer = Debouncer(down_after=3, up_after=1)
    debouncer.observe(OK)
    assert debouncer.observe(SUSPECT) is None
    assert debouncer.observe(SUSPECT) is None
    assert debouncer.observe(SUSPECT) == SUSPECT
    assert debouncer.observe(LOCAL) == LOCAL
    assert debouncer.observe(OK) == OK


def _event(sid: str, old: Observed, new: Observed, at: datetime = NOON) -> TransitionEvent:
    return TransitionEvent(sid, sid.upper(), old.status, new.status, new.triage, at, old.triage)


def test_problems_notify_recoveries_only_after_a_told_problem() -> None:
    policy = AlertPolicy()
    assert not policy.deserves(_event("a", DOWN, OK), NOON)  # nobody was told it was down
    assert policy.deserves(_event("a", OK, DOWN), NOON)
    assert policy.deserves(_event("a", DOWN, OK), NOON)


def test_maintenance_and_offline_never_alert() -> None:
    policy = AlertPolicy()
    maintenance = Observed(Status.MAINTENANCE, Triage.VENDOR)
    assert not policy.deserves(_event("a", OK, maintenance), NOON)
    assert not policy.deserves(_event("a", maintenance, OK), NOON)
    assert not policy.deserves(_event("a", OK, LOCAL), NOON)


def test_mute_pause_and_quiet_hours() -> None:
    policy = AlertPolicy(muted={"a"})
    assert not policy.deserves(_event("a", OK, DOWN), NOON)
    assert policy.deserves(_event("b", OK, DOWN), NOON)
    policy.pause(NOON + timedelta(hours=1))
    assert not policy.deserves(_event("c", OK, DOWN), NOON + timedelta(minutes=59))
    assert policy.deserves(_event("c", OK, DOWN), NOON + timedelta(minutes=61))
    policy.resume()
    night = datetime(2026, 6, 1, 23, 30).astimezone()
    quiet = AlertPolicy(quiet_hours=(time(22, 0), time(7, 0)))
    assert not quiet.deserves(_event("d", OK, DOWN), night)
    assert quiet.deserves(_event("d", OK, DOWN), night + timedelta(hours=8))


def test_notifications_switched_off_silence_everything_but_a_requested_recovery() -> None:
    policy = AlertPolicy(enabled=False)
    assert not policy.deserves(_event("a", OK, DOWN), NOON)
    policy.back_watch.add("b")
    assert policy.deserves(_event("b", DOWN, OK), NOON)  # asked for explicitly
    policy.enabled = True
    assert policy.deserves(_event("a", OK, DOWN), NOON)


def test_tell_me_when_it_is_back_overrides_mute_once() -> None:
    policy = AlertPolicy(muted={"a"})
    policy.back_watch.add("a")
    assert policy.deserves(_event("a", DOWN, OK), NOON)
    assert not policy.deserves(_event("a", OK, DOWN), NOON)
    assert not policy.deserves(_event("a", DOWN, OK), NOON)  # it was a one-off request


def test_pause_until_tomorrow_is_eight_in_the_morning_of_the_next_local_day() -> None:
    until = pause_until_tomorrow(NOON).astimezone()
    local_noon = NOON.astimezone()
    assert until.date() == local_noon.date() + timedelta(days=1)
    assert (until.hour, until.minute) == (8, 0)
    # The menu's "Until tomorrow" is the same moment (one meaning, declared once).
    assert pause_end(PauseChoice.UNTIL_TOMORROW, local_noon) == until


def test_one_notification_for_many_and_no_words() -> None:
    single = summarise([_event("mail", OK, SUSPECT)])
    assert [e.service_id for e in single.events] == ["mail"]
    together = [_event(s, OK, DOWN) for s in "abcde"] + [_event("f", DOWN, OK)]
    many = summarise(together)
    assert many.events == tuple(together) and many.catch_up is None
    # Words are made where they are shown (gui/notices), never by the engine.
    assert not hasattr(many, "title") and not hasattr(many, "body")


@given(
    st.lists(st.sampled_from([OK, DOWN, PARTIAL, SUSPECT, LOCAL]), max_size=60),
    st.integers(1, 4),
    st.integers(1, 4),
)
def test_a_flip_between_fine_and_a_problem_always_needs_its_streak(
    seen: list[Observed], down_after: int, up_after: int
) -> None:
    debouncer = Debouncer(down_after, up_after)
    history: list[Observed] = []
    for observation in seen:
        before = debouncer.confirmed
        after = debouncer.observe(observation) or before
        history.append(observation)
        if before is None or after == before or LOCAL in (before, after):
            continue
        if before.triage is Triage.OK or after.triage is Triage.OK:  # crossed the line
            needed = down_after if after.triage is not Triage.OK else up_after
            streak = history[-needed:]
            bad = after.triage is not Triage.OK
            assert len(streak) == needed
            assert all((o.triage is not Triage.OK) == bad for o in streak)
