"""Benchmarks of the real programs: `traymon check` and the tray app under Xvfb + trayer."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.loopback import ROOT, ServerProcess

TRAYMON = str(Path(sys.executable).parent / "traymon")


def write_config(path: Path, server: ServerProcess, count: int, interval: int = 300) -> Path:
    chunks = ["[network]\nreference_urls = []\n"]
    for i in range(count):
        chunks.append(
            f'[[services]]\nid = "s{i}"\nname = "Service {i}"\nkind = "statuspage"\n'
            f'url = "{server.url(i)}"\ninterval = {interval}\n'
        )
    path.write_text("\n".join(chunks), encoding="utf-8")
    return path


def _clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAYMON_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "cfg"), XDG_DATA_HOME=str(home / "data"))
    return env


@dataclass(frozen=True)
class CheckFigures:
    services: int
    delay_s: float
    elapsed_s: float
    exit_status: int


def bench_check_command(count: int = 100, delay_s: float = 0.3) -> CheckFigures:
    """`traymon check` of ``count`` services that each take ``delay_s``: start to exit."""
    with (
        ServerProcess("slow", str(count), str(delay_s)) as server,
        tempfile.TemporaryDirectory() as tmp,
    ):
        config = write_config(Path(tmp) / "traymon.toml", server, count)
        started = time.perf_counter()
        done = subprocess.run(
            [TRAYMON, "check", "--config", str(config)],
            capture_output=True, text=True, env=_clean_env(Path(tmp)), timeout=120, check=False,
        )  # fmt: skip
        elapsed = time.perf_counter() - started
    return CheckFigures(count, delay_s, elapsed, done.returncode)


@dataclass(frozen=True)
class IdleFigures:
    services: int
    window_s: float
    cpu_s: float
    rss_mb: float
    requests_in_window: int

    @property
    def cpu_percent(self) -> float:
        return 100 * self.cpu_s / self.window_s


def _cpu_seconds(pid: int) -> float:
    # /proc/<pid>/stat fields 14 and 15 (utime, stime) in clock ticks, after the "(comm)".
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bench_idle_tray(count: int = 50, window_s: float = 60.0) -> IdleFigures:
    """CPU of the running tray app between checks, and its resident memory."""
    sys.path.insert(0, str(ROOT))
    from tests.tray_host import x_desktop

    with (
        ServerProcess("pages", str(count), "1") as server,
        tempfile.TemporaryDirectory() as tmp,
        x_desktop(Path(tmp)) as desktop,
    ):
        config = write_config(Path(tmp) / "traymon.toml", server, count, interval=300)
        env = {**desktop.env, **_clean_env(Path(tmp))}
        app = subprocess.Popen(
            [TRAYMON, "run", "--config", str(config)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while server.stats()["requests"] < count:
                assert time.monotonic() < deadline, "the tray app did not check its services"
                time.sleep(0.2)
            time.sleep(5)  # let the first round's results reach the icon and window
            before_requests = server.stats()["requests"]
            before = _cpu_seconds(app.pid)
            time.sleep(window_s)  # a benchmark of idleness: wall time is what is measured
            cpu = _cpu_seconds(app.pid) - before
            rss = _rss_mb(app.pid)
            during = server.stats()["requests"] - before_requests
        finally:
            app.terminate()
            app.wait(10)
    return IdleFigures(count, window_s, cpu, rss, during)
