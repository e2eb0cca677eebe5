"""The real tray app in a real tray host under Xvfb: look at the icon, click it, use the menu.

Screenshots land in build/screenshots/ so a person can look at what the test saw;
the ``readme-*`` ones are what `make screenshots` copies into docs/screenshots/.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor

from tests.conftest import ROOT, fixture_bytes, write_config
from tests.gui_data import NOW
from tests.pixels import close_to, dominant_colour
from tests.servers import LoopbackServer, Reply, wait_until
from tests.tray_host import XDesktop, missing_tools, x_desktop
from traymon.engine.history import History
from traymon.gui.icons import STATE_COLOURS
from traymon.model import CheckResult, Status, Triage
from traymon.viewmodel import IconState

pytestmark = pytest.mark.linux_only  # needs Xvfb and trayer

SCREENSHOTS = ROOT / "build" / "screenshots"
#: The panel's corner of the screen (trayer: top right, 120 × 40), for README crops.
PANEL = QRect(800 - 120, 0, 120, 40)

Launcher = Callable[..., "subprocess.Popen[str]"]

STATE_FIXTURES = {
    IconState.OPERATIONAL: "statuspage/github_summary_2026-08-22_latest.json",
    IconState.MAINTENANCE: "statuspage/zoom_summary_vendor-dashboard_groups.json",
    IconState.DEGRADED: "statuspage/confluence_summary_2024-05-11_indicator_maintenance.json",
    IconState.PARTIAL_OUTAGE: (
        "statuspage/github_summary_2025-05-30_maintenance_in_progress_plus_incident.json"
    ),
    IconState.MAJOR_OUTAGE: "statuspage/github_summary_2026-08-17_major_outage.json",
}


@pytest.fixture(scope="module")
def desktop() -> Iterator[XDesktop]:
    missing = missing_tools()
    if missing:
        if os.environ.get("TRAYMON_REQUIRE_TRAY_TESTS"):
            pytest.fail(f"tray tests need {', '.join(missing)} (make test installs them)")
        pytest.skip(f"tray tests need {', '.join(missing)}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with x_desktop(SCREENSHOTS) as running:
        yield running


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def launch(desktop: XDesktop, home: Path) -> Iterator[Launcher]:
    processes: list[subprocess.Popen[str]] = []
    # The single-instance socket's folder: the test's own, and short (a socket path has a limit).
    runtime = tempfile.mkdtemp(prefix="rt-")

    def start(
        config: Path, *, language: str = "en_GB.UTF-8", scale: str = "1"
    ) -> subprocess.Popen[str]:
        env = {
            **desktop.env,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "cfg"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "LANG": language,
            "LANGUAGE": "",
            "LC_ALL": "",
            "QT_SCALE_FACTOR": scale,
            "XDG_STATE_HOME": str(home / "state"),  # the log file the tests read
            "XDG_DATA_HOME": str(home / "data"),  # the engine's history
            "XDG_RUNTIME_DIR": runtime,
            "TRAYMON_NOTIFY_BATCH_S": "1",  # the engine groups for 30 s; the tests need not wait
        }
        env.pop("TRAYMON_CONFIG", None)
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no notification daemon: Qt's own balloon
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "traymon"), "run", "--config", str(config)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.terminate()
            process.wait(10)
    # The next test must not find this app's icon (trayer removes it a moment after exit).
    assert wait_until(lambda: desktop.tray_icon_geometry() is None, timeout_s=10)
    # A clean quit removes its socket (release() runs on the way out).
    assert not list(Path(runtime).glob("traymon/*.sock"))
    shutil.rmtree(runtime, ignore_errors=True)


def _config_for(
    server: LoopbackServer, tmp_path: Path, fixture: str | None, muted: bool = False
) -> Path:
    """``muted``: the engine announces an outage found at start; a balloon would take the
    keys a menu test sends, so such tests mute the service (the icon still shows it)."""
    if fixture is None:
        url = server.base_url + "/nothing-here"  # 404: the state is unknown
    else:
        url = server.serve_statuspage("/page", fixture_bytes(fixture))
    return write_config(
        tmp_path / "traymon.toml",
        # The vendor named as the catalogue's entry names it (the loopback host cannot).
        [
            {
                "id": "github",
                "name": "GitHub",
                "vendor": "GitHub",
                "kind": "statuspage",
                "url": url,
                "muted": muted,
            }
        ],
    )


def _wait_for_icon(desktop: XDesktop, process: subprocess.Popen[str]) -> QRect:
    found: list[QRect] = []

    def embedded() -> bool:
        assert process.poll() is None, f"the app exited: {process.communicate()[1]}"
        rect = desktop.tray_icon_geometry()
        found[:] = [rect] if rect is not None else []
        return bool(found)

    assert wait_until(embedded, timeout_s=20), "the tray icon was never embedded in the panel"
    return found[0]


def _wait_for_colour(
    desktop: XDesktop, rect: QRect, state: IconState, shot: str, readme: bool = False
) -> QRect:
    """Wait until the icon shows ``state``; return where it finally sits (to click it)."""
    expected = QColor(STATE_COLOURS[state])
    seen: dict[str, QColor] = {}
    where = [rect]

    def icon_has_expected_colour() -> bool:
        image = desktop.screenshot(shot)
        # Ask again each time: trayer may still move a freshly embedded icon into place.
        where[0] = desktop.tray_icon_geometry() or where[0]
        icon = image.copy(where[0])
        panel = icon.pixelColor(0, 0)  # the icon is centred; its corner shows the panel
        seen["colour"] = dominant_colour(icon, background=panel)
        if seen["colour"].isValid() and close_to(seen["colour"], expected):
            if readme:
                desktop.save_crop(image, PANEL, f"readme-tray-{state.value}", scale=3)
            return True
        return False

    assert wait_until(icon_has_expected_colour, timeout_s=20, interval_s=0.3), (
        f"icon colour {seen.get('colour', QColor()).name()} never became {expected.name()}"
    )
    return where[0]


def _menu(desktop: XDesktop, centre_x: int, centre_y: int, after_dialog: bool = False) -> QRect:
    """Right-click the icon; its menu must show.

    ``after_dialog``: up to three clicks, as a person would. Just after a modal dialog
    closes, its window is gone from the screen a moment before Qt leaves the dialog's
    modal loop, and a click in that moment is dropped by Qt's modality. Every other
    menu must come from one click.
    """
    menus: list[QRect] = []

    def shown() -> bool:
        menus[:] = desktop.app_windows("^Traymon$")
        return bool(menus)

    tries = 3 if after_dialog else 1
    for _ in range(tries):
        desktop.click(centre_x, centre_y, button=3)
        if wait_until(shown, timeout_s=4 if after_dialog else 10):
            return menus[0]
    raise AssertionError(f"{tries} right click(s) did not show the menu")


@pytest.mark.parametrize("state", [*STATE_FIXTURES, IconState.UNKNOWN], ids=lambda s: s.value)
def test_icon_shows_the_worst_state_in_its_colour(
    desktop: XDesktop,
    launch: Launcher,
    server: LoopbackServer,
    tmp_path: Path,
    state: IconState,
) -> None:
    process = launch(_config_for(server, tmp_path, STATE_FIXTURES.get(state)))
    rect = _wait_for_icon(desktop, process)
    _wait_for_colour(desktop, rect, state, f"tray-{state.value}", readme=True)


def test_last_known_state_shows_at_once_while_the_vendor_is_slow(
    desktop: XDesktop,
    launch: Launcher,
    server: LoopbackServer,
    tmp_path: Path,
    home: Path,
) -> None:
    """The vendor never answers; the icon still shows the engine history's last known state."""
    cached = IconState.MAJOR_OUTAGE
    server.serve("/slow/api/v2/summary.json", Reply(hang=True))
    config = write_config(
        tmp_path / "traymon.toml",
        [
            {
                "id": "github",
                "name": "GitHub",
                "kind": "statuspage",
                "url": server.base_url + "/slow",
            }
        ],
    )
    earlier = History(home / "data" / "traymon" / "history.sqlite3")
    earlier.record_sample(
        CheckResult(
            "github", "GitHub", "statuspage", Status.MAJOR_OUTAGE, "from the last run", NOW,
            triage=Triage.VENDOR,
        )
    )  # fmt: skip
    earlier.close()
    started = time.monotonic()
    process = launch(config)
    rect = _wait_for_icon(desktop, process)
    _wait_for_colour(desktop, rect, cached, f"tray-stale-{cached.value}")
    elapsed = time.monotonic() - started
    print(f"last known state on screen {elapsed:.2f} s after launch")
    # The brief says 1 s; this machine is shared by parallel test runs, so allow headroom.
    assert elapsed < 3.0
    assert wait_until(lambda: bool(server.requests), timeout_s=10), "the app should ask meanwhile"


