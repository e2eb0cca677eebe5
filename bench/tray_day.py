"""The tray's own memory over a day of checks: does the GUI side grow?

    python -m bench.tray_day [--rounds 288]

Row 3 follows the engine alone; this follows the whole tray. One fresh process, on the
xcb platform in an Xvfb + trayer desktop, runs the real ``Session`` (tray icon, menu,
bridge, engine, history on disk) with 50 Statuspage services on a loopback server, and
asks "Check now" ``rounds`` times: 288 rounds are a day at the default 300 s interval,
without waiting a day. Every few rounds a different fifth of the services turns to a
major outage and back, so states, the badge's count, the menu, the tooltip,
notifications and history all keep changing as on a bad day. VmRSS is read (after
``gc.collect()``) once the round after the first ``warm`` is in, and at the end.
Linux only (``/proc``, Xvfb).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.loopback import ROOT

_CHILD = r"""
import gc, json, sys, time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from tests.servers import LoopbackServer, Reply
from traymon.app.startup import load_layered

def rss():
    gc.collect()
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

tmp, rounds, warm = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
fixtures = Path("tests/fixtures/statuspage")
fine = (fixtures / "github_summary_2026-08-22_latest.json").read_bytes()
down = (fixtures / "github_summary_2026-08-17_major_outage.json").read_bytes()
server = LoopbackServer()
count = 50
for i in range(count):
    server.serve(f"/s{i}/api/v2/summary.json", Reply(body=fine))
server.start()
services = "\n".join(
    f'[[services]]\nid = "s{i}"\nname = "Service {i}"\nkind = "statuspage"\n'
    f'url = "{server.base_url}/s{i}"\n' for i in range(count)
)
(tmp / "traymon.toml").write_text("[network]\nreference_urls = []\n\n" + services)
loaded = load_layered(tmp / "traymon.toml")
app = QApplication([])
app.setQuitOnLastWindowClosed(False)
from traymon.gui.session import Session
settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
session = Session(loaded.effective, settings, tmp / "history.sqlite3",
                  options=loaded.network().options)
session.start()

def answered(total):
    deadline = time.monotonic() + 60
    while len(server.requests) < total:
        if time.monotonic() > deadline:
            raise SystemExit(f"only {len(server.requests)} of {total} requests answered")
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):  # the results' signals reach the tray and the menu
        app.processEvents()
        time.sleep(0.01)

answered(count)
warm_rss = end_rss = 0.0
asked = 0
for n in range(1, rounds + 1):
    turn = (n // 3) % 5  # a fifth of the services is down for three rounds at a time
    for i in range(count):
        server.routes[f"/s{i}/api/v2/summary.json"] = Reply(body=down if i % 5 == turn else fine)
    # The server keeps a record of every request, its headers and body (for tests): cleared
    # each round, or the growth measured would be this bench's own (some 14 MiB a day).
    asked += len(server.requests)
    for record in (server.requests, server.request_headers, server.seen):
        record.clear()
    session.bridge.check_now()
    answered(count)
    if n == warm:
        warm_rss = rss()
end_rss = rss()
session.stop()
server.stop()
print(json.dumps({"warm": warm_rss, "end": end_rss, "requests": asked + len(server.requests)}))
"""


@dataclass(frozen=True)
class TrayDay:
    rounds: int
    warm_round: int
    services: int
    rss_warm_mib: float
    rss_end_mib: float
    requests: int

    @property
    def growth_mib(self) -> float:
        return self.rss_end_mib - self.rss_warm_mib


def bench_tray_day(rounds: int = 288, warm: int = 24) -> TrayDay:
    sys.path.insert(0, str(ROOT))
    from tests.tray_host import x_desktop

    with tempfile.TemporaryDirectory() as tmp, x_desktop(Path(tmp)) as desktop:
        home = Path(tmp)
        env = {k: v for k, v in desktop.env.items() if not k.startswith("TRAYMON_")}
        env.update(
            HOME=str(home), XDG_CONFIG_HOME=str(home / "c"), XDG_DATA_HOME=str(home / "d"),
            XDG_STATE_HOME=str(home / "s"), XDG_CACHE_HOME=str(home / "k"),
            XDG_RUNTIME_DIR=str(home), PYTHONPATH=str(ROOT), TRAYMON_NOTIFY_BATCH_S="0.1",
        )  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, tmp, str(rounds), str(warm)],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=1800, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-2000:])
        found = json.loads(done.stdout.strip().splitlines()[-1])
    return TrayDay(rounds, warm, 50, found["warm"], found["end"], found["requests"])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=288)
    parser.add_argument("--warm", type=int, default=24)
    options = parser.parse_args()
    print(bench_tray_day(options.rounds, options.warm), os.getloadavg())
