"""``relay.toml``: where the relay reads, signs and writes, read with sentences for people.

    tenant_id = "contoso.onmicrosoft.com"
    output = "/var/lib/traymon-relay/www"      # what nginx or the CDN serves
    state = "/var/lib/traymon-relay/state"     # declarations, the serial, the last health read
    key_file = "/etc/traymon-relay/signing.key"  # or $TRAYMON_RELAY_SIGNING_KEY
    expiry_minutes = 10

    [graph]
    client_id = "…"
    credential = "secret"          # secret | certificate | managed-identity
    secret_env = "TRAYMON_RELAY_CLIENT_SECRET"

Relative paths are relative to the config file's folder.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from traymon.relay.fleet_config import FleetConfig

CONFIG_ENV = "TRAYMON_RELAY_CONFIG"
CREDENTIALS = ("secret", "certificate", "managed-identity")


class RelayConfigError(ValueError):
    """The relay's config cannot be used; the message says where and what to do."""


@dataclass(frozen=True, slots=True)
class GraphConfig:
    client_id: str = ""
    credential: str = "secret"
    secret_env: str = "TRAYMON_RELAY_CLIENT_SECRET"
    secret_file: Path | None = None
    certificate_file: Path | None = None
    #: Managed identity: a user-assigned identity's client id ("" for the system one).
    managed_identity_client_id: str = ""
    authority: str = "https://login.microsoftonline.com"
    url: str = "https://graph.microsoft.com"
    ca_bundle: Path | None = None
    poll_seconds: float = 60.0
    messages_every_seconds: float = 900.0
    requests_per_minute: int = 4
    requests_per_hour: int = 120
    timeout_seconds: float = 20.0


@dataclass(frozen=True, slots=True)
class RelayConfig:
    path: Path
    tenant_id: str
    output: Path
    state: Path
    key_file: Path | None
    expiry_minutes: int = 10
    #: Documents name the services unknown when Graph has not answered for this long.
    stale_after_minutes: int = 15
    #: Graph disabled: publish IT's declarations only (the demo without credentials too).
    graph_enabled: bool = True
    #: Sites whose document is always published (others only while a declaration names them).
    sites: tuple[str, ...] = ()
    #: A file of ``[[services]]`` (vendors' public pages) the relay reads for everybody.
    vendors: Path | None = None
    vendors_every_seconds: int = 120
    graph: GraphConfig = GraphConfig()
    #: The fleet's counts (``[fleet]``, traymon.relay.fleet_config); None: no fleet.
    fleet: FleetConfig | None = None


def default_path() -> Path:
    return Path(os.environ.get(CONFIG_ENV) or "relay.toml")


