"""The floor of this stack: a bare PySide6 tray icon with Traymon's other runtime libraries.

    python -m bench.tray_floor

What any tray app on PySide6 + httpx, truststore, keyring and platformdirs costs before
it does anything: the issue's "floor", against which Traymon's launch → icon and memory
are judged (bench/tray_launch.py starts it beside Traymon, in the same desktop).
Named "Traymon" so the panel's window is found the same way as the real app's.
"""

from __future__ import annotations

import sys

# As Traymon does (traymon/__init__.py): httpx's command-line client, present because the
# dev tools install click and rich, is no part of the floor; a frozen build has none.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

import httpx  # noqa: E402, F401  (what Traymon's engine loads)
import keyring  # noqa: E402, F401
import platformdirs  # noqa: E402, F401
import truststore  # noqa: E402, F401
from PySide6.QtGui import QColor, QIcon, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QSystemTrayIcon  # noqa: E402


def main() -> int:
    app = QApplication(sys.argv)
    app.setApplicationName("Traymon")
    app.setQuitOnLastWindowClosed(False)
    pixmap = QPixmap(22, 22)
    pixmap.fill(QColor("#2e7d32"))
    tray = QSystemTrayIcon(QIcon(pixmap))
    tray.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
