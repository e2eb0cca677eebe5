"""One running tray app: the icon, the window, the engine bridge, and the person's preferences.

Wiring only; each piece decides nothing about the others.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QUrl
from PySide6.QtGui import QDesktopServices

from traymon.config import Config, ServiceConfig
from traymon.gui.about import AboutDialog, diagnostics_text
from traymon.gui.bridge import MonitorBridge
from traymon.gui.preferences import Key, Preferences, catalogue, watched_services
from traymon.gui.preferences_store import load_preferences, save_preferences
from traymon.gui.settings_dialog import SettingsDialog
from traymon.gui.tray import TrayController, local_now
from traymon.gui.window import DetailWindow
from traymon.model import CheckResult
from traymon.platform.autostart import Autostart, autostart_for, launch_command
from traymon.state_cache import load_stale_views, save_views
from traymon.viewmodel import ServiceView, view_from_result

_PAUSE_KEY = "notifications/paused_until"


class Session(QObject):
    def __init__(
        self,
        config: Config,
        settings: QSettings,
        cache_file: Path,
        locked: frozenset[str] = frozenset(),
        autostart: Autostart | None = None,
    ) -> None:
        super().__init__()
        self._config = config
        self._settings = settings
        self._cache_file = cache_file
        self._locked = locked
        self._autostart = autostart or autostart_for()
        self._available = catalogue()
        # The login item on disk is the truth (IT may have installed it), not the stored choice.
        self.prefs = replace(load_preferences(settings), start_at_login=self._autostart_enabled())
        services = self._services()
        self.tray = TrayController(services)
        self.tray.show_stale(load_stale_views(cache_file))  # within a second of launch
        self.window = DetailWindow(self.tray.views, settings)
        self.bridge = self._new_bridge(services)
        self._apply_prefs(self.prefs)
        self._restore_pause()
        self._connect()

    def _restore_pause(self) -> None:
        text = self._settings.value(_PAUSE_KEY, "")
        try:
            until = datetime.fromisoformat(str(text)) if text else None
        except ValueError:
            until = None
        if until is not None and until.tzinfo is not None:
            self.tray.restore_pause(until)

    def _save_pause(self) -> None:
        until = self.tray.gate.paused_until
        self._settings.setValue(_PAUSE_KEY, until.isoformat() if until else "")
        self._settings.sync()

    def start(self) -> None:
        self.tray.show()
        self.bridge.start()

    def stop(self) -> None:
        self.bridge.stop()

    def _services(self) -> tuple[ServiceConfig, ...]:
        return watched_services(self._config.services, self._available, self.prefs, self._locked)

    def _new_bridge(self, services: Sequence[ServiceConfig]) -> MonitorBridge:
        bridge = MonitorBridge(services)
        bridge.result_ready.connect(self.on_result)
        return bridge

    def _connect(self) -> None:
        tray = self.tray
        tray.open_window_requested.connect(self.open_window)
        tray.check_now_requested.connect(lambda: self.bridge.check_now())
        tray.open_page_requested.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        tray.settings_requested.connect(self.open_settings)
        tray.about_requested.connect(self.open_about)
        tray.pause_changed.connect(self._save_pause)

    def on_result(self, result: CheckResult) -> None:
        """The bridge's contract today: one fresh answer."""
        self.on_view(view_from_result(result))

    def on_view(self, view: ServiceView) -> None:
        """One service's view, as the engine's triage and history will deliver it."""
        self.tray.show_view(view)
        self.window.show_view(view)
        # A read-only cache folder costs only the fast start, never the app.
        with contextlib.suppress(OSError):
            save_views(self._cache_file, self.tray.views)

    def open_window(self, service_id: str = "") -> None:
        self.window.open_near(self.tray.icon.geometry())
        if service_id:
            self.window.select_service(service_id)

    def open_settings(self) -> None:
        watched = [s.id for s in self._services()]
        available = list(self._available)
        available += [s for s in self._config.services if s.id not in {a.id for a in available}]
        dialog = SettingsDialog(self.prefs, available, watched, self._locked)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.set_preferences(dialog.preferences())

    def set_preferences(self, prefs: Preferences) -> None:
        before = self._services()
        self.prefs = prefs
        save_preferences(self._settings, prefs)
        self._apply_prefs(prefs)
        self._apply_autostart(prefs.start_at_login)
        after = self._services()
        if after != before:
            self.tray.set_services(after)
            self.window.set_views(self.tray.views)
            self.bridge.stop()
            self.bridge = self._new_bridge(after)
            self.bridge.start()

    def _apply_prefs(self, prefs: Preferences) -> None:
        self.tray.gate.enabled = prefs.notifications
        self.tray.gate.quiet_hours = prefs.quiet_hours
        self.tray.set_show_count(prefs.show_count)

    def _autostart_enabled(self) -> bool:
        try:
            return self._autostart.is_enabled()
        except OSError:
            return False

    def _apply_autostart(self, wanted: bool) -> None:
        if Key.START_AT_LOGIN.value in self._locked or wanted == self._autostart_enabled():
            return
        try:
            if wanted:
                self._autostart.enable(launch_command())
            else:
                self._autostart.disable()
        except OSError as exc:
            print(f"Traymon could not change the start at login: {exc}", file=sys.stderr)

    def open_about(self) -> None:
        text = diagnostics_text(self.tray.views, self._config.path, self._cache_file, local_now())
        AboutDialog(text).exec()
