"""Start-up of the commands scripts call: `traymon --help`, and `traymon check` offline.

Each command runs as a person runs it (the installed console script, a fresh process),
``runs`` times after one warm-up run that writes the bytecode caches (an installed
wheel has them; this checkout may run with PYTHONDONTWRITEBYTECODE, which would time
the compiler instead). "Offline" is made, not hoped for: every request goes to a proxy
on a closed loopback port, so each fails at once as it does with no network.
The import rules these times depend on are pinned by tests/test_startup_imports.py.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TRAYMON = str(Path(sys.executable).parent / "traymon")
#: Nothing listens on the discard port on loopback: a refused connection, at once.
CLOSED_PROXY = "http://127.0.0.1:9"


@dataclass(frozen=True)
class StartupFigures:
    runs: int
    help_median_s: float
    help_min_s: float
    check_median_s: float
    check_min_s: float
    check_services: int
    check_exit_status: int
    load_average: float


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAYMON_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "cfg"), XDG_DATA_HOME=str(home / "d"))
    env.update(XDG_STATE_HOME=str(home / "s"), XDG_CACHE_HOME=str(home / "c"))
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        env[name] = CLOSED_PROXY
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    return env


def _times(args: list[str], env: dict[str, str], runs: int) -> tuple[list[float], int, str]:
    subprocess.run([TRAYMON, *args], capture_output=True, env=env, timeout=120, check=False)
    times = []
    done = None
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [TRAYMON, *args], capture_output=True, text=True, env=env, timeout=120, check=False
        )
        times.append(time.perf_counter() - started)
    assert done is not None
    return times, done.returncode, done.stdout


def bench_startup(runs: int = 15) -> StartupFigures:
    """Median and best of ``runs``: `traymon --help`, `traymon check` (built-in list)."""
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(Path(tmp))
        help_times, _, _ = _times(["--help"], env, runs)
        check_times, status, out = _times(["check", "--json"], env, runs)
    services = len(json.loads(out)["services"])
    return StartupFigures(
        runs=runs,
        help_median_s=statistics.median(help_times),
        help_min_s=min(help_times),
        check_median_s=statistics.median(check_times),
        check_min_s=min(check_times),
        check_services=services,
        check_exit_status=status,
        load_average=os.getloadavg()[0],
    )


if __name__ == "__main__":
    figures = bench_startup()
    print(figures)
