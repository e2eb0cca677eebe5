"""Keep checking every service on its own schedule, on one asyncio loop, and say what changed.

One scheduler loop hands due jobs (a service's status source, a service's
probes, the network reference check) to tasks, so one slow vendor never delays
another; a semaphore bounds how many requests are in flight. Between checks the
loop waits on a timer (at most ``WATCH_PERIOD_S``, to notice waking from sleep),
which costs no measurable CPU.

Results carry the confirmed (noise-controlled) ``status`` and ``triage``;
``summary``, ``components`` and ``incidents`` are from the latest answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import random
import ssl
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import httpx

from traymon.clock import Clock, SystemClock
from traymon.config import NetworkConfig, NotificationConfig, ServiceConfig
from traymon.config.vendor import vendor_for
from traymon.engine.announcements import AnnouncementWatch
from traymon.engine.catchup import catch_up_notification
from traymon.engine.catchup_marks import CatchUpMarks
from traymon.engine.checker import DEFAULT_CONCURRENCY, ResponseCache, check_source
from traymon.engine.events import Notification, TransitionEvent, is_problem
from traymon.engine.fleet_report import REPORT_INTERVAL_S, FleetReportConfig, FleetReporter
from traymon.engine.focus import FocusReading
from traymon.engine.history import History
from traymon.engine.network import make_reference_client, reference_reached
from traymon.engine.noise import BATCH_WINDOW_S, AlertPolicy, Debouncer, Observed, summarise
from traymon.engine.parsing import internal_error
from traymon.engine.scheduler import Outcome, Scheduler, SleepDetector
from traymon.engine.triage import STALE_AFTER_INTERVALS, Network, triage, where
from traymon.model import CheckResult, FleetSignal, ProbeOutcome, Status, Triage
from traymon.probes.run import run_probe
from traymon.reason_english import english
from traymon.reasons import Code, Reason
from traymon.sources.http import FetchLimits, NetworkOptions, make_client, tls_context
from traymon.sources.relay import it_declared
from traymon.sources.tokens import TokenCache

ResultCallback = Callable[[CheckResult], None]
EventCallback = Callable[[TransitionEvent], None]
NotificationCallback = Callable[[Notification], None]
NetworkCallback = Callable[[Network], None]

#: The loop wakes at least this often to notice that the machine slept.
WATCH_PERIOD_S = 30.0
#: Reference checks: how often while online (skipped when a vendor answered
#: recently, which proves the same), and while offline (to notice the way back).
NETWORK_INTERVAL_S = 60.0
OFFLINE_NETWORK_INTERVAL_S = 30.0
_NETWORK_JOB = ("network", "")
_FLEET_JOB = ("fleet", "")
#: An owed catch-up waits at most this long after start for known answers.
OVERDUE_WAIT_S = 600.0
_log = logging.getLogger(__name__)


@dataclass
class _ServiceState:
    service: ServiceConfig
    debouncer: Debouncer
    latest: CheckResult | None = None
    fresh: CheckResult | None = None  # the latest answer with a known state
    fresh_mono: float | None = None
    probes: tuple[ProbeOutcome, ...] = ()
    shown: CheckResult | None = None
    confirmed_at_start: CheckResult | None = None  # from history, until a fresh answer


def _asked_differently(old: ServiceConfig, new: ServiceConfig) -> bool:
    """Whether anything but the timing and the mute changed (the answer may read differently)."""
    same_timing = dataclasses.replace(
        new, interval=old.interval, probe_interval=old.probe_interval, muted=old.muted
    )
    return same_timing != old


@dataclass
class _Batch:
    events: list[TransitionEvent] = field(default_factory=list)
    opened: float | None = None


class Monitor:
    """Checks ``services`` at start and then on their intervals until ``stop``.

    Every method but ``run`` must be called on the loop's own thread; from another
    thread use ``loop.call_soon_threadsafe``. Callbacks run on the loop's thread.
    """

    def __init__(
        self,
        services: Sequence[ServiceConfig],
        on_result: ResultCallback,
        limits: FetchLimits | None = None,
        concurrency: int = DEFAULT_CONCURRENCY,
        *,
        network: NetworkConfig | None = None,
        notifications: NotificationConfig | None = None,
        history: History | None = None,
        on_event: EventCallback | None = None,
        on_notification: NotificationCallback | None = None,
        on_network: NetworkCallback | None = None,
        clock: Clock | None = None,
        rng: random.Random | None = None,
        options: NetworkOptions | None = None,
        batch_window_s: float = BATCH_WINDOW_S,
        fleet: FleetReportConfig | None = None,
    ) -> None:
        self._services = tuple(services)
        # The fleet: this desktop's reports (policy turns them on) and the relay's picture
        # of this site, by service id (from relay results' signed documents).
        self._fleet_site = fleet.site if fleet is not None else ""
        self._fleet: FleetReporter | None = None
        if fleet is not None and fleet.enabled:
            self._fleet = FleetReporter(fleet, lambda: self._clock.wall().date())
        elif fleet is not None and fleet.report_url:
            _log.warning(
                "fleet reports are off: fleet.report_url is set, but fleet.site (letters, "
                "digits, - and _) or fleet.token is missing"
            )
        self._fleet_signals: dict[str, FleetSignal] = {}
        self._on_result = on_result
        self._limits = limits or FetchLimits()
        self._concurrency = concurrency
        self._network_config = network or NetworkConfig()
        self._options = options  # proxy and extra CAs (traymon.netconfig)
        self._tls: ssl.SSLContext | None = None  # the probes' TLS trust, made at first use
        notify = self._notify = notifications or NotificationConfig()
        self._history = history
        self._on_event = on_event
        self._on_notification = on_notification
        self._on_network = on_network
        self._clock: Clock = clock or SystemClock()
        self.alerts = AlertPolicy.from_config(notify, (s.id for s in services if s.muted))
        self._states = {
            s.id: _ServiceState(s, Debouncer(notify.down_after, notify.up_after))
            for s in self._services
        }
        self._scheduler = Scheduler(rng)
        self._cache = ResponseCache()
        self._tokens = TokenCache(self._clock)
        self._batch = _Batch()
        self._announcements = AnnouncementWatch()
        self._batch_window_s = batch_window_s
        self.network = Network.ONLINE
        self._last_reached: float | None = None
        self._wake: asyncio.Event | None = None
        self._stopped = False
        # History's marks (when the engine ran, the last catch-up told), for a restart.
        self._marks = CatchUpMarks(history, self._clock.wall) if history is not None else None
        self._started: float | None = None  # monotonic, when run began
        self._tasks: set[asyncio.Task[None]] = set()

    # -- the public API ----------------------------------------------------------

    async def run(self) -> None:
        """Check until ``stop`` is called."""
        self._wake = asyncio.Event()
        self._show_last_known()
        if self._marks is not None:
            self._marks.rebuild(
                self.alerts,
                {sid: (s.service.name, vendor_for(s.service)) for sid, s in self._states.items()},
            )
        clock = self._clock
        now = self._started = clock.monotonic()
        for service in self._services:
            self._schedule(service, now)
        # The first answers usually prove the network works; ask the references later.
        self._scheduler.add(_NETWORK_JOB, NETWORK_INTERVAL_S, now + NETWORK_INTERVAL_S / 4)
        if self._fleet is not None:  # after the first probe round
            self._scheduler.add(_FLEET_JOB, REPORT_INTERVAL_S, now + REPORT_INTERVAL_S / 2)
        detector = SleepDetector(clock.wall().timestamp(), now)
        gate = asyncio.Semaphore(self._concurrency)
        reference_timeout = self._network_config.timeout_s
        async with (
            make_client(self._limits, self._concurrency, self._options) as client,
            make_reference_client(reference_timeout, self._options) as references,
        ):
            try:
                while not self._stopped:
                    self._wake.clear()
                    now = clock.monotonic()
                    if detector.woke_up(clock.wall().timestamp(), now):
                        _log.info("the machine woke from sleep: checking everything now")
                        self._scheduler.wake_all(now)
                    for key in self._scheduler.take_due(now):
                        task = asyncio.create_task(self._run_job(key, client, references, gate))
                        self._tasks.add(task)
                        task.add_done_callback(self._tasks.discard)
                    self._flush_batch(now)
                    self._catch_up()
                    if self._marks is not None:
                        self._marks.running(now)
                    await clock.wait(self._next_wake(now) - now, self._wake)
            finally:
                for task in list(self._tasks):
                    task.cancel()
                await asyncio.gather(*self._tasks, return_exceptions=True)
                if self._marks is not None:
                    self._marks.running(None)

    def check_now(self) -> None:
        """Check every service at once, then carry on with the usual intervals."""
        self._scheduler.wake_all(self._clock.monotonic())
        if self._wake is not None:
            self._wake.set()

    def stop(self) -> None:
        self._stopped = True
        if self._wake is not None:
            self._wake.set()

    def mute(self, service_id: str, muted: bool = True) -> None:
        (self.alerts.muted.add if muted else self.alerts.muted.discard)(service_id)

    def pause(self, until: datetime | None, since: datetime | None = None) -> None:
        """Pause all notifications until ``until`` (``None`` resumes them).

        ``since``: when the pause began (a pause restored after a restart); by default now,
        or the start of the pause this one extends.
        """
        if until is None:
            self.alerts.resume()
        else:
            now = self._clock.wall()
            ongoing = self.alerts.paused_until is not None and now < self.alerts.paused_until
            began = self.alerts.paused_since if ongoing else None
            self.alerts.pause(until, since or began or now)
        self.alerts_changed()

    def alerts_changed(self) -> None:
        """The pause, quiet hours or on/off switch changed: a held-back summary may be due now."""
        if self._wake is not None:
            self._wake.set()

    def set_focus(self, focus: FocusReading) -> None:
        """The person is busy (or free again): while busy, changes wait for the catch-up;
        when focus ends the summary is due at once."""
        self.alerts.focus = focus
        self.alerts_changed()

    def hold(self, notification: Notification, focus: FocusReading) -> None:
        """The GUI did not show ``notification``: focus began before the engine knew."""
        self.alerts.hold(notification, focus)
        self.alerts_changed()

    def notify_when_back(self, service_id: str, wanted: bool = True) -> None:
        """Tell me when it's back: one notification when this service recovers (or not)."""
        (self.alerts.back_watch.add if wanted else self.alerts.back_watch.discard)(service_id)

    def not_working(self, service_id: str) -> None:
        """The person's own "It's not working for me": counted in a report sent now."""
        if self._fleet is None:
            return
        self._fleet.not_working(service_id)
        self._scheduler.wake(_FLEET_JOB, self._clock.monotonic())
        if self._wake is not None:
            self._wake.set()

    def _take_fleet(self, entries: Sequence[FleetSignal]) -> None:
        """A relay document's fleet picture: this site's entries, shown at once."""
        mine = {e.service: e for e in entries if e.site == self._fleet_site}
        if not self._fleet_site or mine == self._fleet_signals:
            return
        changed = set(mine) ^ set(self._fleet_signals)
        changed |= {k for k in mine if self._fleet_signals.get(k) != mine[k]}
        self._fleet_signals = mine
        for service_id in changed:
            state = self._states.get(service_id)
            if state is None or state.shown is None:
                continue
            # Shown again with the fleet's word, not observed again: noise control counts
            # observations, and the fleet's picture is not one of this desktop's.
            fleet = mine.get(service_id)
            shown = state.shown
            placed = where(shown.triage, fleet) if shown.triage is not None else None
            state.shown = dataclasses.replace(shown, fleet=fleet, where=placed)
            self._on_result(state.shown)

    @property
    def services(self) -> tuple[ServiceConfig, ...]:
        """What the engine checks now, in order."""
        return self._services

    def set_services(self, services: Sequence[ServiceConfig]) -> None:
        """Check ``services`` from now on, without starting over.

        A service kept keeps its history, last results, noise-control streak and place
        in any catch-up; a changed interval or probe set applies from now; a new service
        is checked at once; a removed one is forgotten (what a silence held of it too).
        """
        wanted = {s.id: s for s in services}
        now = self._clock.monotonic()
        running = self._started is not None
        for service_id in [sid for sid in self._states if sid not in wanted]:
            del self._states[service_id]
            self._scheduler.remove(("source", service_id))
            self._scheduler.remove(("probes", service_id))
        self.alerts.held.keep_only(frozenset(wanted))
        notify = self._notify
        for service in services:
            state = self._states.get(service.id)
            if state is None:
                self._states[service.id] = _ServiceState(
                    service, Debouncer(notify.down_after, notify.up_after)
                )
                if service.muted:
                    self.alerts.muted.add(service.id)
                if running:
                    self._schedule(service, now)
                continue
            old, state.service = state.service, service
            if old.muted != service.muted:
                self.mute(service.id, service.muted)
            if running:
                self._reschedule(old, service, now)
            if _asked_differently(old, service):
                # What it watches changed ("Watch only these…", another URL): a 304 must
                # not bring back the parse made with the old options, the old confirmed
                # state answered another question, and it is asked now.
                self._cache = ResponseCache()
                state.debouncer = Debouncer(notify.down_after, notify.up_after)
                if running:
                    self._scheduler.wake(("source", service.id), now)
        self._services = tuple(services)
        if self._wake is not None:
            self._wake.set()

    def _schedule(self, service: ServiceConfig, now: float) -> None:
        self._scheduler.add(("source", service.id), service.interval, now)
        if service.probes:
            self._scheduler.add(("probes", service.id), service.probe_interval, now)

    def _reschedule(self, old: ServiceConfig, new: ServiceConfig, now: float) -> None:
        if old.interval != new.interval:
            self._scheduler.reschedule(("source", new.id), new.interval, now)
        probes = ("probes", new.id)
        if not new.probes:
            self._scheduler.remove(probes)
        elif probes not in self._scheduler:
            self._scheduler.add(probes, new.probe_interval, now)
        elif old.probe_interval != new.probe_interval:
            self._scheduler.reschedule(probes, new.probe_interval, now)

    def latest(self) -> dict[str, CheckResult]:
        """What each service shows now (confirmed state and triage)."""
        return {sid: s.shown for sid, s in self._states.items() if s.shown is not None}

    # -- jobs ------------------------------------------------------------------------

    async def _run_job(
        self,
        key: Hashable,
        client: httpx.AsyncClient,
        references: httpx.AsyncClient,
        gate: asyncio.Semaphore,
    ) -> None:
        outcome = Outcome(ok=False)
        assert isinstance(key, tuple)
        kind, service_id = key
        try:
            if kind == "network":
                outcome = await self._network_job(references)
            elif kind == "fleet":
                if self._fleet is not None:  # its own deadline; never under the checks' gate
                    await self._fleet.send(client, self._clock.monotonic())
                outcome = Outcome(ok=True)
            elif service_id in self._states:  # not removed since it was due
                async with gate:
                    if kind == "source":
                        outcome = await self._source_job(self._states[service_id], client)
                    else:
                        outcome = await self._probe_job(self._states[service_id], client)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # one service's surprise must never stop the others
            _log.exception("checking %s failed unexpectedly", key)
            if kind == "source" and service_id in self._states:
                self._source_failed(self._states[service_id], exc)
        now = self._clock.monotonic()
        self._scheduler.finished(key, now, outcome)
        if self._wake is not None:
            self._wake.set()

    async def _source_job(self, state: _ServiceState, client: httpx.AsyncClient) -> Outcome:
        check = await check_source(state.service, client, self._limits, self._cache, self._tokens)
        if self._states.get(state.service.id) is not state:
            return Outcome(ok=True)  # removed from the list while it was asked: not shown
        now = self._clock.monotonic()
        if check.reached:
            self._reached(now)
        elif self.network is Network.ONLINE:
            self._suspect_offline(now)
        result = check.result
        if result.status is not Status.UNKNOWN:
            state.fresh, state.fresh_mono = result, now
        state.latest = result
        if result.fleet_document:
            self._take_fleet(result.fleet_document)
        self._update(state, now, record=True)
        if result.status is not Status.UNKNOWN:
            state.confirmed_at_start = None  # history's word is replaced by a fresh answer
        return Outcome(
            ok=result.status is not Status.UNKNOWN,
            retry_after_s=check.outcome.retry_after_s,
            confirm_soon=state.debouncer.pending,
        )

    def _source_failed(self, state: _ServiceState, exc: Exception) -> None:
        """A check that raised still ends in a result: never a silently stale last green."""
        parsed = internal_error(exc)
        service = state.service
        result = CheckResult(
            service_id=service.id,
            name=service.name,
            kind=service.kind,
            status=Status.UNKNOWN,
            summary=parsed.summary,
            checked_at=self._clock.wall(),
            error=parsed.summary,
            reason=parsed.reason,
            page_url=service.url,
            vendor=vendor_for(service),
        )
        state.latest = result
        try:
            self._update(state, self._clock.monotonic(), record=True)
        except Exception:
            _log.exception("showing the failed check of %s failed too", service.id)
            with contextlib.suppress(Exception):  # the scheduler must still hear of this job
                self._on_result(result)

    async def _probe_job(self, state: _ServiceState, client: httpx.AsyncClient) -> Outcome:
        timeout = self._limits.timeout_s
        if self._tls is None:
            self._tls = tls_context(self._options or NetworkOptions())
        probes = await asyncio.gather(
            *(run_probe(p, client, timeout, self._tls) for p in state.service.probes)
        )
        if self._states.get(state.service.id) is not state:
            return Outcome(ok=True)
        now = self._clock.monotonic()
        if any(p.reached for p in probes):
            self._reached(now)
        state.probes = tuple(probes)
        if self._fleet is not None:
            self._fleet.observe(state.service.id, state.probes)
        self._update(state, now)
        return Outcome(ok=all(p.ok for p in probes), confirm_soon=state.debouncer.pending)

    async def _network_job(self, references: httpx.AsyncClient) -> Outcome:
        now = self._clock.monotonic()
        urls = self._network_config.reference_urls
        if not urls or (self._last_reached is not None and now - self._last_reached < 60):
            self._set_network(Network.ONLINE)  # a vendor answered lately: that is proof enough
            return Outcome(ok=True)
        timeout = self._network_config.timeout_s
        answers = await asyncio.gather(*(reference_reached(references, u, timeout) for u in urls))
        if any(answers):
            self._reached(self._clock.monotonic())
        else:
            self._set_network(Network.OFFLINE)
        return Outcome(ok=True)

    # -- network -----------------------------------------------------------------

    def _reached(self, now: float) -> None:
        self._last_reached = now
        self._set_network(Network.ONLINE)

    def _suspect_offline(self, now: float) -> None:
        """A request reached nobody: ask the references now, unless something answered lately."""
        if self._last_reached is None or now - self._last_reached > 30:
            self._scheduler.wake(_NETWORK_JOB, now)

    def _set_network(self, network: Network) -> None:
        if network is self.network:
            return
        self.network = network
        now = self._clock.monotonic()
        if network is Network.ONLINE:
            self._scheduler.set_interval(_NETWORK_JOB, NETWORK_INTERVAL_S)
            self._scheduler.wake_all(now)  # back online: check everything at once
        else:
            self._scheduler.set_interval(_NETWORK_JOB, OFFLINE_NETWORK_INTERVAL_S)
        if self._on_network is not None:
            self._on_network(network)
        for state in self._states.values():
            self._update(state, now)

    # -- verdicts ----------------------------------------------------------------

    def _update(self, state: _ServiceState, now: float, record: bool = False) -> CheckResult | None:
        """Recompute what a service shows; emit it, and a transition if it changed.

        With ``record`` (a status source answered) the sample goes to history *before*
        anyone hears of it, so whoever reacts to a result finds it in history too.
        """
        seen = self._observe(state, now)
        if seen is None:
            return None
        raw, observed = seen
        previous = state.debouncer.confirmed
        confirmed = state.debouncer.observe(observed) or previous or observed
        fleet = self._fleet_signals.get(state.service.id)
        shown = dataclasses.replace(
            raw,
            status=confirmed.status,
            triage=confirmed.triage,
            fleet=fleet,
            where=where(confirmed.triage, fleet),
        )
        state.shown = shown
        if previous is not None and confirmed != previous:
            self._transition(state, previous, confirmed)
        elif previous is None:
            # The first answer: news if it differs from what history showed, or if it
            # is a problem (an outage that was already on when Traymon started).
            start = state.confirmed_at_start
            before = Observed(start.status if start else Status.UNKNOWN, Triage.STALE)
            if before.status is not confirmed.status and (
                start or is_problem(confirmed.status, confirmed.triage)
            ):
                self._transition(state, before, confirmed)
        if record and self._history is not None:
            self._history.record_sample(shown)
        self._on_result(shown)
        if record:
            self._announce(shown)
        return shown

    def _announce(self, shown: CheckResult) -> None:
        """IT's announcements (relay kind): once each, when notifications may be shown."""
        for news in self._announcements.news(shown):
            if self._on_notification is None:
                return
            now = self._clock.wall()
            if not self.alerts.may_tell(shown.service_id, now):
                return  # not marked told: it pops up after the silence, if still in force
            self._announcements.told(news, now)
            self._on_notification(news.notification)

    def _observe(self, state: _ServiceState, now: float) -> tuple[CheckResult, Observed] | None:
        latest = state.latest
        if latest is None:
            return None  # probes alone say nothing until the status source answered once
        interval = state.service.interval
        fresh = state.fresh_mono is not None and (
            now - state.fresh_mono <= STALE_AFTER_INTERVALS * interval
        )
        if latest.status is Status.UNKNOWN and fresh and state.fresh is not None:
            # Keep the last known state for a while: one failed fetch is not news.
            raw = dataclasses.replace(
                state.fresh,
                error=latest.error,
                reason=latest.reason,
                checked_at=latest.checked_at,
            )
        elif latest.status is Status.UNKNOWN and state.fresh is not None:
            stale = Reason(
                Code.NO_FRESH_ANSWER,
                since=state.fresh.checked_at,
                last_known=state.fresh.status,
                cause=latest.reason,
            )
            raw = dataclasses.replace(
                latest, summary=english(stale), reason=stale, fresh_at=state.fresh.fresh_at
            )
        else:
            raw = latest
        raw = dataclasses.replace(raw, probes=state.probes)
        verdict = triage(raw.status, state.probes, self.network, fresh or raw is latest)
        return raw, Observed(raw.status, verdict)

    def _transition(self, state: _ServiceState, old: Observed, new: Observed) -> None:
        event = TransitionEvent(
            service_id=state.service.id,
            name=state.service.name,
            old=old.status,
            new=new.status,
            triage=new.triage,
            at=self._clock.wall(),
            old_triage=old.triage,
            vendor=vendor_for(state.service),
            where=where(new.triage, self._fleet_signals.get(state.service.id)),
            declared=state.latest is not None and it_declared(state.latest),
        )
        if self._history is not None:
            self._history.record_transition(event)
        if self._on_event is not None:
            self._on_event(event)
        if self.alerts.deserves(event, event.at):
            if self._batch.opened is None:
                self._batch.opened = self._clock.monotonic()
            self._batch.events.append(event)

    # -- notifications and timing --------------------------------------------------

    def _flush_batch(self, now: float) -> None:
        opened = self._batch.opened
        if opened is None or now < opened + self._batch_window_s:
            return
        events, self._batch = self._batch.events, _Batch()
        if events and self._on_notification is not None:
            self._on_notification(summarise(events))

    def _next_wake(self, now: float) -> float:
        candidates = [now + WATCH_PERIOD_S]
        if (due := self._scheduler.next_due()) is not None:
            candidates.append(due)
        if self._batch.opened is not None:
            candidates.append(self._batch.opened + self._batch_window_s)
        wall = self._clock.wall()
        if (silence_ends := self.alerts.silence_ends(wall)) is not None:
            candidates.append(now + (silence_ends - wall).total_seconds())
        return max(min(candidates), now)

    def _catch_up(self) -> None:
        """After a pause or quiet hours: one summary of what is different now."""
        states = self._states
        if self.alerts.overdue and self._awaiting_answers():
            return  # owed from before Traymon started: wait until what it names has answered
        current = {
            sid: (c.status, c.triage)
            for sid, s in states.items()
            if (c := s.debouncer.confirmed) is not None
        }
        now = self._clock.wall()
        summary = self.alerts.catch_up(now, current)
        if summary is not None and self._marks is not None:
            self._marks.told(now)
        if summary is not None and self._on_notification is not None:
            self._on_notification(catch_up_notification(summary))

    def _awaiting_answers(self) -> bool:
        """Some service an owed catch-up names has no known state yet (offline at start,
        say), and ``OVERDUE_WAIT_S`` have not passed: "state unknown" is a poor catch-up."""
        if self._started is None or self._clock.monotonic() - self._started >= OVERDUE_WAIT_S:
            return False
        held = self.alerts.held
        return any(s.fresh is None for sid, s in self._states.items() if sid in held)

    def _show_last_known(self) -> None:
        """At start, show what history knew at once, marked stale until fresh answers come."""
        if self._history is None:
            return
        known = self._history.last_known()
        for sid, state in self._states.items():
            last = known.get(sid)
            if last is None:
                continue
            result = CheckResult(
                service_id=sid,
                name=state.service.name,
                kind=state.service.kind,
                status=last.status,
                # The vendor's words as history kept them; "last known, checking now" is
                # the STALE verdict's, worded where it is shown.
                summary=last.summary,
                checked_at=last.checked_at,
                triage=Triage.STALE,
                fresh_at=last.fresh_at,
                vendor=vendor_for(state.service),
            )
            state.shown = state.confirmed_at_start = result
            self._on_result(result)