def load(path: Path) -> RelayConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RelayConfigError(
            f"{path}: no such file; write one (docs/deploy-relay.md) or pass --config"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise RelayConfigError(f"{path}: cannot be read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RelayConfigError(f"{path}: is not valid TOML ({exc})") from exc
    return parse(data, path)


def parse(data: dict[str, Any], path: Path) -> RelayConfig:
    base = path.parent
    known = {
        "tenant_id", "output", "state", "key_file", "expiry_minutes", "stale_after_minutes",
        "graph_enabled", "graph", "sites", "vendors", "vendors_every_seconds", "fleet",
    }  # fmt: skip
    _no_unknown(data, known, path, "")
    tenant = _str(data, "tenant_id", path, required=True)
    output = _path(data, "output", path, base, required=True) or base
    state = _path(data, "state", path, base, required=True) or base
    raw_graph = data.get("graph", {})
    if not isinstance(raw_graph, dict):
        raise RelayConfigError(f"{path}: [graph] must be a table")
    graph = _graph(raw_graph, path, base)
    enabled = _bool(data, "graph_enabled", True, path)
    if enabled and not graph.client_id and graph.credential != "managed-identity":
        raise RelayConfigError(
            f"{path}: graph.client_id is missing (the app registration's client id), "
            "or set graph_enabled = false to publish IT's declarations only"
        )
    return RelayConfig(
        path=path,
        tenant_id=tenant,
        output=output,
        state=state,
        key_file=_path(data, "key_file", path, base),
        expiry_minutes=_int(data, "expiry_minutes", _default("expiry_minutes"), path, 1, 24 * 60),
        stale_after_minutes=_int(
            data, "stale_after_minutes", _default("stale_after_minutes"), path, 1, 24 * 60
        ),
        graph_enabled=enabled,
        sites=_sites(data, path),
        vendors=_path(data, "vendors", path, base),
        vendors_every_seconds=_int(
            data, "vendors_every_seconds", _default("vendors_every_seconds"), path, 30, 3600
        ),
        graph=graph,
        fleet=_fleet(data.get("fleet"), path),
    )


def _fleet(data: object, path: Path) -> FleetConfig | None:
    from traymon.relay.fleet_config import parse_fleet  # it uses this module's readers

    return parse_fleet(data, path)


def _sites(data: dict[str, Any], path: Path) -> tuple[str, ...]:
    value = data.get("sites", [])
    if not isinstance(value, list) or not all(
        isinstance(s, str) and s and all(c.isalnum() or c in "-_" for c in s) for s in value
    ):
        raise RelayConfigError(f"{path}: sites must be a list of names (letters, digits, - or _)")
    return tuple(value)


def _default(name: str) -> int:
    """A ``RelayConfig`` field's default: declared once, on the dataclass."""
    value = RelayConfig.__dataclass_fields__[name].default
    assert isinstance(value, int)
    return value


def _graph(data: dict[str, Any], path: Path, base: Path) -> GraphConfig:
    known = {f for f in GraphConfig.__dataclass_fields__}
    _no_unknown(data, known, path, "graph.")
    credential = _str(data, "credential", path, default="secret", where="graph.")
    if credential not in CREDENTIALS:
        raise RelayConfigError(
            f"{path}: graph.credential must be one of {', '.join(CREDENTIALS)} (got {credential!r})"
        )
    d = GraphConfig()
    return GraphConfig(
        client_id=_str(data, "client_id", path, default="", where="graph."),
        credential=credential,
        secret_env=_str(data, "secret_env", path, default=d.secret_env, where="graph."),
        secret_file=_path(data, "secret_file", path, base, where="graph."),
        certificate_file=_path(data, "certificate_file", path, base, where="graph."),
        managed_identity_client_id=_str(
            data, "managed_identity_client_id", path, default="", where="graph."
        ),
        authority=_str(data, "authority", path, default=d.authority, where="graph.").rstrip("/"),
        url=_str(data, "url", path, default=d.url, where="graph.").rstrip("/"),
        ca_bundle=_path(data, "ca_bundle", path, base, where="graph."),
        poll_seconds=float(
            _int(data, "poll_seconds", int(d.poll_seconds), path, 30, 3600, "graph.")
        ),
        messages_every_seconds=float(
            _int(
                data,
                "messages_every_seconds",
                int(d.messages_every_seconds),
                path,
                60,
                86400,
                "graph.",
            )
        ),
        requests_per_minute=_int(
            data, "requests_per_minute", d.requests_per_minute, path, 1, 200, "graph."
        ),
        requests_per_hour=_int(
            data, "requests_per_hour", d.requests_per_hour, path, 1, 700, "graph."
        ),
        timeout_seconds=float(
            _int(data, "timeout_seconds", int(d.timeout_seconds), path, 1, 120, "graph.")
        ),
    )


def _no_unknown(data: dict[str, Any], known: set[str], path: Path, where: str) -> None:
    for key in data:
        if key not in known:
            raise RelayConfigError(
                f"{path}: {where}{key} is not a relay setting (known: {', '.join(sorted(known))})"
            )


def _str(
    data: dict[str, Any],
    key: str,
    path: Path,
    *,
    required: bool = False,
    default: str = "",
    where: str = "",
) -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise RelayConfigError(f"{path}: {where}{key} is missing")
        return default
    if not isinstance(value, str) or not value.strip():
        raise RelayConfigError(f"{path}: {where}{key} must be a non-empty string")
    return value.strip()


def _path(
    data: dict[str, Any],
    key: str,
    path: Path,
    base: Path,
    *,
    required: bool = False,
    where: str = "",
) -> Path | None:
    text = _str(data, key, path, required=required, where=where)
    return (base / text) if text else None


def _int(
    data: dict[str, Any], key: str, default: int, path: Path, low: int, high: int, where: str = ""
) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RelayConfigError(f"{path}: {where}{key} must be a whole number from {low} to {high}")
    return value


def _bool(data: dict[str, Any], key: str, default: bool, path: Path) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise RelayConfigError(f"{path}: {key} must be true or false")
    return value
