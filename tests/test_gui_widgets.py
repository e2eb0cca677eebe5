"""The engine-to-Qt bridge, and starting the app where there is no tray."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import ROOT, fixture_bytes
from tests.servers import LoopbackServer
from traymon.config import ServiceConfig
from traymon.gui.bridge import MonitorBridge
from traymon.model import Status

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)


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


def test_run_without_a_system_tray_waits_then_says_so(tmp_path: Path) -> None:
    """At login the panel may come after Traymon: it waits (here 1.5 s) before giving up."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "TRAYMON_TRAY_WAIT_S": "1.5",
    }
    env.pop("TRAYMON_CONFIG", None)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "traymon", "run"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
        check=False,
    )
    waited = time.monotonic() - started
    assert done.returncode == 1
    assert waited >= 1.5, f"gave up after {waited:.2f} s instead of waiting for a tray"
    assert "found no system tray" in done.stderr
    assert "traymon check" in done.stderr
    assert "Traceback" not in done.stderr
