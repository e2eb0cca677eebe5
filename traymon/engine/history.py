"""History in SQLite (standard library): what each check found, kept small for 90 days.

- Raw samples (one per check) are kept for ``RAW_KEEP`` (48 h); every check also
  updates its hour's roll-up (worst state, checks, problems, latency) and its day's
  worst state, kept ``KEEP_DAYS``. ``worst_per_day`` answers the uptime bars from the
  per-day table, ``hours`` the finer view, however many checks there were.
- Transitions ("what happened") are kept ``KEEP_DAYS`` and at most
  ``TRANSITIONS_PER_SERVICE`` per service (the newest), so a flapping service stays small.
- Pruning runs at most once per ``PRUNE_EVERY`` and deletes at most ``PRUNE_BATCH`` rows
  per write, so a check never waits for a big delete (a database from before the
  roll-ups is worked off a batch at a time). 50 services every 60 s stay under 20 MB.
- The schema's version is ``PRAGMA user_version``: a file from before the roll-ups
  (version 0) is migrated in one transaction that rolls its samples up first, so
  nothing the bars or the hours show is lost.
- A corrupt or unreadable database is moved aside and recreated; the warning
  is kept in ``warnings`` for the GUI to show. History is a convenience: it must
  never stop the app, so a failed write is recorded as a warning, not raised.
- What is stored is the user's: the file (and SQLite's -wal and -shm, which take the
  database's mode) is 0600 in a 0700 folder, and error texts are redacted before they are
  written (``traymon.redact``: a sign-in endpoint may echo the client secret).
- One ``History`` per user thread (a connection is never used by two threads at
  once); the GUI opens its own on the same file to read.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import platformdirs

from traymon.engine.events import TransitionEvent
from traymon.model import CheckResult, Status, Triage
from traymon.private_files import private_file, private_folder, touch_private
from traymon.redact import redact_text

KEEP_DAYS = 90
#: Raw samples (one per check); older ones live on in the hourly and daily roll-ups.
RAW_KEEP = timedelta(hours=48)
PRUNE_EVERY = timedelta(hours=1)
#: The most rows one write deletes while pruning (a few milliseconds on a laptop).
PRUNE_BATCH = 2000
#: The newest transitions kept per service: months of a flapping service are not read.
TRANSITIONS_PER_SERVICE = 1000
SCHEMA_VERSION = 1
#: More changes than anyone reads in a window; a flapping service stays cheap to show.
LATEST_TRANSITIONS_LIMIT = 200
_SCHEMA = """
CREATE TABLE IF NOT EXISTS samples (
    service_id TEXT NOT NULL, at REAL NOT NULL, status TEXT NOT NULL, triage TEXT,
    latency_ms INTEGER, error TEXT);
