"""What the frozen app leaves out (installer/pyinstaller_slim.py), on made-up and real binaries."""

from __future__ import annotations

import shutil
from pathlib import Path

import PySide6
import pytest

from installer.pyinstaller_slim import (
    EXCLUDED_MODULES,
    drop_dangling_symlinks,
    drop_unused,
    is_dropped,
    prune_unneeded,
    readelf_needed,
)

pytestmark = pytest.mark.linux_only  # needs the Linux frozen build

QT = "PySide6/Qt/"


@pytest.mark.parametrize(
    "dest",
    [
        QT + "translations/qtbase_de.qm",
        QT + "plugins/platformthemes/libqgtk3.so",  # the one that drags in the host's GTK
        QT + "plugins/platforms/libqeglfs.so",
        QT + "plugins/platforms/libqwayland.so",
        QT + "plugins/wayland-shell-integration/libxdg-shell.so",
        QT + "plugins/imageformats/libqjpeg.so",
        QT + "plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        QT + "plugins/tls/libqopensslbackend.so",
        "PySide6/plugins/platforms/qdirect2d.dll",  # the Windows wheel's layout
        "PySide6/plugins/imageformats/qjpeg.dll",
        "PySide6/translations/qtbase_fr.qm",
        QT + "plugins/imageformats/libqjpeg.dylib",
    ],
)
def test_unused_qt_parts_are_dropped(dest: str) -> None:
    assert is_dropped(dest)
    assert is_dropped(dest.replace("/", "\\"))  # Windows TOCs use backslashes


@pytest.mark.parametrize(
    "dest",
    [
        QT + "plugins/platforms/libqxcb.so",
        QT + "plugins/platforms/libqoffscreen.so",  # the self-test's fallback
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/platforms/qoffscreen.dll",
        "PySide6/plugins/imageformats/qico.dll",
        QT + "plugins/platforms/libqcocoa.dylib",
        QT + "plugins/imageformats/libqico.so",
        QT + "plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        QT + "lib/libQt6Widgets.so.6",
        "resources/default_services.toml",
    ],
)
def test_what_the_app_needs_is_kept(dest: str) -> None:
    assert not is_dropped(dest)


def test_libraries_nothing_needs_are_pruned_transitively() -> None:
    needed = {
        "/src/QtWidgets.abi3.so": ["libQt6Widgets.so.6"],
        "/src/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
        "/src/libQt6Gui.so.6": ["libQt6Core.so.6"],
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6", "libxcb-cursor.so.0"],
        "/src/libqgtk3.so": ["libgtk-3.so.0"],  # dropped by the first pass
        "/src/libgtk-3.so.0": ["libcairo.so.2"],
    }
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/src/QtWidgets.abi3.so", "EXTENSION"),
        (QT + "lib/libQt6Widgets.so.6", "/src/libQt6Widgets.so.6", "BINARY"),
        (QT + "lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        (QT + "lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        (QT + "lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        (QT + "lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
        (QT + "plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        (QT + "plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
        ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
        ("libxcb-cursor.so.0", "/src/libxcb-cursor.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
        ("libQt6Network.so.6", QT + "lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6Core.so.6", QT + "lib/libQt6Core.so.6", "SYMLINK"),
    ]
    kept = prune_unneeded(drop_unused(binaries), needed=lambda src: needed.get(src, []))
    names = {dest for dest, _, _ in kept}
    assert names == {
        "PySide6/QtWidgets.abi3.so",
        QT + "lib/libQt6Widgets.so.6",
        QT + "lib/libQt6Gui.so.6",
        QT + "lib/libQt6Core.so.6",
        QT + "lib/libQt6XcbQpa.so.6",
        QT + "plugins/platforms/libqxcb.so",
        "libxcb-cursor.so.0",
        "libpython3.11.so.1.0",  # loaded by the bootloader: never anyone's NEEDED, still kept
        "libQt6Core.so.6",  # a link whose target stays
    }


def test_links_in_the_datas_list_follow_the_binaries() -> None:
    datas = [
        ("libQt6Svg.so.6", QT + "lib/libQt6Svg.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", QT + "lib/libQt6Gui.so.6", "SYMLINK"),
        ("resources/default_services.toml", "/src/default_services.toml", "DATA"),
    ]
    binaries = [(QT + "lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY")]
    assert drop_dangling_symlinks(datas, others=binaries) == datas[1:]


@pytest.mark.skipif(shutil.which("readelf") is None, reason="needs readelf (binutils)")
def test_readelf_reads_the_needed_libraries_of_a_real_qt_plugin() -> None:
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        pytest.skip("this PySide6 wheel has no xcb plugin")
    assert {"libQt6XcbQpa.so.6", "libQt6Gui.so.6", "libQt6Core.so.6"} <= set(
        readelf_needed(str(plugin))
    )
    assert readelf_needed(str(Path(__file__))) == []  # not ELF: nothing, and no error


def test_no_qt_module_the_gui_imports_is_left_out_of_the_bundle() -> None:
    # A module left out only fails when the frozen app starts, so check the imports here.
    import ast

    gui = Path(__file__).parent.parent / "traymon" / "gui"
    imported = set()
    for path in gui.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                imported.add(node.module)
    assert "PySide6.QtWidgets" in imported
    assert imported.isdisjoint(EXCLUDED_MODULES)


def test_the_desktop_dbus_library_comes_from_the_host() -> None:
    assert is_dropped("libdbus-1.so.3")
    assert not is_dropped(f"{QT}lib/libQt6DBus.so.6")
    deb = (Path(__file__).parent.parent / "installer" / "linux" / "build_deb.sh").read_text()
    assert "libdbus-1-3" in deb


def test_the_relay_kinds_crypto_is_bundled_and_its_server_side_is_not() -> None:
    """The desktop's relay kind verifies Ed25519 with joserfc on cryptography's Rust core:
    with the excluded modules unimportable (as in the frozen build), the app's modules load,
    a relay document is verified, and the libraries that did it are plain static imports
    (what PyInstaller's analysis follows); cryptography's binary survives the slimming."""
    import subprocess
    import sys

    probe = f"""
import sys
for name in {sorted(EXCLUDED_MODULES)!r}:
    sys.modules[name] = None  # excluded from the bundle: importing it fails
import traymon.commands.cli, traymon.gui.app, traymon.sources
from datetime import UTC, datetime, timedelta
from traymon.relay import keys
from traymon.relay.document import Document
from traymon.relay.verify import sign, verify
key = keys.generate()
now = datetime.now(UTC)
doc = Document("t.example", now, now + timedelta(minutes=5), 1)
assert verify(sign(doc, key), [key.public], tenant="t.example", now=now).serial == 1
roots = ("joserfc", "cryptography", "msal", "requests")
print(" ".join(sorted(m for m, v in sys.modules.items() if v and m.split(".")[0] in roots)))
"""
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert {"joserfc", "cryptography.hazmat.bindings._rust"} <= loaded
    assert not {m for m in loaded if m.split(".")[0] in ("msal", "requests")}
    rust = "cryptography/hazmat/bindings/_rust.abi3.so"
    assert not is_dropped(rust)
    kept = prune_unneeded([(rust, "/x/_rust.abi3.so", "EXTENSION")], needed=lambda _: [])
    assert [dest for dest, _, _ in kept] == [rust]  # an extension module: always a root
