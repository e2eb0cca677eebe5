"""The highest serial a desktop has believed, per tenant, kept across restarts.

Without it a restart would forget, and an attacker (or a stale CDN edge) could serve
a document older than one already shown. The file is tiny and bounded: one number
per tenant, at most ``MAX_TENANTS`` of them (the most recently seen are kept). A
file that cannot be read or written costs the protection across restarts only; the
failure is logged and the check goes on.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from traymon.continuity.atomic import atomic_write

MAX_TENANTS = 32
log = logging.getLogger(__name__)


class SeenSerials:
    def __init__(self, path: Path) -> None:
        self.path = path

    def highest(self, tenant: str) -> int | None:
        entry = self._read().get(tenant.casefold())
        return entry[0] if entry else None

    def record(self, tenant: str, serial: int) -> None:
        entries = self._read()
        key = tenant.casefold()
        old = entries.get(key)
        if old is not None and old[0] >= serial:
            return
        entries[key] = (serial, time.time())
        kept = sorted(entries.items(), key=lambda kv: kv[1][1], reverse=True)[:MAX_TENANTS]
        data = {k: {"serial": s, "seen": round(t)} for k, (s, t) in kept}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps(data, sort_keys=True).encode())
        except OSError as exc:
            log.warning("could not keep the relay's serial in %s: %s", self.path, exc)

    def _read(self) -> dict[str, tuple[int, float]]:
        try:
            data = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning(
                "the relay's serial file %s is unreadable (%s); starting afresh", self.path, exc
            )
            return {}
        out: dict[str, tuple[int, float]] = {}
        if isinstance(data, dict):
            for key, value in data.items():
                serial = value.get("serial") if isinstance(value, dict) else None
                seen = value.get("seen", 0) if isinstance(value, dict) else 0
                if isinstance(serial, int) and not isinstance(serial, bool):
                    out[str(key)] = (serial, float(seen) if isinstance(seen, int | float) else 0.0)
        return out


def default_store() -> SeenSerials:
    from traymon.paths import user_data_dir

    return SeenSerials(user_data_dir() / "relay-serials.json")
