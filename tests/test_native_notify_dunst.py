"""The real tray app's notifications in a real notification server: dunst on a private
D-Bus session under Xvfb, read back over D-Bus; its buttons pressed through dunst's own
context menu; dunst paused as the person's Do Not Disturb.

One app run, services answering one after another (the loopback pages answer late on
purpose), so each outage is a notification of its own: Outlook and Exchange (a backup
webmail, and Thunderbird to switch to the backup account), Teams and Zoom, then — with
dunst paused — Slack and Jira, told once as the catch-up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, fixture_bytes
from tests.notification_server import NotificationServer, Received, notification_server
from tests.notification_server import missing_tools as server_missing
from tests.servers import LoopbackServer, Reply, wait_until
from tests.thunderbird_profile import make_profile_root
from tests.tray_host import XDesktop, missing_tools, x_desktop

pytestmark = pytest.mark.linux_only

SCREENSHOTS = ROOT / "build" / "screenshots"
OUTAGE = "statuspage/github_summary_2026-08-17_major_outage.json"
WEBMAIL = "https://webmail.backup.example.net/"
#: (id, name, seconds its page takes to answer): one notification each, in this order.
SERVICES = (
    ("outlook", "Outlook", 0.5),  # after the mail client was looked for
    ("exchange", "Exchange", 2.0),  # a notification takes one action: one for the switch
    ("teams", "Teams", 3.5),
    ("zoom", "Zoom", 5.0),
    ("slack", "Slack", 11.0),  # after dunst is paused: held by the GUI, told to the engine
    ("jira", "Jira", 13.0),  # the engine holds it itself (the fetch deadline is 15 s)
)


@pytest.fixture(scope="module")
def desktop() -> Iterator[XDesktop]:
    missing = missing_tools() + server_missing()
    if missing:
        if os.environ.get("TRAYMON_REQUIRE_TRAY_TESTS"):
            pytest.fail(f"notification tests need {', '.join(missing)} (make system-deps)")
        pytest.skip(f"notification tests need {', '.join(missing)}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with x_desktop(SCREENSHOTS) as running:
        yield running


def _config(server: LoopbackServer, folder: Path) -> Path:
    body = fixture_bytes(OUTAGE)
    lines = []
    for sid, name, delay in SERVICES:
        url = server.base_url + f"/{sid}"
        server.serve(f"/{sid}/api/v2/summary.json", Reply(body=body, delay_s=delay))
        lines += ["[[services]]", f'id = "{sid}"', f'name = "{name}"', 'kind = "statuspage"']
        lines += [f'url = "{url}"', f'vendor = "{name} Inc"', ""]
    lines += [
        "[continuity]",
        'trigger_services = ["outlook", "exchange"]',
        f'webmail_url = "{WEBMAIL}"',
    ]
    lines += ["[continuity.backup]", 'thunderbird = "account3"']
    path = folder / "traymon.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _browser(folder: Path) -> Path:
    """A fake ``xdg-open`` first on PATH: what Qt's openUrl would open lands in a file."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    script = bin_dir / "xdg-open"
    script.write_text(f'#!/bin/sh\necho "$1" >> {folder / "opened.txt"}\n', encoding="utf-8")
    script.chmod(0o755)
    return bin_dir


def _log(home: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in home.rglob("traymon.log"))


def _one(server: NotificationServer, summary_start: str) -> Received:
    found = [n for n in server.received() if n.summary.startswith(summary_start)]
    assert len(found) == 1, (summary_start, [n.summary for n in server.received()])
    return found[0]


