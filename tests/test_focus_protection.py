"""Focus protection without a desktop: the engine's rule (what is held, what breaks through,
one summary after), the readers' answers (xprop, gsettings, Windows, macOS), the buttons a
notification offers, "Mute for today", and native notifications loaded only when needed.
The X11 reader is also asked on a real Xvfb about a real window made full screen."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from traymon.engine.events import (
    CatchUp,
    CatchUpKind,
    CatchUpLine,
    Notification,
    Silence,
    TransitionEvent,
)
from traymon.engine.focus import FREE, Focus, FocusReading, must_hold, reading, urgent
from traymon.engine.noise import AlertPolicy
from traymon.model import Status, Triage
from traymon.notify_actions import NotifyAction, Situation, offered, situation_of
from traymon.platform import focus as readers
from traymon.platform.native_notifier import native_possible

NOW = datetime(2026, 6, 1, 14, 0).astimezone()
DND = FocusReading(frozenset({Focus.DO_NOT_DISTURB}))
SHOW = FocusReading(frozenset({Focus.PRESENTING, Focus.FULL_SCREEN}))


def _down(sid: str, minutes: int = 0, *, declared: bool = False) -> TransitionEvent:
    return TransitionEvent(
        sid, sid.title(), Status.OPERATIONAL, Status.MAJOR_OUTAGE, Triage.VENDOR,
        NOW + timedelta(minutes=minutes), Triage.OK, declared=declared,
    )  # fmt: skip


def _current(*down: str) -> dict[str, tuple[Status, Triage]]:
    return {sid: (Status.MAJOR_OUTAGE, Triage.VENDOR) for sid in down}


# -- the engine's rule ------------------------------------------------------------------------


def test_while_focused_changes_wait_and_come_as_one_summary_after() -> None:
    policy = AlertPolicy()
    assert policy.deserves(_down("outlook"), NOW)  # free: told at once
    policy.focus = SHOW
    assert policy.silence(NOW) is Silence.FOCUS
    assert not policy.deserves(_down("teams", 1), NOW)
    assert not policy.deserves(_down("zoom", 2), NOW)
    assert policy.catch_up(NOW, _current("outlook", "teams", "zoom")) is None  # still busy
    policy.focus = FREE
    summary = policy.catch_up(NOW + timedelta(minutes=5), _current("outlook", "teams", "zoom"))
    assert summary is not None and summary.reason is Silence.FOCUS
    assert [ln.service_id for ln in summary.lines] == ["teams", "zoom"]
    assert policy.catch_up(NOW + timedelta(minutes=6), _current("teams", "zoom")) is None  # once


def test_it_s_continuity_declaration_breaks_through_focus_but_not_a_pause() -> None:
    policy = AlertPolicy(focus=DND)
    assert policy.deserves(_down("outlook", declared=True), NOW)
    assert not len(policy.held)
    policy.pause(NOW + timedelta(hours=1), NOW)  # the person's own choice wins
    assert not policy.deserves(_down("teams", declared=True), NOW)
    notification = Notification((_down("outlook", declared=True),))
    assert urgent(notification)
    assert not must_hold(notification, DND)
    assert must_hold(Notification((_down("crm"),)), DND)
    assert not must_hold(Notification((_down("crm"),)), FREE)


def test_a_notification_the_gui_held_is_in_the_summary() -> None:
    """Sent before the engine knew of the focus: the GUI hands it back to be held."""
    policy = AlertPolicy()
    event = _down("outlook")
    assert policy.deserves(event, NOW)  # told: the GUI found the person presenting
    policy.hold(Notification((event,)), SHOW)
    assert policy.silence(NOW) is Silence.FOCUS
    policy.focus = FREE
    summary = policy.catch_up(NOW, _current("outlook"))
    assert summary is not None and [ln.service_id for ln in summary.lines] == ["outlook"]


def test_a_held_pause_summary_is_told_with_the_focus_one() -> None:
    """A pause ended during a presentation: its summary and focus' are one."""
    pause_line = CatchUpLine("crm", "Crm", CatchUpKind.STILL, Status.MAJOR_OUTAGE,
                             Triage.VENDOR, NOW, NOW, None, 1)  # fmt: skip
    earlier = CatchUp(Silence.PAUSED, NOW - timedelta(hours=1), NOW, (pause_line,))
    policy = AlertPolicy()
    policy.hold(Notification(catch_up=earlier), DND)
    assert not policy.deserves(_down("teams", 3), NOW)
    policy.focus = FREE
    summary = policy.catch_up(NOW + timedelta(minutes=9), _current("teams", "crm"))
    assert summary is not None
    assert summary.reason is Silence.PAUSED and summary.began == earlier.began
    assert [ln.service_id for ln in summary.lines] == ["crm", "teams"]


