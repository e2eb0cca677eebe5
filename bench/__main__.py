"""`make bench`: run every benchmark and write docs/PERFORMANCE.md.

Benchmarks measure; they do not pass or fail the build (`make test` checks behaviour).
Each figure is written with its target and whether it was met.
"""

from __future__ import annotations

import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.app_benches import bench_check_command, bench_idle_tray
from bench.engine_benches import bench_bytes, bench_cycle, bench_memory
from bench.fleet_benches import bench_fleet, describe
from bench.history_size import bench_history_size
from bench.hostile_benches import bench_bombs, bench_worst_parse
from bench.loopback import ROOT
from bench.memory_parts import bench_memory_parts
from bench.notify_benches import bench_native_notify
from bench.notify_benches import describe as describe_notify
from bench.relay_benches import bench_relay_scale
from bench.startup import bench_startup
from bench.tray_day import bench_tray_day
from bench.tray_launch import bench_tray_launch
from bench.tray_launch import describe as describe_launch
from bench.tray_launch import met as launch_met

OUT = ROOT / "docs" / "PERFORMANCE.md"


def machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    distro = "Linux"
    release = Path("/etc/os-release")
    if release.exists():
        for line in release.read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                distro = line.split("=", 1)[1].strip('"')
    return (
        f"{distro}, {os.cpu_count()} cores ({model}), "
        f"Python {platform.python_version()}, kernel {platform.release()}"
    )


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def _sections_written_elsewhere() -> str:
    """Sections other tools own (``## Packaging`` from ``make dist``), kept as they are."""
    if not OUT.exists():
        return ""
    old = OUT.read_text(encoding="utf-8")
    start = old.find("\n## Packaging")
    return old[start:] if start >= 0 else ""


