"""Start the tray app: one QApplication, one instance per person, the session, a clean quit."""

from __future__ import annotations

import signal
import socket
import sys

from PySide6.QtCore import QSettings, QSocketNotifier
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from traymon import __version__
from traymon.config import Config
from traymon.gui.session import Session
from traymon.gui.single_instance import SingleInstance
from traymon.gui.translations import install_translator
from traymon.state_cache import default_cache_file

EXIT_NO_TRAY = 1


def run_tray(config: Config, locked: frozenset[str] = frozenset()) -> int:
    """Run until Quit; ``locked`` names the settings IT policy fixes (read-only in the dialog)."""
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Traymon")
    app.setOrganizationName("Traymon")
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)  # closing the window leaves the icon running
    install_translator(app)

    instance = SingleInstance()
    if not instance.claim():
        print(
            app.translate(
                "App", "Traymon is already running; its window has been brought forward."
            ),
            file=sys.stderr,
        )
        return 0

    if not QSystemTrayIcon.isSystemTrayAvailable():
        print(
            app.translate(
                "App",
                "Traymon found no system tray on this desktop; "
                "run `traymon check` to see the same information in a terminal.",
            ),
            file=sys.stderr,
        )
        return EXIT_NO_TRAY

    session = Session(config, QSettings(), default_cache_file(), locked)
    instance.show_requested.connect(lambda: session.open_window())
    session.tray.quit_requested.connect(app.quit)
    app.aboutToQuit.connect(session.stop)
    app.aboutToQuit.connect(instance.release)
    _quit_on_signals(app)

    session.start()
    return app.exec()


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
