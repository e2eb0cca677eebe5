"""The company relay end to end: IT's word reaches a real desktop under Xvfb and switches mail.

IT declares, announces and ends with the real ``traymon relay`` commands; the relay's
publisher reads the loopback fake Graph (HTTPS, MSAL for real); a real nginx serves its
folder; the real ``traymon run`` (real tray icon under Xvfb, a real Thunderbird profile
in the test's home) reads it with the ``relay`` kind. The proof is the profile's
prefs.js, the tray's own notification and the banner in the detail window.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor

from tests import test_tray_x11 as tray
from tests.fake_graph import FakeGraph
from tests.pixels import close_to
from tests.relay_helpers import TENANT, relay_folder
from tests.servers import wait_until
from tests.test_tray_x11 import Launcher, _log_says, _menu, _wait_for_icon
from tests.thunderbird_profile import make_profile_root
from tests.tray_host import XDesktop
from tools.relay_demo import NGINX_CANDIDATES, Demo, start_nginx, stop_nginx

HAS_NGINX = shutil.which("nginx") is not None or any(Path(p).exists() for p in NGINX_CANDIDATES)
# The real desktop (Xvfb + panel), the test's home and the app's launcher, shared.
desktop = tray.desktop
home = tray.home
launch = tray.launch
pytestmark = pytest.mark.skipif(not HAS_NGINX, reason="nginx is not installed (make system-deps)")
pytestmark = [pytestmark, pytest.mark.linux_only]  # needs nginx, Xvfb and trayer from Debian
SECRET_ENV = "TEST_RELAY_SECRET"
ANNOUNCED = "VPN maintenance tonight at 18:00"
BANNER = QColor("#e3effb")  # traymon.gui.announcement_banner's background
DEFAULT_ACCOUNT = b'user_pref("mail.accountmanager.defaultaccount", "%s");'


def _all_operational() -> dict[str, object]:
    return {
        "value": [
            {"service": "Exchange Online", "id": "Exchange", "status": "serviceOperational",
             "issues": []},
        ]
    }  # fmt: skip


class Relay:
    """IT's side: the relay's folder, its commands, and nginx serving what it writes."""

    def __init__(self, folder: Path, graph: FakeGraph) -> None:
        self.config, key = relay_folder(
            folder, graph_url=graph.base_url, ca=graph.write_ca(folder.parent / "graph-ca.pem")
        )
        self.pinned = key.public.text
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("TRAYMON_")}
        self.env[SECRET_ENV] = "test-secret"
        self.nginx = Demo(folder)

    def run(self, *args: str) -> str:
        command = [str(Path(sys.executable).parent / "traymon"), "relay", *args]
        done = subprocess.run(
            [*command, "--config", str(self.config.path)],
            capture_output=True, text=True, env=self.env, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[Relay]:
    graph = FakeGraph(clock=time.monotonic, health=_all_operational()).start()
    made = Relay(tmp_path / "relay", graph)
    try:
        yield made
    finally:
        stop_nginx(made.nginx.folder)
        graph.stop()


def _desktop_config(tmp_path: Path, relay: Relay, mode: str) -> Path:
    config = tmp_path / "traymon.toml"
    config.write_text(
        "[notifications]\ndown_after = 1\nup_after = 1\n\n"
        '[[services]]\nid = "exchange-online"\nname = "Exchange Online"\nkind = "relay"\n'
        f'url = "{relay.nginx.base_url}/tenant.jws"\nservice = "exchange-online"\n'
        f'tenant_id = "{TENANT}"\nkeys = ["{relay.pinned}"]\n\n'
        f'[continuity]\nmode = "{mode}"\ntrigger_services = ["exchange-online"]\n\n'
        '[continuity.backup]\nthunderbird = "account3"\n',
        encoding="utf-8",
    )
    return config


def _balloons(desktop: XDesktop) -> list[QRect]:
    """Qt's own notification balloons (no notification daemon here): short "Traymon" windows."""
    return [w for w in desktop.app_windows("^Traymon$") if w.height() < 200]


def _click_balloon_away(desktop: XDesktop) -> None:
    """Click the notification (it opens the window, as a person's click would); once it
    is gone the tray's menu can be found again (the menu is a "Traymon" window too)."""
    assert wait_until(lambda: bool(_balloons(desktop)), timeout_s=10), "no notification"
    (balloon,) = _balloons(desktop)[:1]
    desktop.click(balloon.x() + 40, balloon.bottom() - 12)
    assert wait_until(lambda: not _balloons(desktop), timeout_s=10)


