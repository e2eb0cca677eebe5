"""Start the tray app: one QApplication, one instance per person, the session, a clean quit."""

from __future__ import annotations

import os
import signal
import socket
import sys

from PySide6.QtCore import QEventLoop, QSettings, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from traymon import __version__, identity
from traymon.config.layers import EffectiveSettings
from traymon.engine.history import default_history_path
from traymon.gui.session import Session
from traymon.gui.single_instance import Answer, SingleInstance
from traymon.gui.theme import follow_desktop
from traymon.gui.translations import install_translator
from traymon.sources.http import NetworkOptions

EXIT_NO_TRAY = 1
#: At login the panel may start after Traymon: wait this long for a tray before giving up.
TRAY_WAIT_S = 30.0
TRAY_WAIT_ENV = "TRAYMON_TRAY_WAIT_S"
_TRAY_POLL_MS = 1000  # Qt has no "tray appeared" signal on every platform: ask once a second


def tray_wait_s() -> float:
    try:
        value = float(os.environ.get(TRAY_WAIT_ENV, ""))
    except ValueError:
        return TRAY_WAIT_S
    return value if 0 <= value <= 600 else TRAY_WAIT_S


def wait_for_tray(app: QApplication, wait_s: float) -> bool:
    """Whether a system tray is (or becomes, within ``wait_s``) available.

    Runs Qt's own event loop meanwhile, woken by a one-second timer (no busy loop).
    """
    if QSystemTrayIcon.isSystemTrayAvailable():
        return True
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(_TRAY_POLL_MS)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.setInterval(int(wait_s * 1000))

    def check() -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            loop.quit()

    poll.timeout.connect(check)
    deadline.timeout.connect(loop.quit)
    poll.start()
    deadline.start()
    loop.exec()
    poll.stop()
    return QSystemTrayIcon.isSystemTrayAvailable()


def run_tray(effective: EffectiveSettings, options: NetworkOptions | None = None) -> int:
    """Run until Quit.

    ``effective``: every layer resolved (the person's choices among them); what policy
    locks shows read-only with a padlock. ``options``: the proxy and extra CAs.
    """
    app = QApplication(sys.argv[:1])
    # Also where QSettings keeps the window's place and the person's state.
    app.setApplicationName(identity.APP_DISPLAY_NAME)
    app.setOrganizationName(identity.APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)  # closing the window leaves the icon running
    install_translator(app)
    follow_desktop(app)  # light or dark, as the desktop is

    instance = SingleInstance()
    if not instance.claim():
        print(_already_running(app, instance.answer), file=sys.stderr)
        return 0

    if not wait_for_tray(app, tray_wait_s()):
        print(
            app.translate(
                "App",
                "Traymon found no system tray on this desktop; "
                "run `traymon check` to see the same information in a terminal.",
            ),
            file=sys.stderr,
        )
        return EXIT_NO_TRAY

    session = Session(effective, QSettings(), default_history_path(), options=options)
    instance.show_requested.connect(lambda: session.open_window())
    session.tray.quit_requested.connect(app.quit)
    app.aboutToQuit.connect(session.stop)
    app.aboutToQuit.connect(instance.release)
    _quit_on_signals(app)

    session.start()
    return app.exec()


def _already_running(app: QApplication, answer: Answer | None) -> str:
    """What a second launch says: "brought forward" only when the first confirmed it."""
    if answer is Answer.SHOWN:
        return app.translate(
            "App", "Traymon is already running; its window has been brought forward."
        )
    if answer is Answer.STARTING:  # it has no window yet: it waits for the system tray
        return app.translate(
            "App",
            "Traymon is already running and still starting; open its window from the "
            "Traymon icon in the system tray once the icon appears.",
        )
    if answer is Answer.ANSWERED:  # heard, but it confirmed nothing (an older Traymon, say)
        return app.translate(
            "App",
            "Traymon is already running but did not confirm that its window came forward; "
            "if it did not, open it from the Traymon icon in the system tray.",
        )
    return app.translate(
        "App",
        "Traymon seems to be running already but did not answer; open its window from "
        "the Traymon icon in the system tray, or quit it there and start Traymon again.",
    )


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
