"""Which of IT's announcements this desktop has already told, kept across restarts.

Without it a restart would pop up every announcement still in force again. One key
per announcement (the declaration's id), with its end: an ended announcement cannot
come back, so its key is dropped a day after it ends; at most ``MAX_TOLD`` are kept
(the newest). A file that cannot be read or written costs only a repeated pop-up after
a restart; the failure is logged and the checks go on.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from pathlib import Path

from traymon.continuity.atomic import atomic_write

MAX_TOLD = 256
#: How long past its end a key is kept (clocks drift; a cached document may linger).
KEEP_AFTER_END = timedelta(days=1)
log = logging.getLogger(__name__)


class ToldAnnouncements:
    def __init__(self, path: Path) -> None:
        self.path = path

    def keys(self) -> set[str]:
        return set(self._read())

    def add(self, key: str, ends_at: datetime | None, now: datetime) -> None:
        entries = self._read()
        entries.pop(key, None)
        entries[key] = (ends_at or now + KEEP_AFTER_END).timestamp()
        horizon = (now - KEEP_AFTER_END).timestamp()
        kept = [(k, end) for k, end in entries.items() if end >= horizon][-MAX_TOLD:]
        data = [{"key": k, "ends": round(end)} for k, end in kept]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps(data).encode())
        except OSError as exc:
            log.warning("could not keep the told announcements in %s: %s", self.path, exc)

    def _read(self) -> dict[str, float]:
        """Oldest first (insertion order is the order told)."""
        try:
            data = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("the told announcements %s are unreadable (%s)", self.path, exc)
            return {}
        out: dict[str, float] = {}
        for entry in data if isinstance(data, list) else []:
            key = entry.get("key") if isinstance(entry, dict) else None
            ends = entry.get("ends") if isinstance(entry, dict) else None
            if isinstance(key, str) and isinstance(ends, int | float) and len(key) <= 512:
                out[key] = float(ends)
        return dict(list(out.items())[-MAX_TOLD:])


def default_store() -> ToldAnnouncements:
    from traymon.paths import user_data_dir

    return ToldAnnouncements(user_data_dir() / "relay-announcements-told.json")
