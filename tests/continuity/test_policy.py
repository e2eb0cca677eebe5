"""The switch policy, driven by a fake clock: minutes pass without anyone waiting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from traymon.continuity.policy import (
    DECLARED,
    Action,
    Mode,
    PolicySettings,
    PolicyState,
    Verdict,
    decide,
)
from traymon.model import Triage

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
EXO = "exchange-online"


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def advance(self, minutes: float) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now


def run(
    timeline: list[tuple[float, Verdict]], mode: Mode, state: PolicyState | None = None
) -> list[tuple[float, Action]]:
    """Feed (minute, verdict) observations; return the actions that were not NONE."""
    state = state or PolicyState()
    settings = PolicySettings(mode=mode)
    actions = []
    for minute, verdict in timeline:
        decision = decide(state, {EXO: verdict}, T0 + timedelta(minutes=minute), settings)
        state = decision.state
        if decision.action is Action.SWITCH:
            state = state.after_switch()
        if decision.action is Action.SWITCH_BACK:
            state = state.after_restore()
        if decision.action is not Action.NONE:
            actions.append((minute, decision.action))
    return actions


def every_minute(start: int, end: int, verdict: Verdict) -> list[tuple[float, Verdict]]:
    return [(m, verdict) for m in range(start, end)]


def test_automatic_switches_after_ten_minutes_and_back_after_fifteen_healthy() -> None:
    timeline = every_minute(0, 30, Triage.VENDOR) + every_minute(30, 60, Triage.OK)
    assert run(timeline, Mode.AUTOMATIC) == [(10, Action.SWITCH), (45, Action.SWITCH_BACK)]


def test_a_suspected_outage_counts_like_a_confirmed_one() -> None:
    assert run(every_minute(0, 12, Triage.SUSPECTED), Mode.AUTOMATIC) == [(10, Action.SWITCH)]


def test_the_local_verdict_never_switches_and_restarts_the_count() -> None:
    assert run(every_minute(0, 120, Triage.LOCAL), Mode.AUTOMATIC) == []
    timeline = [*every_minute(0, 9, Triage.VENDOR), (9, Triage.LOCAL)]
    timeline += every_minute(10, 19, Triage.VENDOR)
    assert run(timeline, Mode.AUTOMATIC) == []  # never 10 unbroken minutes
    assert run([*timeline, (20, Triage.VENDOR)], Mode.AUTOMATIC) == [(20, Action.SWITCH)]


def test_stale_answers_are_no_evidence_either_way() -> None:
    timeline = every_minute(0, 9, Triage.VENDOR) + every_minute(9, 30, Triage.STALE)
    assert run(timeline, Mode.AUTOMATIC) == []


def test_a_short_recovery_does_not_switch_back() -> None:
    timeline = every_minute(0, 11, Triage.VENDOR) + every_minute(11, 25, Triage.OK)
    timeline += every_minute(25, 30, Triage.VENDOR) + every_minute(30, 44, Triage.OK)
    assert run(timeline, Mode.AUTOMATIC) == [(10, Action.SWITCH)]


def test_ask_offers_once_and_not_now_holds_until_the_outage_ends() -> None:
    settings = PolicySettings(mode=Mode.ASK)
    clock = Clock()
    state = PolicyState()
    offers = 0
    for _ in range(20):
        decision = decide(state, {EXO: Triage.VENDOR}, clock.advance(1), settings)
        state = decision.state
        if decision.action is Action.OFFER_SWITCH:
            offers += 1
            state = state.after_decline()
    assert offers == 1
    # the outage ends and a new one starts: a new offer after ten more minutes
    state = decide(state, {EXO: Triage.OK}, clock.advance(1), settings).state
    actions = []
    for _ in range(11):
        decision = decide(state, {EXO: Triage.VENDOR}, clock.advance(1), settings)
        state = decision.state
        actions.append(decision.action)
    assert actions.count(Action.OFFER_SWITCH) == 1


def test_ask_offers_the_way_back_too() -> None:
    timeline = every_minute(0, 11, Triage.VENDOR)
    assert run(timeline, Mode.ASK) == [(10, Action.OFFER_SWITCH)]
    back = run(every_minute(0, 20, Triage.OK), Mode.ASK, PolicyState().after_switch())
    assert back == [(15, Action.OFFER_SWITCH_BACK)]


def test_off_never_switches_but_still_offers_the_way_back() -> None:
    assert run(every_minute(0, 60, Triage.VENDOR), Mode.OFF) == []
    back = run(every_minute(0, 20, Triage.OK), Mode.OFF, PolicyState().after_switch())
    assert back == [(15, Action.OFFER_SWITCH_BACK)]


@pytest.mark.parametrize("other", [Triage.OK, Triage.STALE])
def test_one_failing_trigger_of_several_is_an_outage(other: Verdict) -> None:
    settings = PolicySettings(mode=Mode.AUTOMATIC, switch_after=timedelta(minutes=3))
    state = PolicyState()
    actions = []
    for minute in range(5):
        verdicts = {EXO: Triage.VENDOR, "smtp-relay": other}
        decision = decide(state, verdicts, T0 + timedelta(minutes=minute), settings)
        state = decision.state
        actions.append(decision.action)
    assert actions == [Action.NONE] * 3 + [Action.SWITCH] * 2


def test_no_trigger_services_means_nothing_happens() -> None:
    decision = decide(PolicyState(), {}, T0, PolicySettings(mode=Mode.AUTOMATIC))
    assert decision.action is Action.NONE


@given(
    st.lists(st.sampled_from([*Triage, DECLARED]), min_size=1, max_size=80),
    st.sampled_from([Mode.AUTOMATIC, Mode.ASK]),
)
def test_any_timeline_switches_only_after_an_unbroken_outage_and_back_after_unbroken_health(
    verdicts: list[Verdict], mode: Mode
) -> None:
    settings = PolicySettings(mode=mode, switch_after=timedelta(minutes=3),
                              switch_back_after=timedelta(minutes=4))  # fmt: skip
    state = PolicyState()
    switched = False
    for minute, verdict in enumerate(verdicts):
        decision = decide(state, {EXO: verdict}, T0 + timedelta(minutes=minute), settings)
        state = decision.state
        window = verdicts[max(0, minute - 3) : minute + 1]
        back_window = verdicts[max(0, minute - 4) : minute + 1]
        if decision.action in (Action.SWITCH, Action.OFFER_SWITCH):
            assert not switched
            bad = (Triage.VENDOR, Triage.SUSPECTED, DECLARED)
            # IT's declaration is its own confirmation; anything else must last unbroken.
            assert verdict is DECLARED or (minute >= 3 and all(v in bad for v in window))
        if decision.action in (Action.SWITCH_BACK, Action.OFFER_SWITCH_BACK):
            assert switched
            assert verdict is Triage.OK
            # After IT's declaration ended, at once; after any other trouble, unbroken health.
            trouble = [v for v in verdicts[:minute] if v not in (Triage.OK, Triage.STALE,
                                                                  Triage.LOCAL)]  # fmt: skip
            after_it = bool(trouble) and trouble[-1] is DECLARED
            assert after_it or (minute >= 4 and all(v is Triage.OK for v in back_window))
        if decision.action in (Action.SWITCH, Action.OFFER_SWITCH):
            state, switched = state.after_switch(), True
        if decision.action in (Action.SWITCH_BACK, Action.OFFER_SWITCH_BACK):
            state, switched = state.after_restore(), False


def test_its_declaration_switches_without_waiting_and_its_end_switches_back_at_once() -> None:
    timeline = [(0, DECLARED), *every_minute(1, 3, DECLARED)]
    timeline += every_minute(3, 20, Triage.OK)
    assert run(timeline, Mode.AUTOMATIC) == [(0, Action.SWITCH), (3, Action.SWITCH_BACK)]
    # A stale answer in between (the relay briefly unreachable) does not lose IT's word.
    stale = [(0, DECLARED), (1, Triage.STALE), (2, Triage.OK)]
    assert run(stale, Mode.AUTOMATIC) == [(0, Action.SWITCH), (2, Action.SWITCH_BACK)]


def test_when_the_vendor_still_reports_trouble_after_its_end_the_healthy_wait_applies() -> None:
    timeline = [(0, DECLARED), *every_minute(1, 5, Triage.VENDOR)]
    timeline += every_minute(5, 25, Triage.OK)
    assert run(timeline, Mode.AUTOMATIC) == [(0, Action.SWITCH), (20, Action.SWITCH_BACK)]
    assert run([(0, DECLARED)], Mode.OFF) == []  # continuity.mode still decides
