"""One instance per person, the last-state cache, and the session's wiring (offscreen)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.conftest import fixture_bytes, write_config
from tests.gui_data import layered, result, view
from tests.servers import LoopbackServer
from traymon.config import Config, load_config
from traymon.continuity.instruction_cache import InstructionCache
from traymon.engine.events import TransitionEvent
from traymon.engine.history import History
from traymon.gui.notify_gate import PauseChoice
from traymon.gui.session import Session
from traymon.gui.single_instance import SingleInstance, instance_name, private_folder
from traymon.model import CheckResult, Status
from traymon.platform.autostart import Autostart, XdgAutostart
from traymon.viewmodel import IconState, Triage

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)


def _session(
    config: Config, tmp_path: Path, settings: QSettings, autostart: Autostart | None = None
) -> Session:
    """A session whose history, instruction cache and login item live in ``tmp_path``."""
    return Session(
        layered(config, tmp_path),
        settings,
        tmp_path / "history.sqlite3",
        autostart=autostart or XdgAutostart(tmp_path / "cfg"),
        instruction_cache=InstructionCache(tmp_path / "instructions.json"),
        mail_client=lambda: None,
    )


@pytest.fixture
def runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A session runtime folder of the test's own, short enough for a Unix socket's path."""
    folder = Path(tempfile.mkdtemp(prefix="rt-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_second_instance_asks_the_first_to_show_and_steps_back(
    qtbot: QtBot, tmp_path: Path, runtime_dir: Path
) -> None:
    name = instance_name(tmp_path)
    first = SingleInstance(name)
    assert first.claim()
    assert first.address is not None
    socket_file = Path(first.address)
    assert socket_file.parent == runtime_dir / "traymon"
    assert stat.S_IMODE(socket_file.parent.stat().st_mode) == 0o700
    assert stat.S_ISSOCK(socket_file.stat().st_mode)
    threads: list[threading.Thread] = []
    first.show_requested.connect(lambda: threads.append(threading.current_thread()))
    try:
        with qtbot.waitSignal(first.show_requested, timeout=5000):
            assert not SingleInstance(name).claim()
        # Accepted on a background thread, but receivers run on the GUI thread.
        assert threads == [threading.main_thread()]
    finally:
        first.release()
    assert not socket_file.exists()
    assert not any(t.name == "traymon-instance" for t in threading.enumerate())
    # Once the first is gone, the next launch is the first again.
    again = SingleInstance(name)
    assert again.claim()
    again.release()


def test_the_socket_a_crashed_instance_left_behind_is_taken_over(
    qtbot: QtBot, tmp_path: Path, runtime_dir: Path
) -> None:
    name = instance_name(tmp_path)
    crash = (
        "import os, signal, sys\n"
        "from traymon.gui.single_instance import SingleInstance\n"
        "assert SingleInstance(sys.argv[1]).claim()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    crashed = subprocess.run([sys.executable, "-c", crash, name], check=False, timeout=60)
    assert crashed.returncode == -signal.SIGKILL
    address = SingleInstance(name).address
    assert address is not None and Path(address).exists()  # left behind, nobody listening
    survivor = SingleInstance(name)
    assert survivor.claim()
    try:
        with qtbot.waitSignal(survivor.show_requested, timeout=5000):
            assert not SingleInstance(name).claim()
    finally:
        survivor.release()


def test_two_names_do_not_interfere(qtbot: QtBot, tmp_path: Path, runtime_dir: Path) -> None:
    alice, bob = (
        SingleInstance(instance_name(tmp_path / "a")),
        SingleInstance(instance_name(tmp_path / "b")),
    )
    assert alice.claim()
    try:
        assert bob.claim()
        try:
            with (
                qtbot.assertNotEmitted(bob.show_requested, wait=200),
                qtbot.waitSignal(alice.show_requested, timeout=5000),
            ):
                assert not SingleInstance(alice.name).claim()
        finally:
            bob.release()
    finally:
        alice.release()


def test_a_hung_first_instance_does_not_hold_up_a_second_launch(
    tmp_path: Path, runtime_dir: Path
) -> None:
    name = instance_name(tmp_path)
    address = SingleInstance(name).address
    assert address is not None
    # Listening but never accepting, like an instance whose threads are stuck.
    with socket.socket(socket.AF_UNIX) as hung:
        hung.bind(address)
        hung.listen()
        started = time.monotonic()
        assert not SingleInstance(name).claim()  # it holds the name: do not run twice
        assert time.monotonic() - started < 3


def test_only_a_caller_with_the_key_is_heard(
    qtbot: QtBot, tmp_path: Path, runtime_dir: Path
) -> None:
    first = SingleInstance(instance_name(tmp_path))
    assert first.claim()
    assert first.address is not None
    key = (runtime_dir / "traymon" / "instance.key").read_bytes()
    assert len(key) == 32
    assert stat.S_IMODE((runtime_dir / "traymon" / "instance.key").stat().st_mode) == 0o600
    try:
        with (
            qtbot.assertNotEmitted(first.show_requested, wait=200),
            pytest.raises(AuthenticationError),
        ):
            Client(first.address, authkey=bytes(32))
        with (
            qtbot.waitSignal(first.show_requested, timeout=5000),  # still listening
            Client(first.address, authkey=key) as connection,
        ):
            connection.send_bytes(b"show")
    finally:
        first.release()


def test_no_private_folder_or_too_long_a_path_runs_unguarded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / ("x" * 120)))
    (tmp_path / ("x" * 120)).mkdir(mode=0o700)
    long = SingleInstance(instance_name(tmp_path))
    assert long.address is None
    assert long.claim() and SingleInstance(long.name).claim()  # never stuck "already running"
    if os.getuid() == 0:  # only root can give a folder away to test the ownership check
        base = tmp_path / "run"
        base.mkdir(mode=0o700)
        (base / "traymon").mkdir(mode=0o700)
        os.chown(base / "traymon", 4242, -1)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(base))
        assert private_folder() is None


