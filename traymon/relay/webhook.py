"""Tell the helpdesk first: a fleet verdict posted to a Teams / Slack incoming webhook.

Once per change of the verdicts (one appears, one ends), never per cycle. The post is
``{"text": "…"}``, which Slack's incoming webhooks, Teams' incoming webhooks and most
chat tools take, and any other URL can read. Bounded: one sending thread, a queue of
``MAX_QUEUED`` (more are dropped with a log line), 10 s per post, no retries. Redacted:
the text names only sites, services, shares and counts (there is nothing personal to
leak), and the webhook's address — a secret, it carries the channel's token — is never
logged: only its host.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from collections.abc import Sequence
from urllib.parse import urlsplit

import httpx

from traymon.model import FleetSignal

log = logging.getLogger(__name__)
MAX_QUEUED = 8
TIMEOUT_S = 10.0


def verdict_text(started: Sequence[FleetSignal], ended: Sequence[tuple[str, str]]) -> str:
    lines = []
    for e in started:
        vendor = "the vendor reports it too" if e.vendor_admits else "the vendor is silent"
        lines.append(
            f"Traymon fleet: {e.service} is failing for {e.failing_share:.0%} of "
            f"{e.desktops} desktops at site {e.site} ({vendor})."
        )
    lines += [
        f"Traymon fleet: {service} at site {site} is back to usual." for site, service in ended
    ]
    return "\n".join(lines)


class Webhook:
    """Call ``changed(entries)`` each cycle; it posts only when the verdicts changed."""

    def __init__(self, url: str, client: httpx.Client | None = None) -> None:
        self.url = url
        self.host = urlsplit(url).hostname or "?"
        self._client = client or httpx.Client(timeout=TIMEOUT_S, follow_redirects=False)
        self._queue: queue.Queue[str | None] = queue.Queue(MAX_QUEUED)
        self._on: dict[tuple[str, str], FleetSignal] = {}
        self.sent = 0
        self.failed = 0
        self._thread = threading.Thread(target=self._send_loop, name="fleet-webhook", daemon=True)
        self._thread.start()

    def changed(self, entries: Sequence[FleetSignal]) -> None:
        now_on = {(e.site, e.service): e for e in entries if e.outage}
        started = [e for k, e in sorted(now_on.items()) if k not in self._on]
        ended = sorted(k for k in self._on if k not in now_on)
        self._on = now_on
        if not started and not ended:
            return
        try:
            self._queue.put_nowait(verdict_text(started, ended))
        except queue.Full:
            log.warning("fleet webhook to %s: too many waiting; this change is dropped", self.host)

    def close(self, timeout_s: float = 5.0) -> None:
        """Send what is queued (within ``timeout_s``), then stop the thread."""
        try:
            self._queue.put(None, timeout=timeout_s)
        except queue.Full:
            return
        self._thread.join(timeout_s)

    def _send_loop(self) -> None:
        while (text := self._queue.get()) is not None:
            body = json.dumps({"text": text}).encode()
            headers = {"content-type": "application/json"}
            try:
                answer = self._client.post(self.url, content=body, headers=headers)
                ok = answer.status_code < 300
            except httpx.HTTPError as exc:
                log.warning("fleet webhook to %s failed: %s", self.host, type(exc).__name__)
                ok = False
            else:
                if not ok:
                    log.warning(
                        "fleet webhook to %s answered HTTP %d", self.host, answer.status_code
                    )
            if ok:
                self.sent += 1
            else:
                self.failed += 1
