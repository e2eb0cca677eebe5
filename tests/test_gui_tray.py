"""The tray controller offscreen: icon state, tooltip in words, the menu, pause, notifications."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from tests.gui_data import NOW, SERVICES, result, view
from traymon.engine.events import TransitionEvent
from traymon.engine.noise import summarise
from traymon.gui.icons import state_icon
from traymon.gui.notices import GroupedMessage, message_for
from traymon.gui.notify_gate import PauseChoice
from traymon.gui.timeline import change_icon
from traymon.gui.tray import TrayController
from traymon.model import Status
from traymon.reasons import Code, Reason
from traymon.viewmodel import IconState, Triage, view_from_result

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)


class FakeClock:
    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def tray(qtbot: QtBot, clock: FakeClock) -> TrayController:
    return TrayController(SERVICES, clock=clock)


def _texts(tray: TrayController) -> list[str]:
    return [a.text() for a in tray.menu.actions() if a.text()]


def test_tooltip_says_whose_problem_it_is_in_words(tray: TrayController) -> None:
    assert "checking" in tray.icon.toolTip()
    tray.show_view(view("outlook", Status.MAJOR_OUTAGE, Triage.VENDOR, vendor="Microsoft"))
    tray.show_view(view("teams", Status.OPERATIONAL, Triage.SUSPECTED, vendor="Microsoft"))
    tray.show_view(view("github", Status.OPERATIONAL, Triage.OK))
    assert tray.icon.toolTip().splitlines() == [
        "Traymon — Major outage",
        "Outlook: outage reported by Microsoft",
        "Teams: fails from this PC, Microsoft reports no problem",
    ]


def test_tooltip_when_all_is_well_and_for_unknown(tray: TrayController) -> None:
    for service in SERVICES:
        tray.show_view(view_from_result(result(service.id, Status.OPERATIONAL)))
    assert tray.icon.toolTip().splitlines() == [
        "Traymon — Operational",
        "All 3 services operational",
    ]
    timed_out = Reason(Code.TIMEOUT, host="c.example", seconds=15)
    tray.show_view(
        view_from_result(
            replace(result("github", Status.UNKNOWN, "timed out after 15 s"), reason=timed_out)
        )
    )
    assert tray.state is IconState.UNKNOWN
    # The engine's English is for the log; the tooltip words the reason.
    assert "GitHub: state unknown. c.example did not answer within 15 s." in tray.icon.toolTip()
    assert "timed out" not in tray.icon.toolTip()


def test_icon_is_offline_only_when_this_pc_reaches_nothing(tray: TrayController) -> None:
    tray.show_view(view("outlook", Status.UNKNOWN, Triage.LOCAL))
    tray.show_view(view("teams", Status.UNKNOWN, Triage.LOCAL))
    assert tray.state is not IconState.OFFLINE  # GitHub was not asked yet
    tray.show_view(view("github", Status.UNKNOWN, Triage.LOCAL))
    assert tray.state is IconState.OFFLINE
    assert "this PC seems to be offline" in tray.icon.toolTip()
    tray.show_view(view("github", Status.DEGRADED, Triage.VENDOR))
    assert tray.state is IconState.DEGRADED


def test_menu_groups_services_by_state_then_offers_actions(tray: TrayController) -> None:
    tray.show_view(view_from_result(result("teams", Status.PARTIAL_OUTAGE)))
    tray.show_view(view_from_result(result("github", Status.PARTIAL_OUTAGE)))
    tray.show_view(view_from_result(result("outlook", Status.OPERATIONAL)))
    assert _texts(tray) == [
        "Traymon — Partial outage",
        "Partial outage",  # a section header
        "GitHub",
        "Teams",
        "Operational",
        "Outlook",
        "Check now",
        "Pause notifications",
        "Open status page",
        "Settings…",
        "About and diagnostics…",
        "Quit",
    ]
    sections = [a.text() for a in tray.menu.actions() if a.isSeparator() and a.text()]
    assert sections == ["Partial outage", "Operational"]


def test_a_failure_from_this_pc_is_its_own_section_and_icon_never_the_green_check(
    tray: TrayController,
) -> None:
    tray.show_view(view("teams", Status.OPERATIONAL, Triage.SUSPECTED, vendor="Microsoft"))
    tray.show_view(view("outlook", Status.OPERATIONAL, Triage.OK))
    tray.show_view(view("github", Status.OPERATIONAL, Triage.OK))
    assert tray.state is IconState.SUSPECTED
    assert tray.icon.toolTip().splitlines()[0] == "Traymon — Fails from this PC"
    sections = [a.text() for a in tray.menu.actions() if a.isSeparator() and a.text()]
    assert sections == ["Fails from this PC", "Operational"]
    (teams,) = [a for a in tray.menu.service_actions() if a.text() == "Teams"]
    drawn = teams.icon().pixmap(32, 32).toImage()
    assert drawn == state_icon(IconState.SUSPECTED).pixmap(32, 32).toImage()
    assert drawn != state_icon(IconState.OPERATIONAL).pixmap(32, 32).toImage()
    event = TransitionEvent(
        "teams", "Teams", Status.OPERATIONAL, Status.OPERATIONAL, Triage.SUSPECTED, NOW
    )
    shown = change_icon(event).pixmap(32, 32).toImage()
    assert shown == state_icon(IconState.SUSPECTED).pixmap(32, 32).toImage()


def test_services_not_checked_yet_say_so(tray: TrayController) -> None:
    assert [a.text() for a in tray.menu.service_actions()] == [
        "GitHub — not checked yet",
        "Outlook — not checked yet",
        "Teams — not checked yet",
    ]


def test_menu_items_ask_for_what_they_name(qtbot: QtBot, tray: TrayController) -> None:
    tray.show_view(view_from_result(result("teams", Status.MAJOR_OUTAGE)))
    menu = tray.menu
    teams = next(a for a in menu.service_actions() if a.text() == "Teams")
    with qtbot.waitSignal(tray.open_window_requested) as opened:
        teams.trigger()
    assert opened.args == ["teams"]
    pages = menu.pages_menu.actions()
    assert [a.text() for a in pages] == ["Teams"]  # only answered services know their page
    with qtbot.waitSignal(tray.open_page_requested) as page:
        pages[0].trigger()
    assert page.args == ["https://teams.example"]
    for action, signal in (
        (menu.check_now, tray.check_now_requested),
        (menu.settings, tray.settings_requested),
        (menu.about, tray.about_requested),
        (menu.quit, tray.quit_requested),
    ):
        with qtbot.waitSignal(signal, timeout=1000):
            action.trigger()


def test_actions_survive_the_menu_being_rebuilt(qtbot: QtBot, tray: TrayController) -> None:
    for status in (Status.DEGRADED, Status.OPERATIONAL, Status.MAJOR_OUTAGE):
        tray.show_view(view_from_result(result("github", status)))
    with qtbot.waitSignal(tray.check_now_requested, timeout=1000):
        tray.menu.check_now.trigger()
    assert "Check now" in _texts(tray)


def test_pause_from_the_menu_is_handed_on_with_its_end(
    qtbot: QtBot, tray: TrayController, clock: FakeClock
) -> None:
    """The tray shows the pause; the engine (through the session) holds it."""
    with qtbot.waitSignal(tray.pause_changed) as paused:
        tray.menu.pause_actions[PauseChoice.FOUR_HOURS].trigger()
    assert paused.args == [NOW + timedelta(hours=4)]
    assert tray.paused_until == NOW + timedelta(hours=4)
    assert tray.menu.pause_menu.title().startswith("Notifications paused until")
    assert tray.menu.resume.isEnabled()
    with qtbot.waitSignal(tray.pause_changed) as resumed:
        tray.menu.resume.trigger()
    assert resumed.args == [None]
    assert not tray.menu.resume.isEnabled()
    # "Until tomorrow" says when, and ends then: 08:00 local time the next day.
    tomorrow = tray.menu.pause_actions[PauseChoice.UNTIL_TOMORROW]
    assert tomorrow.text() == "Until 08:00 tomorrow"
    with qtbot.waitSignal(tray.pause_changed) as overnight:
        tomorrow.trigger()
    (until,) = overnight.args
    assert until.astimezone().date() == NOW.astimezone().date() + timedelta(days=1)
    assert f"{until.astimezone():%H:%M}" == "08:00"


def _event(service_id: str, old: Status, new: Status) -> TransitionEvent:
    name = next(s.name for s in SERVICES if s.id == service_id)
    return TransitionEvent(service_id, name, old, new, Triage.VENDOR, NOW, Triage.OK)


def test_the_engines_grouped_notification_is_shown_as_it_is(
    qtbot: QtBot, tray: TrayController
) -> None:
    """The engine groups and words it (noise.summarise); a click opens the worst service."""
    notification = summarise(
        [
            _event("teams", Status.OPERATIONAL, Status.DEGRADED),
            _event("outlook", Status.OPERATIONAL, Status.MAJOR_OUTAGE),
        ]
    )
    with qtbot.waitSignal(tray.notified, timeout=5000) as shown:
        tray.notify(message_for(notification))
    message = shown.args[0]
    assert message.title == "Traymon: 2 services changed"  # in the desktop's language
    assert message.body.splitlines() == [
        "Outlook: outage reported by the vendor",
        "Teams: Degraded (reported by the vendor)",
    ]
    assert message.focus_service_id == "outlook"
    assert message.worst is Status.MAJOR_OUTAGE
    with qtbot.waitSignal(tray.open_window_requested) as opened:
        tray.icon.messageClicked.emit()
    assert opened.args == ["outlook"]


def test_a_recovery_and_a_long_list_are_worded_as_before() -> None:
    back = message_for(summarise([_event("github", Status.MAJOR_OUTAGE, Status.OPERATIONAL)]))
    assert (back.title, back.body) == ("Traymon: GitHub — Operational", "GitHub: working again")
    many = [_event(s.id, Status.OPERATIONAL, Status.MAJOR_OUTAGE) for s in SERVICES] * 2
    lines = message_for(summarise(many)).body.splitlines()
    assert len(lines) == 5 and lines[-1] == "… and 2 more"


def test_changes_alone_show_no_notification(tray: TrayController) -> None:
    """Only the engine decides what pops up: a changed view by itself never does."""
    seen: list[GroupedMessage] = []
    tray.notified.connect(seen.append)
    _all(tray, Status.OPERATIONAL)
    for status in (Status.MAJOR_OUTAGE, Status.OPERATIONAL):
        tray.show_view(view_from_result(result("teams", status)))
    assert seen == []
    assert tray.state is IconState.OPERATIONAL


def _all(tray: TrayController, status: Status) -> None:
    for service in SERVICES:
        tray.show_view(view_from_result(result(service.id, status)))


def test_offline_from_the_engine_shows_the_offline_icon(tray: TrayController) -> None:
    _all(tray, Status.OPERATIONAL)
    tray.set_offline(True)
    assert tray.state is IconState.OFFLINE
    assert "offline" in tray.icon.toolTip()
    tray.set_offline(False)
    assert tray.state is IconState.OPERATIONAL


def test_stale_states_show_at_once_and_fresh_ones_replace_them(tray: TrayController) -> None:
    """The engine sends the history's last known state first, with the verdict ``stale``."""
    tray.show_view(view("outlook", Status.MAJOR_OUTAGE, Triage.STALE))
    assert tray.state is IconState.MAJOR_OUTAGE
    assert "Showing the last known states" in tray.icon.toolTip()
    tray.show_view(view_from_result(result("outlook", Status.OPERATIONAL)))
    assert "Showing the last known states" not in tray.icon.toolTip()


