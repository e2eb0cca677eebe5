"""Runs the engine's asyncio loop on a worker thread and hands its news to Qt as signals.

The GUI thread never waits on the network: results, transition events,
notifications and network changes cross threads through queued signal
connections, and requests go the other way with ``loop.call_soon_threadsafe``.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from traymon.config import NetworkConfig, NotificationConfig, ServiceConfig
from traymon.config.schema import FleetReportConfig
from traymon.engine.events import Notification
from traymon.engine.focus import FocusReading
from traymon.engine.history import History
from traymon.engine.monitor import Monitor
from traymon.engine.noise import BATCH_WINDOW_S, AlertPolicy
from traymon.sources.http import NetworkOptions

#: Seconds within which problems share one notification (the engine's default is 30 s;
#: the real-tray tests shorten it so they need not wait half a minute).
BATCH_ENV = "TRAYMON_NOTIFY_BATCH_S"


def batch_window_s() -> float:
    try:
        value = float(os.environ.get(BATCH_ENV, ""))
    except ValueError:
        return BATCH_WINDOW_S
    return value if 0 <= value <= 600 else BATCH_WINDOW_S


class MonitorBridge(QObject):
    """Owns the worker thread; every engine callback arrives as a signal on the GUI thread."""

    result_ready = Signal(object)  # CheckResult
    event_ready = Signal(object)  # TransitionEvent
    notification_ready = Signal(object)  # Notification
    network_changed = Signal(object)  # Network

    def __init__(
        self,
        services: Sequence[ServiceConfig],
        parent: QObject | None = None,
        *,
        network: NetworkConfig | None = None,
        notifications: NotificationConfig | None = None,
        history_path: Path | None = None,
        options: NetworkOptions | None = None,
        fleet: FleetReportConfig | None = None,
    ) -> None:
        super().__init__(parent)
        # The engine writes history on its own thread through its own connection;
        # the GUI reads the same file through another (History is one per thread).
        self._history = History(history_path) if history_path is not None else None
        self._monitor = Monitor(
            services,
            on_result=self.result_ready.emit,
            network=network,
            notifications=notifications,
            history=self._history,
            on_event=self.event_ready.emit,
            on_notification=self.notification_ready.emit,
            on_network=self.network_changed.emit,
            options=options,
            batch_window_s=batch_window_s(),
            fleet=fleet,
        )
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(
            target=self._thread_main, name="traymon-engine", daemon=True
        )
        self._started = threading.Event()

    @property
    def history_warnings(self) -> list[str]:
        return list(self._history.warnings) if self._history else []

    def start(self) -> None:
        self._thread.start()
        self._started.wait()

    def check_now(self) -> None:
        self._call(self._monitor.check_now)

    def pause(self, until: datetime | None, since: datetime | None = None) -> None:
        """Pause every notification until ``until``; ``None`` resumes them. ``since``: when
        the pause began (kept across a restart), by default now."""
        self._call(lambda: self._monitor.pause(until, since))

    def mute(self, service_id: str, muted: bool = True) -> None:
        self._call(lambda: self._monitor.mute(service_id, muted))

    def not_working(self, service_id: str) -> None:
        """The person's "It's not working for me": one fleet report, sent now."""
        self._call(lambda: self._monitor.not_working(service_id))

    def notify_when_back(self, service_id: str, wanted: bool = True) -> None:
        self._call(lambda: self._monitor.notify_when_back(service_id, wanted))

    def set_services(self, services: Sequence[ServiceConfig]) -> None:
        """The person changed the list: the running engine takes it, keeping what it knows."""
        wanted = tuple(services)
        self._call(lambda: self._monitor.set_services(wanted))

    @property
    def services(self) -> tuple[ServiceConfig, ...]:
        """What the engine checks (a moment old while it runs: its thread owns the list)."""
        return self._monitor.services

    def set_focus(self, focus: FocusReading) -> None:
        """The person is busy or free again (the desktop's Do Not Disturb, full screen…)."""
        self._call(lambda: self._monitor.set_focus(focus))

    def hold(self, notification: Notification, focus: FocusReading) -> None:
        """A notification the GUI held back because focus began: into the catch-up."""
        self._call(lambda: self._monitor.hold(notification, focus))

    def set_alerts(self, enabled: bool, quiet_hours: tuple[time, time] | None) -> None:
        """The person's on/off switch and quiet hours, kept by the engine's alert policy."""

        def apply() -> None:
            self._monitor.alerts.enabled = enabled
            self._monitor.alerts.quiet_hours = quiet_hours
            self._monitor.alerts_changed()  # quiet hours or notifications may have just ended

        self._call(apply)

    @property
    def alert_policy(self) -> AlertPolicy:
        """The engine's alert policy, for the diagnostics (read it while the engine is stopped
        or accept a value a moment old: the engine thread owns it)."""
        return self._monitor.alerts

    def stop(self, timeout_s: float = 5.0) -> None:
        if self._loop is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._monitor.stop)
            self._thread.join(timeout_s)

    def _call(self, action: Callable[[], None]) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(action)
        else:
            action()  # not started yet: nothing runs on the loop, so this thread may set it

    def _thread_main(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._started.set()
        try:
            loop.run_until_complete(self._monitor.run())
        finally:
            loop.close()
            if self._history is not None:
                self._history.close()