def test_notifications_switched_off_drop_what_focus_held() -> None:
    policy = AlertPolicy(focus=DND)
    assert not policy.deserves(_down("teams"), NOW)
    policy.enabled = False
    assert policy.catch_up(NOW, _current("teams")) is None
    policy.enabled, policy.focus = True, FREE
    assert policy.catch_up(NOW, _current("teams")) is None


def test_readings_combine_and_name_the_strongest() -> None:
    assert reading([None, None]) == FREE and not FREE.busy
    both = reading([Focus.DO_NOT_DISTURB, None, Focus.PRESENTING])
    assert both.busy and both.main is Focus.PRESENTING


# -- the readers' answers ---------------------------------------------------------------------


def test_xprop_answers() -> None:
    assert readers.active_window("_NET_ACTIVE_WINDOW(WINDOW): window id # 0x1400007") == (
        "0x1400007"
    )
    assert readers.active_window("_NET_ACTIVE_WINDOW(WINDOW): window id # 0x0") is None
    assert readers.active_window("_NET_ACTIVE_WINDOW(CARDINAL) = 2097183") == "0x20001f"
    assert readers.active_window("_NET_ACTIVE_WINDOW:  not found.") is None
    full = "_NET_WM_STATE(ATOM) = _NET_WM_STATE_ABOVE, _NET_WM_STATE_FULLSCREEN"
    assert readers.is_full_screen(full)
    assert not readers.is_full_screen("_NET_WM_STATE(ATOM) = _NET_WM_STATE_MAXIMIZED_VERT")
    assert not readers.is_full_screen("_NET_WM_STATE:  not found.")


def test_the_x11_reader_asks_the_active_window_and_never_on_wayland() -> None:
    asked: list[list[str]] = []

    def run(args: list[str], env: object) -> str | None:
        asked.append(args)
        if args[1] == "-root":
            return "_NET_ACTIVE_WINDOW(WINDOW): window id # 0x2a00003"
        return "_NET_WM_STATE(ATOM) = _NET_WM_STATE_FULLSCREEN"

    assert readers.x11_full_screen({"DISPLAY": ":5"}, run) is Focus.FULL_SCREEN
    assert asked[1] == ["xprop", "-id", "0x2a00003", "_NET_WM_STATE"]
    asked.clear()
    assert readers.x11_full_screen({"DISPLAY": ":5", "XDG_SESSION_TYPE": "wayland"}, run) is None
    assert readers.x11_full_screen({}, run) is None
    assert asked == []


