"""``make fleet-demo``: "It's not just you" end to end, on simulated time.

1. a real ``redis-server`` on a free 127.0.0.1 port (no persistence);
2. the real ingest (Starlette on uvicorn) on a free loopback port, its clock simulated;
3. 2,000 simulated desktops at 4 sites (berlin 900, paris 700, madrid 397, oslo 3 —
   a quiet site), each reporting Exchange Online and Teams every 60 s over HTTP, from
   ``BEFORE_S`` before t0 so the baselines learn the usual: a bad Wi-Fi corner in Paris
   (15 desktops always failing Exchange), one desktop in Oslo always failing;
4. at t0, 300 of Berlin's desktops start failing Exchange Online (TLS);
5. the relay's publisher each 15 simulated seconds: counts, baselines, signed documents.

The last line printed is one JSON object: the verdicts in the signed tenant document at
the end, the simulated seconds from t0 to the first verdict, and how many verdicts ever
named another site or service (``false_verdicts``).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import secrets
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fleet_helpers import ingest_server, post_reports, redis_server  # noqa: E402
from traymon.model import FleetSignal, Where  # noqa: E402
from traymon.relay import keys  # noqa: E402
from traymon.relay.config import RelayConfig  # noqa: E402
from traymon.relay.document import Document, iso  # noqa: E402
from traymon.relay.fleet_config import FleetConfig  # noqa: E402
from traymon.relay.fleet_counts import FleetStore, redis_client  # noqa: E402
from traymon.relay.fleet_verdict import FleetWatch, Rules  # noqa: E402
from traymon.relay.publisher import TENANT_FILE, Publisher  # noqa: E402
from traymon.relay.verify import Refusal, verify  # noqa: E402

TENANT = "contoso.onmicrosoft.com"
TOKEN_ENV = "TRAYMON_FLEET_DEMO_TOKEN"
#: t0 on a minute boundary, a weekday morning (UTC).
T0 = 1_800_003_600.0
BEFORE_S = 180.0
AFTER_S = 150.0
STEP_S = 15.0
SITES = {"berlin": 900, "paris": 700, "madrid": 397, "oslo": 3}
SERVICES = ("exchange-online", "microsoft-teams")
OUTAGE = ("berlin", "exchange-online")


class SimClock:
    """The publisher's and the ingest's clock: simulated seconds, moved by the demo."""

    def __init__(self, t: float) -> None:
        self.t = t

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.t, UTC)

    def monotonic(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.t += seconds

    def time(self) -> float:
        return self.t


@dataclass
class Desktop:
    site: str
    id: str
    phase: float  # seconds into each minute when it reports
    always_fails: bool = False  # the bad Wi-Fi corner, the one broken PC
    in_outage: bool = False  # fails Exchange from t0


@dataclass
class Outcome:
    verdicts: list[dict[str, Any]]
    seconds_to_verdict: float | None
    false_verdicts: int
    reports: int = 0
    refused: int = 0
    document: Document | None = None
    site_documents: dict[str, bytes] = field(default_factory=dict)
    #: Each site's whole picture, from its signed document at the end.
    site_fleet: dict[str, tuple[FleetSignal, ...]] = field(default_factory=dict)
    public_key: keys.PublicKey | None = None

    def line(self) -> str:
        return json.dumps(
            {
                "verdicts": self.verdicts,
                "seconds_to_verdict": self.seconds_to_verdict,
                "false_verdicts": self.false_verdicts,
            }
        )


def desktops(sites: dict[str, int], failing: int, rng: random.Random) -> list[Desktop]:
    out = []
    for site, n in sites.items():
        corner = round(n * 0.02)  # Paris's bad Wi-Fi corner: 2 % always fail (15 of 700)
        for i in range(n):
            # The day's random id (seeded here, so the demo prints the same each run).
            day_id = base64.urlsafe_b64encode(rng.randbytes(16)).rstrip(b"=").decode()
            d = Desktop(site, day_id, rng.uniform(0, 60))
            d.in_outage = (site, "exchange-online") == OUTAGE and i < failing
            d.always_fails = (site == "paris" and i < corner) or (site == "oslo" and i == 0)
            out.append(d)
    return out


def report(d: Desktop, t: float) -> dict[str, Any]:
    failing_exchange = d.always_fails or (d.in_outage and t >= T0)
    return {
        "v": 1,
        "id": d.id,
        "site": d.site,
        "services": {
            "exchange-online": "tls" if failing_exchange else "ok",
            "microsoft-teams": "ok",
        },
    }


def play(
    folder: Path,
    *,
    sites: dict[str, int] | None = None,
    failing: int = 300,
    before_s: float = BEFORE_S,
    after_s: float = AFTER_S,
    seed: int = 16,
) -> Outcome:
    """The whole demo; ``sites`` and ``failing`` smaller for the suite's fast run."""
    sites = sites or SITES
    rng = random.Random(seed)
    fleet = desktops(sites, failing, rng)
    token = secrets.token_urlsafe(24)
    os.environ[TOKEN_ENV] = token
    clock = SimClock(T0 - before_s)
    key = keys.generate()
    with redis_server() as redis:
        fleet_cfg = FleetConfig(redis_url=redis.url, token_env=TOKEN_ENV, every_seconds=15)
        cfg = RelayConfig(
            path=folder / "relay.toml",
            tenant_id=TENANT,
            output=folder / "www",
            state=folder / "state",
            key_file=None,
            graph_enabled=False,
            sites=tuple(sites),
            fleet=fleet_cfg,
        )
        watch = FleetWatch(FleetStore(redis_client(redis.url, False)), Rules(), STEP_S)
        publisher = Publisher(cfg, key, clock, fleet=watch)
        first: float | None = None
        wrong: set[tuple[str, str]] = set()
        sent = refused = 0
        with ingest_server(fleet_cfg, clock=clock.time) as ingest:
            while clock.t < T0 + after_s:
                start = clock.t
                due = [
                    json.dumps(report(d, start)).encode()
                    for d in fleet
                    if start <= _next_report(d, start) < start + STEP_S
                ]
                codes, _ = asyncio.run(post_reports(ingest.port, token, due))
                sent += codes.get(204, 0)
                refused += sum(n for code, n in codes.items() if code != 204)
                clock.sleep(STEP_S)
                publisher.cycle()
                doc = _read(cfg, key.public, clock)
                for e in doc.fleet:
                    if not e.outage:
                        continue
                    if (e.site, e.service) == OUTAGE:
                        if first is None and clock.t >= T0:
                            first = clock.t - T0
                    else:
                        wrong.add((e.site, e.service))
        doc = _read(cfg, key.public, clock)
        site_docs = {p.stem: p.read_bytes() for p in (cfg.output / "sites").glob("*.jws")}
        pictures = {site: _read(cfg, key.public, clock, site).fleet for site in site_docs}
    verdicts = [
        {
            "site": e.site,
            "service": e.service,
            "failing_share": e.failing_share,
            "desktops": e.desktops,
            "since": iso(e.since) if e.since else None,
        }
        for e in doc.fleet
        if e.outage
    ]
    return Outcome(verdicts, first, len(wrong), sent, refused, doc, site_docs, pictures, key.public)


