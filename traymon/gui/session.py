"""One running tray app: the icon, the window, the engine bridge, the person's choices and state.

Wiring only; each piece decides nothing about the others. The engine decides (triage,
noise control, notifications, pause and quiet hours); the settings code resolves the
person's choices (``traymon.config.person``); ``traymon.app.person`` owns mute, pause and
"tell me when it's back"; the GUI shows and forwards clicks. The engine's history is the
one store of last known states and of the 90-day bars.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings

from traymon.app.mail_switch import Chooser
from traymon.app.person import PersonState
from traymon.config import Config, ServiceConfig
from traymon.config.layers import EffectiveSettings
from traymon.config.person import PersonFile
from traymon.config.vendor import vendor_for
from traymon.continuity.config import FallbackInstruction
from traymon.continuity.instruction_cache import InstructionCache
from traymon.continuity.offer import outage_help
from traymon.engine.events import Notification, TransitionEvent
from traymon.engine.history import LATEST_TRANSITIONS_LIMIT, History
from traymon.engine.triage import Network
from traymon.gui.bridge import MonitorBridge
from traymon.gui.links import open_it_link, open_vendor_link
from traymon.gui.mail_switch import MailSwitch
from traymon.gui.mute_today import MuteToday
from traymon.gui.native_notify import DesktopNotices
from traymon.gui.notices import GroupedMessage, message_for
from traymon.gui.preferences import (
    Catalogue,
    Key,
    Preferences,
    catalogue,
    component_changes,
    floor_minutes,
    locked_keys,
    person_changes,
    shown,
    takes_components,
)
from traymon.gui.preferences_store import migrate
from traymon.gui.tray import TrayController, local_now
from traymon.model import CheckResult, Status, Triage
from traymon.notify_actions import NotifyAction, NotifyActions, offered, situation_of
from traymon.platform.autostart import Autostart, autostart_for, launch_command
from traymon.sources.http import NetworkOptions
from traymon.viewmodel import DayState, ServiceView, view_from_result

if TYPE_CHECKING:  # made when first opened, with its modules
    from traymon.gui.window import DetailWindow


class _QtStore:
    """The person's state kept in QSettings (``traymon.app.person.StateStore``)."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def get(self, key: str) -> str:
        return str(self._settings.value(key, "") or "")

    def put(self, key: str, value: str) -> None:
        self._settings.setValue(key, value)
        self._settings.sync()


_log = logging.getLogger(__name__)