def test_notifications_with_actions_and_focus(
    desktop: XDesktop, server: LoopbackServer, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    profile = make_profile_root(home / ".thunderbird")  # a real profile: Thunderbird is closed
    runtime = tempfile.mkdtemp(prefix="rt-")
    pages = server
    with notification_server(tmp_path / "dunst", desktop.display) as dunst:
        env = {
            **desktop.env,
            "DBUS_SESSION_BUS_ADDRESS": dunst.env["DBUS_SESSION_BUS_ADDRESS"],
            "PATH": f"{_browser(tmp_path)}:{os.environ['PATH']}",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "cfg"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_RUNTIME_DIR": runtime,
            "LANG": "en_GB.UTF-8",
            "LANGUAGE": "",
            "LC_ALL": "",
            "TRAYMON_NOTIFY_BATCH_S": "1",
        }
        env.pop("TRAYMON_CONFIG", None)
        command = [str(Path(sys.executable).parent / "traymon"), "run", "--config"]
        errors = (tmp_path / "app.err").open("w")
        app = subprocess.Popen(
            [*command, str(_config(pages, tmp_path))],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors, text=True,
        )  # fmt: skip
        try:
            _run_scenario(desktop, dunst, home, profile)
        finally:
            app.terminate()
            app.wait(10)
            assert app.returncode == 0, (tmp_path / "app.err").read_text()


def _run_scenario(desktop: XDesktop, dunst: NotificationServer, home: Path, profile: Path) -> None:
    tmp = home.parent

    def summaries() -> list[str]:
        return [n.summary for n in dunst.received()]

    def arrived(name: str) -> bool:
        return any(s.startswith(f"Traymon: {name}") for s in summaries())

    # -- what the server received: the words and the buttons the situation offers --------
    assert wait_until(lambda: arrived("Zoom"), timeout_s=30), summaries()
    assert [s.split(" — ")[0] for s in summaries()] == [
        f"Traymon: {name}" for _sid, name, _delay in SERVICES[:4]
    ]  # one each
    outlook = _one(dunst, "Traymon: Outlook")
    assert outlook.app == "Traymon"
    assert outlook.summary == "Traymon: Outlook — Major outage"
    assert "Outlook Inc" in outlook.body, outlook.body  # whose problem, in words
    assert outlook.actions == (
        ("default", ""),  # a click on the notification itself
        ("webmail", "Open backup webmail"),  # IT's fallback for a trigger service
        ("switch_mail", "Switch mail"),  # its mail client can be switched
        ("details", "Details"),
        ("mute_today", "Mute for today"),
    )
    # No webmail where IT configured none for the service.
    assert _one(dunst, "Traymon: Teams").actions == (
        ("default", ""), ("details", "Details"), ("mute_today", "Mute for today"),
    )  # fmt: skip
    desktop.screenshot("notify-dunst-three")

    # -- the buttons work -------------------------------------------------------------------
    dunst.choose("#Open backup webmail (Traymon: Outlook")
    opened = tmp / "opened.txt"
    assert wait_until(opened.exists, timeout_s=10), _log(home)
    assert opened.read_text(encoding="utf-8").split() == [WEBMAIL]
    dunst.choose("# (Traymon: Teams")  # the notification itself: the window, on Teams
    assert wait_until(lambda: "window opened on 'teams'" in _log(home), timeout_s=10)
    assert wait_until(lambda: bool(desktop.app_windows("^Traymon — ")), timeout_s=10)
    dunst.choose("#Mute for today (Traymon: Zoom")

    def settings() -> str:  # QSettings' file, written when the mute is stored
        return "".join(p.read_text(encoding="utf-8") for p in (home / "cfg").rglob("*.conf"))

    assert wait_until(lambda: 'muted_until="zoom=' in settings(), timeout_s=10), _log(home)
    assert "zoom" in settings().split("\nmuted=", 1)[1].splitlines()[0]  # the tray's own mute
    desktop.screenshot("notify-dunst-details")  # the window on Teams, drawn by now
    dunst.choose("#Switch mail (Traymon: Exchange")  # the question's own switch, now
    backup = b'user_pref("mail.accountmanager.defaultaccount", "account3");'
    assert wait_until(lambda: backup in (profile / "prefs.js").read_bytes(), timeout_s=15), (
        _log(home),
        summaries(),
    )
    assert wait_until(lambda: "Traymon" in summaries(), timeout_s=10), summaries()  # and says so
    told = next(n for n in dunst.received() if n.summary == "Traymon")
    assert told.actions == (("default", ""),), told  # news, no buttons
    assert dunst.invoked() == ["webmail", "default", "mute_today", "switch_mail"]

    # -- dunst pauses (the person's Do Not Disturb) before Slack and Jira go down ----------
    assert "Slack" not in _log(home), "the scenario ran late: Slack answered before the pause"
    dunst.ctl("set-paused", "true")
    before = len(dunst.received())
    assert wait_until(lambda: "held back (do_not_disturb)" in _log(home), timeout_s=20), _log(home)
    assert wait_until(lambda: "Jira" in _log(home).rsplit("tray shows:", 1)[-1], timeout_s=20)
    wait_until(lambda: False, timeout_s=1.5)  # Jira's batch window: it would have popped up
    assert len(dunst.received()) == before, summaries()[before:]  # nothing reached dunst

    # -- Do Not Disturb ends: one summary of what was held --------------------------------
    dunst.ctl("set-paused", "false")
    assert wait_until(lambda: len(dunst.received()) > before, timeout_s=15), _log(home)
    assert wait_until(lambda: False, timeout_s=2) is False  # nothing else follows it
    after = dunst.received()[before:]
    assert [n.summary for n in after] == ["Traymon: while you were busy"]
    lines = after[0].body.splitlines()
    assert [ln.split(":")[0] for ln in lines] == ["Jira", "Slack"], lines
    assert all("still a problem" in ln for ln in lines), lines
    desktop.screenshot("notify-dunst-summary")
