"""The window's answer first, in the real tray app under Xvfb and trayer, as a person sees it.

One run walks through the day: everything working; Teams failing from this PC only (its
probe's port closes) while Microsoft's page says all is well; then GitHub's page reporting
a major outage with IT's backup webmail and a Thunderbird to switch. The window is opened
with a left click on the icon; its headline is read from the log (what the person was
told) and photographed; the buttons are pressed with the keyboard as a person would: the
webmail opens through the desktop's ``xdg-open`` (a recorder first on PATH), the switch
changes the real Thunderbird profile in the test's home. The ``readme-answer-*`` shots
are what `make screenshots` copies into docs/screenshots/.
"""

from __future__ import annotations

import os
import re
import socket
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QRect

from tests import test_tray_x11 as tray
from tests.conftest import fixture_bytes
from tests.servers import LoopbackServer, wait_until
from tests.test_tray_x11 import (
    STATE_FIXTURES,
    Launcher,
    _log_says,
    _menu,
    _wait_for_colour,
    _wait_for_icon,
)
from tests.thunderbird_profile import make_profile_root
from tests.tray_host import XDesktop
from traymon.viewmodel import IconState

pytestmark = pytest.mark.linux_only  # needs Xvfb and trayer

desktop = tray.desktop
home = tray.home
launch = tray.launch
WEBMAIL = "https://webmail.backup.example.net/"
TITLE = "^Traymon — cloud service status$"
DEFAULT_ACCOUNT = 'user_pref("mail.accountmanager.defaultaccount", "{}");'


