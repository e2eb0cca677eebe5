"""``traymon relay``: publish, make keys, and IT's declarations from a terminal or a script.

    traymon relay [--config relay.toml] [--once]
    traymon relay keygen [--out FILE]
    traymon relay declare continuity --service exchange-online --until 14:00 --message "…"
    traymon relay announce "…" [--site NAME]
    traymon relay end ID
    traymon relay list [--json]
    traymon relay ingest [--host H] [--port P]    the fleet reports' door (traymon[relay])
    traymon relay status [--json]                 the fleet picture per site and service

Exit status: 0 done, 1 refused (a sentence says why; nothing was changed), 3 the
relay's config cannot be used. A declaration is stored first (durable), then the
documents are republished at once when this user may read the signing key; if not,
the running relay publishes it within a second (it watches the store).
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import signal
import socket
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from traymon.model import FleetSignal
from traymon.relay import declarations as decl
from traymon.relay.config import RelayConfig, RelayConfigError, default_path, load
from traymon.relay.document import Declaration, declaration_to_json, slug

# The keys (cryptography, joserfc), Graph (MSAL, httpx) and the publisher load when a
# command runs: `traymon --help` and the desktop's commands build this parser too.
if TYPE_CHECKING:
    from traymon.relay.fleet_verdict import FleetWatch
    from traymon.relay.graph import GraphReader
    from traymon.relay.publisher import RelayClock

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_CONFIG = 3
log = logging.getLogger("traymon.relay")
Handler = Callable[[argparse.Namespace], int]
FleetHook = Callable[[tuple[FleetSignal, ...]], None]


def add_relay_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    relay = commands.add_parser(
        "relay",
        help="the company relay: publish signed status documents, IT's declarations",
        description="Without a command: read the tenant's service health and IT's "
        "declarations, and write signed documents for every desktop (see docs/deploy-relay.md).",
    )
    _config_option(relay, None)
    relay.add_argument("--once", action="store_true", help="one cycle, then exit")
    relay.set_defaults(handler=_run)
    sub = relay.add_subparsers(title="relay commands", metavar="COMMAND")

    keygen = sub.add_parser("keygen", help="make the signing key pair")
    _config_option(keygen)
    keygen.add_argument("--out", type=Path, help="the private key file (default: key_file)")
    keygen.set_defaults(handler=_keygen)

    declare = sub.add_parser("declare", help="declare continuity for a service")
    _config_option(declare)
    declare.add_argument("what", choices=["continuity"], help="what is declared")
    declare.add_argument("--service", required=True, help="the service's id (exchange-online)")
    _common(declare)
    declare.add_argument("--message", default="", help="what people should know or do")
    declare.set_defaults(handler=_declare)

    announce = sub.add_parser("announce", help="an announcement for everybody or a site")
    _config_option(announce)
    announce.add_argument("message", help="the announcement")
    _common(announce)
    announce.set_defaults(handler=_announce)

    end = sub.add_parser("end", help="end a declaration before its expiry")
    _config_option(end)
    end.add_argument("id", help="its id (see `traymon relay list`)")
    end.add_argument("--by", default=None, help="who ends it (default: user@host)")
    end.set_defaults(handler=_end)

    listing = sub.add_parser("list", help="the declarations in force")
    _config_option(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument("--all", action="store_true", help="ended and expired ones too")
    listing.set_defaults(handler=_list)

    ingest = sub.add_parser("ingest", help="accept the desktops' fleet reports (an ASGI server)")
    _config_option(ingest)
    ingest.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    ingest.add_argument("--port", type=int, default=8787, help="the port (default 8787)")
    ingest.set_defaults(handler=_ingest)

    status = sub.add_parser("status", help="the fleet picture now, per site and service")
    _config_option(status)
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(handler=_status)


def _config_option(parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    parser.add_argument(
        "--config",
        dest="relay_config",
        type=Path,
        default=default,
        metavar="FILE",
        help="the relay's config (default: $TRAYMON_RELAY_CONFIG or ./relay.toml)",
    )


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--until", help="when it ends: 14:00, 4h, or an ISO time")
    parser.add_argument("--site", action="append", default=[], help="only this site (repeat)")
    parser.add_argument("--by", default=None, help="who declares it (default: user@host)")


def _config(args: argparse.Namespace) -> RelayConfig:
    return load(getattr(args, "relay_config", None) or default_path())


def _who(args: argparse.Namespace) -> str:
    return args.by or f"{getpass.getuser()}@{socket.gethostname()}"


def _guard(handler: Handler) -> Handler:
    def run(args: argparse.Namespace) -> int:
        from traymon.relay import keys

        try:
            return handler(args)
        except RelayConfigError as exc:
            print(f"The relay's configuration cannot be used: {exc}", file=sys.stderr)
            return EXIT_CONFIG
        except (decl.DeclarationError, keys.KeyFileError) as exc:
            print(f"Refused: {exc}", file=sys.stderr)
            return EXIT_REFUSED
        except OSError as exc:  # a folder or file of the config: name it
            where = exc.filename or "a file the relay needs"
            print(f"The relay could not use {where}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_REFUSED

    return run


@_guard
def _keygen(args: argparse.Namespace) -> int:
    out: Path | None = args.out
    if out is None:
        out = _config(args).key_file
    if out is None:
        print("Refused: give --out FILE or key_file in the relay config", file=sys.stderr)
        return EXIT_REFUSED
    from traymon.relay import keys

    key = keys.generate()
    public = keys.write_pair(key, out)
    print(f"Private key: {out} (mode 600; keep it on the relay only)")
    print(f"Public key:  {public}")
    print(f"Pin it on the desktops (policy): {key.public.text}")
    return EXIT_OK


def _store_and_publish(args: argparse.Namespace, made: Declaration) -> int:
    cfg = _config(args)
    now = datetime.now(UTC)
    decl.Store(cfg.state).add(made, now)
    until = made.expires_at.astimezone()
    print(f"{made.id}: {made.kind} until {until:%Y-%m-%d %H:%M %Z}, by {made.created_by}")
    _republish(cfg)
    return EXIT_OK


def _republish(cfg: RelayConfig) -> None:
    from traymon.relay import keys
    from traymon.relay.publisher import Publisher, SystemRelayClock

    try:
        key = keys.load_signing_key(cfg.key_file)
    except keys.KeyFileError as exc:
        print(f"Stored; the running relay publishes it within a second ({exc}).")
        return
    report = Publisher(cfg, key, SystemRelayClock()).publish(force=True)
    print(f"Published {len(report.written)} document(s) in {cfg.output}.")


@_guard
def _declare(args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    until = decl.parse_until(args.until, now) if args.until else None
    _warn_unknown_service(_config(args), slug(args.service))
    made = decl.make(
        "continuity",
        args.message,
        _who(args),
        now,
        until=until,
        service=slug(args.service),
        sites=tuple(args.site),
    )
    return _store_and_publish(args, made)


def _warn_unknown_service(cfg: RelayConfig, service: str) -> None:
    """A typo would declare continuity for nothing: say so (the declaration still stands)."""
    from traymon.relay.publisher import load_snapshot

    snap = load_snapshot(cfg.state)
    known = sorted({s.id for s in snap.services + snap.vendors})
    if known and service not in known:
        print(
            f"Warning: {service!r} is not among the services the relay publishes "
            f"({', '.join(known)}); desktops watching another id will not see it.",
            file=sys.stderr,
        )


@_guard
def _announce(args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    until = decl.parse_until(args.until, now) if args.until else None
    made = decl.make(
        "announcement", args.message, _who(args), now, until=until, sites=tuple(args.site)
    )
    return _store_and_publish(args, made)


@_guard
def _end(args: argparse.Namespace) -> int:
    cfg = _config(args)
    ended = decl.Store(cfg.state).end(args.id, _who(args), datetime.now(UTC))
    print(f"{ended.id}: ended")
    _republish(cfg)
    return EXIT_OK


@_guard
def _list(args: argparse.Namespace) -> int:
    cfg = _config(args)
    now = datetime.now(UTC)
    records = decl.Store(cfg.state).records()
    if not args.all:
        records = [r for r in records if r.ended_at is None and r.declaration.active(now)]
    if args.json:
        rows = [
            {
                **declaration_to_json(r.declaration),
                "ended_at": r.ended_at.isoformat() if r.ended_at else None,
                "ended_by": r.ended_by or None,
            }
            for r in records
        ]
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    if not records:
        print("No declarations in force.")
    for r in records:
        d = r.declaration
        what = f"continuity {d.service}" if d.kind == "continuity" else "announcement"
        where = f" sites {', '.join(d.sites)}" if d.sites else ""
        state = f" ended by {r.ended_by}" if r.ended_at else ""
        until = f"{d.expires_at.astimezone():%Y-%m-%d %H:%M}"
        print(f"{d.id}  {what}{where} until {until} by {d.created_by}{state}: {d.message}")
    return EXIT_OK


@_guard
def _ingest(args: argparse.Namespace) -> int:
    from traymon.relay.fleet_cli import run_ingest

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    return run_ingest(_config(args), args.host, args.port)


@_guard
def _status(args: argparse.Namespace) -> int:
    from traymon.relay.fleet_cli import status

    return status(_config(args), args.json)


@_guard
def _run(args: argparse.Namespace) -> int:
    from traymon.relay import keys
    from traymon.relay.publisher import Publisher, SystemRelayClock
    from traymon.relay.vendors import VendorReader, load_vendors

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    cfg = _config(args)
    key = keys.load_signing_key(cfg.key_file)
    clock = SystemRelayClock()
    reader = _reader(cfg, clock) if cfg.graph_enabled else None
    vendors = None
    if cfg.vendors is not None:
        vendors = VendorReader(
            load_vendors(cfg.vendors), cfg.vendors_every_seconds, clock.monotonic
        )
    fleet, on_fleet = _fleet_parts(cfg)
    publisher = Publisher(cfg, key, clock, reader, vendors, fleet, on_fleet)
    if args.once:
        report = publisher.cycle(force=True)
        for problem in report.problems:
            print(f"Warning: {problem}", file=sys.stderr)
        for path in report.written:
            print(f"wrote {path}")
        return EXIT_OK if report.written else EXIT_REFUSED
    stopping: list[bool] = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    log.info("relay for %s publishing into %s", cfg.tenant_id, cfg.output)
    publisher.run(lambda: bool(stopping))
    return EXIT_OK


def _fleet_parts(cfg: RelayConfig) -> tuple[FleetWatch | None, FleetHook | None]:
    """The fleet's counts (``[fleet]``) and, with a webhook address, who hears of verdicts."""
    if cfg.fleet is None:
        return None, None
    from traymon.relay.fleet_cli import _needs_extra
    from traymon.relay.fleet_counts import FleetStore, redis_client
    from traymon.relay.fleet_verdict import FleetWatch, Rules

    _needs_extra()
    f = cfg.fleet
    store = FleetStore(redis_client(f.redis_url, f.cluster))
    watch = FleetWatch(store, Rules(f.min_desktops, f.margin), f.every_seconds)
    url = f.webhook_url()
    if not url:
        return watch, None
    from traymon.relay.webhook import Webhook

    return watch, Webhook(url).changed


def _reader(cfg: RelayConfig, clock: RelayClock) -> GraphReader:
    g = cfg.graph
    try:
        import msal  # noqa: F401  (only to say clearly when the extra is missing)
    except ImportError as exc:
        raise RelayConfigError(
            "reading Graph needs the relay's extra: pip install 'traymon[relay]' "
            "(or set graph_enabled = false)"
        ) from exc
    from traymon.relay.graph import GraphReader, msal_token_source
    from traymon.relay.throttle import Throttle

    throttle = Throttle(per_minute=g.requests_per_minute, per_hour=g.requests_per_hour)
    return GraphReader(g, msal_token_source(g, cfg.tenant_id), throttle, clock.monotonic)
