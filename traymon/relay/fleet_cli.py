"""``traymon relay ingest`` and ``traymon relay status``: the fleet's two commands for IT.

    traymon relay ingest [--host 127.0.0.1] [--port 8787]    one ingest process (uvicorn)
    traymon relay status [--json]                            the fleet picture now

``status`` computes the picture the way the publisher does (counts, the 5-desktop
floor, the baselines) but changes nothing: it neither folds minutes into the
baselines nor starts or ends a verdict.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from traymon.model import FleetSignal
from traymon.relay.config import RelayConfig, RelayConfigError
from traymon.relay.fleet_config import FleetConfig
from traymon.relay.fleet_counts import FleetStore, redis_client
from traymon.relay.fleet_verdict import FleetWatch, Rules
from traymon.relay.publisher import load_snapshot


def fleet_of(cfg: RelayConfig) -> FleetConfig:
    if cfg.fleet is None:
        raise RelayConfigError(f"{cfg.path}: has no [fleet] table (docs/deploy-relay.md, 'Fleet')")
    return cfg.fleet


def _needs_extra() -> None:
    try:
        import redis  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise RelayConfigError(
            "the fleet needs the relay's extra: pip install 'traymon[relay]'"
        ) from exc


def run_ingest(cfg: RelayConfig, host: str, port: int) -> int:
    fleet = fleet_of(cfg)
    _needs_extra()
    if not fleet.tokens():
        raise RelayConfigError(
            f"no enrolment token: set ${fleet.token_env} (or fleet.token_file) to the token "
            "policy gives the desktops (fleet.token)"
        )
    from traymon.relay.ingest import serve

    serve(fleet, host, port)
    return 0


class _ReadOnlyStore(FleetStore):
    def save_baselines(self, changes: dict[tuple[str, str], dict[str, str]]) -> None:
        """``status`` only looks."""


def status(cfg: RelayConfig, as_json: bool) -> int:
    fleet = fleet_of(cfg)
    _needs_extra()
    store = _ReadOnlyStore(redis_client(fleet.redis_url, fleet.cluster))
    snap = load_snapshot(cfg.state)
    admitted = {s.id for s in snap.services + snap.vendors if s.state.is_outage}
    watch = FleetWatch(store, Rules(fleet.min_desktops, fleet.margin))
    now = datetime.now(UTC)
    entries = watch.read(now, lambda service: service in admitted, 0.0)
    if watch.problem:
        print(f"The fleet's counts cannot be read: {watch.problem}", file=sys.stderr)
        return 1
    refused = store.refused()
    if as_json:
        rows = [_row(e) for e in entries]
        print(json.dumps({"at": now.isoformat(), "fleet": rows, "refused": refused}, indent=2))
        return 0
    print(_table(entries))
    if refused:
        print("Refused reports: " + ", ".join(f"{k} {v}" for k, v in sorted(refused.items())))
    return 0


def _row(e: FleetSignal) -> dict[str, object]:
    return {
        "site": e.site,
        "service": e.service,
        "desktops": e.desktops,
        "failing_share": e.failing_share,
        "outage": e.outage,
        "since": e.since.isoformat() if e.since else None,
        "vendor_admits": e.vendor_admits,
    }


def _table(entries: Sequence[FleetSignal]) -> str:
    if not entries:
        return "No site has 5 or more desktops reporting in the last 2 minutes."
    lines = [f"{'site':12} {'service':24} {'desktops':>8} {'failing':>8}  verdict"]
    for e in entries:
        if e.outage:
            since = f" since {e.since.astimezone():%H:%M}" if e.since else ""
            vendor = "vendor reports it" if e.vendor_admits else "vendor silent"
            verdict = f"OUTAGE{since} ({vendor})"
        else:
            verdict = "usual"
        lines.append(
            f"{e.site:12} {e.service:24} {e.desktops:>8} {e.failing_share:>8.0%}  {verdict}"
        )
    return "\n".join(lines)
