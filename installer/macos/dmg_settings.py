"""dmgbuild settings for Traymon's disk image (run on macOS; dmgbuild needs hdiutil).

    dmgbuild -s installer/macos/dmg_settings.py -D app=dist/Traymon.app Traymon dist/Traymon.dmg

A window with the app and a link to /Applications: drag, drop, done. dmgbuild executes this
file with ``defines`` (the -D values) in scope.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

defines: dict[str, Any] = globals().get("defines", {})

application = defines.get("app", "dist/Traymon.app")
appname = PurePosixPath(application).name

format = defines.get("format", "UDZO")  # zlib-compressed, readable by every supported macOS
filesystem = "HFS+"
size = None  # computed from the contents
files = [application]
symlinks = {"Applications": "/Applications"}
hide_extension = [appname]

show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
window_rect = ((200, 200), (540, 320))
default_view = "icon-view"
icon_size = 96
text_size = 13
arrange_by = None
icon_locations = {appname: (140, 140), "Applications": (400, 140)}
