"""One instance per person, the last-state cache, and the session's wiring (offscreen)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.conftest import fixture_bytes, write_config
from tests.gui_data import result, view
from tests.servers import LoopbackServer
from traymon.config import load_config
from traymon.gui.notify_gate import PauseChoice
from traymon.gui.preferences import Preferences
from traymon.gui.session import Session
from traymon.gui.single_instance import SingleInstance, instance_name
from traymon.model import Status
from traymon.platform.autostart import XdgAutostart
from traymon.state_cache import load_stale_views, save_views
from traymon.viewmodel import IconState, Triage, view_from_result


def test_a_second_instance_asks_the_first_to_show_and_steps_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    name = instance_name(tmp_path)
    first = SingleInstance(name)
    assert first.claim()
    try:
        with qtbot.waitSignal(first.show_requested, timeout=5000):
            assert not SingleInstance(name).claim()
    finally:
        first.release()
    # Once the first is gone, the next launch is the first again.
    again = SingleInstance(name)
    assert again.claim()
    again.release()


def test_instance_names_differ_per_home(tmp_path: Path) -> None:
    assert instance_name(tmp_path / "a") != instance_name(tmp_path / "b")
    assert instance_name(tmp_path / "a") == instance_name(tmp_path / "a")


def test_cache_round_trip_marks_everything_stale(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "last_states.json"
    views = [
        view_from_result(result("teams", Status.MAJOR_OUTAGE)),
        view("outlook", Status.UNKNOWN, Triage.LOCAL),
    ]
    save_views(path, views)
    loaded = load_stale_views(path)
    assert [v.is_stale for v in loaded] == [True, True]
    assert [replace(v, from_last_run=False) for v in loaded] == views


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b'{"format": 99, "services": []}',
        b'{"format": 1, "services": [{"id": 1}]}',
        b"\xff\xfe",
    ],
)
def test_a_damaged_cache_is_an_empty_one(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "last_states.json"
    path.write_bytes(content)
    assert load_stale_views(path) == []
    assert load_stale_views(tmp_path / "missing.json") == []


def test_session_shows_the_cache_then_fresh_answers_and_writes_them_back(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path
) -> None:
    url = server.serve_statuspage(
        "/gh", fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
    )
    config = load_config(
        write_config(
            tmp_path / "t.toml",
            [{"id": "github", "name": "GitHub", "kind": "statuspage", "url": url}],
        )
    )
    cache = tmp_path / "cache.json"
    save_views(cache, [view_from_result(replace(result("github", Status.DEGRADED)))])
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    session = Session(config, settings, cache, autostart=XdgAutostart(tmp_path / "cfg"))
    try:
        assert session.tray.state is IconState.DEGRADED  # before any network answer
        assert session.tray.views[0].is_stale
        with qtbot.waitSignal(session.bridge.result_ready, timeout=10_000):
            session.bridge.start()
        assert session.tray.state is IconState.MAJOR_OUTAGE
        saved = json.loads(cache.read_text(encoding="utf-8"))
        assert saved["services"][0]["status"] == "major_outage"
        # Settings: start at login writes the real autostart file; a new interval restarts checks.
        old_bridge = session.bridge
        session.set_preferences(replace(Preferences(), start_at_login=True, interval_s=600))
        assert (tmp_path / "cfg" / "autostart" / "traymon.desktop").is_file()
        assert session.bridge is not old_bridge
        qtbot.waitUntil(
            lambda: server.requests.count("/gh/api/v2/summary.json") == 2, timeout=10_000
        )
        session.set_preferences(Preferences(interval_s=600))
        assert not (tmp_path / "cfg" / "autostart" / "traymon.desktop").exists()
    finally:
        session.stop()


def test_session_leaves_an_autostart_it_did_not_create_alone(qtbot: QtBot, tmp_path: Path) -> None:
    autostart = XdgAutostart(tmp_path / "cfg")
    autostart.enable(["traymon"])  # IT installed it
    config = load_config(
        write_config(
            tmp_path / "t.toml",
            [
                {
                    "id": "github",
                    "name": "GitHub",
                    "kind": "statuspage",
                    "url": "http://127.0.0.1:9/x",
                }
            ],
        )
    )
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    session = Session(config, settings, tmp_path / "c.json", autostart=autostart)
    assert session.prefs.start_at_login  # the dialog shows what is on disk
    assert autostart.is_enabled()
    assert [v.service_id for v in session.tray.views] == ["github"]


def test_a_pause_survives_a_restart_until_it_ends(qtbot: QtBot, tmp_path: Path) -> None:
    config = load_config(
        write_config(
            tmp_path / "t.toml",
            [
                {
                    "id": "github",
                    "name": "GitHub",
                    "kind": "statuspage",
                    "url": "http://127.0.0.1:9/x",
                }
            ],
        )
    )
    ini = str(tmp_path / "s.ini")
    first = Session(config, QSettings(ini, QSettings.Format.IniFormat), tmp_path / "c.json")
    first.tray.pause(PauseChoice.FOUR_HOURS)
    until = first.tray.gate.paused_until
    again = Session(config, QSettings(ini, QSettings.Format.IniFormat), tmp_path / "c.json")
    assert again.tray.gate.paused_until == until
    assert again.tray.menu.resume.isEnabled()
    again.tray.resume()
    third = Session(config, QSettings(ini, QSettings.Format.IniFormat), tmp_path / "c.json")
    assert third.tray.gate.paused_until is None
    # A pause that ended while Traymon was not running is not restored.
    settings = QSettings(ini, QSettings.Format.IniFormat)
    settings.setValue("notifications/paused_until", "2020-01-01T08:00:00+00:00")
    settings.sync()
    fourth = Session(config, QSettings(ini, QSettings.Format.IniFormat), tmp_path / "c.json")
    assert fourth.tray.gate.paused_until is None


def test_session_takes_views_from_the_engine_as_they_are(qtbot: QtBot, tmp_path: Path) -> None:
    config = load_config(
        write_config(
            tmp_path / "t.toml",
            [{"id": "teams", "name": "Teams", "kind": "statuspage", "url": "http://127.0.0.1:9/x"}],
        )
    )
    session = Session(
        config, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), tmp_path / "c.json"
    )
    session.on_view(view("teams", Status.OPERATIONAL, Triage.SUSPECTED, vendor="Microsoft"))
    assert "Teams: fails from this PC, Microsoft reports no problem" in session.tray.icon.toolTip()
    assert session.window.model.views()[0].triage is Triage.SUSPECTED