def test_gnome_do_not_disturb_is_show_banners_off() -> None:
    env = {"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}
    assert readers.gnome_do_not_disturb(env, lambda a, e: "false\n") is Focus.DO_NOT_DISTURB
    assert readers.gnome_do_not_disturb(env, lambda a, e: "true\n") is None
    assert readers.gnome_do_not_disturb(env, lambda a, e: None) is None  # no schema
    kde = {"XDG_CURRENT_DESKTOP": "KDE"}  # KDE's DND is the notification server's Inhibited
    assert readers.gnome_do_not_disturb(kde, lambda a, e: "false") is None


def test_windows_notification_state() -> None:
    """SHQueryUserNotificationState's values (the call itself runs on Windows only)."""
    assert readers.windows_focus(readers.QUNS_PRESENTATION_MODE) is Focus.PRESENTING
    for busy in (readers.QUNS_BUSY, readers.QUNS_RUNNING_D3D_FULL_SCREEN, readers.QUNS_APP):
        assert readers.windows_focus(busy) is Focus.FULL_SCREEN
    assert readers.windows_focus(readers.QUNS_QUIET_TIME) is Focus.DO_NOT_DISTURB
    assert readers.windows_focus(readers.QUNS_ACCEPTS_NOTIFICATIONS) is None
    assert readers.windows_focus(readers.QUNS_NOT_PRESENT) is None  # Windows keeps the toast


def test_macos_focus_assertions(tmp_path: Path) -> None:
    """The Focus file as macOS 12+ writes it (the shape only; the Mac reads its own)."""
    on = {"data": [{"storeAssertionRecords": [{"assertionDetails": {"modeIdentifier": "x"}}]}]}
    off = {"data": [{"storeAssertionRecords": []}]}
    assert readers.macos_focus_on(json.dumps(on).encode())
    assert not readers.macos_focus_on(json.dumps(off).encode())
    assert not readers.macos_focus_on(b"\xff not json")
    assert not readers.macos_focus_on(b"[1, 2]")
    folder = tmp_path / "Library" / "DoNotDisturb" / "DB"
    folder.mkdir(parents=True)
    assert readers.macos_state(tmp_path) is None  # no file: the notification centre decides
    (folder / "Assertions.json").write_text(json.dumps(on), encoding="utf-8")
    assert readers.macos_state(tmp_path) is Focus.DO_NOT_DISTURB


@pytest.mark.linux_only  # Xvfb and xprop from Debian
def test_a_real_full_screen_window_under_xvfb(tmp_path: Path) -> None:
    """xprop against a real X server: a window marked active and full screen, then not."""
    from tests.tray_host import missing_tools, x_desktop

    if missing_tools():
        pytest.skip("needs Xvfb and the X tools")
    with x_desktop(tmp_path) as desktop:
        env = desktop.env
        assert readers.x11_full_screen(env) is None  # no window manager: no active window
        window = next(line.split()[0] for line in desktop.run(
            "xwininfo", "-root", "-tree").splitlines() if "trayer" in line)  # fmt: skip
        desktop.run("xprop", "-root", "-f", "_NET_ACTIVE_WINDOW", "32x",
                    "-set", "_NET_ACTIVE_WINDOW", window)  # fmt: skip
        assert readers.x11_full_screen(env) is None  # active, not full screen
        desktop.run("xprop", "-id", window, "-f", "_NET_WM_STATE", "32a",
                    "-set", "_NET_WM_STATE", "_NET_WM_STATE_FULLSCREEN")  # fmt: skip
        assert readers.x11_full_screen(env) is Focus.FULL_SCREEN


# -- the buttons ------------------------------------------------------------------------------


def test_the_buttons_the_situation_offers() -> None:
    trouble = Situation("outlook", problem=True, webmail_url="https://w.example", can_switch=True)
    assert offered(trouble) == (
        NotifyAction.WEBMAIL, NotifyAction.SWITCH_MAIL, NotifyAction.DETAILS,
        NotifyAction.MUTE_TODAY,
    )  # fmt: skip
    assert offered(Situation("crm", problem=True, muted=True)) == (NotifyAction.DETAILS,)
    back = Situation("outlook", problem=False, webmail_url="https://w.example", can_switch=True)
    assert offered(back) == (NotifyAction.DETAILS,)  # good news needs no way out
    assert offered(Situation("", problem=True)) == ()  # the mail switch's own news


def test_what_a_notification_says_of_its_service() -> None:
    down = Notification((_down("outlook"),))
    assert situation_of(down, "outlook").problem
    assert situation_of(down, "outlook").status is Status.MAJOR_OUTAGE
    line = CatchUpLine("crm", "Crm", CatchUpKind.RECOVERED, Status.OPERATIONAL, Triage.OK,
                       None, None, NOW, 1)  # fmt: skip
    summary = Notification(catch_up=CatchUp(Silence.FOCUS, NOW, NOW, (line,)))
    assert not situation_of(summary, "crm").problem
    assert not situation_of(down, "other").problem


# -- native or the balloon, and loaded only when needed --------------------------------------


def test_native_notifications_where_the_desktop_has_them() -> None:
    bus = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"}
    assert native_possible(bus, "linux")
    assert not native_possible({}, "linux")  # no session bus: Qt's balloon
    assert not native_possible({**bus, "TRAYMON_NATIVE_NOTIFICATIONS": "0"}, "linux")
    assert native_possible({}, "win32")


def test_the_library_loads_with_the_first_notification_only() -> None:
    """A tray that has told nothing holds neither desktop-notifier nor dbus-fast."""
    probe = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from traymon.gui.native_notify import DesktopNotices\n"
        "notices = DesktopNotices(print, native=True)\n"
        "loaded = [m for m in sys.modules if m.startswith(('desktop_notifier', 'dbus_fast'))]\n"
        "print(loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.stdout.strip() == "[]", done.stderr


def test_the_windows_call_mocked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows only for real: ``shell32.SHQueryUserNotificationState`` is mocked here (it
    writes the state through its pointer argument, as the real one does)."""
    import ctypes

    class Shell32:
        state = readers.QUNS_PRESENTATION_MODE
        result = 0  # S_OK

        def SHQueryUserNotificationState(self, pointer: object) -> int:  # noqa: N802
            pointer._obj.value = self.state  # type: ignore[attr-defined]
            return self.result

    shell = Shell32()
    monkeypatch.setattr(ctypes, "windll", type("WinDLL", (), {"shell32": shell})(), raising=False)
    assert readers.windows_state() is Focus.PRESENTING
    shell.state = readers.QUNS_ACCEPTS_NOTIFICATIONS
    assert readers.windows_state() is None
    shell.state, shell.result = readers.QUNS_BUSY, -2147467259  # E_FAIL: cannot tell
    assert readers.windows_state() is None
    monkeypatch.setattr(readers.sys, "platform", "win32")
    shell.result = 0
    assert readers.read_desktop({}) == [Focus.FULL_SCREEN]
