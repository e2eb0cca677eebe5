"""History in SQLite: samples, transitions, the 90-day bars, pruning, and damaged files."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from traymon.engine.events import TransitionEvent
from traymon.engine.history import KEEP_DAYS, History
from traymon.model import CheckResult, Status, Triage

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _sample(sid: str, status: Status, at: datetime) -> CheckResult:
    return CheckResult(
        sid, sid, "statuspage", status, "words", at, triage=Triage.OK, fresh_at=at, latency_ms=5
    )


def test_worst_state_per_day_for_ninety_days(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    history.record_sample(_sample("gh", Status.OPERATIONAL, NOW - timedelta(days=2)))
    history.record_sample(_sample("gh", Status.MAJOR_OUTAGE, NOW - timedelta(days=2, hours=1)))
    history.record_sample(_sample("gh", Status.OPERATIONAL, NOW - timedelta(days=2, hours=2)))
    history.record_sample(_sample("gh", Status.UNKNOWN, NOW))
    history.record_sample(_sample("gh", Status.DEGRADED, NOW))
    history.record_sample(_sample("other", Status.MAJOR_OUTAGE, NOW))
    today = NOW.astimezone().date()
    bars = history.worst_per_day("gh", today)
    assert len(bars) == KEEP_DAYS
    assert bars[-1].day == today
    assert bars[-1].worst is Status.DEGRADED  # a known state outranks "unknown"
    two_days_ago = {b.day: b.worst for b in bars}[(NOW - timedelta(days=2)).astimezone().date()]
    assert two_days_ago is Status.MAJOR_OUTAGE
    assert bars[0].worst is None  # Traymon was not running then


def test_transitions_today_and_last_known(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    for hours, (old, new) in enumerate([(Status.OPERATIONAL, Status.MAJOR_OUTAGE),
                                        (Status.MAJOR_OUTAGE, Status.OPERATIONAL)]):  # fmt: skip
        at = NOW - timedelta(hours=5 - hours)
        history.record_transition(TransitionEvent("gh", "GitHub", old, new, Triage.VENDOR, at))
    history.record_transition(
        TransitionEvent(
            "gh", "GitHub", Status.OPERATIONAL, Status.DEGRADED, Triage.VENDOR,
            NOW - timedelta(days=1),
        )
    )  # fmt: skip
    today = history.transitions_since(NOW - timedelta(hours=12), "gh")
    assert [(e.old, e.new) for e in today] == [
        (Status.OPERATIONAL, Status.MAJOR_OUTAGE),
        (Status.MAJOR_OUTAGE, Status.OPERATIONAL),
    ]
    history.record_sample(_sample("gh", Status.DEGRADED, NOW))
    reopened = History(tmp_path / "h.sqlite3")
    last = reopened.last_known()["gh"]
    assert (last.status, last.triage, last.checked_at) == (Status.DEGRADED, Triage.OK, NOW)


def test_old_history_is_pruned(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    history.record_sample(_sample("gh", Status.MAJOR_OUTAGE, NOW - timedelta(days=KEEP_DAYS + 5)))
    history.record_sample(_sample("gh", Status.OPERATIONAL, NOW))
    history.prune(NOW)
    assert history.sample_count() == 1
    today = NOW.astimezone().date()
    assert all(b.worst is None for b in history.worst_per_day("gh", today, days=KEEP_DAYS + 10)[:9])


def test_a_damaged_file_is_moved_aside_and_history_starts_again(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"this is not a database, it is a shopping list" * 100)
    history = History(path)
    (warning,) = history.warnings
    assert "moved to h.sqlite3.corrupt-" in warning
    assert len(list(tmp_path.glob("h.sqlite3.corrupt-*"))) == 1
    history.record_sample(_sample("gh", Status.OPERATIONAL, NOW))
    assert history.sample_count() == 1


def test_a_database_damaged_inside_is_caught_too(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    history = History(path)
    for minute in range(300):
        history.record_sample(_sample("gh", Status.OPERATIONAL, NOW + timedelta(minutes=minute)))
    history.close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    for page in range(1, len(data) // 4096):  # scribble over every page header but the first
        data[page * 4096 : page * 4096 + 64] = os.urandom(64)
    path.write_bytes(bytes(data))
    again = History(path)
    assert again.warnings and "damaged" in again.warnings[0]
    again.record_sample(_sample("gh", Status.OPERATIONAL, NOW))


def test_an_unusable_path_keeps_history_in_memory_and_moves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    path.mkdir()  # a folder where the file should be: cannot be opened, is not "damaged"
    history = History(path)
    assert "kept in memory" in history.warnings[0]
    assert path.is_dir() and not list(tmp_path.glob("*.corrupt-*"))
    history.record_sample(_sample("gh", Status.OPERATIONAL, NOW))
    assert history.sample_count() == 1


def test_a_failed_write_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    history.close()
    history._db = sqlite3.connect(":memory:")  # a connection without the tables
    history.record_sample(_sample("gh", Status.OPERATIONAL, NOW))
    assert history.warnings[0].startswith("Could not write history")


def test_latest_transitions_are_newest_first_since_a_moment_and_capped(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    writer = History(path)
    changes = [(Status.OPERATIONAL, Status.MAJOR_OUTAGE), (Status.MAJOR_OUTAGE, Status.OPERATIONAL)]
    for minutes in range(0, 30 * 60, 30):  # flapping for 30 hours: a change every half hour
        old, new = changes[minutes // 30 % 2]
        at = NOW - timedelta(hours=30) + timedelta(minutes=minutes)
        writer.record_transition(TransitionEvent("gh", "GitHub", old, new, Triage.VENDOR, at))
    writer.record_transition(
        TransitionEvent("teams", "Teams", Status.UNKNOWN, Status.DEGRADED, Triage.SUSPECTED, NOW)
    )
    reader = History(path)  # the GUI's own connection to the engine's file
    since = NOW - timedelta(hours=24)
    latest = reader.latest_transitions(since)
    times = [e.at for e in latest]
    assert times == sorted(times, reverse=True) and min(times) >= since
    assert len(latest) == 48 + 1  # 24 h of half-hourly flapping (the last 48), and Teams
    newest = latest[0]
    assert (newest.service_id, newest.name, newest.old, newest.new, newest.triage, newest.at) == (
        "teams", "teams", Status.UNKNOWN, Status.DEGRADED, Triage.SUSPECTED, NOW,
    )  # fmt: skip
    capped = reader.latest_transitions(since, limit=3)
    assert capped == latest[:3]
    assert reader.latest_transitions(NOW + timedelta(seconds=1)) == []


def test_latest_transitions_read_along_the_time_index(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    plan = sqlite3.connect(tmp_path / "h.sqlite3").execute(
        "EXPLAIN QUERY PLAN SELECT service_id, at, old, new, triage FROM transitions "
        "WHERE at >= ? ORDER BY at DESC LIMIT ?",
        (NOW.timestamp(), 10),
    )
    details = " ".join(str(row[-1]) for row in plan)
    assert "USING INDEX transitions_by_time" in details and "TEMP B-TREE" not in details
    history.close()


def test_a_row_this_version_cannot_read_is_skipped_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    history = History(path)
    history.record_transition(
        TransitionEvent("gh", "GitHub", Status.OPERATIONAL, Status.DEGRADED, Triage.VENDOR, NOW)
    )
    with sqlite3.connect(path) as db:  # a state a later version might write
        db.execute("INSERT INTO transitions VALUES ('gh', ?, 'operational', 'sideways', 'vendor')",
                   (NOW.timestamp() + 1,))  # fmt: skip
    (only,) = history.latest_transitions(NOW - timedelta(hours=1))
    assert only.new is Status.DEGRADED
