"""The settings dialog, what it stores, what IT can lock, and start at login on each OS."""

from __future__ import annotations

import plistlib
from dataclasses import replace
from datetime import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from tests.conftest import ROOT, write_config
from tests.gui_data import SERVICES, layered
from traymon.catalogue import load_catalogue
from traymon.config.person import PersonFile
from traymon.config.schema import DEFAULT_INTERVAL_S
from traymon.gui.notify_gate import QuietHours
from traymon.gui.preferences import (
    Key,
    Preferences,
    catalogue,
    locked_keys,
    person_changes,
    shown,
)
from traymon.gui.preferences_store import migrate, old_choices
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
    # Start at login is the person's alone (IT installs a login item instead): no name locks
    # it. The icon's count is tray.show_count, which policy may set.
    dialog = _dialog(qtbot, {"start_at_login", *(k.value for k in Key)})
    assert dialog.start_at_login.isEnabled()
    assert not dialog.show_count.isEnabled()
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


def test_an_earlier_versions_qsettings_choices_move_once_to_the_persons_file(
    tmp_path: Path,
) -> None:
    path = str(tmp_path / "traymon.ini")
    old = QSettings(path, QSettings.Format.IniFormat)
    for key, value in {
        "services": "teams,github",
        "interval_s": 600,
        "notifications": "false",  # INI files give strings back
        "quiet_start": "21:30",
        "quiet_end": "06:45",
        "start_at_login": True,  # not moved: the login item on disk is the truth
        "show_count": False,
    }.items():
        old.setValue(f"preferences/{key}", value)
    old.setValue("window/geometry", "kept")
    old.sync()
    person = PersonFile(tmp_path / "choices.toml")
    assert migrate(QSettings(path, QSettings.Format.IniFormat), person)
    moved = {n: r.value for n, r in person.read().values.values.items()}
    assert moved == {
        "checks.watch": ["teams", "github"],
        "checks.interval": 600,
        "notifications.enabled": False,
        "notifications.quiet_hours": "21:30-06:45",
        "tray.show_count": False,
    }
    after = QSettings(path, QSettings.Format.IniFormat)
    assert after.allKeys() == ["window/geometry"]  # the old keys are gone, the rest stays
    # Once only: a file already there is the person's, never overwritten from QSettings.
    after.setValue("preferences/interval_s", 900)
    after.sync()
    assert not migrate(QSettings(path, QSettings.Format.IniFormat), person)
    assert person.read().values.values["checks.interval"].value == 600


def test_bad_old_values_are_left_behind_and_the_default_interval_was_no_choice(
    tmp_path: Path,
) -> None:
    settings = QSettings(str(tmp_path / "traymon.ini"), QSettings.Format.IniFormat)
    settings.setValue("preferences/interval_s", "soon")
    settings.setValue("preferences/quiet_start", "late")
    settings.setValue("preferences/quiet_end", "07:00")
    settings.setValue("preferences/notifications", "perhaps")
    assert old_choices(settings) == {}
    settings.setValue("preferences/interval_s", DEFAULT_INTERVAL_S)  # the old GUI ignored it
    settings.setValue("preferences/quiet_start", "")
    settings.setValue("preferences/quiet_end", "")  # switched off: a choice too
    assert old_choices(settings) == {"notifications.quiet_hours": ""}


def test_only_what_the_person_changed_becomes_a_choice_and_never_a_locked_one() -> None:
    shown = Preferences(notifications=False, quiet_hours=QuietHours(time(22), time(7)))
    chosen = Preferences(notifications=False, quiet_hours=None, show_count=False)
    assert person_changes(shown, chosen) == {
        "notifications.quiet_hours": "",
        "tray.show_count": False,
    }
    locked = person_changes(shown, replace(chosen, interval_s=60), frozenset({"interval"}))
    assert "checks.interval" not in locked
    # The same services back (in the order shown) is no choice: the list keeps following IT.
    same = replace(shown, service_ids=("outlook", "teams"))
    assert person_changes(shown, same, watching=("outlook", "teams")) == {}
    other = replace(shown, service_ids=("teams",))
    assert person_changes(shown, other, watching=("outlook", "teams")) == {
        "checks.watch": ("teams",)
    }


def test_the_dialog_shows_what_the_layers_resolved(tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "t.toml",
        [
            {
                "id": "a",
                "name": "A",
                "kind": "statuspage",
                "url": "https://a.test",
                "interval": 120,
            },
            {
                "id": "b",
                "name": "B",
                "kind": "statuspage",
                "url": "https://b.test",
                "interval": 120,
            },
        ],
    )
    effective = layered(config, tmp_path)
    prefs = shown(effective, start_at_login=False)
    assert (prefs.interval_s, prefs.service_ids) == (120, None)  # the services' own, shared
    PersonFile(tmp_path / "choices.toml").save(
        {"checks.interval": 900, "checks.watch": ("b",), "notifications.quiet_hours": "22:00-06:00"}
    )
    prefs = shown(layered(config, tmp_path), start_at_login=True)
    assert (prefs.interval_s, prefs.service_ids, prefs.start_at_login) == (900, ("b",), True)
    assert prefs.quiet_hours == QuietHours(time(22), time(6))


def test_nothing_watched_cannot_be_confirmed(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert ok.isEnabled()
    for row in range(dialog.services.count()):
        dialog.services.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert not ok.isEnabled()  # an empty choice would mean "the whole list" to the layers


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


def test_a_padlock_only_where_policy_can_set_the_row() -> None:
    assert locked_keys({"tray.show_count", "checks.watch"}) == {"show_count", "services"}
    assert locked_keys({"services"}) == {"services"}
    # A floor is no lock, and start at login has no setting IT could lock.
    assert locked_keys({"checks.min_interval", "start_at_login"}) == frozenset()


def test_an_earlier_versions_watch_only_these_moves_to_the_persons_file(tmp_path: Path) -> None:
    path = str(tmp_path / "traymon.ini")
    old = QSettings(path, QSettings.Format.IniFormat)
    old.setValue("preferences/components/cloudflare", '["Amsterdam, NL - (AMS)", "CDN/Cache"]')
    old.setValue("preferences/components/slack", "[]")
    old.setValue("preferences/components/broken", "not json")
    old.sync()
    person = PersonFile(tmp_path / "choices.toml")
    assert migrate(QSettings(path, QSettings.Format.IniFormat), person)
    assert dict(person.read().components()) == {
        "cloudflare": ("Amsterdam, NL - (AMS)", "CDN/Cache"),
        "slack": (),
    }
    assert QSettings(path, QSettings.Format.IniFormat).allKeys() == []
