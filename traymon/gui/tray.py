"""The tray icon, its tooltip, its menu and its notifications."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from traymon.config import ServiceConfig
from traymon.gui.icons import state_icon
from traymon.gui.notices import GroupedMessage, Notice, group, notice_for
from traymon.gui.notify_gate import NotificationGate, PauseChoice
from traymon.gui.tray_menu import TrayMenu
from traymon.gui.wording import state_label, triage_sentence
from traymon.model import CheckResult, Status, worst
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
#: Answers that arrive within this time of each other make one notification.
GROUPING_WINDOW_MS = 1500
MESSAGE_SHOWN_MS = 10_000
#: One affected service needs no number: the icon already says "something is wrong".
BADGE_FROM = 2

Clock = Callable[[], datetime]


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
    #: The pause started or ended (the session keeps it across restarts).
    pause_changed = Signal()

    def __init__(
        self,
        services: Iterable[ServiceConfig],
        parent: QObject | None = None,
        gate: NotificationGate | None = None,
        clock: Clock = local_now,
    ) -> None:
        super().__init__(parent)
        self.gate = gate or NotificationGate()
        self.show_count = True
        self._clock = clock
        self._views: dict[str, ServiceView] = {}
        self._shown: tuple[IconState, int] | None = None
        self._pending: list[Notice] = []
        self._focus_on_click = ""
        self.icon = QSystemTrayIcon()
        self.menu = TrayMenu()
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self.icon.messageClicked.connect(
            lambda: self.open_window_requested.emit(self._focus_on_click)
        )
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(GROUPING_WINDOW_MS)
        self._flush_timer.timeout.connect(self.flush_notices)
        self._connect_menu()
        self.set_services(services)

    # -- what the icon shows -------------------------------------------------------------

    @property
    def state(self) -> IconState:
        return tray_state(self._views.values())

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
        previous = self._views.get(view.service_id)
        known_before = previous if previous and previous.checked_at is not None else None
        notice = notice_for(known_before, view)
        self._views[view.service_id] = view
        if notice is not None:
            self._pending.append(notice)
            if not self._flush_timer.isActive():
                self._flush_timer.start()
        self._refresh()

    def show_stale(self, views: Iterable[ServiceView]) -> None:
        """Last known states from the previous run, shown until fresh ones arrive."""
        for view in views:
            if view.service_id in self._views and self._views[view.service_id].checked_at is None:
                self._views[view.service_id] = view.as_stale()
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
        self.icon.setToolTip(self.tooltip())
        self.menu.show_views(state, self.views, self.gate.paused_until, self._clock())

    def tooltip(self) -> str:
        views = self.views
        if all(v.checked_at is None for v in views):
            return self.tr("Traymon — checking your services…")
        state = self.state
        lines = [self.tr("Traymon — {state}").format(state=state_label(state))]
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

    def flush_notices(self) -> None:
        """Show one grouped message for the changes collected so far, if the gate allows."""
        notices, self._pending = self._pending, []
        message = group(notices)
        if message is None or not self.gate.allows(self._clock()):
            return
        self.notify(message)

    def notify(self, message: GroupedMessage) -> None:
        self._focus_on_click = message.focus_service_id
        most_severe = worst(v.status for v in self._views.values())
        self.icon.showMessage(
            message.title, message.body, message_icon_for(most_severe), MESSAGE_SHOWN_MS
        )
        self.notified.emit(message)

    # -- the menu ---------------------------------------------------------------------------

    def pause(self, choice: PauseChoice) -> None:
        self.gate.pause(choice, self._clock())
        self._pending.clear()
        self._refresh()
        self.pause_changed.emit()

    def resume(self) -> None:
        self.gate.resume()
        self._refresh()
        self.pause_changed.emit()

    def restore_pause(self, until: datetime) -> None:
        """A pause chosen before a restart, still running."""
        if until > self._clock():
            self.gate.paused_until = until
            self._refresh()

    def _connect_menu(self) -> None:
        m = self.menu
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
