"""A notification's buttons do what they say, offscreen: "Switch mail" switches a real
Thunderbird profile (the same path as the question's "Switch"), "Mute for today" mutes
with the menu's mute and ends at midnight, across a restart. (The dunst test presses
the buttons through a real notification server; this covers what it cannot reach.)"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.test_gui_mail_switch import DEFAULT_ACCOUNT, _switch
from tests.thunderbird_profile import make_profile_root
from traymon.continuity.policy import Mode
from traymon.engine.events import Notification
from traymon.gui.mute_today import MuteToday
from traymon.gui.native_notify import DesktopNotices
from traymon.gui.notices import GroupedMessage
from traymon.model import Status, Triage
from traymon.notify_actions import NotifyAction, Situation, offered

pytestmark = pytest.mark.linux_only  # Qt offscreen with XDG folders


def test_switch_mail_from_a_notification(qtbot: QtBot, tmp_path: Path) -> None:
    profile = make_profile_root(tmp_path / "thunderbird")
    switch, _clock = _switch(qtbot, tmp_path, profile, Mode.ASK)
    assert switch.can_switch("m365") and not switch.can_switch("crm")  # trigger services only
    situation = Situation("m365", True, Status.MAJOR_OUTAGE, Triage.VENDOR, can_switch=True)
    assert NotifyAction.SWITCH_MAIL in offered(situation)
    with qtbot.waitSignal(switch.told, timeout=10_000) as told:
        switch.switch_now()
    assert DEFAULT_ACCOUNT.format("account3") in (profile / "prefs.js").read_text("utf-8")
    assert told.args[0]  # the person is told what happened
    assert switch.state.switched and not switch.can_switch("m365")  # once is enough


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_mute_for_today_ends_at_midnight_and_survives_a_restart(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "t.conf"), QSettings.Format.IniFormat)
    clock = Clock(datetime(2026, 6, 1, 15, 30).astimezone())
    muted = MuteToday(settings, clock)
    until = muted.mute("zoom")
    assert until == datetime(2026, 6, 2, 0, 0).astimezone()
    clock.now = until - timedelta(minutes=1)
    again = MuteToday(settings, clock)  # Traymon restarted in the evening
    assert again.until == {"zoom": until}
    ended: list[str] = []
    again.ended.connect(ended.append)
    again.check()
    assert ended == []
    clock.now = until + timedelta(seconds=1)  # past midnight (the timer, or a later check)
    again.check()
    assert ended == ["zoom"]
    assert MuteToday(settings, clock).until == {}
    muted.mute("crm")
    muted.forget("crm")  # unmuted from the menu meanwhile: nothing ends later
    assert MuteToday(settings, clock).until == {}


def _message() -> GroupedMessage:
    return GroupedMessage("Traymon: Outlook — Major outage", "Outlook: …", "outlook")


@pytest.mark.parametrize("native", [False, True])
def test_the_balloon_when_the_desktop_cannot_take_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, native: bool
) -> None:
    """No session bus (native off), or one nobody answers on (the library fails): Qt's
    balloon says it all the same, never a lost notification."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    monkeypatch.delenv("DISPLAY", raising=False)
    balloons: list[GroupedMessage] = []
    notices = DesktopNotices(balloons.append, native=native)
    down = Notification(())
    with qtbot.waitSignal(notices.shown, timeout=10_000) as shown:
        notices.deliver(_message(), (NotifyAction.DETAILS,), down)
    assert shown.args == [_message(), "balloon"]
    assert balloons == [_message()]