def _listening() -> socket.socket:
    """A loopback port that accepts connections until it is closed (Teams' probe)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    return listener


def _recording_xdg_open(folder: Path) -> Path:
    """An ``xdg-open`` that writes the address it was given: what the desktop would open."""
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / "opened.txt"
    script = folder / "xdg-open"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{record}"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return record


def _config(tmp_path: Path, server: LoopbackServer, port: int) -> Path:
    github = server.serve_statuspage("/gh", fixture_bytes(STATE_FIXTURES[IconState.OPERATIONAL]))
    teams = server.serve_statuspage("/teams", fixture_bytes(STATE_FIXTURES[IconState.OPERATIONAL]))
    config = tmp_path / "traymon.toml"
    config.write_text(
        # Muted: a balloon would take the keys this test sends (the icon still shows all).
        "[notifications]\ndown_after = 1\n\n"
        f'[[services]]\nid = "github"\nname = "GitHub"\nvendor = "GitHub"\nkind = "statuspage"\n'
        f'url = "{github}"\nmuted = true\n\n'
        f'[[services]]\nid = "teams"\nname = "Teams"\nvendor = "Microsoft"\nkind = "statuspage"\n'
        f'url = "{teams}"\nmuted = true\n'
        f'probes = [{{kind = "tcp", host = "127.0.0.1", port = {port}}}]\n\n'
        f'[continuity]\nmode = "ask"\ntrigger_services = ["github"]\nwebmail_url = "{WEBMAIL}"\n'
        "switch_after_minutes = 30\n\n"  # no question during the test: the button is theirs
        '[continuity.backup]\nthunderbird = "account3"\n\n'
        # IT's steps for each: on the card, and in the headline when short.
        '[[continuity.instructions]]\nservice = "teams"\n'
        'text = "reconnect the VPN; if it persists, call the helpdesk"\n\n'
        '[[continuity.instructions]]\nservice = "github"\n'
        'text = "Push to the **backup remote**; questions: [helpdesk](tel:+4930123456)"\n',
        encoding="utf-8",
    )
    return config


def _check_now(desktop: XDesktop, icon: QRect) -> None:
    _menu(desktop, icon.center().x(), icon.center().y())
    desktop.keys("Up", "Up", "Up", "Up", "Up", "Up", "Return")


def _open_window(desktop: XDesktop, icon: QRect) -> QRect:
    desktop.click(icon.center().x(), icon.center().y(), button=1)
    found: list[QRect] = []

    def shown() -> bool:
        found[:] = desktop.app_windows(TITLE)
        return bool(found)

    assert wait_until(shown, timeout_s=10), "a left click did not open the window"
    return found[0]


def _photograph(desktop: XDesktop, window: QRect, name: str) -> None:
    shot = desktop.screenshot(name)
    desktop.save_crop(shot, window.intersected(shot.rect()), f"readme-{name}")


def _told(home: Path, pattern: str) -> bool:
    wanted = re.compile(pattern)
    return any(
        wanted.search(line)
        for log in home.rglob("traymon.log")
        for line in log.read_text(encoding="utf-8").splitlines()
        if "window's answer:" in line
    )


def test_the_window_answers_first_and_its_buttons_work(
    desktop: XDesktop,
    launch: Launcher,
    server: LoopbackServer,
    tmp_path: Path,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = _recording_xdg_open(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    profile = make_profile_root(home / ".thunderbird")
    listener = _listening()
    config = _config(tmp_path, server, listener.getsockname()[1])
    process = launch(config)
    icon = _wait_for_colour(
        desktop, _wait_for_icon(desktop, process), IconState.OPERATIONAL, "answer-tray-fine"
    )

    # Everything works: the headline says so, the rest is one line.
    window = _open_window(desktop, icon)
    assert wait_until(lambda: _told(home, r"answer: Everything is working \[\]"), timeout_s=10)
    _photograph(desktop, window, "answer-fine")

    # Teams' port closes: Microsoft's page still says all is well, so it fails from here.
    listener.close()
    _check_now(desktop, icon)
    icon = _wait_for_colour(desktop, icon, IconState.SUSPECTED, "answer-tray-this-pc", readme=True)
    assert wait_until(
        lambda: _told(
            home,
            r"answer: Teams fails from this PC only — Microsoft reports no problem\. "
            r"Try: reconnect the VPN; if it persists, call the helpdesk\. \[\]",
        ),
        timeout_s=15,
    ), "the window did not say that Teams fails from this PC only"
    _photograph(desktop, window, "answer-this-pc")

    # GitHub's page reports a major outage: the worst comes first, with IT's help.
    server.serve_statuspage("/gh", fixture_bytes(STATE_FIXTURES[IconState.MAJOR_OUTAGE]))
    _check_now(desktop, icon)
    icon = _wait_for_colour(desktop, icon, IconState.MAJOR_OUTAGE, "answer-tray-outage")
    assert wait_until(
        lambda: _told(
            home,
            r"answer: GitHub is down for everyone — GitHub is working on it \(since [^)]+\)\. "
            r"Use the backup webmail\. "
            r"\[Open backup webmail, Call helpdesk, Switch mail to backup\]",
        ),
        timeout_s=15,
    ), "the window did not lead with GitHub's outage and IT's help"
    window = _open_window(desktop, icon)  # forward, the focus on the headline's first button
    _photograph(desktop, window, "answer-outage")

    desktop.keys("space")  # Open backup webmail
    assert wait_until(lambda: record.exists() and WEBMAIL in record.read_text(), timeout_s=10), (
        "the webmail button did not open the backup webmail"
    )
    assert (profile / "prefs.js").read_text("utf-8").count(DEFAULT_ACCOUNT.format("account1"))
    desktop.keys("Tab", "Tab", "space")  # past "Call helpdesk": Switch mail to backup
    assert wait_until(
        lambda: DEFAULT_ACCOUNT.format("account3") in (profile / "prefs.js").read_text("utf-8"),
        timeout_s=15,
    ), "the switch button did not switch Thunderbird to the backup account"
    assert wait_until(
        lambda: _told(home, r"answer: GitHub is down .* \[Open backup webmail, Call helpdesk\]$"),
        timeout_s=10,
    ), "after the switch the window still offered it"
    assert wait_until(_log_says(home, "tray tells: Traymon"), timeout_s=10)  # what was done
    assert process.poll() is None
