"""The real tray app in a real tray host under Xvfb: look at the icon, click it, use the menu.

Screenshots land in build/screenshots/ so a person can look at what the test saw.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor

from tests.conftest import ROOT, fixture_bytes, write_config
from tests.pixels import close_to, dominant_colour
from tests.servers import LoopbackServer, wait_until
from tests.tray_host import XDesktop, missing_tools, x_desktop
from traymon.gui.icons import STATE_COLOURS
from traymon.model import Status
from traymon.viewmodel import IconState

SCREENSHOTS = ROOT / "build" / "screenshots"

Launcher = Callable[[Path], "subprocess.Popen[str]"]

STATE_FIXTURES = {
    Status.OPERATIONAL: "statuspage/github_summary_2026-08-22_latest.json",
    Status.MAINTENANCE: "statuspage/zoom_summary_vendor-dashboard_groups.json",
    Status.DEGRADED: "statuspage/confluence_summary_2024-05-11_indicator_maintenance.json",
    Status.PARTIAL_OUTAGE: (
        "statuspage/github_summary_2025-05-30_maintenance_in_progress_plus_incident.json"
    ),
    Status.MAJOR_OUTAGE: "statuspage/github_summary_2026-08-17_major_outage.json",
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
def launch(desktop: XDesktop, tmp_path: Path) -> Iterator[Launcher]:
    processes: list[subprocess.Popen[str]] = []

    def start(config: Path) -> subprocess.Popen[str]:
        env = {**desktop.env, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
        env.pop("TRAYMON_CONFIG", None)
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


def _config_for(server: LoopbackServer, tmp_path: Path, fixture: str | None) -> Path:
    if fixture is None:
        url = server.base_url + "/nothing-here"  # 404: the state is unknown
    else:
        url = server.serve_statuspage("/page", fixture_bytes(fixture))
    return write_config(
        tmp_path / "traymon.toml",
        [{"id": "github", "name": "GitHub", "kind": "statuspage", "url": url}],
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


@pytest.mark.parametrize("status", [*STATE_FIXTURES, Status.UNKNOWN], ids=lambda s: s.value)
def test_icon_shows_the_worst_state_in_its_colour(
    desktop: XDesktop,
    launch: Launcher,
    server: LoopbackServer,
    tmp_path: Path,
    status: Status,
) -> None:
    process = launch(_config_for(server, tmp_path, STATE_FIXTURES.get(status)))
    rect = _wait_for_icon(desktop, process)
    expected = QColor(STATE_COLOURS[IconState.of(status)])
    seen: dict[str, QColor] = {}

    def icon_has_expected_colour() -> bool:
        shot = desktop.screenshot(f"tray-{status.value}")
        icon = shot.copy(rect)
        panel = icon.pixelColor(0, 0)  # the icon is centred; its corner shows the panel
        seen["colour"] = dominant_colour(icon, background=panel)
        return close_to(seen["colour"], expected)

    assert wait_until(icon_has_expected_colour, timeout_s=20, interval_s=0.3), (
        f"icon colour {seen.get('colour', QColor()).name()} never became {expected.name()}"
    )


def test_left_click_opens_the_window_and_the_menu_quits(
    desktop: XDesktop,
    launch: Launcher,
    server: LoopbackServer,
    tmp_path: Path,
) -> None:
    process = launch(_config_for(server, tmp_path, STATE_FIXTURES[Status.MAJOR_OUTAGE]))
    rect = _wait_for_icon(desktop, process)
    centre = rect.center()
    assert wait_until(lambda: bool(server.requests), timeout_s=15)

    desktop.click(centre.x(), centre.y(), button=1)
    assert wait_until(lambda: bool(desktop.app_windows("^Traymon — ")), timeout_s=10), (
        "a left click did not open the detail window"
    )
    desktop.screenshot("window-major_outage")

    desktop.click(centre.x(), centre.y(), button=3)
    menus: list[QRect] = []

    def menu_shown() -> bool:
        menus[:] = desktop.app_windows("^Traymon$")
        return bool(menus)

    assert wait_until(menu_shown, timeout_s=10), "a right click did not show the menu"
    desktop.screenshot("menu-major_outage")
    (menu,) = menus
    # "Quit" is the last item: click near the bottom of the menu.
    desktop.click(menu.x() + 40, menu.y() + menu.height() - 12)
    assert process.wait(10) == 0
