"""The tray icon, its tooltip, its menu and its notifications."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from traymon.config import ServiceConfig
from traymon.gui.icons import state_icon
from traymon.gui.notices import GroupedMessage
from traymon.gui.notify_gate import PauseChoice, pause_end
from traymon.gui.tray_menu import TrayMenu
from traymon.gui.wording import state_label, triage_sentence
from traymon.model import CheckResult, Status
from traymon.viewmodel import (
    IconState,
    ServiceView,
    affected_count,
    not_checked_view,
    tray_state,
    view_from_result,
)

_TOOLTIP_LINES = 8  # tooltips are small; the window has the rest
#: Windows keeps only 127 characters of a tray tooltip and cuts mid-word; elsewhere no limit.
WINDOWS_TOOLTIP_CHARS = 127
MESSAGE_SHOWN_MS = 10_000
#: One affected service needs no number: the icon already says "something is wrong".
BADGE_FROM = 2

Clock = Callable[[], datetime]
_log = logging.getLogger(__name__)


def local_now() -> datetime:
    return datetime.now().astimezone()


class TrayController(QObject):
    """Shows the worst state as the icon; asks for the window, a check, settings or quitting."""

    open_window_requested = Signal(str)  # a service id, or "" for no particular one
    check_now_requested = Signal()
    open_page_requested = Signal(str)
    settings_requested = Signal()
    about_requested = Signal()
    quit_requested = Signal()
    #: Emitted with every notification actually shown (tests and the diagnostics read it).
    notified = Signal(object)
    #: The pause started or ended: the end (aware datetime) or None (the session tells
    #: the engine, which decides, and keeps it across restarts).
    pause_changed = Signal(object)
    #: The person muted or unmuted a service's notifications (id, muted).
    mute_changed = Signal(str, bool)
    #: "Tell me when it's back" for a service id.
    notify_when_back_requested = Signal(str, bool)  # service id, wanted

    def __init__(
        self,
        services: Iterable[ServiceConfig],
        parent: QObject | None = None,
        clock: Clock = local_now,
    ) -> None:
        super().__init__(parent)
        #: Shown in the menu only; the engine holds the pause that silences notifications.
        self.paused_until: datetime | None = None
        self.show_count = True
        self.offline = False
        self._clock = clock
        self._views: dict[str, ServiceView] = {}
        self._shown: tuple[IconState, int] | None = None
        self._focus_on_click = ""
        self.icon = QSystemTrayIcon()
        self.menu = TrayMenu()
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.messageClicked.connect(
            lambda: self.open_window_requested.emit(self._focus_on_click)
        )
        self._connect_menu()
        self.set_services(services)

    # -- what the icon shows -------------------------------------------------------------

    @property
    def state(self) -> IconState:
        return tray_state(self._views.values(), self.offline)

    @property
    def views(self) -> list[ServiceView]:
        return list(self._views.values())

    def set_services(self, services: Iterable[ServiceConfig]) -> None:
        """Watch this list from now on (settings changed); known answers are kept."""
        wording = self.tr("not checked yet")
        self._views = {
            s.id: self._views.get(s.id) or not_checked_view(s.id, s.name, wording) for s in services
        }
        self._refresh()

    def show_result(self, result: CheckResult) -> None:
        """The bridge's contract: one fresh answer."""
        self.show_view(view_from_result(result))

    def show_view(self, view: ServiceView) -> None:
        if view.service_id not in self._views:
            return  # a late answer for a service removed in the settings
        self._views[view.service_id] = view
        self._refresh()

    def set_offline(self, offline: bool) -> None:
        """The engine's network verdict: this computer reaches nothing."""
        self.offline = offline
        self._refresh()

    def set_show_count(self, show: bool) -> None:
        self.show_count = show
        self._refresh()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def _refresh(self) -> None:
        state = self.state
        count = affected_count(self._views.values()) if self.show_count else 0
        if count < BADGE_FROM:
            count = 0
        if (state, count) != self._shown:  # redraw only on change: no flicker, no waste
            self.icon.setIcon(state_icon(state, count))
            self._shown = (state, count)
        tooltip = self.tooltip()
        if tooltip != self.icon.toolTip():
            # What the person saw, for the helpdesk (and the real-tray tests): on change only.
            _log.info("tray shows: %s", tooltip.replace("\n", " | "))
            self.icon.setToolTip(tooltip)
        self.menu.show_views(state, self.views, self.paused_until, self._clock())

    def tooltip(self) -> str:
        views = self.views
        state = self.state
        if all(v.checked_at is None for v in views) and state is not IconState.OFFLINE:
            return self.tr("Traymon — checking your services…")
        lines = [self.tr("Traymon — {state}").format(state=state_label(state))]
        if state is IconState.OFFLINE:
            lines.append(self.tr("This computer seems to be offline; checking again…"))
        problems = [v for v in views if v.has_problem and v.checked_at is not None]
        problems.sort(key=lambda v: v.status.severity, reverse=True)
        lines += [triage_sentence(v) for v in problems[:_TOOLTIP_LINES]]
        if len(problems) > _TOOLTIP_LINES:
            lines.append(self.tr("… and {n} more").format(n=len(problems) - _TOOLTIP_LINES))
        if not problems:
            ok = sum(1 for v in views if v.status is Status.OPERATIONAL)
            lines.append(self.tr("All {n} services operational").format(n=ok))
        if any(v.is_stale for v in views):
            lines.append(self.tr("Showing the last known states; checking again…"))
        limit = WINDOWS_TOOLTIP_CHARS if sys.platform == "win32" else None
        return fit_lines(lines, limit)

    # -- notifications --------------------------------------------------------------------

    def notify(self, message: GroupedMessage) -> None:
        """Show one of the engine's notifications (already filtered and grouped)."""
        self._focus_on_click = message.focus_service_id
        # What the tray told, for the helpdesk (and the tests that cannot read a balloon).
        _log.info("tray tells: %s — %s", message.title, message.body.replace("\n", " | "))
        self.icon.showMessage(
            message.title, message.body, message_icon_for(message.worst), MESSAGE_SHOWN_MS
        )
        self.notified.emit(message)

    # -- the menu ---------------------------------------------------------------------------

    def pause(self, choice: PauseChoice) -> None:
        self.paused_until = pause_end(choice, self._clock())
        self._refresh()
        self.pause_changed.emit(self.paused_until)

    def resume(self) -> None:
        self.paused_until = None
        self._refresh()
        self.pause_changed.emit(None)

    def restore_pause(self, until: datetime) -> None:
        """A pause chosen before a restart, still running."""
        if until > self._clock():
            self.paused_until = until
            self._refresh()

    def set_muted(self, service_ids: Iterable[str]) -> None:
        self.menu.muted = frozenset(service_ids)
        self._refresh()

    def mute(self, service_id: str, muted: bool) -> None:
        """Mute or unmute as the menu does (a notification's "Mute for today", its end)."""
        self._mute(service_id, muted)
        self._refresh()

    def told_natively(self, message: GroupedMessage) -> None:
        """The desktop's own notification showed ``message`` (not the balloon)."""
        self._focus_on_click = message.focus_service_id
        _log.info("tray tells (native): %s — %s", message.title, message.body.replace("\n", " | "))
        self.notified.emit(message)

    def _mute(self, service_id: str, muted: bool) -> None:
        self.menu.muted = _toggled(self.menu.muted, service_id, muted)
        self.mute_changed.emit(service_id, muted)

    def set_back_watch(self, service_ids: Iterable[str]) -> None:
        self.menu.back_watch = frozenset(service_ids)
        self._refresh()

    def _back(self, service_id: str, wanted: bool) -> None:
        self.menu.back_watch = _toggled(self.menu.back_watch, service_id, wanted)
        self.notify_when_back_requested.emit(service_id, wanted)

    def _connect_menu(self) -> None:
        m = self.menu
        m.mute_chosen.connect(self._mute)
        m.back_chosen.connect(self._back)
        m.service_chosen.connect(self.open_window_requested)
        m.open_page_chosen.connect(self.open_page_requested)
        m.check_now.triggered.connect(self.check_now_requested)
        m.pause_chosen.connect(self.pause)
        m.resume.triggered.connect(self.resume)
        m.settings.triggered.connect(self.settings_requested)
        m.about.triggered.connect(self.about_requested)
        m.quit.triggered.connect(self.quit_requested)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_window_requested.emit("")


def fit_lines(lines: list[str], limit: int | None) -> str:
    """Join whole lines, dropping the last ones (for "…") rather than cutting one mid-word."""
    text = "\n".join(lines)
    if limit is None or len(text) <= limit:
        return text
    kept = lines[:1]
    for line in lines[1:]:
        if len("\n".join([*kept, line, "…"])) > limit:
            break
        kept.append(line)
    return "\n".join([*kept, "…"])[:limit]


def message_icon_for(status: Status) -> QSystemTrayIcon.MessageIcon:
    """The native message's own icon: a warning for outages, information otherwise."""
    if status.is_outage:
        return QSystemTrayIcon.MessageIcon.Critical
    if status is Status.DEGRADED:
        return QSystemTrayIcon.MessageIcon.Warning
    return QSystemTrayIcon.MessageIcon.Information


def _toggled(ids: frozenset[str], service_id: str, on: bool) -> frozenset[str]:
    """``ids`` with ``service_id`` added (``on``) or taken out."""
    return ids | {service_id} if on else ids - {service_id}