class Session(QObject):
    def __init__(
        self,
        effective: EffectiveSettings,
        settings: QSettings,
        history_file: Path | None,
        autostart: Autostart | None = None,
        *,
        person: PersonFile | None = None,
        options: NetworkOptions | None = None,
        instruction_cache: InstructionCache | None = None,
        mail_client: Chooser | None = None,
    ) -> None:
        """``effective``: every layer resolved, the person's choices among them; the
        session re-resolves them when the person saves the dialog (``person``: where their
        choices are kept, by default the file ``effective`` was read with).

        ``settings``: Qt's per-user store, for the window's geometry and the person's
        state (mute, pause, tell me when it's back: ``traymon.app.person``).
        ``history_file``: the engine's SQLite history (``None``: memory only, no bars).
        """
        super().__init__()
        self._settings = settings
        self._person_file = person or PersonFile(effective.person_path)
        if migrate(settings, self._person_file):  # an earlier version's QSettings choices
            effective = effective.with_person(self._person_file.read())
        self._effective = effective
        self._config = effective.config()
        self._history_file = history_file
        self._locked = locked_keys(effective.locked())
        self._options = options
        self._autostart = autostart or autostart_for()
        # The GUI's own connection, for reading the 90-day bars (the engine writes through its).
        self._history = History(history_file) if history_file is not None else None
        self._instructions = self._fallback_instructions(instruction_cache or InstructionCache())
        # The login item on disk is the truth (IT may have installed it), not a stored choice.
        self.prefs = shown(effective, self._autostart_enabled())
        services = self._config.services
        self.tray = TrayController(services)
        # The window is made when first opened (a tray that only sits there does not hold
        # its widgets: bench/memory_parts.py); until then live changes wait here.
        self._window: DetailWindow | None = None
        self._unseen: list[TransitionEvent] = []
        names = {s.id: s.name for s in self._config.services}
        self.mail = MailSwitch(self._config.continuity, names, mail_client, parent=self)
        self.person = PersonState(_QtStore(settings), local_now)
        # Every pop-up goes through the person's focus and the desktop's own notifications.
        self.notices = DesktopNotices(self.tray.notify, parent=self)
        self.mute_today = MuteToday(settings, parent=self)
        self.bridge = self._new_bridge(services)
        self._apply_config(self._config)
        self.person.restore(self.bridge)
        self._show_person_state()
        self.mute_today.check()  # mutes "for today" that ended while Traymon was not running
        self._connect()

    def _fallback_instructions(self, cache: InstructionCache) -> tuple[FallbackInstruction, ...]:
        """IT's instructions, remembered for a day the configuration cannot be read."""
        configured = self._config.continuity.instructions
        if configured:
            with contextlib.suppress(OSError):
                cache.remember(configured)
            return ()
        return cache.recall()

    def _show_person_state(self) -> None:
        """The menu shows what the person's state holds (it decides nothing itself)."""
        configured = {s.id for s in self._config.services if s.muted}
        self.tray.set_muted(self.person.shown_muted(configured))
        self.tray.set_back_watch(self.person.back_watch)
        until = self.person.paused_until
        if until is not None:
            self.tray.restore_pause(until)

    def _mute_changed(self, service_id: str, muted: bool) -> None:
        if not muted:
            self.mute_today.forget(service_id)
        self.person.set_muted(service_id, muted, self.bridge)

    def _back_requested(self, service_id: str, wanted: bool) -> None:
        self.person.want_back(service_id, wanted, self.bridge)

    def _pause_changed(self, until: datetime | None) -> None:
        self.person.pause(until, self.bridge)

    def start(self) -> None:
        self.tray.show()
        self.mail.start()
        self.bridge.start()

    def stop(self) -> None:
        self.bridge.stop()
        if self._history is not None:
            self._history.close()

    @property
    def _catalogue(self) -> Catalogue:
        """Read when first needed (the settings dialog, a person's own choice of services):
        ~320 entries are a megabyte and more the tray need not hold from its start."""
        return catalogue()  # read once (lru_cache)

    def _services(self) -> tuple[ServiceConfig, ...]:
        """What is watched: the settings code resolved the person's choice already."""
        return self._config.services

    def _new_bridge(self, services: Sequence[ServiceConfig]) -> MonitorBridge:
        bridge = MonitorBridge(
            services,
            network=self._config.network,
            notifications=self._config.notifications,  # its on/off switch and quiet hours
            history_path=self._history_file,
            options=self._options,
            fleet=self._config.fleet,
        )
        bridge.result_ready.connect(self.on_result)
        bridge.notification_ready.connect(self.on_notification)
        bridge.network_changed.connect(self.on_network)
        bridge.event_ready.connect(self.on_event)
        return bridge

    def _connect(self) -> None:
        tray = self.tray
        tray.open_window_requested.connect(self.open_window)
        tray.check_now_requested.connect(lambda: self.bridge.check_now())
        tray.open_page_requested.connect(open_vendor_link)
        tray.settings_requested.connect(self.open_settings)
        tray.about_requested.connect(self.open_about)
        tray.pause_changed.connect(self._pause_changed)
        tray.mute_changed.connect(self._mute_changed)
        tray.notify_when_back_requested.connect(self._back_requested)
        self.mail.told.connect(self._tell)
        notices = self.notices
        notices.shown.connect(self._shown)
        notices.held.connect(lambda n, focus: self.bridge.hold(n, focus))
        notices.focus_changed.connect(lambda focus: self.bridge.set_focus(focus))
        notices.action_chosen.connect(self.notification_action)
        self.mute_today.ended.connect(lambda sid: self.tray.mute(sid, False))
        self.mail.ready.connect(self._offer_switch)
        self.mail.told.connect(lambda _text: self._offer_switch())  # switched, or refused

    def on_result(self, result: CheckResult) -> None:
        """One result from the engine: its verdict, the 90-day bar, the fallback help."""
        view = view_from_result(result, self._days(result.service_id))
        help_ = outage_help(
            self._config.continuity,
            result.service_id,
            result.status,
            self._instructions,
            suspected=result.triage is Triage.SUSPECTED,
        )
        if help_ is not None:
            html = help_.instructions.html if help_.instructions else ""
            view = replace(
                view,
                fallback_instructions=help_.copy_text,
                fallback_html=html,
                fallback_links=help_.buttons,
                webmail_url=help_.webmail.url if help_.webmail else "",
            )
        self.on_view(view)
        self.mail.on_result(result)

    def _days(self, service_id: str) -> tuple[DayState, ...]:
        """The 90-day bar from the history's per-day table (one indexed read of ≤ 90 rows)."""
        if self._history is None:
            return ()
        days = self._history.worst_per_day(service_id, date.today())
        return tuple(DayState(d.day, d.worst) for d in days if d.worst is not None)

    @property
    def window(self) -> DetailWindow:
        """The detail window, made on first use with every service as the tray has it."""
        if self._window is None:
            from traymon.gui.window import DetailWindow  # its widgets' modules load with it

            self._window = DetailWindow(self.tray.views, self._settings)
            self._window.detail.set_reporting(self._config.fleet.enabled)
            self._window.detail.not_working.connect(lambda sid: self.bridge.not_working(sid))
            self._window.detail.set_choosable(self._choosable(self._services()))
            self._window.detail.watch_components_requested.connect(self.watch_components)
            self._window.set_offline(self.tray.offline)
            self._window.switch_requested.connect(lambda _sid: self.mail.switch_now())
            self._offer_switch()
            self._name_timeline(self._services())
            for event in self._unseen:
                self._window.timeline.add_event(event)
            self._unseen.clear()
        return self._window

    def on_view(self, view: ServiceView) -> None:
        self.tray.show_view(view)
        if self._window is not None:  # a window made later starts from the tray's views
            self._window.show_view(view)

    def on_notification(self, notification: Notification) -> None:
        """The engine decided this deserves a pop-up; the tray only shows it."""
        vendors = {s.id: vendor_for(s) for s in self._config.services}
        message = message_for(notification, vendors)
        self.notices.deliver(message, self._actions(notification, message), notification)
        recovered = {e.service_id for e in notification.events if e.is_recovery}
        if self.person.told(recovered):  # the engine told it and forgot the watch: so do we
            self.tray.set_back_watch(self.person.back_watch)

    def on_event(self, event: TransitionEvent) -> None:
        """A state change, live: the "What happened" list grows while the window is open."""
        if self._window is not None:
            self._window.timeline.add_event(event)
        else:  # the timeline keeps its newest LATEST_TRANSITIONS_LIMIT: so does this
            self._unseen = [*self._unseen, event][-LATEST_TRANSITIONS_LIMIT:]

    def _name_timeline(self, services: Sequence[ServiceConfig]) -> None:
        if self._window is None:
            return  # named when it is made
        self._window.timeline.set_services(
            {s.id: s.name for s in services}, {s.id: vendor_for(s) for s in services}
        )

    def recent_changes(self) -> list[TransitionEvent]:
        """The last 24 hours of changes from history (one indexed read, capped), newest first."""
        if self._history is None:
            return self.window.timeline.events()  # memory only: what this run has seen
        from traymon.gui.timeline import SPAN

        return self._history.latest_transitions(local_now() - SPAN)

    def on_network(self, network: Network) -> None:
        self.tray.set_offline(network is Network.OFFLINE)
        if self._window is not None:
            self._window.set_offline(network is Network.OFFLINE)

    def _offer_switch(self) -> None:
        """Whether the cards offer "Switch mail to backup" (a client found, not switched)."""
        if self._window is not None:
            self._window.set_mail_switch(self.mail.offerable())

    def _tell(self, text: str) -> None:
        # The mail switch's news: said because the person or IT acted, so never held.
        self.notices.deliver(GroupedMessage("Traymon", text, "", Status.UNKNOWN))

    def _shown(self, message: GroupedMessage, how: str) -> None:
        if how == "native":  # the balloon's own path already told the tray
            self.tray.told_natively(message)

    def _actions(self, notification: Notification, message: GroupedMessage) -> NotifyActions:
        """The buttons this notification's service offers now (``notify_actions`` decides)."""
        sid = message.focus_service_id
        facts = situation_of(notification, sid)
        help_ = None
        if facts.problem:
            suspected = facts.triage is Triage.SUSPECTED
            help_ = outage_help(
                self._config.continuity, sid, facts.status, self._instructions, suspected=suspected
            )
        return offered(
            replace(
                facts,
                webmail_url=help_.webmail.url if help_ and help_.webmail else None,
                can_switch=self.mail.can_switch(sid),
                muted=sid in self.tray.menu.muted,
            )
        )

    def notification_action(self, key: str, service_id: str) -> None:
        """A notification's button (``NotifyAction`` value) or its body (``""``) was chosen."""
        if key == "":
            self.open_window(service_id)  # the body: the answer first, as the tray's click
        elif key == NotifyAction.DETAILS.value:
            self.open_window(service_id)
            self.window.show_details(service_id)
        elif key == NotifyAction.WEBMAIL.value and self._config.continuity.webmail_url:
            open_it_link(self._config.continuity.webmail_url)
        elif key == NotifyAction.SWITCH_MAIL.value:
            self.mail.switch_now()
        elif key == NotifyAction.MUTE_TODAY.value:
            self.tray.mute(service_id, True)
            self.mute_today.mute(service_id)

    def open_window(self, service_id: str = "") -> None:
        _log.info("window opened on %r", service_id)
        self.window.timeline.set_events(self.recent_changes())
        self.window.open_near(self.tray.icon.geometry())
        if service_id:
            self.window.select_service(service_id)

    def open_settings(self) -> None:
        from traymon.gui.settings_dialog import SettingsDialog  # loaded when first opened

        watched = [s.id for s in self._services()]
        # The configured services first: they win over a catalogue entry of the same id.
        configured = {s.id for s in self._configured()}
        available = [*self._configured()]
        available += [s for s in self._catalogue.services if s.id not in configured]
        dialog = SettingsDialog(
            self.prefs,
            available,
            watched,
            self._locked,
            keywords=self._catalogue.keywords,
            floor_minutes=floor_minutes(self._effective),
        )
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.set_preferences(dialog.preferences())

    def _configured(self) -> tuple[ServiceConfig, ...]:
        """The services list as the layers give it, before the person's choice of them."""
        return self._effective.listed

    def _choosable(self, services: Sequence[ServiceConfig]) -> frozenset[str]:
        """The services whose components the person may choose: kinds with the key, and
        not when IT's policy locks the list (then IT's ``components`` stand)."""
        if Key.SERVICES.value in self._locked:
            return frozenset()
        return frozenset(s.id for s in services if takes_components(s))

    def watch_components(self, service_id: str) -> None:
        """ "Watch only these…": the page's components as last shown, then the new choice."""
        from traymon.gui.watch_components import WatchComponentsDialog  # made when asked

        view = next((v for v in self.tray.views if v.service_id == service_id), None)
        if view is None or not view.components:
            return
        dialog = WatchComponentsDialog(view.name, view.components, self._window)
        if dialog.exec() == WatchComponentsDialog.DialogCode.Accepted:
            self.set_preferences(self.prefs.with_components(service_id, dialog.choice()))

    def set_preferences(self, prefs: Preferences) -> None:
        """The dialog's answer: the changes go to the person's layer, the settings code
        resolves it again, and the running engine and tray take the result."""
        watching = tuple(s.id for s in self._services())
        changes = person_changes(self.prefs, prefs, self._locked, watching)
        per_service = component_changes(self.prefs, prefs)
        if changes or per_service:
            try:
                self._person_file.save(changes, per_service)
            except OSError as exc:
                print(f"Traymon could not keep the settings: {exc}", file=sys.stderr)
        self._effective = self._effective.with_person(self._person_file.read())
        self._apply_config(self._effective.config())
        self._apply_autostart(prefs.start_at_login)
        self.prefs = shown(self._effective, self._autostart_enabled())

    def _apply_config(self, config: Config) -> None:
        """The engine and the tray take a (re)resolved configuration without starting over:
        history, last results and a catch-up in the making stay."""
        before, self._config = self._config.services, config
        after = config.services
        if after != before:
            self.tray.set_services(after)
            self._name_timeline(after)
            if self._window is not None:
                self._window.set_views(self.tray.views)
                self._window.detail.set_choosable(self._choosable(after))
            self.bridge.set_services(after)
        self.bridge.set_alerts(config.notifications.enabled, config.notifications.quiet_hours)
        self.tray.set_show_count(config.show_count)

    def _autostart_enabled(self) -> bool:
        try:
            return self._autostart.is_enabled()
        except OSError:
            return False

    def _apply_autostart(self, wanted: bool) -> None:
        if wanted == self._autostart_enabled():  # IT's own login item is left alone too
            return
        try:
            if wanted:
                self._autostart.enable(launch_command())
            else:
                self._autostart.disable()
        except OSError as exc:
            print(f"Traymon could not change the start at login: {exc}", file=sys.stderr)

    def open_about(self) -> None:
        from traymon.gui.about import AboutDialog, diagnostics_text  # loaded when first opened

        text = diagnostics_text(
            self.tray.views,
            self._config.path,
            self._history_file,
            local_now(),
            changes=self.recent_changes(),
        )
        warnings = self.bridge.history_warnings + (self._history.warnings if self._history else [])
        if warnings:  # a damaged history moved aside, a failed write: the helpdesk wants it
            text += "\n" + "\n".join(f"History: {w}" for w in dict.fromkeys(warnings))
        AboutDialog(text).exec()