CREATE INDEX IF NOT EXISTS samples_by_service ON samples (service_id, at);
CREATE TABLE IF NOT EXISTS transitions (
    service_id TEXT NOT NULL, at REAL NOT NULL, old TEXT NOT NULL, new TEXT NOT NULL,
    triage TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS transitions_by_time ON transitions (at);
CREATE TABLE IF NOT EXISTS daily (
    service_id TEXT NOT NULL, day TEXT NOT NULL, worst INTEGER NOT NULL,
    PRIMARY KEY (service_id, day)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS last_known (
    service_id TEXT PRIMARY KEY, status TEXT NOT NULL, triage TEXT, summary TEXT NOT NULL,
    fresh_at REAL, checked_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS marks (name TEXT PRIMARY KEY, at REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hourly (
    service_id TEXT NOT NULL, hour INTEGER NOT NULL, worst INTEGER NOT NULL,
    checks INTEGER NOT NULL, problems INTEGER NOT NULL, latency_ms_sum INTEGER NOT NULL,
    latency_checks INTEGER NOT NULL,
    PRIMARY KEY (service_id, hour)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS transitions_by_service ON transitions (service_id, at);
"""
#: One check into its hour (``hour`` = Unix seconds // 3600), the same on write and migration.
_HOURLY_UPSERT = """
INSERT INTO hourly VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (service_id, hour) DO UPDATE SET
    worst = max(worst, excluded.worst), checks = checks + 1,
    problems = problems + excluded.problems,
    latency_ms_sum = latency_ms_sum + excluded.latency_ms_sum,
    latency_checks = latency_checks + excluded.latency_checks
"""
#: Version 0 (samples for 90 days, no roll-ups) to 1: roll every kept sample up first.
_SEVERITY_SQL = " ".join(f"WHEN '{s.value}' THEN {s.severity}" for s in Status)
_MIGRATE_TO_1 = f"""
INSERT INTO hourly
SELECT service_id, CAST(at / 3600 AS INTEGER) AS hour,
    max(CASE status {_SEVERITY_SQL} ELSE -1 END), count(*),
    sum(status != '{Status.OPERATIONAL.value}'), coalesce(sum(latency_ms), 0),
    count(latency_ms)
FROM samples GROUP BY service_id, hour
ON CONFLICT (service_id, hour) DO NOTHING
"""
_BY_SEVERITY = {s.severity: s for s in Status}


def default_history_path() -> Path:
    return Path(platformdirs.user_data_dir("traymon", appauthor=False)) / "history.sqlite3"


@dataclass(frozen=True, slots=True)
class LastKnown:
    """What a service was last seen as, to show at start before fresh answers come."""

    service_id: str
    status: Status
    triage: Triage | None
    summary: str
    fresh_at: datetime | None
    checked_at: datetime


@dataclass(frozen=True, slots=True)
class HourState:
    """One hour of one service, from the roll-up (raw samples are gone after 48 h)."""

    start: datetime
    worst: Status
    checks: int
    #: Checks that found anything but operational.
    problems: int
    #: ``None`` when no check of that hour measured one.
    mean_latency_ms: float | None


@dataclass(frozen=True, slots=True)
class WorstOfDay:
    """One day of a service in history (the GUI's uptime bar keeps only days with a state)."""

    day: date
    #: The worst state seen that day; ``None`` when Traymon was not running.
    worst: Status | None


class History:
    def __init__(self, path: Path | None) -> None:
        """Open (or create) the database at ``path``; ``None`` keeps history in memory only."""
        self.path = path
        self.warnings: list[str] = []
        self._last_prune: datetime | None = None
        #: Pruning left rows behind (a batch was full): the next write takes another batch.
        self._prune_pending = False
        self._db = self._open()

    @classmethod
    def open_default(cls) -> History:
        return cls(default_history_path())

    def close(self) -> None:
        self._db.close()

    # -- writing ---------------------------------------------------------------

    def record_sample(self, result: CheckResult) -> None:
        at = result.checked_at
        triage = result.triage.value if result.triage else None
        error = redact_text(result.error) if result.error else result.error
        summary = redact_text(result.summary)
        with self._writing():
            self._db.execute(
                "INSERT INTO samples VALUES (?, ?, ?, ?, ?, ?)",
                (result.service_id, at.timestamp(), result.status.value, triage,
                 result.latency_ms, error),
            )  # fmt: skip
            latency = result.latency_ms
            self._db.execute(
                _HOURLY_UPSERT,
                (result.service_id, int(at.timestamp() // 3600), result.status.severity,
                 int(result.status is not Status.OPERATIONAL), latency or 0,
                 int(latency is not None)),
            )  # fmt: skip
            self._db.execute(
                "INSERT INTO daily VALUES (?, ?, ?) ON CONFLICT (service_id, day) "
                "DO UPDATE SET worst = max(worst, excluded.worst)",
                (result.service_id, _local_day(at).isoformat(), result.status.severity),
            )
            fresh = result.fresh_at.timestamp() if result.fresh_at else None
            self._db.execute(
                "INSERT OR REPLACE INTO last_known VALUES (?, ?, ?, ?, ?, ?)",
                (result.service_id, result.status.value, triage, summary, fresh,
                 at.timestamp()),
            )  # fmt: skip
        self._maybe_prune(at)

    def record_transition(self, event: TransitionEvent) -> None:
        with self._writing():
            self._db.execute(
                "INSERT INTO transitions VALUES (?, ?, ?, ?, ?)",
                (event.service_id, event.at.timestamp(), event.old.value, event.new.value,
                 event.triage.value),
            )  # fmt: skip

    def mark(self, name: str, at: datetime) -> None:
        """Remember that something happened at ``at`` (the latest catch-up told, say)."""
        with self._writing():
            self._db.execute("INSERT OR REPLACE INTO marks VALUES (?, ?)", (name, at.timestamp()))

    def marked(self, name: str) -> datetime | None:
        rows = self._read("SELECT at FROM marks WHERE name = ?", (name,))
        try:
            return datetime.fromtimestamp(float(rows[0][0]), UTC) if rows else None
        except (TypeError, ValueError, OverflowError, OSError):
            return None

    def prune(self, now: datetime) -> None:
        """Forget raw samples older than ``RAW_KEEP`` and everything older than ``KEEP_DAYS``.

        All of it, a batch at a time; the engine's writes use ``_maybe_prune`` instead,
        which does one batch per write.
        """
        while self._prune_batch(now):
            pass
        self._last_prune = now

    def _prune_batch(self, now: datetime) -> bool:
        """Delete at most ``PRUNE_BATCH`` rows from each table; whether rows are left."""
        batch = PRUNE_BATCH
        raw_cutoff = (now - RAW_KEEP).timestamp()
        cutoff = now - timedelta(days=KEEP_DAYS)
        left = False
        with self._writing():
            for query, params in (
                ("SELECT rowid FROM samples WHERE at < ?", (raw_cutoff,)),
                ("SELECT rowid FROM transitions WHERE at < ?", (cutoff.timestamp(),)),
            ):
                table = query.split()[3]
                deleted = self._db.execute(
                    f"DELETE FROM {table} WHERE rowid IN ({query} LIMIT ?)", (*params, batch)
                ).rowcount
                left = left or deleted >= batch
            hour = int(cutoff.timestamp() // 3600)
            self._db.execute("DELETE FROM hourly WHERE hour < ?", (hour,))
            self._db.execute("DELETE FROM daily WHERE day < ?", (_local_day(cutoff).isoformat(),))
            left = self._cap_transitions(batch) or left
        return left

    def _cap_transitions(self, batch: int) -> bool:
        """Keep each service's newest ``TRANSITIONS_PER_SERVICE``; whether more are left."""
        over = self._db.execute(
            "SELECT service_id FROM transitions GROUP BY service_id HAVING count(*) > ?",
            (TRANSITIONS_PER_SERVICE,),
        ).fetchall()
        left = False
        for (service_id,) in over:
            deleted = self._db.execute(
                "DELETE FROM transitions WHERE rowid IN (SELECT rowid FROM transitions "
                "WHERE service_id = ? ORDER BY at DESC LIMIT ? OFFSET ?)",
                (service_id, batch, TRANSITIONS_PER_SERVICE),
            ).rowcount
            left = left or deleted >= batch
        return left

    # -- reading ---------------------------------------------------------------

    def worst_per_day(
        self, service_id: str, today: date, days: int = KEEP_DAYS
    ) -> list[WorstOfDay]:
        """Oldest first, one entry per day ending with ``today`` (the uptime bars)."""
        first = today - timedelta(days=days - 1)
        rows = self._read(
            "SELECT day, worst FROM daily WHERE service_id = ? AND day BETWEEN ? AND ?",
            (service_id, first.isoformat(), today.isoformat()),
        )
        found = {str(day): _BY_SEVERITY.get(int(worst)) for day, worst in rows}
        span = (first + timedelta(days=i) for i in range(days))
        return [WorstOfDay(day, found.get(day.isoformat())) for day in span]

    def hours(self, service_id: str, since: datetime, until: datetime) -> list[HourState]:
        """The hours with checks in ``[since, until)``, oldest first (from the roll-up)."""
        rows = self._read(
            "SELECT hour, worst, checks, problems, latency_ms_sum, latency_checks FROM hourly "
            "WHERE service_id = ? AND hour >= ? AND hour < ? ORDER BY hour",
            (service_id, int(since.timestamp() // 3600), -(-int(until.timestamp()) // 3600)),
        )
        return [
            HourState(
                datetime.fromtimestamp(int(hour) * 3600, UTC),
                _BY_SEVERITY.get(int(worst), Status.UNKNOWN),
                int(checks),
                int(problems),
                int(total) / int(measured) if measured else None,
            )
            for hour, worst, checks, problems, total, measured in rows
        ]

    def transitions_since(
        self, since: datetime, service_id: str | None = None
    ) -> list[TransitionEvent]:
        """Transitions after ``since``, oldest first ("what happened today")."""
        query = "SELECT service_id, at, old, new, triage FROM transitions WHERE at >= ?"
        params: tuple[object, ...] = (since.timestamp(),)
        if service_id is not None:
            query += " AND service_id = ?"
            params += (service_id,)
        rows = self._read(query + " ORDER BY at", params)
        return [event for row in rows if (event := _transition(*row)) is not None]

    def last_transitions_before(self, before: datetime) -> dict[str, TransitionEvent]:
        """Each service's last transition before ``before`` (what state a silence began in)."""
        # SQLite takes the bare columns from the row that holds max(at).
        rows = self._read(
            "SELECT service_id, max(at), old, new, triage FROM transitions WHERE at < ? "
            "GROUP BY service_id",
            (before.timestamp(),),
        )
        return {e.service_id: e for row in rows if (e := _transition(*row)) is not None}

    def latest_transitions(
        self, since: datetime, limit: int = LATEST_TRANSITIONS_LIMIT
    ) -> list[TransitionEvent]:
        """At most ``limit`` transitions after ``since``, newest first ("what happened").

        One read along the ``at`` index, stopped by the limit, so a flapping service
        cannot make the window slow. ``name`` is the service id (names are the
        configuration's, not history's), and ``old_triage`` is not kept.
        """
        rows = self._read(
            "SELECT service_id, at, old, new, triage FROM transitions WHERE at >= ? "
            "ORDER BY at DESC LIMIT ?",
            (since.timestamp(), max(0, limit)),
        )
        return [event for row in rows if (event := _transition(*row)) is not None]

    def last_known(self) -> dict[str, LastKnown]:
        rows = self._read(
            "SELECT service_id, status, triage, summary, fresh_at, checked_at FROM last_known", ()
        )
        return {
            str(sid): LastKnown(
                str(sid),
                Status(status),
                Triage(triage) if triage else None,
                str(summary),
                datetime.fromtimestamp(float(fresh), UTC) if fresh is not None else None,
                datetime.fromtimestamp(float(checked), UTC),
            )
            for sid, status, triage, summary, fresh, checked in rows
        }

    def sample_count(self) -> int:
        rows = self._read("SELECT count(*) FROM samples", ())
        return int(rows[0][0]) if rows else 0

    # -- plumbing --------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._connect(":memory:")
        try:
            private_folder(self.path.parent)
            self._private(self.path)
            return self._connect(str(self.path))
        except sqlite3.DatabaseError as exc:
            if not isinstance(exc, sqlite3.OperationalError):  # damaged, not merely unopenable
                return self._set_aside(exc)
            return self._in_memory(exc)
        except OSError as exc:
            return self._in_memory(exc)

    def _in_memory(self, exc: Exception) -> sqlite3.Connection:
        self.warnings.append(
            f"The history file {self.path} cannot be used ({exc}); "
            "history is kept in memory until Traymon restarts."
        )
        return self._connect(":memory:")

    def _set_aside(self, exc: Exception) -> sqlite3.Connection:
        assert self.path is not None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            self.path.replace(aside)
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self.warnings.append(
                f"The history file was damaged ({exc}); it was moved to {aside.name} "
                "and a new one was started."
            )
            self._private(self.path)
            return self._connect(str(self.path))
        except (OSError, sqlite3.Error) as again:
            self.warnings.append(
                f"The history file {self.path} is damaged and could not be replaced ({again}); "
                "history is kept in memory until Traymon restarts."
            )
            return self._connect(":memory:")

    @staticmethod
    def _private(path: Path) -> None:
        """Create the file 0600 before SQLite does: its -wal and -shm copy the file's mode."""
        touch_private(path)
        for suffix in ("", "-wal", "-shm", "-journal"):  # an older version's 0644 ones
            private_file(Path(f"{path}{suffix}"))

    @staticmethod
    def _connect(target: str) -> sqlite3.Connection:
        # Created on one thread (the GUI's, say) and used on another (the engine's) is fine;
        # used by two threads at once is not, and the class never is.
        db = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
        try:
            # quick_check reads every page: a damaged file fails here, not later.
            (verdict,) = db.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                raise sqlite3.DatabaseError(f"integrity check: {verdict}")
            # A new file gives freed pages back to the disk after pruning (it must be set
            # before the first table); an older file keeps its pages for reuse instead.
            db.execute("PRAGMA auto_vacuum = INCREMENTAL")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            # The -wal file shrinks back to 1 MB after a checkpoint instead of keeping its peak.
            db.execute("PRAGMA journal_size_limit = 1048576")
            # The GUI's reader and the engine open the file at once: whichever comes second
            # waits for the other's migration (once per upgrade: seconds for a big old file).
            db.execute("PRAGMA busy_timeout = 120000")
            _migrate(db)
            db.execute("PRAGMA busy_timeout = 5000")
        except sqlite3.Error:
            db.close()
            raise
        return db

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        try:
            self._db.execute("BEGIN")
            yield
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            if len(self.warnings) < 20:  # a full disk must not grow memory without end
                self.warnings.append(f"Could not write history ({exc}).")

    def _read(self, query: str, params: tuple[object, ...]) -> list[tuple[Any, ...]]:
        try:
            return list(self._db.execute(query, params).fetchall())
        except sqlite3.Error as exc:
            if len(self.warnings) < 20:
                self.warnings.append(f"Could not read history ({exc}).")
            return []

    def _maybe_prune(self, now: datetime) -> None:
        """One batch, when an hour has passed or the last batch left rows behind."""
        if self._prune_pending or self._last_prune is None or now - self._last_prune >= PRUNE_EVERY:
            if not self._prune_pending:
                self._last_prune = now
            try:
                self._prune_pending = self._prune_batch(now)
                if not self._prune_pending:
                    self._db.execute("PRAGMA incremental_vacuum(500)")  # up to 2 MB back
            except sqlite3.Error as exc:  # pruning is housekeeping: the check is kept
                self._prune_pending = False
                if len(self.warnings) < 20:
                    self.warnings.append(f"Could not prune history ({exc}).")


def _migrate(db: sqlite3.Connection) -> None:
    """Create the tables, and bring an older file up to ``SCHEMA_VERSION`` keeping its data."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version >= SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")  # one migration, even when the GUI opens the file too
    try:
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if version < SCHEMA_VERSION:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(_MIGRATE_TO_1)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except sqlite3.Error:
        db.execute("ROLLBACK")
        raise


def _transition(sid: Any, at: Any, old: Any, new: Any, tri: Any) -> TransitionEvent | None:
    """A stored row as an event; ``None`` for a row this version cannot read (skipped)."""
    try:
        return TransitionEvent(
            service_id=str(sid),
            name=str(sid),
            old=Status(old),
            new=Status(new),
            triage=Triage(tri),
            at=datetime.fromtimestamp(float(at), UTC),
        )
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()