def test_left_click_opens_the_window_near_the_tray_and_a_second_launch_raises_it(
    desktop: XDesktop,
    launch: Launcher,
    server: LoopbackServer,
    tmp_path: Path,
    home: Path,
) -> None:
    pages = {
        "github": ("GitHub", "GitHub", IconState.MAJOR_OUTAGE),
        "confluence": ("Confluence", "Atlassian", IconState.DEGRADED),
        "zoom": ("Zoom", "Zoom", IconState.MAINTENANCE),
        "bitbucket": ("Bitbucket", "Atlassian", IconState.OPERATIONAL),
    }
    config = write_config(
        tmp_path / "traymon.toml",
        [
            {
                "id": sid,
                "name": name,
                "vendor": vendor,
                "kind": "statuspage",
                "url": server.serve_statuspage(f"/{sid}", fixture_bytes(STATE_FIXTURES[state])),
            }
            for sid, (name, vendor, state) in pages.items()
        ],
    )
    process = launch(config)
    rect = _wait_for_icon(desktop, process)
    rect = _wait_for_colour(desktop, rect, IconState.MAJOR_OUTAGE, "tray-before-click")
    centre = rect.center()

    desktop.click(centre.x(), centre.y(), button=1)
    windows: list[QRect] = []

    def window_open() -> bool:
        windows[:] = desktop.app_windows("^Traymon — cloud service status$")
        return bool(windows)

    assert wait_until(window_open, timeout_s=10), "a left click did not open the detail window"
    (window,) = windows
    assert window.top() >= rect.bottom(), "the window should open below a top panel"
    assert window.right() <= 800 and window.left() >= 0
    assert abs(window.right() - rect.right()) < 150, "the window should open near the icon"
    # GitHub's outage and Confluence's degradation are the changes (maintenance and an
    # operational first answer are not news); they arrive live if the window came first.
    assert wait_until(_log_says(home, "what happened shows 2 change(s)"), timeout_s=10)
    shot = desktop.screenshot("window-major_outage")
    desktop.save_crop(shot, QRect(0, 0, 800, window.bottom() + 1), "readme-window")

    desktop.keys("Escape")  # the window closes; the icon stays
    assert wait_until(lambda: not window_open(), timeout_s=10)
    second = launch(config)
    _, said = second.communicate(timeout=20)
    assert second.returncode == 0, said
    assert "already running; its window has been brought forward" in said, said
    assert wait_until(window_open, timeout_s=10), "a second launch did not raise the window"
    assert process.poll() is None


