"""History stays small: raw samples for 48 h, hourly and daily roll-ups, capped transitions.

Small simulated volumes on a fake timeline; the 90-day size at 50 services every 60 s
is measured by ``bench/history_size.py`` (``make bench``). The migration is tested on a
file written by the history code of before the roll-ups (tests/fixtures/history/).
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from traymon.engine import history as history_module
from traymon.engine.events import TransitionEvent
from traymon.engine.history import RAW_KEEP, SCHEMA_VERSION, History
from traymon.model import CheckResult, Status, Triage

START = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
V0_FILE = FIXTURES / "history" / "v0-before-rollups.sqlite3"


def _sample(sid: str, status: Status, at: datetime, latency: int | None = 50) -> CheckResult:
    return CheckResult(
        sid, sid, "statuspage", status, "words", at, triage=Triage.OK, latency_ms=latency
    )


def _samples_between(path: Path, start: float, end: float) -> int:
    with sqlite3.connect(path) as db:
        (count,) = db.execute(
            "SELECT count(*) FROM samples WHERE at >= ? AND at < ?", (start, end)
        ).fetchone()
    return int(count)


def test_raw_samples_go_after_48_hours_and_the_hours_and_days_remain(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    # Four days of one check every 15 minutes; an outage hour on day one.
    for step in range(4 * 24 * 4):
        at = START + timedelta(minutes=15 * step)
        outage = START + timedelta(hours=10) <= at < START + timedelta(hours=11)
        status = Status.MAJOR_OUTAGE if outage else Status.OPERATIONAL
        history.record_sample(_sample("gh", status, at, latency=None if step % 2 else 100))
    end = START + timedelta(days=4)
    history.prune(end)

    assert history.sample_count() == 48 * 4  # only the last 48 h are raw
    assert _samples_between(tmp_path / "h.sqlite3", 0, (end - RAW_KEEP).timestamp()) == 0
    outage_hour, after = history.hours(
        "gh", START + timedelta(hours=10), START + timedelta(hours=12)
    )
    assert (outage_hour.start, outage_hour.worst) == (
        START + timedelta(hours=10),
        Status.MAJOR_OUTAGE,
    )
    assert (outage_hour.checks, outage_hour.problems, outage_hour.mean_latency_ms) == (4, 4, 100)
    assert (after.worst, after.problems) == (Status.OPERATIONAL, 0)
    assert len(history.hours("gh", START, end)) == 4 * 24  # every hour, raw or not
    day_one = START.astimezone().date()
    bars = {b.day: b.worst for b in history.worst_per_day("gh", end.astimezone().date())}
    assert bars[day_one] is Status.MAJOR_OUTAGE


def test_roll_ups_and_transitions_go_after_90_days(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    old = START - timedelta(days=history_module.KEEP_DAYS + 2)
    history.record_sample(_sample("gh", Status.DEGRADED, old))
    history.record_transition(
        TransitionEvent("gh", "GitHub", Status.OPERATIONAL, Status.DEGRADED, Triage.VENDOR, old)
    )
    history.record_sample(_sample("gh", Status.OPERATIONAL, START))
    history.prune(START)
    kept = history.hours("gh", old - timedelta(days=1), START + timedelta(hours=1))
    assert [h.start for h in kept] == [START]
    assert history.transitions_since(old - timedelta(days=1)) == []


def test_transitions_are_capped_per_service_keeping_the_newest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_module, "TRANSITIONS_PER_SERVICE", 10)
    history = History(tmp_path / "h.sqlite3")
    for minute in range(30):
        old, new = (Status.OPERATIONAL, Status.DEGRADED)[:: 1 if minute % 2 else -1]
        at = START + timedelta(minutes=minute)
        history.record_transition(TransitionEvent("flappy", "F", old, new, Triage.VENDOR, at))
    quiet = START + timedelta(minutes=3)
    history.record_transition(
        TransitionEvent("quiet", "Q", Status.OPERATIONAL, Status.DEGRADED, Triage.VENDOR, quiet)
    )
    history.prune(START + timedelta(hours=1))
    flappy = history.transitions_since(START, "flappy")
    assert [e.at for e in flappy] == [START + timedelta(minutes=m) for m in range(20, 30)]
    assert len(history.transitions_since(START, "quiet")) == 1  # another service's are kept


def test_pruning_takes_one_small_batch_per_write_at_most_once_an_hour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_module, "PRUNE_BATCH", 10)
    history = History(tmp_path / "h.sqlite3")
    for minute in range(45):  # all within the first hour: the first write pruned (nothing)
        history.record_sample(_sample("gh", Status.OPERATIONAL, START + timedelta(minutes=minute)))
    assert history.sample_count() == 45
    later = START + timedelta(days=3)
    counts = []
    for second in range(6):
        history.record_sample(_sample("gh", Status.OPERATIONAL, later + timedelta(seconds=second)))
        counts.append(history.sample_count())
    # Each write adds one and deletes at most a batch of 10 old ones, until none are left.
    assert counts == [36, 27, 18, 9, 5, 6]
    for minute in range(1, 30):  # within the hour, with nothing left over: no pruning
        history.record_sample(_sample("gh", Status.OPERATIONAL, later + timedelta(minutes=minute)))
    assert history.sample_count() == 6 + 29


def test_a_file_from_before_the_roll_ups_opens_migrated_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    shutil.copyfile(V0_FILE, path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (0,)
        raw = db.execute(
            "SELECT CAST(at / 3600 AS INTEGER), count(*), sum(status != 'operational') "
            "FROM samples WHERE service_id = 'github' GROUP BY 1 ORDER BY 1"
        ).fetchall()
        daily = db.execute("SELECT * FROM daily ORDER BY 1, 2").fetchall()
        transitions = db.execute("SELECT * FROM transitions ORDER BY at").fetchall()
        samples = db.execute("SELECT count(*) FROM samples").fetchone()[0]
    db.close()

    history = History(path)
    assert history.warnings == []
    assert history.sample_count() == samples  # nothing deleted by opening
    first = datetime.fromtimestamp(raw[0][0] * 3600, UTC)
    last = datetime.fromtimestamp((raw[-1][0] + 1) * 3600, UTC)
    hours = history.hours("github", first, last)
    assert [(int(h.start.timestamp()) // 3600, h.checks, h.problems) for h in hours] == raw
    assert any(h.worst is Status.MAJOR_OUTAGE for h in hours)
    assert set(history.last_known()) == {"github", "slack", "m365"}
    assert history.marked("catchup.told") is not None
    assert len(history.transitions_since(first)) == len(transitions)

    history.prune(last + timedelta(days=1))  # the old raw samples go; what they said stays
    assert history.sample_count() < samples
    assert [
        (int(h.start.timestamp()) // 3600, h.checks) for h in history.hours("github", first, last)
    ] == [(hour, checks) for hour, checks, _ in raw]
    history.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT * FROM daily ORDER BY 1, 2").fetchall() == daily
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    db.close()
    assert History(path).warnings == []  # and opens again as it is


def test_a_new_file_gives_pruned_pages_back(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    history = History(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA auto_vacuum").fetchone() == (2,)  # incremental
    db.close()
    history.close()