def desktop_says(outcome: Outcome, site: str, folder: Path) -> tuple[Where | None, str]:
    """What a desktop at ``site`` whose own Exchange probe fails shows, from its site's
    signed document (the desktop's relay kind, the engine's triage, the GUI's words)."""
    from traymon.engine.triage import where
    from traymon.gui.wording import triage_sentence
    from traymon.model import Status, Triage
    from traymon.relay.seen import SeenSerials
    from traymon.sources.relay import RelaySource
    from traymon.viewmodel import ServiceView

    assert outcome.public_key is not None
    now = datetime.fromtimestamp(T0 + AFTER_S, UTC)
    source = RelaySource(
        f"https://status.example.com/sites/{site}.jws",
        {"tenant_id": TENANT, "keys": (outcome.public_key.text,), "site": site},
        clock=lambda: now,
        seen=SeenSerials(folder / f"seen-{site}.json"),
    )
    parsed = source.parse(outcome.site_documents[site])
    signal = next((f for f in parsed.fleet if f.service == "exchange-online"), None)
    placed = where(Triage.SUSPECTED, signal)
    view = ServiceView("exchange-online", "Exchange Online", Status.OPERATIONAL,
                       Triage.SUSPECTED, "", now, where=placed)  # fmt: skip
    return placed, triage_sentence(view)


def _next_report(d: Desktop, t: float) -> float:
    """The first moment at or after ``t`` when ``d`` reports (every 60 s at its phase)."""
    minute_start = t - (t % 60)
    moment = minute_start + d.phase
    return moment if moment >= t else moment + 60


def _read(cfg: RelayConfig, public: keys.PublicKey, clock: SimClock, site: str = "") -> Document:
    path = cfg.output / (f"sites/{site}.jws" if site else TENANT_FILE)
    doc = verify(path.read_bytes(), [public], tenant=TENANT, now=clock.now(), site=site)
    if isinstance(doc, Refusal):
        raise RuntimeError(doc.sentence)
    return doc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=None, help="keep the documents here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="traymon-fleet-demo-") as scratch:
        folder = args.folder or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        outcome = play(folder)
        total = sum(SITES.values())
        print(
            f"{total} simulated desktops at {len(SITES)} sites sent {outcome.reports} reports "
            f"({outcome.refused} refused); Redis and the ingest on loopback.",
            file=sys.stderr,
        )
        for e in (e for site in sorted(outcome.site_fleet) for e in outcome.site_fleet[site]):
            state = "OUTAGE" if e.outage else "usual"
            print(
                f"  {e.site:8} {e.service:16} {e.failing_share:5.0%} of {e.desktops:4} "
                f"desktops  {state}",
                file=sys.stderr,
            )
        for site in ("berlin", "madrid"):
            _, words = desktop_says(outcome, site, folder)
            print(f"A {site} desktop whose Exchange probe fails shows: {words}", file=sys.stderr)
        print(outcome.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
