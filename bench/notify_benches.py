"""What the first native notification costs: resident memory and time (`make bench`).

A fresh offscreen process makes the tray's ``DesktopNotices`` and reads VmRSS, then sends
one notification with buttons to a real dunst on a private session bus (under Xvfb, as
``tests/test_native_notify_dunst.py`` runs it) and reads VmRSS again: the difference is
desktop-notifier, dbus-fast, their loop thread and the focus readers' connection,
loaded with the first notification only. Then twenty more, for the time each takes.
Linux only (``/proc``, dunst).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.notification_server import notification_server
from tests.tray_host import x_desktop

_CHILD = r"""
import gc, json, time
def rss():
    gc.collect()
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
from PySide6.QtWidgets import QApplication
app = QApplication([])
from traymon.engine.events import Notification
from traymon.gui.native_notify import DesktopNotices
from traymon.gui.notices import GroupedMessage
from traymon.notify_actions import NotifyAction
shown = []
notices = DesktopNotices(lambda m: None, native=True)
notices.shown.connect(lambda m, how: shown.append(how))
def send(n, title):
    notices.deliver(GroupedMessage(title, "Outlook: outage", "outlook"),
                    (NotifyAction.DETAILS, NotifyAction.MUTE_TODAY), Notification("t", "b", ()))
    while len(shown) < n:
        app.processEvents()
        time.sleep(0.002)
before = rss()
t0 = time.perf_counter()
send(1, "Traymon: Outlook — Major outage")
first = time.perf_counter() - t0
loaded = rss()
t0 = time.perf_counter()
for i in range(20):
    send(2 + i, f"Traymon: Service {i} — Major outage")
each = (time.perf_counter() - t0) / 20
print(json.dumps({"before": before, "loaded": loaded, "after": rss(), "first_s": first,
                  "each_s": each, "native": shown.count("native")}))
"""


@dataclass(frozen=True)
class NativeNotifyCost:
    rss_before_mb: float
    added_mb: float  # by the first notification
    added_later_mb: float  # by twenty more
    first_s: float
    each_s: float
    native: int  # of 21, shown natively (not the balloon)


def bench_native_notify() -> NativeNotifyCost:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with (
            x_desktop(folder) as desktop,
            notification_server(folder / "dunst", desktop.display) as server,
        ):
            env = {k: v for k, v in os.environ.items() if not k.startswith("TRAYMON_")}
            env.update(
                QT_QPA_PLATFORM="offscreen",
                DISPLAY=desktop.display,
                DBUS_SESSION_BUS_ADDRESS=server.env["DBUS_SESSION_BUS_ADDRESS"],
            )
            done = subprocess.run(
                [sys.executable, "-c", _CHILD],
                capture_output=True, text=True, env=env, timeout=120, check=False,
            )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return NativeNotifyCost(
        found["before"],
        found["loaded"] - found["before"],
        found["after"] - found["loaded"],
        found["first_s"],
        found["each_s"],
        found["native"],
    )


def describe(cost: NativeNotifyCost) -> str:
    return (
        f"RSS {cost.rss_before_mb:.1f} MiB → +{cost.added_mb:.1f} MiB with the first "
        f"(desktop-notifier, dbus-fast, the loop thread), +{cost.added_later_mb:.1f} MiB for "
        f"20 more; first {cost.first_s * 1000:.0f} ms, then {cost.each_s * 1000:.1f} ms each; "
        f"{cost.native}/21 native"
    )


if __name__ == "__main__":
    print(describe(bench_native_notify()))
