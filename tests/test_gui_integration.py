"""The tray app's session with the real engine against loopback servers (offscreen).

Triage, offline, history, the engine's notifications and pause, fallback help and
policy locks, end to end through ``Session`` as ``traymon run`` builds it.
"""

from __future__ import annotations

import socket
from dataclasses import replace
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tests.conftest import fixture_bytes
from tests.gui_data import NOW, layered
from tests.servers import LoopbackServer
from traymon.app.startup import load_layered
from traymon.commands.cli import policy_locks
from traymon.config import Config, load_config
from traymon.config.person import PersonFile
from traymon.continuity.instruction_cache import InstructionCache
from traymon.engine.events import Notification
from traymon.gui.notices import GroupedMessage
from traymon.gui.notify_gate import QuietHours
from traymon.gui.preferences import Key, Preferences, floor_minutes, locked_keys
from traymon.gui.session import Session
from traymon.gui.settings_dialog import SettingsDialog
from traymon.model import CheckResult, Status, Triage
from traymon.platform.autostart import XdgAutostart
from traymon.viewmodel import IconState

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)

OPERATIONAL = "statuspage/github_summary_2026-08-22_latest.json"
MAJOR_OUTAGE = "statuspage/github_summary_2026-08-17_major_outage.json"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _config(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "traymon.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def _service(url: str, extra: str = "") -> str:
    return (
        f'[[services]]\nid = "github"\nname = "GitHub"\nkind = "statuspage"\nurl = "{url}"\n'
        + extra
    )


def _session(config: Config, tmp_path: Path, name: str = "s.ini") -> Session:
    return Session(
        layered(config, tmp_path),
        QSettings(str(tmp_path / name), QSettings.Format.IniFormat),
        tmp_path / "history.sqlite3",
        autostart=XdgAutostart(tmp_path / "cfg"),
        instruction_cache=InstructionCache(tmp_path / "instructions.json"),
        mail_client=lambda: None,
    )


def test_a_failing_probe_under_an_operational_page_is_suspected_in_the_tooltip(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path
) -> None:
    url = server.serve_statuspage("/gh", fixture_bytes(OPERATIONAL))
    probe = f'probes = [{{kind = "tcp", host = "127.0.0.1", port = {_closed_port()}}}]\n'
    config = _config(tmp_path, "[notifications]\ndown_after = 1\n\n" + _service(url, probe))
    session = _session(config, tmp_path)
    try:
        session.start()
        qtbot.waitUntil(lambda: session.tray.views[0].triage is Triage.SUSPECTED, timeout=15_000)
        view = session.tray.views[0]
        assert view.status is Status.OPERATIONAL  # the vendor's word is kept
        tooltip = session.tray.icon.toolTip()
        assert "GitHub: fails from this PC, the vendor reports no problem" in tooltip
        assert session.window.model.views()[0].triage is Triage.SUSPECTED
    finally:
        session.stop()


def test_nothing_answering_shows_the_offline_icon(qtbot: QtBot, tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{_closed_port()}"
    config = _config(
        tmp_path,
        f'[network]\nreference_urls = ["{closed}/generate_204"]\ntimeout = 2\n\n'
        + _service(f"{closed}/page"),
    )
    session = _session(config, tmp_path)
    try:
        session.start()
        qtbot.waitUntil(lambda: session.tray.state is IconState.OFFLINE, timeout=15_000)
        assert "This computer seems to be offline" in session.tray.icon.toolTip()
    finally:
        session.stop()


def test_the_engines_notification_is_what_pops_up(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAYMON_NOTIFY_BATCH_S", "0")
    url = server.serve_statuspage("/gh", fixture_bytes(MAJOR_OUTAGE))
    config = _config(tmp_path, "[notifications]\ndown_after = 1\n\n" + _service(url))
    session = _session(config, tmp_path)
    decided: list[Notification] = []
    session.bridge.notification_ready.connect(decided.append)
    try:
        with qtbot.waitSignal(session.tray.notified, timeout=15_000) as shown:
            session.start()
        message: GroupedMessage = shown.args[0]
        # Each receiver of a queued signal gets its own event: the tray may pop up before
        # the test's own receiver has run, so wait for it rather than assume it has.
        qtbot.waitUntil(lambda: bool(decided), timeout=5_000)
        assert [n.events[0].service_id for n in decided] == ["github"]  # the engine's
        assert message.title == "Traymon: GitHub — Major outage"
        assert message.focus_service_id == "github"
    finally:
        session.stop()


def test_the_persons_switch_and_quiet_hours_go_to_the_engine(tmp_path: Path) -> None:
    config = _config(
        tmp_path,
        '[notifications]\nquiet_hours = "22:00-07:00"\n\n' + _service("http://127.0.0.1:9/x"),
    )
    session = _session(config, tmp_path)
    policy = session.bridge.alert_policy
    assert (policy.enabled, policy.quiet_hours) == (True, (time(22), time(7)))  # the config's
    session.set_preferences(
        Preferences(notifications=False, quiet_hours=QuietHours(time(12), time(13)))
    )
    policy = session.bridge.alert_policy
    assert (policy.enabled, policy.quiet_hours) == (False, (time(12), time(13)))


def test_the_90_day_bar_shows_the_first_run_in_the_second(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path
) -> None:
    url = server.serve_statuspage("/gh", fixture_bytes(MAJOR_OUTAGE))
    config = _config(tmp_path, _service(url))
    first = _session(config, tmp_path)
    try:
        first.start()
        qtbot.waitUntil(lambda: first.tray.state is IconState.MAJOR_OUTAGE, timeout=15_000)
    finally:
        first.stop()
    second = _session(config, tmp_path)
    before_any_answer = []
    second.bridge.result_ready.connect(
        lambda r: before_any_answer.append(second.window.model.views()[0])
    )
    try:
        second.start()
        qtbot.waitUntil(lambda: bool(before_any_answer), timeout=10_000)
        stale = before_any_answer[0]
        assert stale.triage is Triage.STALE  # from history, before the vendor answered
        assert [d.worst for d in stale.history] == [Status.MAJOR_OUTAGE]
    finally:
        second.stop()


def test_the_detail_window_shows_its_fallback_instructions(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path
) -> None:
    url = server.serve_statuspage("/gh", fixture_bytes(MAJOR_OUTAGE))
    config = _config(
        tmp_path,
        _service(url) + '\n[continuity]\nwebmail_url = "https://webmail.example.net"\n'
        'trigger_services = ["github"]\n\n'
        "[[continuity.instructions]]\n"
        'service = "github"\n'
        'text = "Push to the **backup remote**. <script>x</script> '
        '[Status page](https://status.example.com)"\n',
    )
    session = _session(config, tmp_path)
    try:
        session.start()
        qtbot.waitUntil(lambda: session.tray.state is IconState.MAJOR_OUTAGE, timeout=15_000)
        session.open_window("github")
        # The answer first: IT's help on the headline and on the service's card.
        answer = session.window.answer
        assert answer.headline.text().endswith("Use the backup webmail.")
        assert [b.text() for b in answer.headline_buttons()] == [
            "Open backup webmail",
            "Open Status page",
        ]
        card = answer.card("github")
        assert card is not None and "backup remote" in card.instructions.text()
        session.window.show_details()  # the same help in the details, one click away
        detail = session.window.detail
        qtbot.waitUntil(detail.fallback_box.isVisible, timeout=5000)
        shown = detail.fallback.text()
        assert "<b>backup remote</b>" in shown or "<strong>backup remote</strong>" in shown
        assert "<script" not in shown
        assert detail.fallback_button_labels() == ["Open Status page", "Open backup webmail"]
        detail.copy_button.click()
        copied = QGuiApplication.clipboard().text()
        assert copied.startswith("Push to the backup remote.")  # plain text, no markup
        assert "<b>" not in copied and "(https://status.example.com)" in copied
    finally:
        session.stop()
    # IT's instructions were remembered for a day the configuration cannot be read.
    assert "backup remote" in (tmp_path / "instructions.json").read_text(encoding="utf-8")


def test_policy_locks_reach_the_settings_dialog_read_only(
    qtbot: QtBot, tmp_path: Path, isolated_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = tmp_path / "policy"
    policy.mkdir()
    (policy / "policy.toml").write_text(
        '[notifications]\nquiet_hours = "22:00-07:00"\n\n[checks]\nmin_interval = 120\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("TRAYMON_POLICY_DIR", str(policy))
    effective = load_layered(None).effective
    locked = policy_locks(effective)
    assert {"notifications.quiet_hours", "checks.min_interval"} <= locked
    keys = locked_keys(locked)
    # A floor is no lock: the interval stays the person's, from 2 minutes up.
    assert keys == {Key.QUIET_HOURS.value}
    dialog = SettingsDialog(Preferences(), [], [], keys, floor_minutes=floor_minutes(effective))
    qtbot.addWidget(dialog)
    assert dialog.interval.isEnabled() and dialog.interval.minimum() == 2
    assert dialog.floor_note is not None
    assert dialog.floor_note.text() == "At least 2 min (set by your IT department)"
    assert not dialog.quiet.isEnabled()
    assert set(dialog.lock_labels) == {Key.QUIET_HOURS}


def test_notifications_switched_off_by_policy_win_over_the_persons_choice(
    qtbot: QtBot, tmp_path: Path, isolated_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = tmp_path / "policy"
    policy.mkdir()
    (policy / "policy.toml").write_text("[notifications]\nenabled = false\n", encoding="utf-8")
    monkeypatch.setenv("TRAYMON_POLICY_DIR", str(policy))
    PersonFile().save({"notifications.enabled": True})  # chosen before IT locked it
    effective = load_layered(_config(tmp_path, _service("http://127.0.0.1:9/x")).path).effective
    session = Session(
        effective,
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        tmp_path / "history.sqlite3",
        XdgAutostart(tmp_path / "cfg"),
        instruction_cache=InstructionCache(tmp_path / "instructions.json"),
        mail_client=lambda: None,
    )
    assert not session.prefs.notifications
    assert not session.bridge.alert_policy.enabled
    assert Key.NOTIFICATIONS.value in session._locked


def test_mute_and_tell_me_when_back_from_the_menu_reach_the_engine(
    qtbot: QtBot, tmp_path: Path
) -> None:
    config = _config(tmp_path, _service("http://127.0.0.1:9/x"))
    session = _session(config, tmp_path)
    session.on_result(
        CheckResult(
            "github", "GitHub", "statuspage", Status.MAJOR_OUTAGE, "down", NOW, triage=Triage.VENDOR
        )
    )
    menu = session.tray.menu
    (github,) = menu.mute_menu.actions()
    github.trigger()  # checks it: muted
    assert "github" in session.bridge.alert_policy.muted
    (back,) = menu.back_menu.actions()
    back.trigger()
    assert "github" in session.bridge.alert_policy.back_watch
    (back,) = menu.back_menu.actions()  # the request shows as a tick
    assert back.isChecked()
    back.trigger()  # taken back
    assert "github" not in session.bridge.alert_policy.back_watch
    assert not menu.back_menu.actions()[0].isChecked()
    menu.back_menu.actions()[0].trigger()  # and asked again
    # A restart keeps the mute (QSettings), and the engine hears it again.
    again = _session(config, tmp_path)
    assert "github" in again.bridge.alert_policy.muted
    assert again.tray.menu.muted == {"github"}
    again.tray.menu.mute_menu.actions()[0].trigger()  # unchecks it
    assert "github" not in again.bridge.alert_policy.muted
    assert "github" not in _session(config, tmp_path).bridge.alert_policy.muted


def test_a_single_vendor_kind_names_its_vendor_and_keeps_the_engines_verdict(
    qtbot: QtBot,
) -> None:
    from traymon.gui.wording import triage_sentence
    from traymon.viewmodel import view_from_result

    checked = CheckResult(
        "m365", "Microsoft 365", "m365-public", Status.OPERATIONAL, "fine", NOW,
        triage=Triage.SUSPECTED,
    )  # fmt: skip
    view = view_from_result(checked)
    assert view.triage is Triage.SUSPECTED  # not derived from the (operational) status
    assert (
        triage_sentence(view) == "Microsoft 365: fails from this PC, Microsoft reports no problem"
    )
    statuspage = view_from_result(
        CheckResult("gh", "GitHub", "statuspage", Status.DEGRADED, "slow", NOW)
    )
    assert (statuspage.vendor, statuspage.triage) == ("", Triage.VENDOR)  # no engine verdict


def test_a_trigger_outage_from_the_engine_starts_the_switch_policy(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path
) -> None:
    """The engine's verdict for a trigger service reaches policy.decide (the clock starts);
    the question itself comes after switch_after_minutes (tests/test_gui_mail_switch.py)."""
    from tests.thunderbird_profile import make_profile_root
    from traymon.app.mail_switch import MailClient
    from traymon.continuity.journal import Journal
    from traymon.continuity.thunderbird import ThunderbirdAdapter

    profile = make_profile_root(tmp_path / "thunderbird")
    adapter = ThunderbirdAdapter(Journal(tmp_path / "journal"), profile, processes=frozenset)
    url = server.serve_statuspage("/gh", fixture_bytes(MAJOR_OUTAGE))
    config = _config(
        tmp_path,
        _service(url) + '\n[continuity]\nmode = "ask"\ntrigger_services = ["github"]\n\n'
        '[continuity.backup]\nthunderbird = "account3"\n',
    )
    session = Session(
        layered(config, tmp_path),
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        tmp_path / "history.sqlite3",
        autostart=XdgAutostart(tmp_path / "cfg"),
        instruction_cache=InstructionCache(tmp_path / "instructions.json"),
        mail_client=lambda: MailClient(adapter, "account3"),
    )
    try:
        with qtbot.waitSignal(session.mail.ready, timeout=10_000):
            session.start()
        qtbot.waitUntil(lambda: session.mail.state.outage_since is not None, timeout=15_000)
        assert not session.mail.state.switched and session.mail.dialog is None  # not yet
    finally:
        session.stop()


def test_a_machine_default_it_did_not_lock_holds_until_the_person_changes_it(
    qtbot: QtBot, tmp_path: Path, isolated_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = tmp_path / "policy"
    policy.mkdir()
    (policy / "defaults.toml").write_text(
        '[notifications]\nenabled = false\nquiet_hours = "21:00-06:30"\n', encoding="utf-8"
    )
    monkeypatch.setenv("TRAYMON_POLICY_DIR", str(policy))
    loaded = load_layered(_config(tmp_path, _service("http://127.0.0.1:9/x")).path)
    effective = loaded.effective
    assert not policy_locks(effective)  # machine defaults: IT's word, but not locked

    def session() -> Session:  # a restart: every layer read again
        return Session(
            load_layered(effective.user_file).effective,
            QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
            tmp_path / "history.sqlite3",
            XdgAutostart(tmp_path / "cfg"),
            instruction_cache=InstructionCache(tmp_path / "instructions.json"),
            mail_client=lambda: None,
        )

    first = session()
    quiet = (time(21, 0), time(6, 30))
    # Shown as IT set it, and the engine keeps it, though the person has stored nothing.
    assert not first.prefs.notifications and not first.bridge.alert_policy.enabled
    assert first.prefs.quiet_hours is not None and first.prefs.quiet_hours.as_tuple() == quiet
    assert first.bridge.alert_policy.quiet_hours == quiet
    # Saving the dialog unchanged (say, after adding a service) does not freeze IT's value.
    first.set_preferences(replace(first.prefs, show_count=False))
    assert not session().prefs.notifications
    # The person turns notifications on and quiet hours off: theirs from now on.
    first.set_preferences(replace(first.prefs, notifications=True, quiet_hours=None))
    again = session()
    assert again.prefs.notifications and again.bridge.alert_policy.enabled
    assert again.prefs.quiet_hours is None and again.bridge.alert_policy.quiet_hours is None


def test_tell_me_when_its_back_outlives_a_restart_and_ends_when_told(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked during an outage, Traymon restarted (a reboot), then the service recovers."""
    monkeypatch.setenv("TRAYMON_NOTIFY_BATCH_S", "0")
    url = server.serve_statuspage("/gh", fixture_bytes(MAJOR_OUTAGE))
    config = _config(tmp_path, "[notifications]\ndown_after = 1\nup_after = 1\n\n" + _service(url))
    first = _session(config, tmp_path)
    first.bridge.mute("github")  # no outage pop-up in the way; "back" is told even so
    try:
        first.start()
        qtbot.waitUntil(lambda: bool(first.tray.menu.back_menu.actions()), timeout=15_000)
        first.tray.menu.back_menu.actions()[0].trigger()
        # The running engine takes it on its own thread.
        qtbot.waitUntil(lambda: "github" in first.bridge.alert_policy.back_watch)
        # New settings start a new engine, which must not forget it either.
        old = first.bridge
        first.set_preferences(replace(first.prefs, interval_s=600))
        assert first.bridge is old  # the running engine takes it, and keeps the watch
        qtbot.waitUntil(lambda: "github" in first.bridge.alert_policy.back_watch)
    finally:
        first.stop()

    server.serve_statuspage("/gh", fixture_bytes(OPERATIONAL))  # fixed while Traymon was off
    again = _session(config, tmp_path)
    assert "github" in again.bridge.alert_policy.back_watch  # asked before the restart
    assert again.tray.menu.back_watch == {"github"}
    told: list[GroupedMessage] = []
    again.tray.notified.connect(told.append)
    try:
        again.start()
        qtbot.waitUntil(lambda: bool(told), timeout=15_000)
        assert told[0].body.startswith("GitHub: working again")
        assert again.tray.menu.back_watch == frozenset()  # told: no tick left behind
    finally:
        again.stop()
    # Told once: a third start no longer watches for it.
    assert "github" not in _session(config, tmp_path).bridge.alert_policy.back_watch
