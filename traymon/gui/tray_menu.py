"""The right-click menu: services grouped by state, then what a person can do."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import groupby

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from traymon.engine.noise import TOMORROW_MORNING
from traymon.gui.icons import state_icon
from traymon.gui.notify_gate import PauseChoice
from traymon.gui.wording import state_label
from traymon.links import safe_link
from traymon.viewmodel import IconState, ServiceView


class TrayMenu(QMenu):
    """Fixed actions are attributes (tests and the controller use them); the services part is
    rebuilt when states change."""

    service_chosen = Signal(str)
    open_page_chosen = Signal(str)
    pause_chosen = Signal(object)  # PauseChoice
    mute_chosen = Signal(str, bool)  # service id, muted
    back_chosen = Signal(str, bool)  # "tell me when it's back" for this service id, or not

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName(self.tr("Traymon menu"))
        self.setTitle("Traymon")
        # QMenu.clear() deletes the actions the menu owns: the fixed ones belong elsewhere.
        fixed = QObject(self)
        self.header = QAction(fixed)
        self.header.setEnabled(False)
        self.check_now = QAction(self.tr("Check now"), fixed)
        self.pause_menu = QMenu(self.tr("Pause notifications"), self)
        self.pause_actions: dict[PauseChoice, QAction] = {}
        for choice, text in (
            (PauseChoice.ONE_HOUR, self.tr("For 1 hour")),
            (PauseChoice.FOUR_HOURS, self.tr("For 4 hours")),
            (
                PauseChoice.UNTIL_TOMORROW,  # the engine's one meaning, said in the menu
                self.tr("Until {time} tomorrow").format(time=f"{TOMORROW_MORNING:%H:%M}"),
            ),
        ):
            action = self.pause_menu.addAction(text)
            action.triggered.connect(lambda _=False, c=choice: self.pause_chosen.emit(c))
            self.pause_actions[choice] = action
        self.pause_menu.addSeparator()
        self.resume = self.pause_menu.addAction(self.tr("Resume notifications"))
        self.pause_menu.addSeparator()
        # The engine keeps these (Monitor.mute, notify_when_back); the menu only asks.
        self.mute_menu = self.pause_menu.addMenu(self.tr("Mute a service"))
        self.back_menu = self.pause_menu.addMenu(self.tr("Tell me when it's back"))
        #: Services whose notifications are muted (the tray sets it).
        self.muted: frozenset[str] = frozenset()
        #: Services the person asked "tell me when it's back" for, not told yet (the tray sets it).
        self.back_watch: frozenset[str] = frozenset()
        self.pages_menu = QMenu(self.tr("Open status page"), self)
        self.settings = QAction(self.tr("Settings…"), fixed)
        self.about = QAction(self.tr("About and diagnostics…"), fixed)
        self.quit = QAction(self.tr("Quit"), fixed)
        self._service_actions: list[QAction] = []
        # While the menu is open it is not rebuilt under the person's pointer: the newest
        # states wait until it closes.
        self._waiting: tuple[IconState, Sequence[ServiceView], datetime | None, datetime] | None
        self._waiting = None
        self.aboutToHide.connect(self._apply_waiting)

    def service_actions(self) -> list[QAction]:
        return list(self._service_actions)

    def show_views(
        self,
        state: IconState,
        views: Sequence[ServiceView],
        paused_until: datetime | None,
        now: datetime,
    ) -> None:
        if self.isVisible():
            self._waiting = (state, list(views), paused_until, now)
            return
        self._waiting = None
        self._rebuild(state, views, paused_until, now)

    def _apply_waiting(self) -> None:
        # Later, after the chosen action has run: rebuilding deletes the actions.
        QTimer.singleShot(0, self._rebuild_waiting)

    def _rebuild_waiting(self) -> None:
        waiting, self._waiting = self._waiting, None
        if waiting is not None and not self.isVisible():
            self._rebuild(*waiting)

    def _rebuild(
        self,
        state: IconState,
        views: Sequence[ServiceView],
        paused_until: datetime | None,
        now: datetime,
    ) -> None:
        self.clear()
        self._service_actions = []
        self.header.setText(self.tr("Traymon — {state}").format(state=state_label(state)))
        self.header.setIcon(state_icon(state))
        self.addAction(self.header)
        ordered = sorted(views, key=lambda v: (-v.shown_severity, v.name.casefold()))
        for shown, members in groupby(ordered, key=lambda v: v.shown_state):
            self.addSection(state_icon(shown), state_label(shown))
            for view in members:
                self._add_service(view)
        self.addSeparator()
        self.addAction(self.check_now)
        self._show_pause(paused_until, now)
        self.addMenu(self.pause_menu)
        self._fill_alerts(ordered)
        self._fill_pages(ordered)
        self.addMenu(self.pages_menu)
        self.addSeparator()
        self.addAction(self.settings)
        self.addAction(self.about)
        self.addSeparator()
        self.addAction(self.quit)

    def _add_service(self, view: ServiceView) -> None:
        text = view.name
        if view.checked_at is None:
            text = self.tr("{name} — not checked yet").format(name=view.name)
        elif view.is_stale:
            text = self.tr("{name} — last known").format(name=view.name)
        action = QAction(state_icon(view.shown_state), text, self)
        action.setData(view.service_id)
        action.triggered.connect(lambda _=False, sid=view.service_id: self.service_chosen.emit(sid))
        self.addAction(action)
        self._service_actions.append(action)

    def _show_pause(self, paused_until: datetime | None, now: datetime) -> None:
        paused = paused_until is not None and now < paused_until
        if paused and paused_until is not None:
            title = self.tr("Notifications paused until {time}").format(
                time=paused_until.strftime("%a %H:%M")
            )
        else:
            title = self.tr("Pause notifications")
        self.pause_menu.setTitle(title)
        self.resume.setEnabled(paused)

    def _fill_alerts(self, views: Sequence[ServiceView]) -> None:
        self.mute_menu.clear()
        for view in sorted(views, key=lambda v: v.name.casefold()):
            action = self.mute_menu.addAction(view.name)
            action.setCheckable(True)
            action.setChecked(view.service_id in self.muted)
            action.toggled.connect(
                lambda on, sid=view.service_id: self.mute_chosen.emit(sid, bool(on))
            )
        self.back_menu.clear()
        for view in views:
            if view.has_problem and view.checked_at is not None:
                action = self.back_menu.addAction(state_icon(view.shown_state), view.name)
                action.setCheckable(True)  # checked: asked for; unchecking takes it back
                action.setChecked(view.service_id in self.back_watch)
                action.toggled.connect(
                    lambda on, sid=view.service_id: self.back_chosen.emit(sid, bool(on))
                )
        self.back_menu.setEnabled(bool(self.back_menu.actions()))

    def _fill_pages(self, views: Sequence[ServiceView]) -> None:
        self.pages_menu.clear()
        for view in views:
            page = safe_link(view.page_url)  # only a page that may be opened is offered
            if page:
                action = self.pages_menu.addAction(state_icon(view.shown_state), view.name)
                action.triggered.connect(lambda _=False, url=page: self.open_page_chosen.emit(url))
        self.pages_menu.setEnabled(bool(self.pages_menu.actions()))