def test_count_of_affected_services_can_be_switched_off(tray: TrayController) -> None:
    tray.show_view(view_from_result(result("teams", Status.MAJOR_OUTAGE)))
    tray.show_view(view_from_result(result("outlook", Status.DEGRADED)))
    with_count = tray.icon.icon().pixmap(32, 32).toImage()
    tray.set_show_count(False)
    without = tray.icon.icon().pixmap(32, 32).toImage()
    assert with_count != without


def test_answers_for_removed_services_are_ignored(tray: TrayController) -> None:
    tray.set_services(SERVICES[:1])
    tray.show_view(view_from_result(result("teams", Status.MAJOR_OUTAGE)))
    assert [v.service_id for v in tray.views] == ["outlook"]
    assert tray.state is IconState.UNKNOWN


def test_a_day_of_answers_does_not_wear_down_the_interpreter(tray: TrayController) -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call; the tray
    makes dozens per answer and crashed after about a thousand (``none_dealloc``). We pin it
    out (pyproject.toml); this catches such a release coming back."""
    states = [Status.DEGRADED, Status.OPERATIONAL, Status.MAJOR_OUTAGE]
    before = sys.getrefcount(None)
    for i in range(300):  # a day of one service at the default interval
        tray.show_view(view_from_result(result(SERVICES[i % 3].id, states[i % 3])))
        tray.menu.check_now.trigger()
    assert sys.getrefcount(None) >= before - 10


def test_a_single_affected_service_gets_no_number(tray: TrayController) -> None:
    tray.show_view(view_from_result(result("teams", Status.MAJOR_OUTAGE)))
    one = tray.icon.icon().pixmap(32, 32).toImage()
    tray.set_show_count(False)
    assert tray.icon.icon().pixmap(32, 32).toImage() == one


def test_native_message_icon_follows_the_severity() -> None:
    from PySide6.QtWidgets import QSystemTrayIcon

    from traymon.gui.tray import message_icon_for

    icons = QSystemTrayIcon.MessageIcon
    assert message_icon_for(Status.MAJOR_OUTAGE) is icons.Critical
    assert message_icon_for(Status.PARTIAL_OUTAGE) is icons.Critical
    assert message_icon_for(Status.DEGRADED) is icons.Warning
    assert message_icon_for(Status.OPERATIONAL) is icons.Information


def test_long_tooltips_keep_whole_lines_within_the_windows_limit() -> None:
    from traymon.gui.tray import WINDOWS_TOOLTIP_CHARS, fit_lines

    lines = ["Traymon — Major outage"] + [
        f"Service {i}: outage reported by the vendor" for i in range(6)
    ]
    fitted = fit_lines(lines, WINDOWS_TOOLTIP_CHARS)
    assert len(fitted) <= WINDOWS_TOOLTIP_CHARS
    kept = fitted.splitlines()
    assert kept[0] == lines[0] and kept[-1] == "…"
    assert kept[1:-1] == lines[1 : len(kept) - 1]  # whole lines, in order
    assert fit_lines(lines[:2], WINDOWS_TOOLTIP_CHARS) == "\n".join(lines[:2])
    assert fit_lines(lines, None) == "\n".join(lines)


def test_an_open_menu_is_not_rebuilt_under_the_pointer(qtbot: QtBot, tray: TrayController) -> None:
    tray.show_view(view_from_result(result("teams", Status.OPERATIONAL)))
    tray.menu.popup(tray.menu.pos())
    qtbot.waitUntil(tray.menu.isVisible)
    before = _texts(tray)
    tray.show_view(view_from_result(result("teams", Status.MAJOR_OUTAGE)))
    assert _texts(tray) == before  # still what the person is looking at
    tray.menu.hide()
    qtbot.waitUntil(lambda: _texts(tray)[0] == "Traymon — Major outage")
    assert "Major outage" in _texts(tray)
