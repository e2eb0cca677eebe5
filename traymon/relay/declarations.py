"""IT's declarations, durable: a store that a restart, a crash or a kill never half-writes.

The store is one JSON file in the relay's state folder, replaced atomically (temp
file, fsync, ``os.replace``) under an exclusive lock, so two commands at once never
lose each other's declaration and a kill leaves the old file or the new one. Every
declaration has an id, who made it and when, and an expiry: none lasts forever
(a default, and a maximum of ``MAX_DURATION``). Ended ones are kept until they would
have expired, so ``list`` can say who ended what.

Scripts and ticketing systems drop JSON or TOML files into ``inbox/``; each cycle
reads them (``ingest``): a good file becomes a declaration and moves to
``inbox/done/``, a bad one moves to ``inbox/refused/`` beside a ``.why.txt`` with the
sentence, and both are logged.
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
import time
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from traymon.continuity.atomic import (
    Checkpoint,
    atomic_write,
    no_checkpoint,
    remove_stale_temp_files,
)
from traymon.relay.document import Declaration, DocumentError, declaration_from_json
from traymon.relay.document import declaration_to_json as _to_json

DEFAULT_DURATION = {"continuity": timedelta(hours=4), "announcement": timedelta(hours=8)}
MAX_DURATION = timedelta(days=3)
MAX_MESSAGE = 500
MAX_DECLARATIONS = 200
STORE_NAME = "declarations.json"
log = logging.getLogger(__name__)


class DeclarationError(ValueError):
    """A declaration cannot be made; the message is the sentence to show."""


@dataclass(frozen=True, slots=True)
class Record:
    declaration: Declaration
    ended_at: datetime | None = None
    ended_by: str = ""


def parse_until(text: str, now: datetime) -> datetime:
    """``14:00`` (today, local time), ``2026-12-01T14:00+01:00``, or ``90m`` / ``4h`` / ``2d``."""
    value = text.strip()
    local_now = now.astimezone()
    if value[-1:] in ("m", "h", "d") and value[:-1].isdigit():
        unit = {"m": "minutes", "h": "hours", "d": "days"}[value[-1]]
        return now + timedelta(**{unit: int(value[:-1])})
    try:
        if len(value) <= 5 and ":" in value:
            hour, minute = (int(p) for p in value.split(":"))
            return local_now.replace(hour=hour, minute=minute, second=0, microsecond=0)
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise DeclarationError(
            f"--until {text!r} is not a time: write 14:00 (today), 4h, or 2026-12-01T14:00+01:00"
        ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=local_now.tzinfo)


def make(
    kind: str,
    message: str,
    by: str,
    now: datetime,
    *,
    until: datetime | None = None,
    service: str = "",
    sites: tuple[str, ...] = (),
) -> Declaration:
    """A checked declaration, or ``DeclarationError`` with the sentence."""
    if kind == "continuity" and not service:
        raise DeclarationError("a continuity declaration needs --service (e.g. exchange-online)")
    if len(message) > MAX_MESSAGE:
        raise DeclarationError(f"the message is longer than {MAX_MESSAGE} characters")
    if kind == "announcement" and not message.strip():
        raise DeclarationError("an announcement needs a message")
    expires = until or now + DEFAULT_DURATION[kind]
    if expires <= now:
        raise DeclarationError(
            f"it would end at {expires.astimezone():%H:%M on %d %b}, which has passed; "
            "give a later --until"
        )
    if expires - now > MAX_DURATION:
        raise DeclarationError(
            f"no declaration lasts longer than {MAX_DURATION.days} days; give an earlier "
            "--until and extend it later if needed"
        )
    for site in sites:
        if not site or not all(c.isalnum() or c in "-_" for c in site):
            raise DeclarationError(f"site {site!r} must be letters, digits, - or _")
    prefix = "c" if kind == "continuity" else "a"
    return Declaration(
        id=f"{prefix}-{secrets.token_hex(3)}",
        kind=kind,
        message=message.strip(),
        created_by=by,
        created_at=now,
        expires_at=expires,
        service=service,
        sites=tuple(sorted(set(sites))),
    )


class Store:
    def __init__(self, state: Path) -> None:
        self.folder = state
        self.path = state / STORE_NAME
        self.inbox = state / "inbox"

    def records(self) -> list[Record]:
        try:
            data = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return []
        except ValueError as exc:
            # Never written half (atomic replace): a damaged file is someone's hand edit.
            raise DeclarationError(
                f"{self.path} is damaged ({exc}); restore it from a backup or move it away"
            ) from exc
        out = []
        for raw in data.get("declarations", []) if isinstance(data, dict) else []:
            try:
                ended = raw.get("ended_at")
                out.append(
                    Record(
                        declaration_from_json(raw),
                        datetime.fromisoformat(ended) if isinstance(ended, str) else None,
                        str(raw.get("ended_by", "")),
                    )
                )
            except (DocumentError, ValueError, AttributeError) as exc:
                log.warning("skipped a damaged declaration in %s: %s", self.path, exc)
        return out

    def active(self, now: datetime) -> list[Declaration]:
        return [
            r.declaration
            for r in self.records()
            if r.ended_at is None and r.declaration.active(now)
        ]

    def add(
        self, declaration: Declaration, now: datetime, checkpoint: Checkpoint = no_checkpoint
    ) -> None:
        with self._locked():
            records = [r for r in self.records() if r.declaration.expires_at > now]
            if len(records) >= MAX_DECLARATIONS:
                raise DeclarationError(
                    f"{MAX_DECLARATIONS} declarations are in force; end some first"
                )
            self._write([*records, Record(declaration)], checkpoint)

    def end(self, ident: str, by: str, now: datetime) -> Declaration:
        with self._locked():
            records = self.records()
            for i, record in enumerate(records):
                if record.declaration.id == ident and record.ended_at is None:
                    records[i] = replace(record, ended_at=now, ended_by=by)
                    self._write(records)
                    return record.declaration
            known = ", ".join(r.declaration.id for r in records if r.ended_at is None) or "none"
            raise DeclarationError(
                f"no declaration in force has the id {ident!r} (in force: {known})"
            )

    def changed_at(self) -> float:
        """The store's and the inbox's modification times: the relay rereads when they move."""
        stamps = []
        for path in (self.path, self.inbox):
            with contextlib.suppress(OSError):
                stamps.append(path.stat().st_mtime_ns)
        return float(sum(stamps))

    def ingest(self, now: datetime) -> list[str]:
        """Turn the inbox's files into declarations; returns one line per file for the log."""
        lines: list[str] = []
        if not self.inbox.is_dir():
            return lines
        for path in sorted(self.inbox.iterdir()):
            if path.name.startswith(".") or path.suffix not in (".json", ".toml"):
                continue  # a dot file is one a script is still writing (then renames)
            if not path.is_file():
                continue
            try:
                declaration = from_request(_read_request(path), now)
                self.add(declaration, now)
            except DeclarationError as exc:
                if _still_being_written(path):
                    continue  # a script writing in place: judged once it has settled
                self._move(path, "refused", str(exc))
                lines.append(f"refused {path.name}: {exc}")
                continue
            self._move(path, "done", declaration.id)
            lines.append(f"declared {declaration.id} from {path.name}")
        return lines

    def _move(self, path: Path, where: str, note: str) -> None:
        target = self.inbox / where
        target.mkdir(exist_ok=True)
        path.replace(target / path.name)
        atomic_write(target / (path.name + ".why.txt"), (note + "\n").encode())

    def _write(self, records: list[Record], checkpoint: Checkpoint = no_checkpoint) -> None:
        data = {"declarations": [_record_json(r) for r in records]}
        atomic_write(self.path, json.dumps(data, indent=1, sort_keys=True).encode(), checkpoint)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temp_files(self.folder)
        with (self.folder / ".declarations.lock").open("a") as handle:
            try:
                import fcntl
            except ImportError:  # Windows: the relay runs on one server; no second writer
                yield
                return
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def from_request(raw: Mapping[str, Any], now: datetime) -> Declaration:
    """A drop-folder request (``kind``, ``message``, ``service``, ``until``, ``sites``, ``by``)."""
    known = {"kind", "message", "service", "until", "sites", "by"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise DeclarationError(
            f"{unknown[0]!r} is not a declaration key (known: {', '.join(sorted(known))})"
        )
    kind = raw.get("kind")
    if kind not in DEFAULT_DURATION:
        raise DeclarationError('kind must be "continuity" or "announcement"')
    until = raw.get("until")
    sites = raw.get("sites", [])
    if isinstance(sites, str):
        sites = [sites]
    if not isinstance(sites, list) or not all(isinstance(s, str) for s in sites):
        raise DeclarationError("sites must be a list of site names")
    for key in ("message", "service", "by", "until"):
        if key in raw and not isinstance(raw[key], str):
            raise DeclarationError(f"{key} must be text")
    return make(
        str(kind),
        str(raw.get("message", "")),
        str(raw.get("by") or "drop folder"),
        now,
        until=parse_until(until, now) if isinstance(until, str) else None,
        service=str(raw.get("service", "")),
        sites=tuple(sites),
    )


def _read_request(path: Path) -> Mapping[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise DeclarationError(f"it cannot be read ({exc})") from exc
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise DeclarationError(f"it is not valid {path.suffix[1:].upper()} ({exc})") from exc
    if not isinstance(data, dict):
        raise DeclarationError("it must be one table (an object) of declaration keys")
    return data


def _record_json(record: Record) -> dict[str, Any]:
    data = _to_json(record.declaration)
    if record.ended_at is not None:
        data["ended_at"] = record.ended_at.isoformat()
        data["ended_by"] = record.ended_by
    return data


#: A bad inbox file younger than this may be half-written (a script's plain write, not
#: write-then-rename): it is read again next cycle instead of being refused at once.
SETTLE_S = 2.0


def _still_being_written(path: Path) -> bool:
    try:
        age = time.time() - path.stat().st_mtime
    except OSError:
        return False
    return age < SETTLE_S
