"""The Qt half of ``traymon --self-test``, run in a child process by ``traymon.commands.selftest``.

Starting a QApplication is the only real proof that the platform plugin and the X, Wayland,
Windows or Cocoa libraries it needs are present; when they are not, Qt aborts the process,
which is why this runs apart from the other checks.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop, QLibraryInfo, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from traymon.commands.selftest import QtProbe


def shipped_platform_plugins() -> tuple[str, ...]:
    """Names of the platform plugins Qt can find, e.g. ('offscreen', 'xcb').

    Looks where Qt itself looks: its built-in plugin path and every library path (which
    includes $QT_PLUGIN_PATH, set by PyInstaller's runtime hook in a frozen app).
    """
    roots = {QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)}
    roots.update(QCoreApplication.libraryPaths())
    names = set()
    for root in roots:
        for plugin in (Path(root) / "platforms").glob("*"):
            stem = plugin.name.split(".")[0]  # libqxcb.so, qwindows.dll, libqcocoa.dylib
            stem = stem.removeprefix("lib")
            if stem.startswith("q") and plugin.suffix in (".so", ".dll", ".dylib"):
                names.add(stem[1:])
    return tuple(sorted(names))


# At login the panel may come up a moment after Traymon; a tray that appears within this
# long counts as there. Platforms that never have a tray are not waited for.
TRAY_WAIT_MS = 3000
_NO_TRAY_PLATFORMS = ("offscreen", "minimal")


def wait_for_tray(platform: str, wait_ms: int = TRAY_WAIT_MS) -> bool:
    if QSystemTrayIcon.isSystemTrayAvailable() or platform in _NO_TRAY_PLATFORMS:
        return QSystemTrayIcon.isSystemTrayAvailable()
    loop = QEventLoop()
    deadline = QDeadlineTimer(wait_ms)
    timer = QTimer(interval=50)  # the X tray tracker answers per call; ask again until then

    def poll() -> None:
        if QSystemTrayIcon.isSystemTrayAvailable() or deadline.hasExpired():
            loop.quit()

    timer.timeout.connect(poll)
    timer.start()
    loop.exec()
    timer.stop()
    return QSystemTrayIcon.isSystemTrayAvailable()


def probe() -> int:
    app = QApplication(sys.argv[:1])
    platform = app.platformName()
    result = QtProbe(
        platform=platform,
        shipped_plugins=shipped_platform_plugins(),
        tray_available=wait_for_tray(platform),
    )
    print(result.to_json(), flush=True)
    return 0
