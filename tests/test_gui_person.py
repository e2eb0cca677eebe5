"""The person's choices through the tray's session: the dialog shows what runs, IT's floor holds.

Both interval bugs of issue 13, as the tray builds its session from the layers
(offscreen Qt, a real policy folder, the real engine's service list).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.conftest import ROOT, fixture_bytes, write_config
from tests.servers import LoopbackServer
from traymon.app.startup import load_layered
from traymon.config.person import PersonFile
from traymon.config.show import effective_json
from traymon.continuity.instruction_cache import InstructionCache
from traymon.gui.preferences import Key, floor_minutes
from traymon.gui.session import Session
from traymon.gui.settings_dialog import SettingsDialog
from traymon.model import Status
from traymon.platform.autostart import XdgAutostart

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders
SCREENSHOTS = ROOT / "build" / "screenshots"


def _it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str) -> None:
    folder = tmp_path / "etc"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("TRAYMON_POLICY_DIR", str(folder))


def _config(tmp_path: Path) -> Path:
    return write_config(
        tmp_path / "t.toml",
        [{"id": "github", "name": "GitHub", "kind": "statuspage", "url": "http://127.0.0.1:9/x"}],
    )


def _session(tmp_path: Path) -> Session:
    effective = load_layered(_config(tmp_path)).effective  # as `traymon run` reads every layer
    return Session(
        effective,
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        tmp_path / "history.sqlite3",
        XdgAutostart(tmp_path / "cfg"),
        instruction_cache=InstructionCache(tmp_path / "instructions.json"),
        mail_client=lambda: None,
    )


def _engine_intervals(session: Session) -> set[int]:
    return {s.interval for s in session.bridge.services}


def test_a_policy_floor_shows_as_the_interval_that_runs_without_a_false_lock(
    qtbot: QtBot, tmp_path: Path, isolated_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _it(tmp_path, monkeypatch, "policy.toml", "[checks]\nmin_interval = 900\n")
    session = _session(tmp_path)
    dialog = SettingsDialog(
        session.prefs, [], [], session._locked, floor_minutes=floor_minutes(session._effective)
    )
    qtbot.addWidget(dialog)
    assert _engine_intervals(session) == {900}
    assert dialog.interval.value() == 15  # minutes: what the engine checks by
    assert dialog.interval.minimum() == 15  # IT's floor: nothing shorter can be picked
    assert Key.INTERVAL not in dialog.lock_labels  # a floor, not a lock: 20 min is allowed
    assert dialog.interval.isEnabled()
    assert dialog.floor_note is not None and dialog.floor_note.isVisibleTo(dialog)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "settings-floor.png"))
    session.stop()


def test_a_machine_floor_holds_when_the_person_picks_one_minute(
    qtbot: QtBot, tmp_path: Path, isolated_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _it(tmp_path, monkeypatch, "defaults.toml", "[checks]\nmin_interval = 900\n")
    session = _session(tmp_path)
    session.set_preferences(replace(session.prefs, interval_s=60))
    assert _engine_intervals(session) == {900}
    assert session.prefs.interval_s == 900  # the dialog, opened again, says what runs
    # The person's choice is kept as theirs (above the floor it would count).
    chosen = PersonFile().read().values.values["checks.interval"]
    assert chosen.value == 60
    # What `traymon config show --effective` reads now is what the running engine checks.
    shown = json.loads(effective_json(load_layered(_config(tmp_path)).effective))
    assert [(s["id"], s["interval"]) for s in shown["services"]["value"]] == [
        (s.id, s.interval) for s in session.bridge.services
    ]
    assert shown["checks.interval"]["source"] == "person"
    session.stop()


def test_the_person_removes_and_adds_a_service_and_the_running_engine_takes_it(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    body = fixture_bytes("statuspage/github_summary_2026-08-17_major_outage.json")
    services = [
        {"id": sid, "name": sid.title(), "kind": "statuspage",
         "url": server.serve_statuspage(f"/{sid}", body)}
        for sid in ("github", "wiki")
    ]  # fmt: skip
    effective = load_layered(write_config(tmp_path / "t.toml", services)).effective
    session = Session(
        effective,
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        tmp_path / "history.sqlite3",
        XdgAutostart(tmp_path / "cfg"),
        instruction_cache=InstructionCache(tmp_path / "instructions.json"),
        mail_client=lambda: None,
    )
    asked = server.requests.count
    try:
        session.start()
        views = lambda: session.tray.views  # noqa: E731
        qtbot.waitUntil(
            lambda: [v.status for v in views()] == [Status.MAJOR_OUTAGE] * 2, timeout=15_000
        )
        bridge, engine = session.bridge, session.bridge._monitor
        session.set_preferences(replace(session.prefs, service_ids=("github",)))
        assert session.bridge is bridge and bridge._monitor is engine
        qtbot.waitUntil(lambda: [s.id for s in bridge.services] == ["github"])
        assert [v.service_id for v in session.tray.views] == ["github"]
        assert session.tray.views[0].status is Status.MAJOR_OUTAGE  # what it knew stays
        before = asked("/github/api/v2/summary.json")
        session.set_preferences(replace(session.prefs, service_ids=("github", "wiki")))
        qtbot.waitUntil(lambda: asked("/wiki/api/v2/summary.json") == 2, timeout=10_000)
        assert asked("/github/api/v2/summary.json") == before  # not asked again for it
        assert session.prefs.service_ids == ("github", "wiki")
    finally:
        session.stop()
