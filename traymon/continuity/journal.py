"""The switch journal: what a switch changed, recorded before anything is written.

One JSON file per switched target (a Thunderbird profile, the Outlook registry, …)
in the user's data folder, plus a byte-for-byte backup of every file it changes.
The journal is always written atomically, so it is either the previous record or
the new one.
"""

from __future__ import annotations

import contextlib
import enum
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from traymon.continuity.atomic import atomic_write, remove_stale_temp_files, sha256
from traymon.continuity.errors import BusyError, JournalError, file_problem

JOURNAL_VERSION = 1


class Stage(enum.Enum):
    """How far a switch (or its restore) got.

    ``switched`` is a finished switch. ``preparing`` and ``backed_up`` are unfinished
    switches: the next command rolls them back. ``restoring`` is an unfinished restore:
    the next command finishes it. Either way no mix of old and new survives.
    """

    PREPARING = "preparing"  # old values and digests recorded; backups may be incomplete
    BACKED_UP = "backed_up"  # every backup written and checked; targets may be written
    SWITCHED = "switched"  # new state written and verified: the switch is in force
    RESTORING = "restoring"  # a restore began; some values may already be back


@dataclass(frozen=True, slots=True)
class FileRecord:
    """One file a switch replaces: its digests before and after, and its backup's name."""

    path: str
    before: str | None  # SHA-256 of the original bytes; None: the file did not exist
    after: str
    backup: str


@dataclass(frozen=True, slots=True)
class ValueRecord:
    """One setting outside files (registry value, GSettings key, Apple Mail flag).

    ``None`` means "absent", so a restore deletes what the switch created.
    """

    key: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class Transaction:
    client: str
    target: str
    stage: Stage
    summary: str
    started_at: str
    files: tuple[FileRecord, ...] = ()
    values: tuple[ValueRecord, ...] = ()
    details: dict[str, str] = field(default_factory=dict)

    def at(self, stage: Stage) -> Transaction:
        return replace(self, stage=stage)


def busy_message(what: str) -> str:
    return (
        f"Another Traymon is already switching {what} right now. "
        "Wait for it to finish, then try again."
    )


def default_journal_dir() -> Path:
    return Path(platformdirs.user_data_dir("traymon", appauthor=False)) / "continuity"


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Journal:
    """Reads and writes transaction records and their backups in one folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_journal_dir()

    def record_path(self, client: str, target: str) -> Path:
        return self.folder / f"{client}-{sha256(target.encode())[:16]}.json"

    def backup_path(self, client: str, target: str, index: int) -> Path:
        return self.folder / f"{client}-{sha256(target.encode())[:16]}.{index}.backup"

    def lock_path(self, client: str, target: str) -> Path:
        return self.folder / f"{client}-{sha256(target.encode())[:16]}.lock"

    @contextlib.contextmanager
    def exclusive(self, client: str, target: str, what: str) -> Iterator[None]:
        """Traymon's own lock on one target for a whole switch or restore.

        Taken before the mail client's own lock, so that a second Traymon is told another
        Traymon is busy rather than that the mail client is open. ``what`` names the
        target for people ("the Thunderbird profile …", "Evolution").
        """
        path = self.lock_path(client, target)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            problem, fix = file_problem(exc)
            raise JournalError(
                f"The switch journal cannot be written: {problem}; nothing was changed. "
                f"{fix}, then try again."
            ) from None
        try:
            if not _try_lock(fd):
                raise BusyError(busy_message(what))
            try:
                yield
            finally:
                _unlock(fd)
        finally:
            os.close(fd)

    def busy(self, client: str, target: str) -> bool:
        """True while another Traymon holds ``exclusive`` for this target (never creates it)."""
        try:
            fd = os.open(self.lock_path(client, target), os.O_RDWR)
        except OSError:
            return False
        try:
            if not _try_lock(fd):
                return True
            _unlock(fd)
            return False
        finally:
            os.close(fd)

    def load(self, client: str, target: str) -> Transaction | None:
        path = self.record_path(client, target)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise JournalError(
                f"The switch journal {path} cannot be read ({exc.strerror}). Check that the "
                "disk holding it is readable, then try again."
            ) from None
        return _decode(raw, path)

    def all(self) -> list[Transaction]:
        """Every recorded transaction; unreadable records are reported, not skipped silently."""
        if not self.folder.is_dir():
            return []
        return [_decode(p.read_bytes(), p) for p in sorted(self.folder.glob("*.json"))]

    def save(self, tx: Transaction) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temp_files(self.folder)
        data = json.dumps(_encode(tx), indent=2, sort_keys=True).encode() + b"\n"
        atomic_write(self.record_path(tx.client, tx.target), data)

    def forget(self, tx: Transaction) -> None:
        """Remove a finished transaction: the record first, so a crash never leaves a
        record whose backups are gone."""
        self.record_path(tx.client, tx.target).unlink(missing_ok=True)
        for index in range(len(tx.files)):
            self.backup_path(tx.client, tx.target, index).unlink(missing_ok=True)


def _encode(tx: Transaction) -> dict[str, Any]:
    data = asdict(tx)
    data["stage"] = tx.stage.value
    data["version"] = JOURNAL_VERSION
    return data


def _decode(raw: bytes, path: Path) -> Transaction:
    try:
        data = json.loads(raw)
        if data.get("version") != JOURNAL_VERSION:
            raise ValueError(f"version {data.get('version')!r}")
        return Transaction(
            client=str(data["client"]),
            target=str(data["target"]),
            stage=Stage(data["stage"]),
            summary=str(data["summary"]),
            started_at=str(data["started_at"]),
            files=tuple(FileRecord(**f) for f in data["files"]),
            values=tuple(ValueRecord(**v) for v in data["values"]),
            details={str(k): str(v) for k, v in data["details"].items()},
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise JournalError(
            f"The switch journal {path} is damaged ({exc}); it was left as it is, and the "
            "backups beside it hold the original files. Check the mail client's default "
            "account by hand, then delete that file so that Traymon can switch again."
        ) from None


# Whole-file locks that the kernel drops when the process dies (a killed Traymon never
# leaves the target locked). flock on POSIX: per open file, unlike the lockf that
# Thunderbird's own lock is tested with, so the two never interfere.
if sys.platform == "win32":  # pragma: no cover - Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
