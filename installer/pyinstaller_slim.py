"""What the frozen app leaves out, and the pass that drops libraries nothing needs any more.

PyInstaller copies what it can reach, including host libraries the reached files need.
Qt's GTK3 platform theme alone pulls the host's whole GTK stack into the bundle whenever
GTK is installed on the build machine (research/ci_lab.md §5), so the bundle would depend
on what else is installed there. This module makes the result depend on Traymon only:
unused Qt modules, plugins and translations go, then every shared library that no kept
binary still needs (readelf's NEEDED entries, followed transitively) goes too.

Imported by ``traymon.spec`` and tested directly; standard library only.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# Python modules never imported by Traymon. (httpx does the networking and the standard
# library's multiprocessing.connection keeps the app to one instance, so QtNetwork, with the
# Kerberos libraries it links, stays out; tests check every GUI import is kept.)
EXCLUDED_MODULES = [
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSvg",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtWebEngineCore",
    "tkinter",
    "unittest",
    "pydoc",
    "doctest",
    "pdb",
    # The company relay's server side (`traymon[relay]`): never part of the desktop app.
    "msal",
    "requests",
    "redis",
    "starlette",
    "uvicorn",
    "httptools",
    "uvloop",
]

# Qt's files sit under PySide6/Qt/ in the Linux and macOS wheels, under PySide6/ on Windows.
_QT = r"PySide6/(Qt/)?"
_LIB = r"\.(so|dll|dylib)$"
_DROP = re.compile(
    "|".join(
        [
            _QT + r"translations/",
            _QT + r"qml/",
            # Plugin folders a tray app never loads.
            _QT + r"plugins/(platformthemes|egldeviceintegrations|generic|networkinformation|tls"
            r"|iconengines|designer|qmltooling|sqldrivers|printsupport|vectorimageformats"
            r"|wayland-[a-z-]+)/",
            # Only xcb (X11, and XWayland in Wayland sessions: the tray is D-Bus or XEmbed either
            # way, and only X11 lets the window open next to the tray) and offscreen (self-test).
            _QT + r"plugins/platforms/(lib)?q(eglfs|linuxfb|minimal|minimalegl|vnc|vkkhrdisplay"
            r"|wayland|direct2d)" + _LIB,
            _QT + r"plugins/platforminputcontexts/(lib)?(ibus|qtvirtualkeyboard)",
            # Icons are drawn as vectors in code; only .ico is read (Windows shell icons).
            _QT + r"plugins/imageformats/(lib)?q(?!ico\.)\w+" + _LIB,
            # The desktop's own D-Bus library, like libGL: every desktop session has it (the
            # tray and the keyring talk D-Bus), the .deb depends on libdbus-1-3, and the build
            # host's copy would drag in libsystemd, libgcrypt, liblz4 and libcap (2.5 MB).
            r"libdbus-1\.so(\.\d+)*$",
        ]
    )
)

# (destination name, source path, PyInstaller type code), as in Analysis' TOC lists.
Entry = tuple[str, str, str]
NeededFn = Callable[[str], list[str]]


def is_dropped(dest: str) -> bool:
    return _DROP.match(dest.replace("\\", "/")) is not None


def drop_unused(entries: Iterable[Entry]) -> list[Entry]:
    return [entry for entry in entries if not is_dropped(entry[0])]


def readelf_needed(path: str) -> list[str]:
    """The DT_NEEDED entries of an ELF file (empty for anything that is not ELF)."""
    try:
        out = subprocess.run(
            ["readelf", "-d", "-W", path], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return []
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def _is_shared_library(dest: str) -> bool:
    name = PurePosixPath(dest.replace("\\", "/")).name
    return re.search(r"\.so(\.\d+)*$", name) is not None and ".cpython-" not in name


def _is_library_only(dest: str) -> bool:
    """A library loaded only because another binary needs it, never by Python or Qt itself."""
    path = dest.replace("\\", "/")
    if PurePosixPath(path).name.startswith("libpython"):
        return False  # the bootloader loads it with dlopen: nothing lists it as NEEDED
    in_python_package = "/" in path and not path.startswith("PySide6/Qt/lib/")
    return _is_shared_library(path) and not in_python_package and ".abi3." not in path


def _name(dest: str) -> str:
    return PurePosixPath(dest.replace("\\", "/")).name


def drop_dangling_symlinks(entries: list[Entry], others: Iterable[Entry] = ()) -> list[Entry]:
    """Keep PyInstaller's links (top-level names for libraries inside packages, which it puts
    in both the binaries and the datas lists) only while their target is still collected."""
    dests = {d.replace("\\", "/") for d, _, kind in [*entries, *others] if kind != "SYMLINK"}
    return [e for e in entries if e[2] != "SYMLINK" or e[1].replace("\\", "/") in dests]


def prune_unneeded(binaries: list[Entry], needed: NeededFn = readelf_needed) -> list[Entry]:
    """Keep the roots (extension modules, plugins) and the libraries they need, transitively."""
    files = [e for e in binaries if e[2] != "SYMLINK"]
    by_name = {_name(dest): src for dest, src, _ in files}
    roots = [entry for entry in files if not _is_library_only(entry[0])]
    kept = {_name(dest) for dest, _, _ in roots}
    queue = [src for _, src, _ in roots]
    while queue:
        for name in needed(queue.pop()):
            if name in by_name and name not in kept:
                kept.add(name)
                queue.append(by_name[name])
    pruned = [e for e in binaries if e[2] == "SYMLINK" or _name(e[0]) in kept]
    return drop_dangling_symlinks(pruned)
