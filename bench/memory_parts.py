"""What each part of the tray app costs in resident memory, step by step.

One fresh process, on the xcb platform in an Xvfb + trayer desktop (tests/tray_host.py)
as the tray runs on a Linux desktop, takes the tray's parts one
after the other and reads VmRSS (``/proc/self/status``) after each; the difference is
what that part added. The order is the tray's own: Python and the config, the Qt
modules, the application object with the translations, the engine (httpx, asyncio, the
sources), the history file with 90 days of 50 services, a TLS context, the GUI's modules,
then the real ``Session`` checking 50 services on a closed port; last, what opening
the window and the settings dialog add later (its widgets; the catalogue). Figures in MiB.
The total is the tray's own VmRSS (bench/app_benches.py, row 6) within a MiB or two: the
parts load in another order there. Linux only (``/proc``, Xvfb).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

_CHILD = r"""
import gc, json, os, sys, time
from pathlib import Path

def rss():
    gc.collect()
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
steps = [("python + traymon.commands.cli", 0.0)]
import traymon.commands.cli  # noqa
steps[0] = ("python + traymon.commands.cli", rss())
def step(name):
    steps.append((name, rss()))

tmp = Path(sys.argv[1])
services = "\n".join(
    f'[[services]]\nid = "s{i}"\nname = "Service {i}"\nkind = "statuspage"\n'
    f'url = "http://127.0.0.1:9/s{i}"\n' for i in range(50)
)
(tmp / "traymon.toml").write_text('[network]\nreference_urls = []\n\n' + services)
from traymon.app.startup import load_layered
loaded = load_layered(tmp / "traymon.toml")
config = loaded.effective.config()
step("the layered config, 50 services")
from PySide6 import QtCore, QtGui, QtWidgets  # noqa
step("Qt modules (QtCore, QtGui, QtWidgets)")
from PySide6.QtWidgets import QApplication
app = QApplication([])
step("QApplication (xcb: its plugin, the X libraries, fonts, input method)")
from traymon.gui.translations import install_translator
install_translator(app)
step("translations")
import traymon.engine.monitor  # noqa
step("engine modules (httpx, asyncio, every source)")
from datetime import UTC, datetime, timedelta
from traymon.engine.history import History
from traymon.model import CheckResult, Status
history = History(tmp / "history.sqlite3")
start = datetime.now(UTC) - timedelta(days=90)
for day in range(90):
    for i in range(50):
        at = start + timedelta(days=day)
        history.record_sample(CheckResult(f"s{i}", f"Service {i}", "statuspage",
                                          Status.OPERATIONAL, "ok", at))
today = datetime.now().date()
bars = [history.worst_per_day(f"s{i}", today) for i in range(50)]
step("history: 90 days of 50 services, their bars read")
from traymon.sources.http import tls_context
tls_context(loaded.network().options)
step("one TLS context (the OS trust store, as the engine and the probes make them)")
from PySide6.QtCore import QSettings
from traymon.gui.session import Session
step("the GUI modules")
settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
options = loaded.network().options
session = Session(loaded.effective, settings, tmp / "history.sqlite3", options=options)
step("the session made: tray icon, menu (no window yet)")
session.start()
for _ in range(20):
    app.processEvents()
    time.sleep(0.05)
step("the session started: the bridge's thread and loop, the icon drawn")
deadline = time.monotonic() + 8
while time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.05)
step("the session: tray, bridge, 50 services checked")
tray_rss = steps[-1][1]
session.open_window()
for _ in range(20):
    app.processEvents()
    time.sleep(0.05)
step("later: the window, when first opened")
from traymon.gui.preferences import catalogue
catalogue()
step("later: the catalogue, when the settings dialog first opens")
session.stop()
print(json.dumps({"steps": steps, "tray": tray_rss}))
"""


@dataclass(frozen=True)
class MemoryParts:
    steps: tuple[tuple[str, float], ...]
    #: The tray running with its 50 services checked, before anything opens the settings.
    tray_mb: float

    def rows(self) -> list[tuple[str, float, float]]:
        """(part, RSS after it, what it added), in MiB."""
        out, before = [], 0.0
        for name, rss in self.steps:
            out.append((name, rss, rss - before))
            before = rss
        return out


def bench_memory_parts() -> MemoryParts:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.tray_host import x_desktop

    with tempfile.TemporaryDirectory() as tmp, x_desktop(Path(tmp)) as desktop:
        home = Path(tmp)
        env = {k: v for k, v in desktop.env.items() if not k.startswith("TRAYMON_")}
        env.update(
            HOME=str(home), XDG_CONFIG_HOME=str(home / "c"),
            XDG_DATA_HOME=str(home / "d"), XDG_STATE_HOME=str(home / "s"),
            XDG_CACHE_HOME=str(home / "k"), XDG_RUNTIME_DIR=str(home),
        )  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, tmp],
            capture_output=True, text=True, env=env, timeout=300, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-2000:])
        found = json.loads(done.stdout.strip().splitlines()[-1])
    steps = tuple((str(n), float(r)) for n, r in found["steps"])
    return MemoryParts(steps, float(found["tray"]))


if __name__ == "__main__":
    parts = bench_memory_parts()
    for name, rss, added in parts.rows():
        print(f"{name:55s} {rss:7.1f} MiB  (+{added:.1f})")
    print(f"the tray, running: {parts.tray_mb:.1f} MiB")
