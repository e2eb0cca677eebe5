"""The engine-to-Qt bridge, and starting the app where there is no tray."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.conftest import ROOT, fixture_bytes
from tests.servers import LoopbackServer
from traymon.config import ServiceConfig
from traymon.gui.bridge import MonitorBridge
from traymon.model import Status


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
