""" "Watch only these…": the dialog, the person's stored choice, and the session (offscreen).

The page is the Cloudflare-like one (tests/cloudflare_like.py) served by a real server on
127.0.0.1; the engine is the real one. The dialog's screenshot lands in build/screenshots/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests import cloudflare_like as cf
from tests.conftest import ROOT
from tests.gui_data import layered
from tests.servers import LoopbackServer
from traymon.config.layers import builtin_services, resolve
from traymon.config.person import PersonFile
from traymon.config.toml_layer import parse_toml_layer
from traymon.config.values import LayerValues
from traymon.continuity.instruction_cache import InstructionCache
from traymon.gui.preferences import Preferences, component_changes
from traymon.gui.session import Session
from traymon.gui.watch_components import WatchComponentsDialog
from traymon.model import Status
from traymon.platform.autostart import XdgAutostart
from traymon.sources.statuspage import parse_summary
from traymon.viewmodel import IconState

pytestmark = pytest.mark.linux_only  # needs Qt offscreen with XDG folders (the tray: Xvfb)

SCREENSHOTS = ROOT / "build" / "screenshots"
EMPTY = LayerValues.empty("(none)")


def _dialog(qtbot: QtBot, watch: tuple[str, ...] = ()) -> WatchComponentsDialog:
    shown = parse_summary(cf.page(), watch).components
    dialog = WatchComponentsDialog("Cloudflare", shown)
    qtbot.addWidget(dialog)
    return dialog


def _top(dialog: WatchComponentsDialog, name: str) -> object:
    tree = dialog.tree
    found = tree.findItems(name, Qt.MatchFlag.MatchExactly, 0)
    assert found, name
    return found[0]


def test_the_dialog_starts_from_what_is_watched_and_says_the_choice(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, (cf.PRODUCTS_GROUP,))
    products = dialog.tree.findItems(cf.PRODUCTS_GROUP, Qt.MatchFlag.MatchExactly, 0)[0]
    europe = dialog.tree.findItems("Europe", Qt.MatchFlag.MatchExactly, 0)[0]
    assert products.checkState(0) is Qt.CheckState.Checked
    assert europe.checkState(0) is Qt.CheckState.Unchecked
    assert products.childCount() == 119
    assert dialog.choice() == (cf.PRODUCTS_GROUP,)
    # Only the CDN: one child of the group, written as Statuspage writes it.
    for index in range(products.childCount()):
        child = products.child(index)
        keep = child.text(0) in ("CDN/Cache", "Authoritative DNS")
        child.setCheckState(0, Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)
    assert products.checkState(0) is Qt.CheckState.PartiallyChecked
    choice = dialog.choice()
    assert choice == (
        f"{cf.PRODUCTS_GROUP} - CDN/Cache",
        f"{cf.PRODUCTS_GROUP} - Authoritative DNS",
    )
    # The page reads the choice back as meant.
    result = parse_summary(cf.page(products={"Workers": "major_outage"}), choice)
    assert result.status is Status.OPERATIONAL
    assert result.unmatched == ()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialog.show()
    products.setExpanded(True)
    dialog.grab().save(str(SCREENSHOTS / "watch-components.png"))


def test_everything_ticked_is_the_whole_page_and_nothing_cannot_be_chosen(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, ("CDN/Cache",))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.everything.click()
    assert dialog.choice() == ()
    for index in range(dialog.tree.topLevelItemCount()):
        dialog.tree.topLevelItem(index).setCheckState(0, Qt.CheckState.Unchecked)
    assert not ok.isEnabled()
    assert dialog.tree.accessibleName() == "Components to watch"


def test_the_choice_is_stored_per_service_and_read_back(tmp_path: Path) -> None:
    """Kept in the person's layer (``[service."<id>"] components``), as their other choices."""
    person = PersonFile(tmp_path / "choices.toml")
    names = ("Amsterdam, Netherlands - (AMS)", "CDN/Cache")
    prefs = Preferences().with_components("cloudflare", names).with_components("slack", ())
    person.save({}, component_changes(Preferences(), prefs))
    again = person.read().components()
    assert dict(again) == {"cloudflare": names, "slack": ()}
    forgot = prefs.with_components("cloudflare", None)
    person.save({}, component_changes(prefs, forgot))
    assert dict(person.read().components()) == {"slack": ()}


