"""Runs the engine's asyncio loop on a worker thread and hands results to Qt as signals.

The GUI thread never waits on the network: results cross threads through a
queued signal connection, and requests go the other way with
``loop.call_soon_threadsafe``.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from traymon.config import ServiceConfig
from traymon.engine.monitor import Monitor


class MonitorBridge(QObject):
    """Owns the worker thread; emits ``result_ready(CheckResult)`` on the GUI thread."""

    result_ready = Signal(object)

    def __init__(self, services: Sequence[ServiceConfig], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._monitor = Monitor(services, on_result=self.result_ready.emit)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(
            target=self._thread_main, name="traymon-engine", daemon=True
        )
        self._started = threading.Event()

    def start(self) -> None:
        self._thread.start()
        self._started.wait()

    def check_now(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._monitor.check_now)

    def stop(self, timeout_s: float = 5.0) -> None:
        if self._loop is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._monitor.stop)
            self._thread.join(timeout_s)

    def _thread_main(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._started.set()
        try:
            loop.run_until_complete(self._monitor.run())
        finally:
            loop.close()
