"""The tray icon, its tooltip and its menu."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from traymon.config import ServiceConfig
from traymon.engine.overall import icon_state
from traymon.gui.icons import state_icon
from traymon.model import CheckResult, Status

_TOOLTIP_LINES = 12  # tooltips are small; the window has the rest


class TrayController(QObject):
    """Shows the worst state as the icon; asks for the window, a check, or quitting."""

    open_window_requested = Signal()
    check_now_requested = Signal()
    quit_requested = Signal()

    def __init__(self, services: tuple[ServiceConfig, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._results: dict[str, CheckResult] = {}
        self._shown_state: Status | None = None
        self.menu = QMenu()
        self.menu.setAccessibleName("Traymon menu")
        self.icon = QSystemTrayIcon()
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self._service_actions = self._build_menu()
        self._rebuild()

    @property
    def state(self) -> Status:
        return (
            icon_state(r.status for r in self._results.values())
            if self._results
            else Status.UNKNOWN
        )

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def show_result(self, result: CheckResult) -> None:
        self._results[result.service_id] = result
        action = self._service_actions.get(result.service_id)
        if action is not None:
            action.setIcon(state_icon(result.status))
            action.setText(f"{result.name} — {result.status.label}")
        self._rebuild()

    def _rebuild(self) -> None:
        state = self.state
        if state is not self._shown_state:  # redraw only on change: no flicker, no waste
            self.icon.setIcon(state_icon(state))
            self._shown_state = state
        self.icon.setToolTip(self._tooltip(state))

    def _tooltip(self, state: Status) -> str:
        if not self._results:
            return "Traymon — checking your services…"
        lines = [f"Traymon — {state.label}"]
        problems = [r for r in self._results.values() if r.status is not Status.OPERATIONAL]
        problems.sort(key=lambda r: r.status.severity, reverse=True)
        lines += [f"{r.name}: {r.status.label}" for r in problems[:_TOOLTIP_LINES]]
        if len(problems) > _TOOLTIP_LINES:
            lines.append(f"… and {len(problems) - _TOOLTIP_LINES} more")
        if not problems:
            lines.append(f"All {len(self._results)} services operational")
        return "\n".join(lines)

    def _build_menu(self) -> dict[str, QAction]:
        actions: dict[str, QAction] = {}
        unknown = state_icon(Status.UNKNOWN)
        for service in self._services:
            action = QAction(unknown, f"{service.name} — not checked yet", self.menu)
            action.triggered.connect(self.open_window_requested)
            self.menu.addAction(action)
            actions[service.id] = action
        self.menu.addSeparator()
        check = QAction("Check now", self.menu)
        check.triggered.connect(self.check_now_requested)
        self.menu.addAction(check)
        quit_action = QAction("Quit", self.menu)
        quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(quit_action)
        return actions

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_window_requested.emit()
