"""The Qt half of ``traymon --self-test``, run in a child process by ``traymon.selftest``.

Starting a QApplication is the only real proof that the platform plugin and the X, Wayland,
Windows or Cocoa libraries it needs are present; when they are not, Qt aborts the process,
which is why this runs apart from the other checks.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from traymon.selftest import QtProbe


def shipped_platform_plugins() -> tuple[str, ...]:
    """Names of the platform plugins Qt can find, e.g. ('offscreen', 'xcb')."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    names = set()
    for plugin in folder.glob("*"):
        stem = plugin.name.split(".")[0]  # libqxcb.so, qwindows.dll, libqcocoa.dylib
        stem = stem.removeprefix("lib")
        if stem.startswith("q") and plugin.suffix in (".so", ".dll", ".dylib"):
            names.add(stem[1:])
    return tuple(sorted(names))


def probe() -> int:
    app = QApplication(sys.argv[:1])
    result = QtProbe(
        platform=app.platformName(),
        shipped_plugins=shipped_platform_plugins(),
        tray_available=QSystemTrayIcon.isSystemTrayAvailable(),
    )
    print(result.to_json(), flush=True)
    return 0
