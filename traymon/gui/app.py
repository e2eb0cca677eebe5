"""Start the tray app: one QApplication, the engine on its thread, the icon and the window."""

from __future__ import annotations

import signal
import socket
import sys

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from traymon import __version__
from traymon.config import Config
from traymon.gui.bridge import MonitorBridge
from traymon.gui.tray import TrayController
from traymon.gui.window import DetailWindow

EXIT_NO_TRAY = 1


def run_tray(config: Config) -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Traymon")
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)  # closing the window leaves the icon running

    if not QSystemTrayIcon.isSystemTrayAvailable():
        print(
            "Traymon found no system tray on this desktop; "
            "run `traymon check` to see the same information in a terminal.",
            file=sys.stderr,
        )
        return EXIT_NO_TRAY

    window = DetailWindow(config.services)
    tray = TrayController(config.services)
    bridge = MonitorBridge(config.services)
    bridge.result_ready.connect(tray.show_result)
    bridge.result_ready.connect(window.show_result)
    tray.open_window_requested.connect(lambda: _bring_forward(window))
    tray.check_now_requested.connect(bridge.check_now)
    tray.quit_requested.connect(app.quit)
    app.aboutToQuit.connect(bridge.stop)
    _quit_on_signals(app)

    tray.show()
    bridge.start()
    return app.exec()


def _bring_forward(window: DetailWindow) -> None:
    window.show()
    window.raise_()
    window.activateWindow()


def _quit_on_signals(app: QApplication) -> None:
    """Quit cleanly on Ctrl-C or SIGTERM without waking the process on a timer.

    Python runs signal handlers only between bytecodes, and Qt's loop sits in C++,
    so the signal is written to a socket Qt watches (no polling, no idle CPU).
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: None)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def on_signal() -> None:
        reader.recv(64)
        app.quit()

    notifier.activated.connect(on_signal)
    # Keep the sockets alive as long as the app.
    app.setProperty("_traymon_signal_sockets", (reader, writer))
