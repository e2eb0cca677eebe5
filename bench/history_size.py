"""History's size after 90 days: 50 services checked every 60 s, on a fake timeline.

The real ``History`` writes every check (its own transaction, its roll-ups, its
pruning in batches) on a file on disk; only the time is simulated. The last
``RAW_KEEP`` (48 h) before the measurement are written at the real 60 s rate, which is
what the raw samples hold at that moment; the 88 days before it at one check per
service every ``early_interval_s`` (20 min by default), because what those days leave
behind is their roll-ups (one row per service and hour, and per day), which are the same
rows whatever the rate; ``full=True`` writes all 90 days at 60 s (6.5 million writes,
about half an hour). A few services flap all the time, so the transition cap is reached.
Also measured: the slowest single write, which includes any pruning batch.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from traymon.engine.events import TransitionEvent
from traymon.engine.history import KEEP_DAYS, RAW_KEEP, History
from traymon.model import CheckResult, Status, Triage

START = datetime(2026, 1, 1, tzinfo=UTC)
FLAPPING = 3  # services that change state every 10 minutes, all 90 days long


@dataclass(frozen=True)
class HistorySizeFigures:
    services: int
    interval_s: int
    days: int
    writes: int
    file_mb: float
    wal_mb: float
    samples: int
    transitions: int
    slowest_write_ms: float
    p99_write_ms: float
    elapsed_s: float


def _result(index: int, at: datetime, step: int) -> CheckResult:
    status = Status.OPERATIONAL
    if index < FLAPPING and (step // 10) % 2:
        status = Status.DEGRADED
    elif step % 997 == index:  # now and then an outage for everybody else
        status = Status.MAJOR_OUTAGE
    summary = "All Systems Operational" if status is Status.OPERATIONAL else "Elevated errors"
    return CheckResult(
        f"service-{index:02d}", f"Service {index}", "statuspage", status, summary, at,
        triage=Triage.OK if status is Status.OPERATIONAL else Triage.VENDOR,
        fresh_at=at, latency_ms=80 + (step * 7 + index) % 300,
    )  # fmt: skip


def bench_history_size(
    services: int = 50, interval_s: int = 60, early_interval_s: int = 1200, full: bool = False
) -> HistorySizeFigures:
    end = START + timedelta(days=KEEP_DAYS)
    dense_from = START if full else end - RAW_KEEP
    write_times: list[float] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.sqlite3"
        history = History(path)
        at, step = START, 0
        while at < end:
            for index in range(services):
                began = time.perf_counter()
                history.record_sample(_result(index, at, step))
                write_times.append(time.perf_counter() - began)
            if step % 10 == 0:  # the flapping services' transitions, every 10 minutes
                for index in range(FLAPPING):
                    old, new = (Status.OPERATIONAL, Status.DEGRADED)[:: -1 if step % 20 else 1]
                    history.record_transition(
                        TransitionEvent(f"service-{index:02d}", "", old, new, Triage.VENDOR, at)
                    )
            seconds = interval_s if at >= dense_from else early_interval_s
            at += timedelta(seconds=seconds)
            step += max(1, seconds // interval_s)
        samples = history.sample_count()
        transitions = len(history.transitions_since(START))
        wal = Path(f"{path}-wal")  # measured while open, as the disk holds it while running
        file_mb = path.stat().st_size / 2**20
        wal_mb = wal.stat().st_size / 2**20 if wal.exists() else 0.0
        history.close()
    write_times.sort()
    return HistorySizeFigures(
        services=services,
        interval_s=interval_s,
        days=KEEP_DAYS,
        writes=len(write_times),
        file_mb=file_mb,
        wal_mb=wal_mb,
        samples=samples,
        transitions=transitions,
        slowest_write_ms=write_times[-1] * 1000,
        p99_write_ms=write_times[int(len(write_times) * 0.99)] * 1000,
        elapsed_s=time.perf_counter() - started,
    )


if __name__ == "__main__":
    print(bench_history_size(full=bool(os.environ.get("TRAYMON_BENCH_FULL"))))
