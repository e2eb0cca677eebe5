"""The tray from source, frozen (`make dist`) and the bare PySide6 floor, side by side.

    python -m bench.tray_launch [--runs 5]

All three start in one Xvfb + trayer desktop (tests/tray_host.py), taking turns, so load
from anything else falls on each alike. Two figures each:

- launch → icon: from ``Popen`` to the icon's window embedded in the panel (polling
  ``xwininfo``; installer/measure_tray_startup.py), the median of ``runs`` launches after
  one that warms the page cache; the target is ≤ 1.3× the floor's median;
- memory 15 s after launch with 50 services (bench/loopback.py serves them; Traymon's
  first round is answered by then): VmRSS, and USS (the private pages: what this process
  alone costs), the median of ``memory_runs`` launches.

Every launch has its own empty home and runtime folder, so none reads another's history
or meets its single-instance socket. The frozen build is `make dist`'s ``dist/traymon``;
it is built when missing or older than any source (a minute and more), else reused.
Linux only (``/proc``, Xvfb).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.app_benches import TRAYMON, write_config
from bench.loopback import ROOT, ServerProcess

DIST = ROOT / "dist" / "traymon" / "traymon"
#: What a frozen build is made from: newer than the build means build again.
BUILD_INPUTS = ("traymon", "resources", "installer", "pyproject.toml", "uv.lock")
SERVICES = 50
SETTLE_S = 15.0


@dataclass(frozen=True)
class Variant:
    name: str
    icon_s: tuple[float, ...]
    rss_mib: tuple[float, ...]
    uss_mib: tuple[float, ...]

    @property
    def icon_median_s(self) -> float:
        return statistics.median(self.icon_s)

    @property
    def rss_median_mib(self) -> float:
        return statistics.median(self.rss_mib)

    @property
    def uss_median_mib(self) -> float:
        return statistics.median(self.uss_mib)


@dataclass(frozen=True)
class TrayLaunch:
    floor: Variant
    source: Variant
    frozen: Variant
    built_now: bool
    load_average: float

    def ratio(self, variant: Variant) -> float:
        return variant.icon_median_s / self.floor.icon_median_s


def _newest_input() -> float:
    newest = 0.0
    for name in BUILD_INPUTS:
        path = ROOT / name
        files = path.rglob("*") if path.is_dir() else [path]
        for file in files:
            if "__pycache__" not in file.parts and file.is_file():
                newest = max(newest, file.stat().st_mtime)
    return newest


def frozen_build() -> bool:
    """Make sure ``dist/traymon`` is current; True when it had to be built now."""
    if DIST.exists() and DIST.stat().st_mtime >= _newest_input():
        return False
    subprocess.run(["make", "dist"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return True


def _memory_mib(pid: int) -> tuple[float, float]:
    """VmRSS and USS (private clean + private dirty pages), in MiB."""
    rss = uss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name == "Rss":
            rss = int(rest.split()[0])
        elif name in ("Private_Clean", "Private_Dirty"):
            uss += int(rest.split()[0])
    return rss / 1024, uss / 1024


@contextmanager
def _launched(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    with tempfile.TemporaryDirectory(prefix="traymon-launch-") as folder:
        home = Path(folder)
        runtime = home / "run"
        runtime.mkdir(mode=0o700)
        own = {k: v for k, v in env.items() if not k.startswith("TRAYMON_")}
        own.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "c"), XDG_DATA_HOME=str(home / "d"))
        own.update(XDG_STATE_HOME=str(home / "s"), XDG_CACHE_HOME=str(home / "k"))
        own["XDG_RUNTIME_DIR"] = str(runtime)
        process = subprocess.Popen(
            command, env=own, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)


def _icon_after(desktop: object, process: subprocess.Popen[bytes], timeout_s: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout_s:
        if desktop.tray_icon_geometry() is not None:  # type: ignore[attr-defined]
            return time.perf_counter() - started
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with status {process.returncode}")
        time.sleep(0.005)
    raise RuntimeError(f"{process.args!r}: the icon never appeared")


def bench_tray_launch(runs: int = 5, memory_runs: int = 2) -> TrayLaunch:
    sys.path.insert(0, str(ROOT))
    from tests.tray_host import x_desktop

    built = frozen_build()
    icon: dict[str, list[float]] = {"floor": [], "source": [], "frozen": []}
    memory: dict[str, list[tuple[float, float]]] = {"floor": [], "source": [], "frozen": []}
    with (
        ServerProcess("pages", str(SERVICES), "1") as server,
        tempfile.TemporaryDirectory() as tmp,
        x_desktop(Path(tmp)) as desktop,
    ):
        config = str(write_config(Path(tmp) / "traymon.toml", server, SERVICES, interval=300))
        commands = {
            "floor": [sys.executable, "-m", "bench.tray_floor"],
            "source": [TRAYMON, "run", "--config", config],
            "frozen": [str(DIST), "run", "--config", config],
        }
        env = {**desktop.env, "PYTHONPATH": str(ROOT)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode cached
        for attempt in range(runs + 1):
            for name, command in commands.items():
                with _launched(command, env) as process:
                    seconds = _icon_after(desktop, process, 30)
                if attempt > 0:  # the first launch of each warms the page cache
                    icon[name].append(seconds)
        for _ in range(memory_runs):
            for name, command in commands.items():
                asked = server.stats()["requests"]
                with _launched(command, env) as process:
                    started = time.monotonic()
                    _icon_after(desktop, process, 30)
                    if name != "floor":
                        while server.stats()["requests"] < asked + SERVICES:
                            if time.monotonic() - started > 60:
                                raise RuntimeError(f"{name}: the services were not checked")
                            time.sleep(0.2)
                    time.sleep(max(0.0, SETTLE_S - (time.monotonic() - started)))
                    memory[name].append(_memory_mib(process.pid))

    def variant(name: str) -> Variant:
        found = memory[name]
        rss = tuple(r for r, _ in found)
        return Variant(name, tuple(icon[name]), rss, tuple(u for _, u in found))

    return TrayLaunch(
        variant("floor"), variant("source"), variant("frozen"), built, os.getloadavg()[0]
    )


def describe(figures: TrayLaunch) -> str:
    parts = []
    for v in (figures.floor, figures.source, figures.frozen):
        ratio = "" if v is figures.floor else f" = {figures.ratio(v):.2f}× floor"
        parts.append(
            f"{v.name}: icon {v.icon_median_s:.2f} s{ratio} (best {min(v.icon_s):.2f}), "
            f"RSS {v.rss_median_mib:.1f} MiB, USS {v.uss_median_mib:.1f} MiB"
        )
    built = "; frozen build made for this run" if figures.built_now else ""
    return "; ".join(parts) + f" (load {figures.load_average:.1f}{built})"


def met(figures: TrayLaunch) -> bool:
    return (
        figures.source.rss_median_mib <= 90
        and figures.frozen.rss_median_mib <= 85
        and figures.ratio(figures.source) <= 1.3
        and figures.ratio(figures.frozen) <= 1.3
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--memory-runs", type=int, default=2)
    options = parser.parse_args()
    result = bench_tray_launch(options.runs, options.memory_runs)
    print(describe(result))
    for v in (result.floor, result.source, result.frozen):
        print(v)
    print("targets", "met" if met(result) else "missed")