def main() -> int:
    print("1/5 one cycle of 200 slow services …", flush=True)
    cycle = bench_cycle()
    print("2/5 idle tray app (60 s window) …", flush=True)
    idle = bench_idle_tray()
    print("3/5 memory over 1,000 cycles (takes a few minutes) …", flush=True)
    memory = bench_memory()
    print("4/5 bytes per hour, with and without conditional requests …", flush=True)
    traffic = bench_bytes()
    print("5/5 traymon check of 100 services …", flush=True)
    check = bench_check_command()
    print("hostile answers: compression bombs, the slowest 2 MB parse …", flush=True)
    bombs = bench_bombs()
    parse = bench_worst_parse()
    print("relay: 100,000 desktops polling a real nginx (about 45 s) …", flush=True)
    relay = bench_relay_scale()
    print("fleet ingest: 100,000 desktops' reports, Redis, one publisher cycle …", flush=True)
    fleet = bench_fleet()
    print("start-up of `traymon --help` and an offline `traymon check` …", flush=True)
    startup = bench_startup()
    print("history size after 90 days of 50 services every 60 s (a few minutes) …", flush=True)
    size = bench_history_size()
    print("what each part of the tray costs in memory …", flush=True)
    parts = bench_memory_parts()
    print("the first native notification, to a real dunst …", flush=True)
    notify = bench_native_notify()
    print("the tray from source, frozen and the bare PySide6 floor (builds dist/ if stale) …")
    launch = bench_tray_launch()
    print("the tray over a day of checks (288 rounds of 50 services, a few minutes) …")
    day = bench_tray_day()

    rows = [
        (
            f"1. One cycle, {cycle.services} services × {cycle.delay_s * 1000:.0f} ms, "
            f"concurrency {cycle.concurrency}",
            f"{cycle.elapsed_s:.2f} s = {cycle.ratio:.2f}× ideal ({cycle.ideal_s:.2f} s); "
            f"peak {cycle.peak_in_flight} requests in flight",
            "≤ 1.25× ideal",
            verdict(cycle.ratio <= 1.25),
        ),
        (
            f"2. Idle CPU of the tray app, {idle.services} services, between checks",
            f"{idle.cpu_percent:.3f} % of one core ({idle.cpu_s:.2f} s CPU in "
            f"{idle.window_s:.0f} s; {idle.requests_in_window} requests in the window)",
            "< 0.1 %",
            verdict(idle.cpu_percent < 0.1),
        ),
        (
            f"3. Engine memory, {memory.services} services, {memory.cycles:,} cycles "
            "(fake clock, history on disk)",
            f"RSS {memory.rss_warm_mb:.1f} MB after cycle 20 → {memory.rss_end_mb:.1f} MB "
            f"(growth {memory.growth_mb:+.1f} MB); open files {memory.fds_warm} → "
            f"{memory.fds_end}; {memory.requests:,} requests in {memory.elapsed_s:.0f} s",
            "growth < 5 MB, no fd growth",
            verdict(memory.growth_mb < 5 and memory.fds_end <= memory.fds_warm),
        ),
        (
            f"4. Bytes per hour, {traffic.services} Statuspage services every "
            f"{traffic.interval_s} s",
            f"{traffic.with_validators / 1024:.0f} KiB with conditional requests vs "
            f"{traffic.without_validators / 1024:.0f} KiB without = {traffic.ratio:.1%}",
            "≤ 20 %",
            verdict(traffic.ratio <= 0.20),
        ),
        (
            f"5. `traymon check`, {check.services} services × {check.delay_s * 1000:.0f} ms",
            f"{check.elapsed_s:.2f} s from start to exit (exit status {check.exit_status}; "
            f"ideal for concurrency 16: {-(-check.services // 16) * check.delay_s:.1f} s "
            "plus start-up)",
            "(foundation figure)",
            "—",
        ),
        (
            f"6. Tray app resident memory from source, {idle.services} services, after the "
            "first round, under Xvfb + trayer",
            f"{idle.rss_mb:.1f} MiB (VmRSS, Qt included)",
            "≤ 90 MiB",
            verdict(idle.rss_mb <= 90),
        ),
        (
            f"7. `traymon check` against compression bombs, {bombs.services} services "
            f"(gzip, gzip-in-gzip, deflate; {bombs.decoded_mb_each:,} MB decoded each)",
            f"peak RSS {bombs.peak_rss_mb:.0f} MB (VmHWM); {bombs.refused} of {bombs.services} "
            f"refused as too large; {bombs.elapsed_s:.1f} s",
            "< 150 MB",
            verdict(bombs.peak_rss_mb < 150 and bombs.refused == bombs.services),
        ),
        (
            "8. The slowest parse of any hostile 2 MB body, every parser (bench/parse_bodies.py)",
            f"{parse.wall_s * 1000:.0f} ms wall, {parse.cpu_s * 1000:.0f} ms CPU "
            f"({parse.parser}, {parse.case}, {parse.body_bytes / 1e6:.1f} MB); "
            f"{parse.raised} raised",
            "< 0.5 s",
            verdict(parse.wall_s < 0.5 and parse.raised == 0),
        ),
        (
            f"9. Company relay, {relay.desktops:,} desktops polling every 60 s through a real "
            f"nginx ({relay.rate:.0f} requests/s, {relay.not_modified_share:.0%} answered 304)",
            f"p50 {relay.p50_ms:.2f} ms, p99 {relay.p99_ms:.2f} ms, {relay.errors} errors; "
            f"nginx {relay.nginx_cpu_percent:.1f} % of a core; declaration seen "
            f"{relay.declare_to_seen_s:.1f} s after `declare` (every desktop within "
            f"{relay.bound_s:.0f} s: + 60 s poll + 30 s max-age); relay "
            f"{relay.relay_cpu_percent:.2f} % of a core, {relay.publish_cpu_ms:.0f} ms CPU "
            f"per publish of {relay.documents} documents",
            "p99 < 20 ms; every desktop < 120 s; relay CPU negligible",
            verdict(relay.p99_ms < 20 and relay.bound_s < 120 and relay.relay_cpu_percent < 1),
        ),
        (
            "10. Fleet ingest (`traymon relay ingest`, one process) and Redis, 100,000 desktops "
            "reporting every 60 s (`bench/fleet_benches.py`)",
            describe(fleet),
            "≥ 1,700 reports/s; p99 < 1 s (a desktop waits at most 5 s)",
            verdict(fleet.ceiling >= 1700 and fleet.p99_ms < 1000),
        ),
        (
            f"11. Start-up: `traymon --help`; `traymon check` of the {startup.check_services} "
            "built-in services offline (median of "
            f"{startup.runs}, load {startup.load_average:.1f})",
            f"{startup.help_median_s:.2f} s (best {startup.help_min_s:.2f}); "
            f"{startup.check_median_s:.2f} s (best {startup.check_min_s:.2f})",
            "≤ 0.3 s; ≤ 0.4 s",
            verdict(startup.help_median_s <= 0.3 and startup.check_median_s <= 0.4),
        ),
        (
            f"12. History on disk after {size.days} days, {size.services} services every "
            f"{size.interval_s} s (fake clock)",
            f"{size.file_mb + size.wal_mb:.1f} MB ({size.file_mb:.1f} MB + {size.wal_mb:.1f} MB "
            f"-wal; {size.samples:,} raw samples, {size.transitions:,} transitions); slowest "
            f"write {size.slowest_write_ms:.0f} ms, p99 {size.p99_write_ms:.1f} ms",
            "≤ 20 MB",
            verdict(size.file_mb + size.wal_mb <= 20),
        ),
        (
            "13. Tray memory by part, 50 services, xcb under Xvfb + trayer "
            "(`bench/memory_parts.py`)",
            "; ".join(f"{name} +{added:.1f}" for name, _rss, added in parts.rows())
            + f" — running tray {parts.tray_mb:.1f} MiB",
            "≤ 90 MiB",
            verdict(parts.tray_mb <= 90),
        ),
        (
            "14. The first native notification, to dunst on a private bus "
            "(`bench/notify_benches.py`)",
            describe_notify(notify),
            "≤ 16 MiB added, once; ≤ 250 ms each",
            verdict(notify.added_mb <= 16 and notify.added_later_mb < 2 and notify.each_s <= 0.25),
        ),
        (
            "15. Tray launch → icon and memory 15 s after launch (50 services): the bare "
            "PySide6 floor, from source, frozen (`bench/tray_launch.py`)",
            describe_launch(launch),
            "source ≤ 90 MiB, frozen ≤ 85 MiB; icon ≤ 1.3× floor",
            verdict(launch_met(launch)),
        ),
        (
            f"16. Tray memory over a day: {day.rounds} rounds of {day.services} services "
            "(states changing), the real Session under Xvfb (`bench/tray_day.py`)",
            f"RSS {day.rss_warm_mib:.1f} MiB after round {day.warm_round} → "
            f"{day.rss_end_mib:.1f} MiB (growth {day.growth_mib:+.1f} MiB); "
            f"{day.requests:,} requests",
            "growth < 5 MiB",
            verdict(day.growth_mib < 5),
        ),
    ]
    table = ["| benchmark | measured | target | |", "|---|---|---|---|"]
    table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    text = TEMPLATE.format(
        when=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine(),
        table="\n".join(table),
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text.rstrip("\n") + "\n" + _sections_written_elsewhere(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    print("\n".join(table))
    return 0


TEMPLATE = """# Performance

Written by `make bench` on {when}. Machine: {machine}.
Re-run `make bench` after changing the engine; the numbers below are from that run,
not edited by hand. A benchmark measures; `make test` checks behaviour.

{table}

## Method

Every server is a real HTTP server on 127.0.0.1 (`tests/servers.py`) running in its **own
process** (`bench/loopback.py`), so it never competes with the measured code for Python's
GIL. The engine measured is the real `traymon.engine.monitor.Monitor` with its real
`httpx` client; only the clock is fake where stated (`traymon.clock.FakeClock`).

1. **One cycle.** 200 services whose server sleeps 250 ms before answering a real GitHub
   summary. The Monitor starts (every service is due at start) and the time until all 200
   results are in is measured with `perf_counter`. Ideal = ⌈200 / concurrency⌉ × 250 ms,
   the best any scheduler with that many requests in flight can do.
2. **Idle CPU.** The real `traymon run` under Xvfb with the `trayer` panel (the recipe of
   `tests/tray_host.py`), 50 services on a 300 s interval. After the first round of checks
   has been answered and drawn, user + system CPU time of the process is read from
   `/proc/<pid>/stat` before and after a 60 s window with no checks due. The engine loop
   wakes every 30 s to notice sleep/resume; Qt waits on sockets (no polling timers). The
   kernel counts CPU time in ticks of 10 ms, so over 60 s the resolution is about 0.017 %:
   "0.000 %" means less than one tick was used in the whole window.
3. **Memory over 1,000 cycles.** The engine in this process with 200 services, SQLite
   history on disk, conditional requests on. A fake clock is advanced 330 s per cycle
   (interval + the largest jitter), so every service is checked once per cycle for real
   over loopback. VmRSS (`/proc/self/status`) and the number of open file descriptors
   (`/proc/self/fd`) are read after cycle 20 (warm: pools, caches and SQLite's page cache
   filled) and after cycle 1,000, each after a `gc.collect()`. This is the engine without
   Qt; the tray app's own resident memory is row 6.
4. **Bytes per hour.** 30 services serving the real GitHub summary, 300 s interval, one
   simulated hour (fake clock). The server counts every byte of every request and response
   (request line, headers, body). Run once with the server sending `ETag` and
   `Last-Modified` (the engine then sends `If-None-Match` / `If-Modified-Since` and gets
   `304`), once without. The first fetch of each page is always in full.
5. **`traymon check`.** The installed command as a person runs it, 100 services whose
   server sleeps 300 ms; wall time from start to exit, Python start-up included.
6. **Tray app memory.** VmRSS of the process of row 2 after its first round.
7. **Compression bombs.** A raw loopback server answers 15 services with bodies that
   inflate to 1 GB each: `gzip`, `gzip, gzip` (about 1 KB on the wire) and `deflate`. The
   real `check` command runs in a child that reports its own peak resident memory (VmHWM;
   `ru_maxrss` would carry the parent's over). Every answer must be refused as too large.
8. **Slowest parse.** Every hostile body of `bench/parse_bodies.py` (tag floods, huge
   numbers, thousands of incidents, components or categories), sized to 2 MB, through
   every parser on one thread; the best of three runs of the slowest case.
9. **Company relay at scale** (`bench/relay_benches.py`). The real `traymon relay` (20
   sites, MSAL against the loopback fake Graph) writes its folder; a real nginx (one
   worker, `keepalive_timeout 0`: a desktop polling a minute apart opens a new connection)
   serves it; wrk plays 100,000 desktops polling every 60 s with uniform jitter (200
   connections, each waiting a random delay, about 1,700 requests/s), 98 % with
   `If-None-Match` (a desktop keeps the ETag of the last document it got), for 30 s.
   Latency is wrk's (request sent to answer read); nginx's and the relay's CPU are read from
   `/proc/<pid>/stat` of the worker and the relay process. Half-way, `traymon relay declare
   continuity` runs (Python start-up included) and a client polling every 20 ms times when
   it first gets the new serial; a desktop sees it at most one poll interval (60 s) plus
   one cache max-age (30 s, if a CDN sits in front) later. The publish CPU is one forced
   publish (21 documents signed with Ed25519 and written atomically), `thread_time`.

**Start-up** (`bench/startup.py`): the installed console script in a fresh process, after
one warm-up run that writes the bytecode caches; offline means every request goes to a
proxy on a closed loopback port. Which modules each command may load is pinned by
`tests/test_startup_imports.py`.

**Tray launch and memory** (`bench/tray_launch.py`): the bare PySide6 tray with httpx,
truststore, keyring and platformdirs (`bench/tray_floor.py`), Traymon from source and the
frozen `dist/traymon` (built by `make dist` when missing or older than the sources) take
turns in one Xvfb + trayer desktop: launch → icon embedded in the panel (median of 5 after
a warm-up), and VmRSS / USS 15 s after launch with 50 services answered (median of 2).
Every launch has an empty home. **A day of the tray** (`bench/tray_day.py`): the real
`Session` under Xvfb, "Check now" 288 times (a day at 300 s) while a fifth of the services
at a time turns to a major outage, RSS after round 24 and at the end.

**History size** (`bench/history_size.py`): the real `History` on a file, every check its
own write; the last 48 h (what raw samples hold) at the real rate, the 88 days before at
one check per service every 20 minutes (they leave their hourly and daily roll-ups, the
same rows at any rate); three services flap every 10 minutes for the transition cap.
`TRAYMON_BENCH_FULL=1 python -m bench.history_size` writes all 90 days at 60 s.
"""


if __name__ == "__main__":
    sys.exit(main())