def test_right_click_menu_items_do_what_they_say(
    desktop: XDesktop,
    launch: Launcher,
    server: LoopbackServer,
    tmp_path: Path,
) -> None:
    process = launch(
        _config_for(server, tmp_path, STATE_FIXTURES[IconState.PARTIAL_OUTAGE], muted=True)
    )
    rect = _wait_for_icon(desktop, process)
    rect = _wait_for_colour(desktop, rect, IconState.PARTIAL_OUTAGE, "tray-before-menu")
    centre = rect.center()

    _menu(desktop, centre.x(), centre.y())
    shot = desktop.screenshot("menu-partial_outage")
    desktop.save_crop(shot, QRect(400, 0, 400, 380), "readme-menu")
    # From the bottom: Quit, About and diagnostics…, Settings…, Open status page, Pause, Check now.
    desktop.keys("Up", "Up", "Return")
    assert wait_until(
        lambda: bool(desktop.app_windows("^Traymon — About and diagnostics$")), timeout_s=10
    ), "About and diagnostics did not open"
    desktop.keys("Escape")

    _menu(desktop, centre.x(), centre.y(), after_dialog=True)
    desktop.keys("Up", "Up", "Up", "Return")
    assert wait_until(lambda: bool(desktop.app_windows("^Traymon — Settings$")), timeout_s=10), (
        "Settings did not open"
    )
    desktop.screenshot("settings")
    desktop.keys("Escape")
    assert wait_until(lambda: not desktop.app_windows("^Traymon — Settings$"), timeout_s=10)

    asked = server.requests.count("/page/api/v2/summary.json")
    _menu(desktop, centre.x(), centre.y(), after_dialog=True)
    desktop.keys("Up", "Up", "Up", "Up", "Up", "Up", "Return")  # Check now
    assert wait_until(
        lambda: server.requests.count("/page/api/v2/summary.json") > asked, timeout_s=10
    ), "Check now did not ask the vendor again"

    _menu(desktop, centre.x(), centre.y())
    desktop.keys("Up", "Return")  # Quit
    assert process.wait(10) == 0


