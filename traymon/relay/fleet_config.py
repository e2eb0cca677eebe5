"""relay.toml's ``[fleet]`` table: Redis, the enrolment token, the rules, the webhook.

    [fleet]
    redis_url = "redis://127.0.0.1:6379/0"      # or unix:///run/redis/redis.sock
    cluster = false                             # true: a Redis Cluster (any node's URL)
    token_env = "TRAYMON_FLEET_TOKEN"           # the enrolment token(s) policy gives desktops
    min_desktops = 5                            # nothing is published below this
    margin = 0.10                               # a verdict: share above the usual by this much
    webhook_env = "TRAYMON_FLEET_WEBHOOK"       # Teams / Slack incoming webhook (a secret URL)

Secrets (the token, the webhook's address) come from the environment or a file, never
from relay.toml itself. Without a ``[fleet]`` table there is no fleet at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from traymon.relay.config import RelayConfigError, _bool, _int, _no_unknown, _path, _str

#: Never below 5: a share of fewer desktops could single a person out.
MIN_DESKTOPS_FLOOR = 5


@dataclass(frozen=True, slots=True)
class FleetConfig:
    redis_url: str = "redis://127.0.0.1:6379/0"
    cluster: bool = False
    token_env: str = "TRAYMON_FLEET_TOKEN"
    token_file: Path | None = None
    min_desktops: int = MIN_DESKTOPS_FLOOR
    #: How far above the site's usual share (for this hour) a verdict must be, and at
    #: least twice the usual: one bad Wi-Fi in a big office is not an outage.
    margin_percent: int = 10
    #: How often the long-running relay reads the counts.
    every_seconds: int = 15
    webhook_env: str = "TRAYMON_FLEET_WEBHOOK"
    webhook_file: Path | None = None
    per_desktop_per_minute: int = 6
    #: Per source address: a whole office may sit behind one NAT address.
    per_address_per_minute: int = 20000
    #: Load balancers whose X-Forwarded-For is believed (uvicorn's forwarded_allow_ips).
    trusted_proxies: tuple[str, ...] = ()

    @property
    def margin(self) -> float:
        return self.margin_percent / 100

    def tokens(self) -> tuple[str, ...]:
        """The accepted enrolment tokens (comma-separated: two while rotating)."""
        text = os.environ.get(self.token_env, "")
        if self.token_file is not None:
            try:
                text = self.token_file.read_text(encoding="utf-8")
            except OSError as exc:
                raise RelayConfigError(f"fleet.token_file: cannot be read ({exc})") from exc
        return tuple(t.strip() for t in text.split(",") if t.strip())

    def webhook_url(self) -> str:
        if self.webhook_file is not None:
            try:
                return self.webhook_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise RelayConfigError(f"fleet.webhook_file: cannot be read ({exc})") from exc
        return os.environ.get(self.webhook_env, "").strip()


def parse_fleet(data: object, path: Path) -> FleetConfig | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise RelayConfigError(f"{path}: [fleet] must be a table")
    raw: dict[str, Any] = data
    _no_unknown(raw, set(FleetConfig.__dataclass_fields__), path, "fleet.")
    d = FleetConfig()
    base = path.parent
    proxies = raw.get("trusted_proxies", [])
    if not isinstance(proxies, list) or not all(isinstance(p, str) for p in proxies):
        raise RelayConfigError(f"{path}: fleet.trusted_proxies must be a list of addresses")
    where = "fleet."
    return FleetConfig(
        redis_url=_str(raw, "redis_url", path, default=d.redis_url, where=where),
        cluster=_bool(raw, "cluster", False, path),
        token_env=_str(raw, "token_env", path, default=d.token_env, where=where),
        token_file=_path(raw, "token_file", path, base, where=where),
        min_desktops=_int(raw, "min_desktops", 5, path, MIN_DESKTOPS_FLOOR, 10000, where),
        margin_percent=_int(raw, "margin_percent", 10, path, 1, 90, where),
        every_seconds=_int(raw, "every_seconds", 15, path, 5, 600, where),
        webhook_env=_str(raw, "webhook_env", path, default=d.webhook_env, where=where),
        webhook_file=_path(raw, "webhook_file", path, base, where=where),
        per_desktop_per_minute=_int(raw, "per_desktop_per_minute", 6, path, 1, 600, where),
        per_address_per_minute=_int(
            raw, "per_address_per_minute", 20000, path, 1, 10_000_000, where
        ),
        trusted_proxies=tuple(proxies),
    )
