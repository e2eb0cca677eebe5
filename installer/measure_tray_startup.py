"""Measure how long a Traymon build takes from launch to its icon embedded in a real tray.

    .venv/bin/python -m installer.measure_tray_startup dist/traymon/traymon [--runs 5]

Runs under Xvfb with the trayer panel (the same desktop as the tray tests) and polls the X
window tree until the app's icon window sits inside the panel. The figure goes into
docs/PERFORMANCE.md; it is a measurement, not a test, so it asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from tests.tray_host import XDesktop, x_desktop

CONFIG = """[[services]]
id = "local"
name = "Local"
kind = "statuspage"
url = "http://127.0.0.1:9"
"""


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def launch_to_icon(
    desktop: XDesktop, command: list[str], env: dict[str, str], timeout_s: float = 20
) -> tuple[float, float]:
    """Seconds from launch to the icon in the panel, and the app's RSS (MiB) at that moment."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while time.perf_counter() - started < timeout_s:
            if desktop.tray_icon_geometry() is not None:
                return time.perf_counter() - started, _rss_mib(process.pid)
            if process.poll() is not None:
                raise SystemExit(f"{command[0]} exited with status {process.returncode}")
            time.sleep(0.005)  # polling xwininfo: the resolution of this measurement
        raise SystemExit("the icon never appeared")
    finally:
        process.terminate()
        process.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("traymon", help="the executable to start (frozen or .venv/bin/traymon)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, x_desktop(Path(scratch)) as desktop:
        config = Path(scratch) / "config.toml"
        config.write_text(CONFIG, encoding="utf-8")
        env = {**desktop.env, "HOME": scratch, "XDG_CONFIG_HOME": scratch}
        command = [args.traymon, "run", "--config", str(config)]
        first, _ = launch_to_icon(desktop, command, env)  # then the page cache is warm
        runs = [launch_to_icon(desktop, command, env) for _ in range(args.runs)]
    times = [t for t, _ in runs]
    print(
        f"{args.traymon}: launch to tray icon: first {first:.3f} s; then {args.runs} runs: "
        f"min {min(times):.3f} s, median {statistics.median(times):.3f} s, "
        f"max {max(times):.3f} s; RSS at that moment, median "
        f"{statistics.median(r for _, r in runs):.0f} MiB"
    )


if __name__ == "__main__":
    main()