def test_the_choice_reaches_the_service_unless_policy_locks_the_list(tmp_path: Path) -> None:
    listed = '[[services]]\nuse = "cloudflare"\n\n[[services]]\nuse = "azure"\n'
    path = tmp_path / "t.toml"
    path.write_text(listed, encoding="utf-8")
    prefs = Preferences().with_components("cloudflare", ("CDN/Cache",))
    prefs = prefs.with_components("azure", ("x",))  # a kind without the key: left alone
    PersonFile(tmp_path / "choices.toml").save({}, component_changes(Preferences(), prefs))
    cloudflare, azure = layered(path, tmp_path).config().services
    assert cloudflare.options["components"] == ("CDN/Cache",)
    assert "components" not in azure.options
    policy = parse_toml_layer(listed, tmp_path / "policy.toml")
    effective = resolve(
        builtin_services(),
        EMPTY,
        EMPTY,
        policy,
        person=PersonFile(tmp_path / "choices.toml").read(),
    )
    locked, _ = effective.config().services
    assert locked.options["components"] == (cf.PRODUCTS_GROUP,)


def test_watch_only_these_from_the_details_turns_a_crying_page_green(
    qtbot: QtBot, server: LoopbackServer, tmp_path: Path
) -> None:
    url = server.serve_statuspage("/cf", cf.page(rerouted=36, maintenance=22))
    path = tmp_path / "t.toml"
    # IT's config watches the whole page (components = []): the icon cries wolf.
    path.write_text(
        f'[[services]]\nuse = "cloudflare"\nurl = "{url}"\ncomponents = []\n', encoding="utf-8"
    )
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)

    def session() -> Session:
        return Session(
            layered(path, tmp_path),
            settings,
            tmp_path / "history.sqlite3",
            autostart=XdgAutostart(tmp_path / "cfg"),
            instruction_cache=InstructionCache(tmp_path / "instructions.json"),
            mail_client=lambda: None,
        )

    first = session()
    try:
        first.start()
        qtbot.waitUntil(lambda: first.tray.state is IconState.PARTIAL_OUTAGE, timeout=10_000)
        first.open_window("cloudflare")
        first.window.show_details("cloudflare")  # the answer first; the details one click away
        detail = first.window.detail
        assert detail.watch_button.isVisibleTo(first.window)
        assert detail.watch_button.accessibleName() == "Choose the components to watch"

        def choose_the_cdn() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, WatchComponentsDialog)
            for index in range(dialog.tree.topLevelItemCount()):
                item = dialog.tree.topLevelItem(index)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                if item.text(0) == cf.PRODUCTS_GROUP:
                    for n in range(item.childCount()):
                        if item.child(n).text(0) == "CDN/Cache":
                            item.child(n).setCheckState(0, Qt.CheckState.Checked)
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

        QTimer.singleShot(200, choose_the_cdn)
        detail.watch_button.click()  # the dialog runs modally until choose_the_cdn accepts
        qtbot.waitUntil(lambda: first.tray.state is IconState.OPERATIONAL, timeout=10_000)
        first.window.select_service("cloudflare")
        qtbot.waitUntil(lambda: "not watched" in detail.components.text(), timeout=10_000)
        assert "Europe" not in detail.components.text()  # re-routed, and not in the way
        qtbot.wait(200)  # the labels lay out again before the picture
        first.window.grab().save(str(SCREENSHOTS / "watch-components-detail.png"))
        assert dict(first.prefs.components) == {"cloudflare": (f"{cf.PRODUCTS_GROUP} - CDN/Cache",)}
    finally:
        first.stop()
    # The choice outlives a restart, as the person's other choices do.
    second = session()
    try:
        second.start()
        qtbot.waitUntil(lambda: second.tray.state is IconState.OPERATIONAL, timeout=10_000)
    finally:
        second.stop()


def test_the_settings_dialog_keeps_the_choice_made_in_the_details(qtbot: QtBot) -> None:
    from traymon.gui.settings_dialog import SettingsDialog

    chosen = Preferences().with_components("cloudflare", ("CDN/Cache",))
    dialog = SettingsDialog(chosen, [], [], set())
    qtbot.addWidget(dialog)
    assert dict(dialog.preferences().components) == {"cloudflare": ("CDN/Cache",)}