def test_the_menu_speaks_german_on_a_german_desktop(
    desktop: XDesktop,
    launch: Launcher,
    server: LoopbackServer,
    tmp_path: Path,
) -> None:
    process = launch(
        _config_for(server, tmp_path, STATE_FIXTURES[IconState.DEGRADED], muted=True),
        language="de_DE.UTF-8",
    )
    rect = _wait_for_icon(desktop, process)
    rect = _wait_for_colour(desktop, rect, IconState.DEGRADED, "tray-before-german")
    centre = rect.center()
    _menu(desktop, centre.x(), centre.y())
    desktop.keys("Up", "Up", "Up", "Return")
    assert wait_until(
        lambda: bool(desktop.app_windows("^Traymon — Einstellungen$")), timeout_s=10
    ), "the German settings dialog did not open"
    shot = desktop.screenshot("settings-de")
    desktop.save_crop(shot, shot.rect(), "readme-settings-de")


def test_a_change_shows_a_notification_and_its_click_opens_the_window(
    desktop: XDesktop,
    launch: Launcher,
    server: LoopbackServer,
    tmp_path: Path,
) -> None:
    """No notification daemon here, so Qt draws its own balloon: the same call, the same click."""
    process = launch(_config_for(server, tmp_path, STATE_FIXTURES[IconState.OPERATIONAL]))
    rect = _wait_for_icon(desktop, process)
    rect = _wait_for_colour(desktop, rect, IconState.OPERATIONAL, "tray-before-change")
    server.serve_statuspage(
        "/page", fixture_bytes(STATE_FIXTURES[IconState.MAJOR_OUTAGE])
    )  # the vendor's page now reports an outage
    centre = rect.center()
    # The engine declares an outage after two bad checks in a row (noise control), so
    # "Check now" twice, each time after the previous answer arrived.
    for _ in range(2):
        asked = len(server.requests)
        _menu(desktop, centre.x(), centre.y())
        desktop.keys("Up", "Up", "Up", "Up", "Up", "Up", "Return")  # Check now
        assert wait_until(lambda: len(server.requests) > asked, timeout_s=10)  # noqa: B023
    _wait_for_colour(desktop, rect, IconState.MAJOR_OUTAGE, "tray-after-change")
    balloons: list[QRect] = []

    def balloon_shown() -> bool:
        balloons[:] = [w for w in desktop.app_windows("^Traymon$") if w.height() < 200]
        return bool(balloons)

    assert wait_until(balloon_shown, timeout_s=10), "no notification appeared"
    shot = desktop.screenshot("notification")
    (balloon,) = balloons
    desktop.save_crop(
        shot,
        QRect(balloon.x() - 10, 0, 800 - balloon.x() + 10, balloon.bottom() + 10),
        "readme-notification",
    )
    desktop.click(balloon.x() + 40, balloon.bottom() - 12)  # on the message text
    assert wait_until(
        lambda: bool(desktop.app_windows("^Traymon — cloud service status$")), timeout_s=10
    ), "clicking the notification did not open the window"


@pytest.mark.parametrize("scale", ["1.5", "3"])  # 200 %: tests/test_gui_icons.py
def test_icon_on_a_hidpi_screen(
    desktop: XDesktop,
    launch: Launcher,
    server: LoopbackServer,
    tmp_path: Path,
    scale: str,
) -> None:
    """At 150-300 % the icon is drawn for the physical pixels: the colour and shape survive."""
    process = launch(_config_for(server, tmp_path, STATE_FIXTURES[IconState.DEGRADED]), scale=scale)
    rect = _wait_for_icon(desktop, process)
    _wait_for_colour(desktop, rect, IconState.DEGRADED, f"tray-hidpi-{scale}-degraded")


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then closed: connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _log_says(home: Path, text: str) -> Callable[[], bool]:
    def found() -> bool:
        return any(text in log.read_text(encoding="utf-8") for log in home.rglob("traymon.log"))

    return found


def test_a_failing_probe_while_the_page_says_operational_is_suspected(
    desktop: XDesktop, launch: Launcher, server: LoopbackServer, tmp_path: Path, home: Path
) -> None:
    """The vendor says all is well, this desktop cannot reach the service: the tooltip says so."""
    url = server.serve_statuspage("/page", fixture_bytes(STATE_FIXTURES[IconState.OPERATIONAL]))
    config = tmp_path / "traymon.toml"
    config.write_text(
        "[notifications]\ndown_after = 1\n\n"
        f'[[services]]\nid = "github"\nname = "GitHub"\nkind = "statuspage"\nurl = "{url}"\n'
        f'probes = [{{kind = "tcp", host = "127.0.0.1", port = {_closed_port()}}}]\n',
        encoding="utf-8",
    )
    process = launch(config)
    _wait_for_icon(desktop, process)
    assert wait_until(
        _log_says(home, "GitHub: fails from this PC, the vendor reports no problem"), timeout_s=20
    ), "the tooltip never said the service is suspected"
    desktop.screenshot("tray-suspected")