def test_instance_names_differ_per_home(tmp_path: Path) -> None:
    assert instance_name(tmp_path / "a") != instance_name(tmp_path / "b")
    assert instance_name(tmp_path / "a") == instance_name(tmp_path / "a")


def test_session_shows_history_at_once_then_fresh_answers_and_keeps_them(
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
    history_file = tmp_path / "history.sqlite3"
    earlier = History(history_file)
    earlier.record_sample(replace(result("github", Status.DEGRADED), triage=Triage.VENDOR))
    earlier.close()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    session = _session(config, tmp_path, settings, autostart=XdgAutostart(tmp_path / "cfg"))
    seen: list[CheckResult] = []
    session.bridge.result_ready.connect(seen.append)
    try:
        session.start()
        # The engine's history answers first (stale), then the vendor.
        qtbot.waitUntil(lambda: len(seen) >= 2, timeout=10_000)
        assert seen[0].status is Status.DEGRADED and seen[0].triage is Triage.STALE
        assert session.tray.state is IconState.MAJOR_OUTAGE
        last = History(history_file).last_known()["github"]
        assert last.status is Status.MAJOR_OUTAGE
        # Settings: start at login writes the real autostart file; a new interval goes to
        # the running engine (no new one: what it knows stays).
        old_bridge = session.bridge
        session.set_preferences(replace(session.prefs, start_at_login=True, interval_s=600))
        assert (tmp_path / "cfg" / "autostart" / "traymon.desktop").is_file()
        assert session.bridge is old_bridge
        qtbot.waitUntil(lambda: {s.interval for s in session.bridge.services} == {600})
        assert session.bridge._monitor.latest()["github"].status is Status.MAJOR_OUTAGE
        session.set_preferences(replace(session.prefs, start_at_login=False))
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
    session = _session(config, tmp_path, settings, autostart=autostart)
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
    first = _session(config, tmp_path, QSettings(ini, QSettings.Format.IniFormat))
    first.tray.pause(PauseChoice.FOUR_HOURS)
    until = first.tray.paused_until
    assert until is not None
    assert first.bridge.alert_policy.paused_until == until  # the engine holds it
    again = _session(config, tmp_path, QSettings(ini, QSettings.Format.IniFormat))
    assert again.tray.paused_until == until
    assert again.bridge.alert_policy.paused_until == until
    assert again.tray.menu.resume.isEnabled()
    again.tray.resume()
    assert again.bridge.alert_policy.paused_until is None
    third = _session(config, tmp_path, QSettings(ini, QSettings.Format.IniFormat))
    assert third.tray.paused_until is None
    # A pause that ended while Traymon was not running is not restored.
    settings = QSettings(ini, QSettings.Format.IniFormat)
    settings.setValue("notifications/paused_until", "2020-01-01T08:00:00+00:00")
    settings.sync()
    fourth = _session(config, tmp_path, QSettings(ini, QSettings.Format.IniFormat))
    assert fourth.tray.paused_until is None
    assert fourth.bridge.alert_policy.paused_until is None
    # With its start kept too, the engine learns it (for the catch-up it may still owe), but
    # it silences nothing and the menu offers no Resume.
    settings.setValue("notifications/paused_since", "2020-01-01T07:00:00+00:00")
    settings.sync()
    fifth = _session(config, tmp_path, QSettings(ini, QSettings.Format.IniFormat))
    assert fifth.tray.paused_until is None
    policy = fifth.bridge.alert_policy
    assert policy.paused_since == datetime.fromisoformat("2020-01-01T07:00:00+00:00")
    assert policy.silence(datetime.now(UTC)) is None


def test_session_takes_views_from_the_engine_as_they_are(qtbot: QtBot, tmp_path: Path) -> None:
    config = load_config(
        write_config(
            tmp_path / "t.toml",
            [{"id": "teams", "name": "Teams", "kind": "statuspage", "url": "http://127.0.0.1:9/x"}],
        )
    )
    session = _session(
        config, tmp_path, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    session.on_view(view("teams", Status.OPERATIONAL, Triage.SUSPECTED, vendor="Microsoft"))
    assert "Teams: fails from this PC, Microsoft reports no problem" in session.tray.icon.toolTip()
    assert session.window.model.views()[0].triage is Triage.SUSPECTED


def test_the_catalogue_is_read_only_when_a_choice_needs_it(qtbot: QtBot, tmp_path: Path) -> None:
    """~320 entries are a megabyte and more: not held by a tray that never lists them."""
    from traymon.gui.preferences import catalogue

    config = load_config(
        write_config(
            tmp_path / "t.toml",
            [{"id": "github", "name": "GitHub", "kind": "statuspage", "url": "https://x.test"}],
        )
    )
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    catalogue.cache_clear()
    session = _session(config, tmp_path, settings)
    assert catalogue.cache_info().currsize == 0  # the configured list needs no catalogue
    session.set_preferences(replace(session.prefs, service_ids=("github", "slack")))
    # The settings code takes the one entry chosen; the dialog's list is still not built.
    assert catalogue.cache_info().currsize == 0
    assert [s.id for s in session._services()] == ["github", "slack"]
    assert [s.id for s in session.bridge.services] == ["github", "slack"]
    session.stop()


def test_the_window_is_made_when_first_opened_with_what_happened_meanwhile(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A tray that only sits there holds no window; opened, it shows what the tray knows."""
    config = load_config(
        write_config(
            tmp_path / "t.toml",
            [{"id": "github", "name": "GitHub", "kind": "statuspage", "url": "https://x.test"}],
        )
    )
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    session = Session(
        layered(config, tmp_path), settings, None, autostart=XdgAutostart(tmp_path / "cfg")
    )
    session.on_view(view("github", Status.MAJOR_OUTAGE, Triage.VENDOR))
    at = datetime.now(UTC)
    change = TransitionEvent(
        "github", "GitHub", Status.OPERATIONAL, Status.MAJOR_OUTAGE, Triage.VENDOR, at
    )
    session.on_event(change)
    assert session._window is None
    session.open_window()
    qtbot.addWidget(session.window)
    assert session.window.isVisible()
    assert [v.status for v in session.window.model.views()] == [Status.MAJOR_OUTAGE]
    assert session.recent_changes() == [change]  # memory only: what this run has seen
    session.stop()
