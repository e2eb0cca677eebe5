"""The publisher: each cycle, IT's word and the tenant's health become signed files.

A cycle takes the inbox's requests into the store, reads Graph when it is due and
the budget allows, and writes the documents: ``tenant.jws`` for everybody, and
``sites/<name>.jws`` for each site a declaration names (or the config lists; once a
site has a document it keeps getting one, or its desktops would see it expire).
Each file is written atomically (temp, fsync, ``os.replace``), so a web server never
serves half a document. Files are rewritten only when something changed or half the
expiry has passed, so the web server's ETag stays the same between, and most polls
are ``304``. The serial comes from ``state/serial`` under a lock, and is never lower
than the clock's seconds, so a lost state folder does not send it back.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from traymon.continuity.atomic import (
    Checkpoint,
    atomic_write,
    no_checkpoint,
    remove_stale_temp_files,
)
from traymon.model import FleetSignal, Status
from traymon.relay.config import RelayConfig
from traymon.relay.declarations import DeclarationError, Store
from traymon.relay.document import (
    MAX_FLEET_ENTRIES,
    Document,
    Notice,
    ServiceState,
    iso,
    parse_iso,
)
from traymon.relay.fleet_verdict import FleetWatch, for_site, verdicts
from traymon.relay.graph import BudgetSpentError, GraphError, GraphReader
from traymon.relay.keys import SigningKey
from traymon.relay.vendors import VendorReader
from traymon.relay.verify import sign

log = logging.getLogger(__name__)
TENANT_FILE = "tenant.jws"
SITES_FOLDER = "sites"
SNAPSHOT_EVERY_S = 300.0


class RelayClock(Protocol):
    def now(self) -> datetime: ...
    def monotonic(self) -> float: ...
    def sleep(self, seconds: float) -> None: ...


class SystemRelayClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@dataclass
class Snapshot:
    """The last good Graph read, kept in ``state/health.json`` for restarts and ``declare``."""

    read_at: datetime | None = None
    services: tuple[ServiceState, ...] = ()
    notices: tuple[Notice, ...] = ()
    #: Vendors' public pages (``vendors`` in relay.toml), and when they were last read.
    vendors_read_at: datetime | None = None
    vendors: tuple[ServiceState, ...] = ()


@dataclass
class CycleReport:
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    graph_read: bool = False


class Publisher:
    def __init__(
        self,
        cfg: RelayConfig,
        key: SigningKey,
        clock: RelayClock,
        reader: GraphReader | None = None,
        vendors: VendorReader | None = None,
        fleet: FleetWatch | None = None,
        on_fleet: Callable[[tuple[FleetSignal, ...]], None] | None = None,
    ) -> None:
        self.cfg = cfg
        self.vendors = vendors
        #: The fleet's counts (Redis) and who hears of each new picture (the webhook).
        self.fleet = fleet
        self.on_fleet = on_fleet
        self.key = key
        self.clock = clock
        self.reader = reader
        self.store = Store(cfg.state)
        self.snapshot = load_snapshot(cfg.state)
        self._next_graph = 0.0
        self._next_messages = 0.0
        self._written_at: float | None = None
        self._last_content: dict[str, bytes] = {}
        self._snapshot_saved = float("-inf")

    # -- one cycle ------------------------------------------------------------------
    def cycle(self, *, force: bool = False) -> CycleReport:
        report = CycleReport()
        now = self.clock.now()
        for line in self.store.ingest(now):
            log.info("inbox: %s", line)
        if self.reader is not None and self.clock.monotonic() >= self._next_graph:
            report.graph_read = self._read_graph(report)
        if self.vendors is not None and self.vendors.due():
            states = self.vendors.read()  # never raises: a failed page is `unknown`
            self.snapshot = replace(self.snapshot, vendors_read_at=self.clock.now(), vendors=states)
            save_snapshot(self.cfg.state, self.snapshot)
        if self.fleet is not None and self.fleet.due(self.clock.monotonic()):
            entries = self.fleet.read(now, self._vendor_admits, self.clock.monotonic())
            if self.fleet.problem:
                report.problems.append(self.fleet.problem)
            if self.on_fleet is not None:
                self.on_fleet(entries)
        self.publish(report, force=force)
        return report

    def _vendor_admits(self, service: str) -> bool:
        for s in self._services(self.clock.now()):
            if s.id == service:
                return s.state not in (Status.OPERATIONAL, Status.UNKNOWN)
        return False

    def _read_graph(self, report: CycleReport) -> bool:
        assert self.reader is not None
        mono = self.clock.monotonic()
        throttle = self.reader.throttle
        try:
            services = self.reader.health()
            notices = self.snapshot.notices
            if mono >= self._next_messages and throttle.wait_s(self.clock.monotonic()) == 0:
                notices = self.reader.messages(self.clock.now())
                self._next_messages = mono + self.reader.cfg.messages_every_seconds
        except BudgetSpentError as exc:
            self._next_graph = mono + max(1.0, throttle.wait_s(mono))
            log.info("%s", exc)
            return False
        except GraphError as exc:
            if exc.retry_after is not None:
                throttle.retry_after(mono, exc.retry_after)
                wait = exc.retry_after
            else:
                wait = throttle.failed(mono)
            self._next_graph = mono + max(wait, 1.0)
            report.problems.append(f"{exc}; next try in {wait:.0f} s")
            log.warning("%s; next try in %.0f s", exc, wait)
            return False
        throttle.succeeded()
        self._next_graph = mono + self.reader.cfg.poll_seconds
        old = self.snapshot
        self.snapshot = replace(old, read_at=self.clock.now(), services=services, notices=notices)
        # Kept for restarts and `declare`: written when it changed, and now and then so a
        # restart knows how fresh it is (not on every read: each write is an fsync).
        same = (old.services, old.notices) == (services, notices)
        if not same or mono - self._snapshot_saved >= SNAPSHOT_EVERY_S:
            save_snapshot(self.cfg.state, self.snapshot)
            self._snapshot_saved = mono
        return True

    # -- the documents ---------------------------------------------------------------
    def publish(
        self,
        report: CycleReport | None = None,
        *,
        force: bool = False,
        checkpoint: Checkpoint = no_checkpoint,
    ) -> CycleReport:
        """Write every document whose content changed, or all when a refresh is due."""
        report = report or CycleReport()
        now = self.clock.now()
        declarations = self.store.active(now)
        services = self._services(now)
        fleet = self.fleet.last if self.fleet is not None else ()
        sites = (
            set(self.cfg.sites) | {s for d in declarations for s in d.sites} | self._known_sites()
        ) | {e.site for e in fleet}  # a site the fleet knows gets its own document
        wanted: dict[str, tuple[Document, Path]] = {}
        base = Document(
            tenant=self.cfg.tenant_id,
            issued_at=now,
            expires_at=now + timedelta(minutes=self.cfg.expiry_minutes),
            serial=0,
            services=services,
            notices=self.snapshot.notices,
        )
        wanted[""] = (
            # The tenant's document: every site's verdicts only (a few), so it stays small
            # however many sites there are; each site's document has its whole picture.
            replace(
                base,
                declarations=tuple(d for d in declarations if not d.sites),
                fleet=verdicts(fleet)[:MAX_FLEET_ENTRIES],
            ),
            self.cfg.output / TENANT_FILE,
        )
        for site in sorted(sites):
            chosen = tuple(d for d in declarations if d.for_site(site))
            wanted[site] = (
                replace(
                    base,
                    site=site,
                    declarations=chosen,
                    fleet=for_site(fleet, site)[:MAX_FLEET_ENTRIES],
                ),
                self.cfg.output / SITES_FOLDER / f"{site}.jws",
            )
        # What a desktop would act on, without the times and serial: unchanged content
        # between refreshes leaves the files (and the web server's ETag) alone.
        content = {k: _content(doc) for k, (doc, _) in wanted.items()}
        mono = self.clock.monotonic()
        refresh_s = self.cfg.expiry_minutes * 60 / 2
        due = force or self._written_at is None or mono - self._written_at >= refresh_s
        if not due and content == self._last_content:
            return report
        with self._serial_lock():
            serial = self._next_serial(now)
            for doc, path in wanted.values():
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(path, sign(replace(doc, serial=serial), self.key), checkpoint)
                _readable_by_all(path)
                report.written.append(path)
        self._written_at = mono
        self._last_content = content
        return report

    def _services(self, now: datetime) -> tuple[ServiceState, ...]:
        return self._graph_services(now) + self._vendor_services(now)

    def _vendor_services(self, now: datetime) -> tuple[ServiceState, ...]:
        read_at = self.snapshot.vendors_read_at
        fresh = timedelta(minutes=self.cfg.stale_after_minutes)
        if read_at is None or now - read_at <= fresh:
            return self.snapshot.vendors
        why = f"the company relay has not read this status page since {read_at.astimezone():%H:%M}"
        return tuple(replace(s, state=Status.UNKNOWN, title=why) for s in self.snapshot.vendors)

    def _graph_services(self, now: datetime) -> tuple[ServiceState, ...]:
        read_at = self.snapshot.read_at
        if self.reader is None and not self.cfg.graph_enabled:
            return self.snapshot.services
        if read_at is not None and now - read_at <= timedelta(minutes=self.cfg.stale_after_minutes):
            return self.snapshot.services
        since = f"since {read_at.astimezone():%H:%M}" if read_at else "yet"
        why = f"the company relay has not been able to read Microsoft's service health {since}"
        return tuple(replace(s, state=Status.UNKNOWN, title=why) for s in self.snapshot.services)

    def _known_sites(self) -> set[str]:
        folder = self.cfg.output / SITES_FOLDER
        return {p.stem for p in folder.glob("*.jws")} if folder.is_dir() else set()

    def _next_serial(self, now: datetime) -> int:
        path = self.cfg.state / "serial"
        try:
            last = int(path.read_text(encoding="ascii").strip() or 0)
        except FileNotFoundError:
            last = 0
        except ValueError:
            log.warning("%s is damaged; the serial continues from the clock", path)
            last = 0
        serial = max(last + 1, int(now.timestamp()))
        atomic_write(path, f"{serial}\n".encode())  # before any document carries it
        return serial

    @contextlib.contextmanager
    def _serial_lock(self) -> Iterator[None]:
        self.cfg.state.mkdir(parents=True, exist_ok=True)
        self.cfg.output.mkdir(parents=True, exist_ok=True)
        remove_stale_temp_files(self.cfg.output)
        with (self.cfg.state / ".publish.lock").open("a") as handle:
            try:
                import fcntl
            except ImportError:
                yield
                return
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    # -- the long run ------------------------------------------------------------------
    def run(self, stop: Callable[[], bool], tick_s: float = 1.0) -> None:
        """Cycle until ``stop()``: the store is looked at every tick, Graph when due."""
        stamp: float | None = None
        while not stop():
            changed = self.store.changed_at()
            force = stamp is not None and changed != stamp
            stamp = changed
            due = self.reader is not None and self.clock.monotonic() >= self._next_graph
            due = due or (self.vendors is not None and self.vendors.due())
            due = due or (self.fleet is not None and self.fleet.due(self.clock.monotonic()))
            if force or due or self._refresh_due():
                try:
                    self.cycle(force=force)
                except (OSError, DeclarationError) as exc:
                    # A full disk or a hand-damaged store must not stop the relay, nor may it
                    # publish without IT's declarations: say why, keep the last documents
                    # (they expire, and desktops then say so), and try again next tick.
                    log.error("could not publish: %s", exc)
                stamp = self.store.changed_at()
            self.clock.sleep(tick_s)

    def _refresh_due(self) -> bool:
        if self._written_at is None:
            return True
        return self.clock.monotonic() - self._written_at >= self.cfg.expiry_minutes * 60 / 2


def _readable_by_all(path: Path) -> None:
    # A new file is created 0600 (mkstemp); the web server's user must read it.
    if path.stat().st_mode & 0o777 != 0o644:
        path.chmod(0o644)


def _content(doc: Document) -> bytes:
    from traymon.relay.document import to_json

    stable = replace(
        doc, issued_at=datetime(2000, 1, 1, tzinfo=UTC), expires_at=datetime(2000, 1, 1, tzinfo=UTC)
    )
    return to_json(stable)


def load_snapshot(state: Path) -> Snapshot:
    path = state / "health.json"
    try:
        data = json.loads(path.read_bytes())
        notices = tuple(Notice(n["id"], n["title"], tuple(n["services"])) for n in data["notices"])
        return Snapshot(
            _time_from(data.get("read_at")),
            tuple(_state_from(s) for s in data["services"]),
            notices,
            _time_from(data.get("vendors_read_at")),
            tuple(_state_from(s) for s in data.get("vendors", [])),
        )
    except FileNotFoundError:
        return Snapshot()
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("%s is damaged (%s); waiting for the next Graph read", path, exc)
        return Snapshot()


def save_snapshot(state: Path, snap: Snapshot) -> None:
    state.mkdir(parents=True, exist_ok=True)
    data = {
        "read_at": iso(snap.read_at) if snap.read_at else "",
        "services": [_state_json(s) for s in snap.services],
        "notices": [
            {"id": n.id, "title": n.title, "services": list(n.services)} for n in snap.notices
        ],
        "vendors_read_at": iso(snap.vendors_read_at) if snap.vendors_read_at else "",
        "vendors": [_state_json(s) for s in snap.vendors],
    }
    atomic_write(state / "health.json", json.dumps(data, indent=1).encode())


def _time_from(value: object) -> datetime | None:
    return parse_iso(value) if isinstance(value, str) and value else None


def _state_from(s: dict[str, str]) -> ServiceState:
    return ServiceState(
        s["id"],
        s["name"],
        Status(s["state"]),
        s["title"],
        s["impact"],
        s["latest_update"],
        s["vendor"],
    )


def _state_json(s: ServiceState) -> dict[str, str]:
    return {
        "id": s.id,
        "name": s.name,
        "state": s.state.value,
        "title": s.title,
        "impact": s.impact,
        "latest_update": s.latest_update,
        "vendor": s.vendor,
    }
