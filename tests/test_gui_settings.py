"""The settings dialog, what it stores, what IT can lock, and start at login on each OS."""

from __future__ import annotations

import plistlib
from datetime import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from tests.conftest import ROOT
from tests.gui_data import SERVICES
from traymon.catalogue import load_catalogue
from traymon.config.schema import DEFAULT_INTERVAL_S
from traymon.gui.notify_gate import QuietHours
from traymon.gui.preferences import Key, Preferences, catalogue, watched_services
from traymon.gui.preferences_store import load_preferences, save_preferences
from traymon.gui.settings_dialog import SettingsDialog
from traymon.platform.autostart import (
    RUN_KEY,
    RUN_VALUE,
    MacLaunchAgent,
    WindowsRunKey,
    XdgAutostart,
    autostart_for,
)

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)

SCREENSHOTS = ROOT / "build" / "screenshots"


def _dialog(
    qtbot: QtBot, locked: set[str] | None = None, prefs: Preferences | None = None
) -> SettingsDialog:
    dialog = SettingsDialog(prefs or Preferences(), SERVICES, ["outlook", "teams"], locked or set())
    qtbot.addWidget(dialog)
    return dialog


def _visible_names(dialog: SettingsDialog) -> list[str]:
    items = (dialog.services.item(r) for r in range(dialog.services.count()))
    return [i.text() for i in items if not i.isHidden()]


def test_catalogue_is_the_built_in_list() -> None:
    names = [s.name for s in catalogue().services]
    assert "GitHub" in names and len(names) >= 5


def test_search_narrows_the_list_and_checks_add_or_remove(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.search, "tea")
    assert _visible_names(dialog) == ["Teams"]
    dialog.search.clear()
    assert _visible_names(dialog) == ["Outlook", "Teams", "GitHub"]
    dialog.services.item(2).setCheckState(Qt.CheckState.Checked)  # add GitHub
    dialog.services.item(0).setCheckState(Qt.CheckState.Unchecked)  # remove Outlook
    assert dialog.preferences().service_ids == ("teams", "github")


def test_choices_come_back_as_preferences(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.interval.setValue(10)
    dialog.notifications.setChecked(False)
    dialog.quiet.setChecked(True)
    dialog.start_at_login.setChecked(True)
    dialog.show_count.setChecked(False)
    prefs = dialog.preferences()
    assert prefs.interval_s == 600
    assert not prefs.notifications
    assert prefs.quiet_hours == QuietHours(time(22, 0), time(7, 0))
    assert prefs.start_at_login
    assert not prefs.show_count


def test_only_what_policy_can_set_can_show_a_padlock(qtbot: QtBot) -> None:
    # Start at login and the icon's count are the person's alone: no policy name locks them.
    dialog = _dialog(qtbot, {"start_at_login", "show_count", *(k.value for k in Key)})
    assert dialog.start_at_login.isEnabled() and dialog.show_count.isEnabled()
    assert set(dialog.lock_labels) == set(Key)


def test_a_locked_setting_is_read_only_with_a_lock_and_keeps_its_value(qtbot: QtBot) -> None:
    before = Preferences(interval_s=900, notifications=True)
    dialog = _dialog(qtbot, {"interval", "notifications"}, before)
    assert not dialog.interval.isEnabled()
    assert not dialog.notifications.isEnabled()
    assert dialog.start_at_login.isEnabled()
    assert dialog.lock_labels[Key.INTERVAL].text() == "Set by your IT department"
    assert "set by your IT department" in dialog.interval.accessibleName()
    assert set(dialog.lock_labels) == {Key.INTERVAL, Key.NOTIFICATIONS}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "readme-settings-locked.png"))
    # Even if a value is forced into the widget, the locked value is what comes back.
    dialog.interval.setValue(1)
    dialog.notifications.setChecked(False)
    prefs = dialog.preferences()
    assert (prefs.interval_s, prefs.notifications) == (900, True)


def test_preferences_survive_a_restart_and_bad_values_fall_back(tmp_path: Path) -> None:
    path = str(tmp_path / "traymon.ini")
    prefs = Preferences(
        service_ids=("teams",),
        interval_s=600,
        notifications=False,
        quiet_hours=QuietHours(time(21, 30), time(6, 45)),
        start_at_login=True,
        show_count=False,
    )
    save_preferences(QSettings(path, QSettings.Format.IniFormat), prefs)
    assert load_preferences(QSettings(path, QSettings.Format.IniFormat)) == prefs
    broken = QSettings(path, QSettings.Format.IniFormat)
    broken.setValue("preferences/interval_s", "soon")
    broken.setValue("preferences/quiet_start", "late")
    broken.sync()
    loaded = load_preferences(QSettings(path, QSettings.Format.IniFormat))
    assert loaded.interval_s == DEFAULT_INTERVAL_S
    assert loaded.quiet_hours is None


def test_watched_services_follow_the_choice_unless_locked() -> None:
    configured = SERVICES[:1]
    prefs = Preferences(service_ids=("teams", "github", "gone"), interval_s=600)
    chosen = watched_services(configured, SERVICES, prefs)
    assert [(s.id, s.interval) for s in chosen] == [("teams", 600), ("github", 600)]
    locked = watched_services(configured, SERVICES, prefs, {"services", "interval"})
    assert [(s.id, s.interval) for s in locked] == [("outlook", DEFAULT_INTERVAL_S)]
    assert watched_services(configured, SERVICES, Preferences()) == configured


