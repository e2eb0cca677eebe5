"""When a silence began, and rebuilding its catch-up from history: pure, times handed in."""

from __future__ import annotations

import time as time_module
from datetime import UTC, datetime, time

import pytest

from traymon.engine.events import CatchUpKind, Silence, TransitionEvent
from traymon.engine.noise import AlertPolicy
from traymon.engine.silence import quiet_window, reason_at, silence_began, with_old_triage
from traymon.model import Status, Triage

NIGHT = (time(22, 0), time(7, 0))


def _local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 6, day, hour, minute).astimezone()


def _event(
    sid: str, old: Status, new: Status, triage: Triage, at: datetime, old_triage: Triage | None
) -> TransitionEvent:
    return TransitionEvent(sid, sid.title(), old, new, triage, at, old_triage)


def test_quiet_hours_over_midnight_are_one_window_whichever_side_of_it() -> None:
    window = (_local(1, 22), _local(2, 7))
    assert quiet_window(_local(1, 23), NIGHT) == window
    assert quiet_window(_local(2, 3), NIGHT) == window  # a laptop rebooted at 03:00
    assert quiet_window(_local(2, 7), NIGHT) is None  # the end is not inside
    assert quiet_window(_local(2, 12), NIGHT) is None
    assert quiet_window(_local(2, 13), (time(12), time(14))) == (_local(2, 12), _local(2, 14))
    assert quiet_window(_local(2, 13), (time(9), time(9))) is None  # an empty window


def test_a_silence_began_with_the_pause_or_the_quiet_hours_it_runs_on_from() -> None:
    assert silence_began(_local(2, 3), None, NIGHT) == _local(1, 22)
    assert silence_began(_local(2, 12), None, NIGHT) is None
    pause = (_local(2, 14), _local(2, 18))
    assert silence_began(_local(2, 15), pause, NIGHT) == _local(2, 14)
    assert silence_began(_local(2, 18), pause, NIGHT) is None  # it has ended
    # Quiet hours and, at 06:30, a pause until 08:00: one silence since 22:00.
    morning = (_local(2, 6, 30), _local(2, 8))
    assert silence_began(_local(2, 7, 30), morning, NIGHT) == _local(1, 22)
    # A pause until tomorrow running into the night's quiet hours: one silence since 17:00.
    evening = (_local(1, 17), _local(2, 0))
    assert silence_began(_local(2, 3), evening, NIGHT) == _local(1, 17)
    # A pause that ended an hour before quiet hours began is a silence of its own.
    assert silence_began(_local(1, 23), (_local(1, 17), _local(1, 21)), NIGHT) == _local(1, 22)


def test_a_pause_wins_over_quiet_hours_as_the_reason() -> None:
    morning = (_local(2, 6, 30), _local(2, 8))
    assert reason_at(_local(2, 6), morning, NIGHT) is Silence.QUIET_HOURS
    assert reason_at(_local(2, 6, 45), morning, NIGHT) is Silence.PAUSED
    assert reason_at(_local(2, 9), morning, NIGHT) is None


def test_the_old_triage_comes_from_the_services_previous_transition() -> None:
    before = {
        "vpn": _event("vpn", Status.OPERATIONAL, Status.OPERATIONAL, Triage.SUSPECTED,
                      _local(1, 9), None),
    }  # fmt: skip
    events = [
        _event("vpn", Status.OPERATIONAL, Status.OPERATIONAL, Triage.OK, _local(1, 15), None),
        _event("crm", Status.OPERATIONAL, Status.MAJOR_OUTAGE, Triage.VENDOR, _local(1, 15), None),
        _event("crm", Status.MAJOR_OUTAGE, Status.OPERATIONAL, Triage.OK, _local(1, 16), None),
    ]
    filled = with_old_triage(events, before)
    assert [e.old_triage for e in filled] == [Triage.SUSPECTED, None, Triage.VENDOR]
    assert filled[0].is_recovery  # from "fails from this PC": worth a line
    assert filled[2].is_recovery


def test_rebuilding_holds_what_the_live_policy_held_and_nothing_when_switched_off() -> None:
    pause = (_local(1, 14), _local(1, 18))
    down = _event("outlook", Status.OPERATIONAL, Status.MAJOR_OUTAGE, Triage.VENDOR,
                  _local(1, 14, 5), Triage.OK)  # fmt: skip
    muted = _event("chat", Status.OPERATIONAL, Status.MAJOR_OUTAGE, Triage.VENDOR,
                   _local(1, 14, 6), Triage.OK)  # fmt: skip
    live = AlertPolicy(muted={"chat"})
    live.pause(pause[1], pause[0])
    for event in (down, muted):
        assert not live.deserves(event, event.at)
    rebuilt = AlertPolicy(muted={"chat"})
    rebuilt.pause(pause[1], pause[0])
    assert rebuilt.silence_began(_local(1, 15)) == pause[0]
    rebuilt.rebuild([down, muted])
    current = {"outlook": (Status.MAJOR_OUTAGE, Triage.VENDOR)}
    expected = live.catch_up(pause[1], current)
    assert expected is not None and [ln.kind for ln in expected.lines] == [CatchUpKind.STILL]
    assert rebuilt.catch_up(pause[1], current) == expected
    off = AlertPolicy(enabled=False)
    off.pause(pause[1], pause[0])
    assert off.silence_began(_local(1, 15)) is None
    off.rebuild([down])
    assert not len(off.held)


def test_a_night_across_a_daylight_saving_change_starts_at_its_own_evening(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST during the night."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time_module.tzset()
    try:
        at = datetime(2026, 3, 29, 4, 0, tzinfo=UTC)  # 06:00 summer time, still quiet
        window = quiet_window(at, NIGHT)
        assert window is not None
        began, ends = window
        # 22:00 winter time the evening before is 21:00 UTC (not 20:00 with summer's offset);
        # 07:00 summer time is 05:00 UTC.
        assert began == datetime(2026, 3, 28, 21, 0, tzinfo=UTC)
        assert ends == datetime(2026, 3, 29, 5, 0, tzinfo=UTC)
    finally:
        monkeypatch.undo()
        time_module.tzset()