def _check_now(desktop: XDesktop, icon: QRect, relay: Relay) -> None:
    log = relay.nginx.folder / "nginx" / "access.log"
    asked = log.read_text().count("GET /tenant.jws")
    _menu(desktop, icon.center().x(), icon.center().y())
    desktop.keys("Up", "Up", "Up", "Up", "Up", "Up", "Return")  # Check now
    assert wait_until(lambda: log.read_text().count("GET /tenant.jws") > asked, timeout_s=10)


def _default_account(profile: Path, account: str) -> Callable[[], bool]:
    return lambda: DEFAULT_ACCOUNT % account.encode() in (profile / "prefs.js").read_bytes()


def _banner_pixels(desktop: XDesktop) -> int:
    windows = desktop.app_windows("^Traymon — cloud service status$")
    if not windows:
        return 0
    shot = desktop.screenshot("relay-window-banner")
    top = shot.copy(QRect(windows[0].x(), windows[0].y(), windows[0].width(), 80))
    return sum(
        close_to(top.pixelColor(x, y), BANNER)
        for x in range(0, top.width(), 4)
        for y in range(0, top.height(), 4)
    )


def test_it_declares_the_desktop_switches_mail_it_ends_it_switches_back_and_announces(
    desktop: XDesktop, launch: Launcher, relay: Relay, home: Path, tmp_path: Path
) -> None:
    relay.run("announce", ANNOUNCED, "--by", "it-oncall")
    relay.run("--once")  # the publisher: Graph says Exchange Online is fine
    start_nginx(relay.nginx)
    profile = make_profile_root(home / ".thunderbird")
    process = launch(_desktop_config(tmp_path, relay, "automatic"))
    icon = _wait_for_icon(desktop, process)

    # The announcement: once as the tray's own notification, and as the window's banner.
    told = f"tray tells: Exchange Online — IT: {ANNOUNCED}"
    assert wait_until(_log_says(home, told), timeout_s=15), "the announcement was not told"
    _click_balloon_away(desktop)  # opens the window (made when first opened)
    assert wait_until(
        _log_says(home, f"window's banner shows IT: {ANNOUNCED} (from it-oncall"), timeout_s=10
    )
    assert wait_until(lambda: _banner_pixels(desktop) > 20, timeout_s=10), "no banner drawn"

    # IT declares continuity: the next check switches Thunderbird to the backup account.
    declared = relay.run(
        "declare", "continuity", "--service", "exchange-online", "--until", "2h",
        "--message", "Use webmail",
    )  # fmt: skip
    ident = declared.split(":", 1)[0]
    assert _default_account(profile, "account1")()
    _check_now(desktop, icon, relay)
    assert wait_until(_default_account(profile, "account3"), timeout_s=15), "no switch"
    _click_balloon_away(desktop)  # "switched to the backup account"
    # The window answers first with IT's declaration and its message (already switched:
    # no switch button).
    assert wait_until(
        _log_says(
            home, "window's answer: Your IT department has declared an outage of Exchange Online"
        ),
        timeout_s=10,
    ), "the window did not lead with IT's declaration"
    windows = desktop.app_windows("^Traymon — cloud service status$")
    assert windows, "the window is not open"
    shot = desktop.screenshot("answer-declared")
    desktop.save_crop(shot, windows[0].intersected(shot.rect()), "readme-answer-declared")

    # IT ends it: the next check switches back at once (IT's all-clear).
    relay.run("end", ident)
    _check_now(desktop, icon, relay)
    assert wait_until(_default_account(profile, "account1"), timeout_s=15), "no switch back"
    log = "\n".join(p.read_text(encoding="utf-8") for p in home.rglob("traymon.log"))
    assert log.count(told) == 1  # checked three times, told once


def test_in_ask_mode_it_declaring_offers_the_switch_and_accepting_it_switches(
    desktop: XDesktop, launch: Launcher, relay: Relay, home: Path, tmp_path: Path
) -> None:
    relay.run("declare", "continuity", "--service", "exchange-online", "--until", "1h")
    relay.run("--once")
    start_nginx(relay.nginx)
    profile = make_profile_root(home / ".thunderbird")
    process = launch(_desktop_config(tmp_path, relay, "ask"))
    _wait_for_icon(desktop, process)
    questions: list[str] = []

    def asked() -> bool:  # the question is the only "Traymon" window: no balloon, no menu
        questions[:] = desktop.run(
            "xdotool", "search", "--onlyvisible", "--name", "^Traymon$"
        ).split()
        return bool(questions)

    assert wait_until(asked, timeout_s=15), "IT's declaration did not offer the switch"
    assert _default_account(profile, "account1")()  # asked, not done
    desktop.run("xdotool", "windowfocus", "--sync", questions[0], "key", "Return")  # "Switch"
    assert wait_until(_default_account(profile, "account3"), timeout_s=15), "no switch"
