"""The person's state (mute, pause, tell me when it's back), owned in one place, without Qt.

Driven directly, with a plain dictionary as the store and the real engine as the
one it tells: what a click changes, what a restart brings back.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from traymon.app.person import MUTED, PAUSED_SINCE, PAUSED_UNTIL, TELL_WHEN_BACK, PersonState
from traymon.config import ServiceConfig
from traymon.engine.monitor import Monitor

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class DictStore:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    def put(self, key: str, value: str) -> None:
        self.values[key] = value


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def _engine() -> Monitor:
    """The real engine, not started: its alert policy is what the person's state feeds."""
    services = [ServiceConfig(i, i.title(), "statuspage", f"https://{i}.test") for i in "abc"]
    return Monitor(services, on_result=lambda _r: None)


def test_a_mute_and_a_watch_reach_the_engine_and_come_back_after_a_restart() -> None:
    store, clock, engine = DictStore(), Clock(), _engine()
    person = PersonState(store, clock)
    person.set_muted("a", True, engine)
    person.want_back("b", True, engine)
    assert engine.alerts.muted == {"a"} and engine.alerts.back_watch == {"b"}
    assert (store.values[MUTED], store.values[TELL_WHEN_BACK]) == ("a", "b")
    person.set_muted("a", False, engine)
    person.set_muted("c", True, engine)
    assert engine.alerts.muted == {"c"}

    again, fresh = PersonState(store, clock), _engine()  # a restart: a new engine
    again.restore(fresh)
    assert fresh.alerts.muted == {"c"} and fresh.alerts.back_watch == {"b"}
    assert again.shown_muted({"a"}) == {"a", "c"}  # the configuration's mute is shown too
    assert again.told({"b", "c"}) == {"b"}  # the recovery was told: the watch ends
    assert store.values[TELL_WHEN_BACK] == ""
    assert again.told({"b"}) == frozenset()


def test_a_pause_extended_is_one_silence_from_when_it_began() -> None:
    store, clock, engine = DictStore(), Clock(), _engine()
    person = PersonState(store, clock)
    person.pause(T0 + timedelta(hours=1), engine)
    clock.now = T0 + timedelta(minutes=30)
    person.pause(T0 + timedelta(hours=4), engine)  # chosen again while it runs
    assert engine.alerts.paused_since == T0
    assert engine.alerts.paused_until == T0 + timedelta(hours=4)
    assert store.values[PAUSED_SINCE] == T0.isoformat()
    assert person.paused_until == T0 + timedelta(hours=4)
    clock.now = T0 + timedelta(hours=5)  # it ended: a new one starts now
    assert person.paused_until is None
    person.pause(T0 + timedelta(hours=6), engine)
    assert engine.alerts.paused_since == T0 + timedelta(hours=5)
    person.pause(None, engine)
    assert engine.alerts.paused_until is None
    assert (store.values[PAUSED_UNTIL], store.values[PAUSED_SINCE]) == ("", "")


def test_a_kept_pause_is_restored_and_one_that_ended_meanwhile_only_informs() -> None:
    store, clock = DictStore(), Clock()
    store.values[PAUSED_UNTIL] = (T0 + timedelta(hours=2)).isoformat()
    store.values[PAUSED_SINCE] = (T0 - timedelta(hours=1)).isoformat()
    running = _engine()
    PersonState(store, clock).restore(running)
    assert running.alerts.paused_until == T0 + timedelta(hours=2)
    assert running.alerts.paused_since == T0 - timedelta(hours=1)
    clock.now = T0 + timedelta(hours=3)  # Traymon was off when it ended
    ended = _engine()
    person = PersonState(store, clock)
    person.restore(ended)
    assert person.paused_until is None  # the menu offers no Resume
    assert ended.alerts.silence(clock.now) is None  # nothing is silenced by it
    assert ended.alerts.paused_since == T0 - timedelta(hours=1)  # but its catch-up is owed
    # Kept by a version that stored no start: restored while it runs, forgotten after.
    del store.values[PAUSED_SINCE]
    older = _engine()
    PersonState(store, clock).restore(older)
    assert older.alerts.paused_until is None
    store.values[PAUSED_UNTIL] = "not a time"
    assert PersonState(store, clock).paused_until is None