def test_the_offline_icon_when_nothing_answers(
    desktop: XDesktop, launch: Launcher, tmp_path: Path, home: Path
) -> None:
    """Every service and every reference URL refused: this PC is offline, not the vendors."""
    closed = f"http://127.0.0.1:{_closed_port()}"
    config = tmp_path / "traymon.toml"
    config.write_text(
        f'[network]\nreference_urls = ["{closed}/generate_204"]\ntimeout = 2\n\n'
        f'[[services]]\nid = "github"\nname = "GitHub"\nkind = "statuspage"\n'
        f'url = "{closed}/page"\n',
        encoding="utf-8",
    )
    process = launch(config)
    rect = _wait_for_icon(desktop, process)
    rect = _wait_for_colour(desktop, rect, IconState.OFFLINE, "tray-offline-live", readme=True)
    assert wait_until(_log_says(home, "This computer seems to be offline"), timeout_s=10)
    # The window answers first: offline, so nobody else is to blame.
    desktop.click(rect.center().x(), rect.center().y(), button=1)
    windows: list[QRect] = []

    def window_open() -> bool:
        windows[:] = desktop.app_windows("^Traymon — cloud service status$")
        return bool(windows)

    assert wait_until(window_open, timeout_s=10), "a left click did not open the window"
    assert wait_until(_log_says(home, "window's answer: You are offline []"), timeout_s=10)
    shot = desktop.screenshot("answer-offline")
    desktop.save_crop(shot, windows[0].intersected(shot.rect()), "readme-answer-offline")


def test_the_second_run_shows_history_and_fallback_instructions(
    desktop: XDesktop, launch: Launcher, server: LoopbackServer, tmp_path: Path, home: Path
) -> None:
    """Run 1 sees an outage; run 2 (vendor silent) shows its day in the 90-day bar and IT's
    fallback instructions in the detail window."""
    url = server.serve_statuspage("/page", fixture_bytes(STATE_FIXTURES[IconState.MAJOR_OUTAGE]))
    config = tmp_path / "traymon.toml"
    config.write_text(
        f'[[services]]\nid = "github"\nname = "GitHub"\nkind = "statuspage"\nurl = "{url}"\n\n'
        "[[continuity.instructions]]\n"
        'service = "github"\n'
        'text = "Push to the **backup remote**. [Status](https://status.example.com)"\n',
        encoding="utf-8",
    )
    first = launch(config)
    rect = _wait_for_icon(desktop, first)
    _wait_for_colour(desktop, rect, IconState.MAJOR_OUTAGE, "tray-history-run-1")
    first.terminate()
    assert first.wait(10) == 0
    assert wait_until(lambda: desktop.tray_icon_geometry() is None, timeout_s=10)

    server.serve("/page/api/v2/summary.json", Reply(hang=True))  # run 2: no fresh answer
    second = launch(config)
    rect = _wait_for_icon(desktop, second)
    rect = _wait_for_colour(desktop, rect, IconState.MAJOR_OUTAGE, "tray-history-run-2")
    desktop.click(rect.center().x(), rect.center().y(), button=1)
    assert wait_until(
        lambda: bool(desktop.app_windows("^Traymon — cloud service status$")), timeout_s=10
    )
    desktop.keys("alt+d")  # the answer first; "All services and details" shows the first one
    assert wait_until(
        _log_says(
            home,
            "window shows GitHub: major_outage (stale); 90-day bar: 1 day(s) known; "
            "fallback instructions: shown",
        ),
        timeout_s=10,
    ), "the detail window did not show the history and the instructions"
    # Run 1's outage is in "What happened", read from history (run 2 has heard nothing new).
    listed = re.compile(
        r"what happened shows 1 change\(s\); newest: (yesterday )?\d\d:\d\d GitHub: outage reported"
    )
    assert wait_until(
        lambda: any(listed.search(log.read_text(encoding="utf-8")) for log in home.rglob("*.log")),
        timeout_s=10,
    ), "the window did not list run 1's change"
    desktop.screenshot("window-history-fallback")
