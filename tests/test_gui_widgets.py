"""The tray's pieces, offscreen: icons, tooltip, menu, window, and the engine-to-Qt bridge."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from tests.conftest import ROOT, fixture_bytes
from tests.servers import LoopbackServer
from traymon.config import ServiceConfig
from traymon.engine.overall import icon_state
from traymon.gui.bridge import MonitorBridge
from traymon.gui.icons import STATE_COLOURS, state_pixmap
from traymon.gui.tray import TrayController
from traymon.gui.window import WINDOW_TITLE, DetailWindow
from traymon.model import CheckResult, Status

SERVICES = (
    ServiceConfig("outlook", "Outlook", "statuspage", "https://a.example"),
    ServiceConfig("teams", "Teams", "statuspage", "https://b.example"),
    ServiceConfig("github", "GitHub", "statuspage", "https://c.example"),
)


def _result(service_id: str, status: Status, summary: str = "") -> CheckResult:
    name = next(s.name for s in SERVICES if s.id == service_id)
    return CheckResult(
        service_id, name, "statuspage", status, summary or status.label, datetime.now(UTC)
    )


def dominant_colour(image: QImage, background: QColor | None = None) -> QColor:
    """The most frequent pixel colour of an icon.

    Ignores transparent, white and near-black pixels (the glyph and the rim) and,
    on a screenshot, pixels of the panel's ``background``.
    """
    counts: dict[tuple[int, int, int], int] = {}
    for x, y in itertools.product(range(image.width()), range(image.height())):
        colour = image.pixelColor(x, y)
        if colour.alpha() < 250 or colour.value() > 245 or colour.value() < 60:
            continue
        if background is not None and close_to(colour, background, tolerance=12):
            continue
        key = (colour.red() // 16, colour.green() // 16, colour.blue() // 16)
        counts[key] = counts.get(key, 0) + 1
    r, g, b = max(counts, key=counts.__getitem__)
    return QColor(r * 16 + 8, g * 16 + 8, b * 16 + 8)


def close_to(a: QColor, b: QColor, tolerance: int = 24) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("size", [16, 22, 32, 64])
def test_each_state_is_drawn_in_its_colour(qtbot: QtBot, status: Status, size: int) -> None:
    image = state_pixmap(status, size).toImage()
    assert close_to(dominant_colour(image), QColor(STATE_COLOURS[status]))


def test_states_differ_by_shape_not_only_by_colour(qtbot: QtBot) -> None:
    def grey(status: Status) -> list[int]:
        image = state_pixmap(status, 32).toImage().convertToFormat(QImage.Format.Format_Grayscale8)
        alpha = state_pixmap(status, 32).toImage()
        return [
            image.pixelColor(x, y).value() // 32 if alpha.pixelColor(x, y).alpha() > 128 else -1
            for x, y in itertools.product(range(32), range(32))
        ]

    drawings = {status: grey(status) for status in Status}
    for a, b in itertools.combinations(Status, 2):
        differing = sum(p != q for p, q in zip(drawings[a], drawings[b], strict=True))
        assert differing > 40, f"{a.value} and {b.value} look alike without colour"


def test_icon_never_claims_green_while_something_is_unknown() -> None:
    assert icon_state([Status.OPERATIONAL, Status.UNKNOWN]) is Status.UNKNOWN
    assert icon_state([Status.MAINTENANCE, Status.UNKNOWN]) is Status.UNKNOWN
    assert icon_state([Status.MAJOR_OUTAGE, Status.UNKNOWN]) is Status.MAJOR_OUTAGE
    assert icon_state([Status.OPERATIONAL, Status.DEGRADED]) is Status.DEGRADED
    assert icon_state([Status.OPERATIONAL]) is Status.OPERATIONAL


def test_tray_shows_the_worst_state_and_names_the_problems(qtbot: QtBot) -> None:
    tray = TrayController(SERVICES)
    assert tray.state is Status.UNKNOWN
    assert "checking" in tray.icon.toolTip()
    tray.show_result(_result("outlook", Status.MAJOR_OUTAGE))
    tray.show_result(_result("teams", Status.DEGRADED))
    tray.show_result(_result("github", Status.OPERATIONAL))
    assert tray.state is Status.MAJOR_OUTAGE
    lines = tray.icon.toolTip().splitlines()
    assert lines == ["Traymon — Major outage", "Outlook: Major outage", "Teams: Degraded"]


def test_menu_lists_services_with_state_then_check_now_and_quit(qtbot: QtBot) -> None:
    tray = TrayController(SERVICES)
    tray.show_result(_result("teams", Status.PARTIAL_OUTAGE))
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == [
        "Outlook — not checked yet",
        "Teams — Partial outage",
        "GitHub — not checked yet",
        "Check now",
        "Quit",
    ]
    with qtbot.waitSignal(tray.check_now_requested, timeout=1000):
        next(a for a in tray.menu.actions() if a.text() == "Check now").trigger()
    with qtbot.waitSignal(tray.quit_requested, timeout=1000):
        next(a for a in tray.menu.actions() if a.text() == "Quit").trigger()


def test_window_lists_state_summary_and_time(qtbot: QtBot) -> None:
    window = DetailWindow(SERVICES)
    qtbot.addWidget(window)
    assert window.windowTitle().startswith("Traymon")
    assert window.windowTitle() == WINDOW_TITLE
    window.show_result(_result("teams", Status.PARTIAL_OUTAGE, "Calls drop — investigating"))
    row = 1
    assert window.table.item(row, 0).text() == "Teams"
    assert window.table.item(row, 1).text() == "Partial outage"
    assert window.table.item(row, 2).text() == "Calls drop — investigating"
    assert window.table.item(row, 3).text().count(":") == 2
    assert window.table.item(0, 1).text() == "Unknown"
    assert window.headline.text() == "Overall: Partial outage"


def test_bridge_brings_engine_results_to_the_gui_thread(
    qtbot: QtBot, server: LoopbackServer
) -> None:
    url = server.serve_statuspage(
        "/gh", fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
    )
    bridge = MonitorBridge([ServiceConfig("gh", "GitHub", "statuspage", url, interval=300)])
    try:
        with qtbot.waitSignal(bridge.result_ready, timeout=10_000) as first:
            bridge.start()
        assert first.args is not None
        assert first.args[0].status is Status.MAJOR_OUTAGE
        # "Check now" asks again at once instead of waiting for the 300 s interval.
        with qtbot.waitSignal(bridge.result_ready, timeout=10_000):
            bridge.check_now()
        assert server.requests.count("/gh/api/v2/summary.json") == 2
    finally:
        bridge.stop()


def test_run_without_a_system_tray_says_so(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env.pop("TRAYMON_CONFIG", None)
    done = subprocess.run(
        [sys.executable, "-m", "traymon", "run"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1
    assert "found no system tray" in done.stderr
    assert "traymon check" in done.stderr
    assert "Traceback" not in done.stderr
