"""This desktop's fleet report: after the probe rounds, one small request to the company's ingest.

Off unless policy turns it on (``fleet.report_url``, ``fleet.site``, ``fleet.token``).
Each report says, per probed service, only ``ok`` or the coarse class of the failure
(``traymon.relay.fleet_schema``: dns, connect, tls, http, slow, user, other): no user
name, host name, address, URL or error text leaves the desktop, and the desktop's id
is a random value drawn again each day (in memory only). A person's own "It's not
working for me" counts as a failure of class ``user`` in the next report, which is
sent at once.

Reports never block or slow the desktop: they are sent from the engine's loop with a
short deadline, at most ``MAX_QUEUED`` wait (the oldest dropped), and when the ingest
cannot be reached the queue is dropped and sending pauses for ``PAUSE_AFTER_FAILURE_S``.
"""

from __future__ import annotations

import logging
import secrets
from collections import deque
from collections.abc import Callable, Sequence
from datetime import date, datetime

import httpx

from traymon.config.schema import FleetReportConfig
from traymon.model import ProbeOutcome
from traymon.reasons import Code
from traymon.relay.fleet_schema import OK, Report, to_json, valid_name

__all__ = ["FleetReportConfig", "FleetReporter", "failure_class", "outcome"]

log = logging.getLogger(__name__)
REPORT_INTERVAL_S = 60.0
MAX_QUEUED = 4
SEND_TIMEOUT_S = 5.0
PAUSE_AFTER_FAILURE_S = 300.0


def failure_class(probe: ProbeOutcome) -> str:
    """The coarse class of a failed probe, from its reason's code (the words are never sent)."""
    return _CLASSES.get(probe.reason.code, "other") if probe.reason is not None else "other"


_CLASSES: dict[Code, str] = {
    Code.DNS: "dns",
    **{c: "tls" for c in Code if c.name.startswith(("TLS_", "STARTTLS"))},
    Code.NOT_TLS: "tls",
    Code.HANDSHAKE_TIMEOUT: "tls",
    Code.SLOW: "slow",
    **dict.fromkeys(
        (Code.HTTP_STATUS, Code.MISSING_TEXT, Code.BAD_HTTP, Code.CLOSED_EARLY), "http"
    ),
    **dict.fromkeys(
        (
            Code.REFUSED, Code.RESET, Code.UNREACHABLE, Code.CONNECT, Code.TIMEOUT,
            Code.BROKE_OFF,
        ),
        "connect",
    ),
}  # fmt: skip


def outcome(probes: Sequence[ProbeOutcome]) -> str:
    failed = next((p for p in probes if not p.ok), None)
    return OK if failed is None else failure_class(failed)


class FleetReporter:
    """Collects the probe rounds' outcomes and sends one report per interval."""

    def __init__(
        self,
        cfg: FleetReportConfig,
        today: Callable[[], date],
        draw: Callable[[int], str] = secrets.token_urlsafe,
    ) -> None:
        self.cfg = cfg
        self._today = today
        self._draw = draw
        self._day: date | None = None
        self._id = ""
        self._outcomes: dict[str, str] = {}
        self._user: set[str] = set()
        self.queue: deque[bytes] = deque(maxlen=MAX_QUEUED)
        self._paused_until = float("-inf")
        self.sent = 0
        self.dropped = 0

    @property
    def desktop_id(self) -> str:
        day = self._today()
        if day != self._day:  # a new day, a new id: yesterday's reports cannot be linked
            self._day, self._id = day, self._draw(16)
        return self._id

    def observe(self, service_id: str, probes: Sequence[ProbeOutcome]) -> None:
        if probes and valid_name(service_id):
            self._outcomes[service_id] = outcome(probes)

    def not_working(self, service_id: str) -> None:
        if valid_name(service_id):
            self._user.add(service_id)

    def build(self) -> bytes | None:
        services = dict(self._outcomes)
        for service_id in self._user:
            if services.get(service_id, OK) == OK:
                services[service_id] = "user"
        self._user.clear()
        if not services:
            return None
        report = Report(self.desktop_id, self.cfg.site, tuple(sorted(services.items()))[:64])
        return to_json(report)

    async def send(self, client: httpx.AsyncClient, mono: float) -> None:
        """Never raises, and never waits longer than ``SEND_TIMEOUT_S`` per request."""
        body = self.build()
        if body is None:
            return
        if mono < self._paused_until:
            self.dropped += 1  # a late report would count in the wrong minute: dropped
            return
        if len(self.queue) == self.queue.maxlen:
            self.dropped += 1
        self.queue.append(body)
        headers = {"authorization": f"Bearer {self.cfg.token}", "content-type": "application/json"}
        while self.queue:
            try:
                answer = await client.post(
                    self.cfg.report_url,
                    content=self.queue[0],
                    headers=headers,
                    timeout=SEND_TIMEOUT_S,
                )
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                log.info("fleet report not sent (%s); trying again later", type(exc).__name__)
                self._drop(mono)
                return
            self.queue.popleft()
            if answer.status_code >= 500 or answer.status_code == 429:
                self._drop(mono)
                return
            if answer.status_code >= 300:
                log.warning("the fleet ingest refused a report (HTTP %d)", answer.status_code)
            else:
                self.sent += 1

    def _drop(self, mono: float) -> None:
        self.dropped += len(self.queue)
        self.queue.clear()
        self._paused_until = mono + PAUSE_AFTER_FAILURE_S


def today_of(wall: Callable[[], datetime]) -> Callable[[], date]:
    return lambda: wall().date()