def test_linux_autostart_writes_and_removes_an_xdg_desktop_file(tmp_path: Path) -> None:
    autostart = XdgAutostart(tmp_path)
    assert not autostart.is_enabled()
    autostart.enable(["/opt/Traymon App/traymon", "run"])
    text = (tmp_path / "autostart" / "traymon.desktop").read_text(encoding="utf-8")
    assert "Exec='/opt/Traymon App/traymon' run\n" in text
    assert text.startswith("[Desktop Entry]\nType=Application\n")
    assert autostart.is_enabled()
    autostart.disable()
    assert not autostart.is_enabled()
    autostart.disable()  # twice is fine


def test_macos_autostart_writes_a_launch_agent(tmp_path: Path) -> None:
    agent = MacLaunchAgent(tmp_path)
    agent.enable(["/Applications/Traymon.app/Contents/MacOS/Traymon"])
    with agent.path.open("rb") as handle:
        plist = plistlib.load(handle)
    assert agent.path.parent == tmp_path / "Library" / "LaunchAgents"
    assert plist["RunAtLoad"] is True
    assert plist["ProgramArguments"] == ["/Applications/Traymon.app/Contents/MacOS/Traymon"]
    assert agent.is_enabled()
    agent.disable()
    assert not agent.is_enabled()


class FakeWinreg:
    """A stand-in for ``winreg`` (the real one exists only on Windows): keys are dicts."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_SET_VALUE = 2
    REG_SZ = 1

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], dict[str, Any]] = {}

    class _Key:
        def __init__(self, values: dict[str, Any]) -> None:
            self.values = values

        def __enter__(self) -> FakeWinreg._Key:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

    def OpenKey(self, root: str, path: str, reserved: int = 0, access: int = 0) -> _Key:  # noqa: N802
        if (root, path) not in self.keys:
            raise FileNotFoundError(path)
        return self._Key(self.keys[(root, path)])

    def CreateKey(self, root: str, path: str) -> _Key:  # noqa: N802
        return self._Key(self.keys.setdefault((root, path), {}))

    def QueryValueEx(self, key: _Key, name: str) -> tuple[Any, int]:  # noqa: N802
        if name not in key.values:
            raise FileNotFoundError(name)
        return key.values[name], self.REG_SZ

    def SetValueEx(self, key: _Key, name: str, reserved: int, kind: int, value: Any) -> None:  # noqa: N802
        key.values[name] = value

    def DeleteValue(self, key: _Key, name: str) -> None:  # noqa: N802
        if name not in key.values:
            raise FileNotFoundError(name)
        del key.values[name]


def test_windows_autostart_sets_the_hkcu_run_value() -> None:
    registry = FakeWinreg()
    run = WindowsRunKey(registry)
    assert not run.is_enabled()
    run.enable([r"C:\Program Files\Traymon\traymon.exe"])
    assert registry.keys[("HKCU", RUN_KEY)][RUN_VALUE] == r'"C:\Program Files\Traymon\traymon.exe"'
    assert run.is_enabled()
    run.disable()
    assert not run.is_enabled()
    run.disable()


@pytest.mark.parametrize(
    ("platform", "kind"), [("linux", XdgAutostart), ("darwin", MacLaunchAgent)]
)
def test_each_platform_gets_its_own_autostart(platform: str, kind: type) -> None:
    assert isinstance(autostart_for(platform), kind)


def test_the_catalogue_offers_every_shipped_service_once() -> None:
    offered = catalogue()
    ids = [s.id for s in offered.services]
    assert len(ids) == len(set(ids)) and len(ids) > 300
    # The built-in default list first, then the shipped catalogue's entries.
    assert {"github", "jira", "microsoft-365", "zoom", "dropbox"} <= set(ids)
    # A tenant's own Graph health needs IT's app registration: not a thing to pick.
    assert not any(s.kind == "m365-graph" for s in offered.services)
    tagged = next(e for e in load_catalogue() if e.tags)
    assert all(tag in offered.keywords[tagged.id] for tag in tagged.tags)
    assert urlsplit(tagged.homepage).hostname in offered.keywords[tagged.id]


def test_search_finds_by_tag_and_homepage_and_every_word_must_match(qtbot: QtBot) -> None:
    offered = catalogue()
    dialog = SettingsDialog(
        Preferences(), offered.services, ["github"], set(), keywords=offered.keywords
    )
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "atlassian status")
    shown = _visible_names(dialog)
    assert "Jira" in shown and "Confluence" in shown and "GitHub" not in shown
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "no such service at all")
    assert _visible_names(dialog) == []


def test_watched_services_come_first_and_the_count_follows_the_checks(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Preferences(), SERVICES, ["github", "teams"], set())
    qtbot.addWidget(dialog)
    assert _visible_names(dialog) == ["GitHub", "Teams", "Outlook"]
    assert dialog.count.text() == "Watching 2 services"
    dialog.services.item(2).setCheckState(Qt.CheckState.Checked)
    assert dialog.count.text() == "Watching 3 services"
    dialog.services.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.services.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.count.text() == "Watching 1 service"


def test_only_what_the_person_changed_is_stored(tmp_path: Path) -> None:
    path = str(tmp_path / "traymon.ini")
    shown = Preferences(notifications=False, quiet_hours=QuietHours(time(22), time(7)))
    chosen = Preferences(notifications=False, quiet_hours=None, show_count=False)
    save_preferences(QSettings(path, QSettings.Format.IniFormat), chosen, shown)
    stored = QSettings(path, QSettings.Format.IniFormat)
    assert sorted(stored.allKeys()) == [
        "preferences/quiet_end",
        "preferences/quiet_start",
        "preferences/show_count",
    ]
    # Later the layered defaults change: what the person did not touch follows them,
    # what they chose (quiet hours off, no count) stays theirs.
    later = Preferences(notifications=True, quiet_hours=QuietHours(time(20), time(8)))
    loaded = load_preferences(QSettings(path, QSettings.Format.IniFormat), later)
    assert loaded == Preferences(notifications=True, quiet_hours=None, show_count=False)
