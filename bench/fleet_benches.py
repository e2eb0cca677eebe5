"""The fleet ingest at company scale: 100k desktops reporting every 60 s (~1,700 reports/s).

A real ``redis-server`` (no persistence) and the real ``traymon relay ingest`` (uvicorn,
one process) on loopback, each in its own process; the load generator is the lean
keep-alive client of ``tests/fleet_helpers.py`` in this process. Measured: throughput
and p99 latency with all of one minute's reports (``DESKTOPS`` distinct ids at ``SITES``
sites, ``SERVICES`` services each, 3 % failing) sent as fast as the ingest takes them;
the ingest's and Redis's CPU time over that run (``/proc/<pid>/stat``), per 1,000
reports/s; Redis's memory for that minute (``used_memory`` before and after), per site;
and one publisher cycle over the result (counts, baselines, signing every document).

    python -m bench.fleet_benches           # alone; `make bench` runs it as one row
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bench.loopback import ROOT
from tests.fleet_helpers import free_port, post_reports, redis_server
from traymon.relay import keys
from traymon.relay.config import load
from traymon.relay.fleet_counts import BUCKET_TTL_S, FleetStore, minute_of, redis_client
from traymon.relay.fleet_verdict import FleetWatch, Rules
from traymon.relay.publisher import Publisher, SystemRelayClock

DESKTOPS = 100_000
SITES = 20
SERVICES = ("exchange-online", "microsoft-teams", "sharepoint-online", "onedrive", "vpn")
CONNECTIONS = 64
TICK_S = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class FleetFigures:
    reports: int
    elapsed_s: float
    p50_ms: float
    p99_ms: float
    ingest_cpu_s: float
    redis_cpu_s: float
    redis_bytes: int
    sites: int
    services: int
    publisher_cycle_ms: float
    ceiling: float
    verdict_read_ms: float
    refused: int
    load: str

    @property
    def rate(self) -> float:
        return self.reports / self.elapsed_s

    @property
    def cores_per_1000(self) -> float:
        """Share of one core per 1,000 reports/s, ingest + Redis."""
        busy = (self.ingest_cpu_s + self.redis_cpu_s) / self.elapsed_s
        return busy / (self.rate / 1000)


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK_S


def _bodies(rng: random.Random) -> list[bytes]:
    out = []
    for i in range(DESKTOPS):
        services = {s: ("tls" if rng.random() < 0.03 else "ok") for s in SERVICES}
        report = {"v": 1, "id": secrets.token_urlsafe(16), "site": f"site-{i % SITES}",
                  "services": services}  # fmt: skip
        out.append(json.dumps(report, separators=(",", ":")).encode())
    return out


def bench_fleet(desktops: int = DESKTOPS) -> FleetFigures:
    global DESKTOPS
    DESKTOPS = desktops
    token = secrets.token_urlsafe(24)
    bodies = _bodies(random.Random(16))
    with redis_server() as redis, tempfile.TemporaryDirectory(prefix="traymon-fleet-") as tmp:
        folder = Path(tmp)
        (folder / "relay.toml").write_text(
            f'tenant_id = "contoso.onmicrosoft.com"\noutput = "www"\nstate = "state"\n'
            f'graph_enabled = false\n[fleet]\nredis_url = "{redis.url}"\n'
            f'token_env = "BENCH_FLEET_TOKEN"\nper_address_per_minute = 10000000\n',
            encoding="utf-8",
        )
        port = free_port()
        env = {**os.environ, "BENCH_FLEET_TOKEN": token, "PYTHONPATH": str(ROOT)}
        ingest = subprocess.Popen(
            [sys.executable, "-m", "traymon", "relay", "ingest", "--port", str(port),
             "--config", str(folder / "relay.toml")],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("the ingest did not start") from None
                    time.sleep(0.1)
            client = redis.client()
            before = int(client.info("memory")["used_memory"])
            warm, _ = asyncio.run(post_reports(port, token, bodies[:500], CONNECTIONS))
            # All desktops once, paced at their real rate (every 60 s): latency, CPU, memory.
            cpu0, rcpu0 = _cpu_s(ingest.pid), _cpu_s(redis.process.pid)
            started = time.perf_counter()
            codes, latencies = asyncio.run(
                post_reports(port, token, bodies, CONNECTIONS, rate=desktops / 60)
            )
            elapsed = time.perf_counter() - started
            cpu1, rcpu1 = _cpu_s(ingest.pid), _cpu_s(redis.process.pid)
            after = int(client.info("memory")["used_memory"])
            # Then as fast as it goes (the same ids again: counted once), for the ceiling.
            burst = bodies[: max(desktops // 3, 1)]
            t = time.perf_counter()
            fast, _ = asyncio.run(post_reports(port, token, burst, CONNECTIONS))
            ceiling = fast.get(204, 0) / (time.perf_counter() - t)
        finally:
            ingest.terminate()
            ingest.wait(10)
        latencies.sort()
        store = FleetStore(redis_client(redis.url, False))
        now = datetime.now(UTC)
        watch = FleetWatch(store, Rules())
        t = time.perf_counter()
        watch.read(now, lambda _: False, 0.0)
        read_ms = (time.perf_counter() - t) * 1000
        cfg = load(folder / "relay.toml")
        publisher = Publisher(
            cfg, keys.generate(), SystemRelayClock(), fleet=FleetWatch(store, Rules())
        )
        t = time.perf_counter()
        publisher.cycle(force=True)
        cycle_ms = (time.perf_counter() - t) * 1000
        assert minute_of(time.time()) >= 0
    return FleetFigures(
        reports=codes.get(204, 0),
        ceiling=ceiling,
        elapsed_s=elapsed,
        p50_ms=statistics.median(latencies) * 1000,
        p99_ms=latencies[int(len(latencies) * 0.99)] * 1000,
        ingest_cpu_s=cpu1 - cpu0,
        redis_cpu_s=rcpu1 - rcpu0,
        redis_bytes=after - before,
        sites=SITES,
        services=len(SERVICES),
        publisher_cycle_ms=cycle_ms,
        verdict_read_ms=read_ms,
        refused=sum(n for c, n in codes.items() if c != 204)
        + sum(n for c, n in warm.items() if c != 204),
        load=" ".join(Path("/proc/loadavg").read_text().split()[:3]),
    )


def describe(f: FleetFigures) -> str:
    per_site = f.redis_bytes / f.sites
    return (
        f"{f.reports:,} desktops' reports paced at {f.rate:,.0f}/s: p50 {f.p50_ms:.1f} ms, "
        f"p99 {f.p99_ms:.1f} ms ({f.refused} refused); as fast as it goes "
        f"{f.ceiling:,.0f} reports/s ({CONNECTIONS} connections, one ingest process); "
        f"CPU {f.cores_per_1000:.2f} cores per 1,000 reports/s (ingest {f.ingest_cpu_s:.1f} s "
        f"+ Redis {f.redis_cpu_s:.1f} s); Redis {f.redis_bytes / 1e6:.1f} MB per minute of "
        f"{DESKTOPS:,} desktops × {f.services} services ({per_site / 1e3:.0f} KB per site; "
        f"each minute kept {BUCKET_TTL_S // 60} min); "
        f"publisher cycle {f.publisher_cycle_ms:.0f} ms "
        f"(counts + baselines {f.verdict_read_ms:.0f} ms); load {f.load}"
    )


if __name__ == "__main__":
    print(describe(bench_fleet(int(sys.argv[1]) if len(sys.argv) > 1 else DESKTOPS)))
