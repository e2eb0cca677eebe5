"""Render Traymon's application icon files from the same vector drawing the tray uses.

    python -m installer.render_icons build/icons

Writes hicolor PNGs (Linux), traymon.ico (Windows) and traymon.icns (macOS) with Qt's own
image writers, so there is no binary icon to keep in step with icons.py. The app icon is
the "operational" state: the green circle with a check.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PNG_SIZES = (16, 32, 48, 64, 128, 256)


def render(out: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from traymon.gui.icons import state_pixmap
    from traymon.viewmodel import IconState

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for size in PNG_SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / "traymon.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not state_pixmap(IconState.OPERATIONAL, size).save(str(path), "PNG"):
            raise SystemExit(f"could not write {path}")
        written.append(path)
    for name, fmt, size in (("traymon.ico", "ICO", 256), ("traymon.icns", "ICNS", 256)):
        path = out / name
        if state_pixmap(IconState.OPERATIONAL, size).save(str(path), fmt):
            written.append(path)
        else:  # the writer plugin is missing from this Qt: say so, the build goes on
            print(f"note: this Qt cannot write {fmt}; {path} not made", file=sys.stderr)
    return written


if __name__ == "__main__":
    for path in render(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons")):
        print(path)
